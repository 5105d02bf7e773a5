package org.trialmatch.train;

/** Receives the events of a fit (progress, metrics); the command line renders them. */
public interface TrainingListener {
  /**
   * A training step finished.
   *
   * @param step the step (1-based)
   * @param totalSteps the configured maximum
   * @param loss total training loss
   * @param lossPsth PSTH term
   * @param lossTm trial-matching term
   * @param rateHz mean model firing rate
   */
  default void onStep(long step, long totalSteps, double loss, double lossPsth, double lossTm, double rateHz) {}

  /**
   * A validation finished.
   *
   * @param step the step
   * @param valLoss validation loss
   * @param tmDistance converged trial-matching distance on validation trials (NaN when not computed)
   * @param best true when this is the best validation loss so far
   */
  default void onValidation(long step, double valLoss, double tmDistance, boolean best) {}

  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};
}
