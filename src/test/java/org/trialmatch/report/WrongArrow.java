package org.trialmatch.report;

import org.trialmatch.train.Fit;

/** A class with a forbidden dependency (report on train), for the architecture rule's own test. */
public final class WrongArrow {
  private WrongArrow() {}

  /**
   * @param fit a fit
   * @return its step
   */
  public static long step(Fit fit) {
    return fit.step();
  }
}
