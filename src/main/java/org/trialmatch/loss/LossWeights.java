package org.trialmatch.loss;

/**
 * Weights of the loss terms in the total.
 *
 * @param psth weight of the PSTH loss (>= 0; the reference's coeff_loss = 10)
 * @param trial weight of the trial-matching loss (>= 0; the reference's coeff_trial_loss = 100)
 */
public record LossWeights(double psth, double trial) {
  /** Validates the fields. */
  public LossWeights {
    if (!(psth >= 0) || Double.isInfinite(psth)) {
      throw new IllegalArgumentException("psth must be finite and >= 0, was " + psth);
    }
    if (!(trial >= 0) || Double.isInfinite(trial)) {
      throw new IllegalArgumentException("trial must be finite and >= 0, was " + trial);
    }
  }

  /** @return the reference weights: PSTH 10, trial matching 100 */
  public static LossWeights reference() {
    return new LossWeights(10, 100);
  }
}
