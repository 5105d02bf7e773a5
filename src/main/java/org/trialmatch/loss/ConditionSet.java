package org.trialmatch.loss;

import java.util.Objects;

/**
 * A named subset of the recorded trials, per session (e.g. all trials, the stimulus trials, the
 * no-stimulus trials): the losses compare the model with the data trials of one condition set at a
 * time. Padding trials are ignored whether selected or not.
 */
public final class ConditionSet {
  private final String name;
  private final boolean[][] included;

  private ConditionSet(String name, boolean[][] included) {
    this.name = name;
    this.included = included;
  }

  /**
   * @param name label, e.g. {@code all} or {@code stim}
   * @param included {@code included[session][trial]}: whether the trial belongs to the set
   * @return the condition set over a copy of the masks
   */
  public static ConditionSet of(String name, boolean[][] included) {
    Objects.requireNonNull(name, "name");
    boolean[][] copy = new boolean[included.length][];
    for (int s = 0; s < included.length; s++) {
      copy[s] = included[s].clone();
    }
    return new ConditionSet(name, copy);
  }

  /**
   * @param sessions number of sessions
   * @param trials trial slots per session
   * @return the set of every (non-padding) trial, named {@code all}
   */
  public static ConditionSet all(int sessions, int trials) {
    boolean[][] m = new boolean[sessions][trials];
    for (boolean[] row : m) {
      java.util.Arrays.fill(row, true);
    }
    return new ConditionSet("all", m);
  }

  /** @return the label */
  public String name() {
    return name;
  }

  /** @return number of sessions covered */
  public int sessions() {
    return included.length;
  }

  /**
   * @param session session index
   * @param trial trial slot
   * @return whether the trial is selected (false beyond the mask)
   */
  public boolean includes(int session, int trial) {
    return session < included.length && trial < included[session].length && included[session][trial];
  }
}
