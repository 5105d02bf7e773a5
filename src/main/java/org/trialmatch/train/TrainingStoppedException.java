package org.trialmatch.train;

/**
 * Training stopped because the loss or its gradient became NaN or infinite, or the loss exploded.
 * The message says at which step, what happened, where the last good checkpoint is and what to try.
 * The command line maps it to exit code 1.
 */
public final class TrainingStoppedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message one line: step, what happened, last good checkpoint, what to try */
  public TrainingStoppedException(String message) {
    super(message);
  }
}
