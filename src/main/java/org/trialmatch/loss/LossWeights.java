package org.trialmatch.loss;

/**
 * Weights of the loss terms in the total, and the ratio in which gradient normalisation combines the
 * terms' gradients.
 *
 * <p>The loss value is always {@code psth L_psth + trial L_trial}. Without gradient normalisation the
 * gradient is the same weighted sum. With it ({@link GradientNormalizer}) each term's gradient is
 * first scaled to unit running RMS, so the weights no longer compare the terms' scales; the
 * normalised gradients are then summed with the weights of {@link #normalisedPsth()} and {@link
 * #normalisedTrial()}: {@code psth} for the PSTH term and {@code psth * trialToPsthRatio} for the
 * trial-matching term (the trial-matching gradient has {@code trialToPsthRatio} times the PSTH
 * gradient's RMS). A term with weight 0 has no gradient; when only the trial-matching term has one,
 * it keeps the weight {@code trial}.
 *
 * @param psth weight of the PSTH loss (>= 0; the reference's coeff_loss = 10)
 * @param trial weight of the trial-matching loss (>= 0; the reference's coeff_trial_loss = 100)
 * @param trialToPsthRatio with gradient normalisation, the trial-matching gradient's weight relative
 *     to the PSTH gradient's (finite, > 0); 10 = psth / trial of the reference weights applied after
 *     normalisation, 1 = the reference's task splitter, where the weights cancel (method reference
 *     §3.8)
 */
public record LossWeights(double psth, double trial, double trialToPsthRatio) {
  /** Validates the fields. */
  public LossWeights {
    if (!(psth >= 0) || Double.isInfinite(psth)) {
      throw new IllegalArgumentException("psth must be finite and >= 0, was " + psth);
    }
    if (!(trial >= 0) || Double.isInfinite(trial)) {
      throw new IllegalArgumentException("trial must be finite and >= 0, was " + trial);
    }
    if (!(trialToPsthRatio > 0) || Double.isInfinite(trialToPsthRatio)) {
      throw new IllegalArgumentException("trialToPsthRatio must be finite and > 0, was " + trialToPsthRatio);
    }
  }

  /** @return the reference weights: PSTH 10, trial matching 100, normalised ratio 10 */
  public static LossWeights reference() {
    return new LossWeights(10, 100, 10);
  }

  /** @return the weight of the normalised PSTH gradient: {@code psth} */
  public double normalisedPsth() {
    return psth;
  }

  /**
   * @return the weight of the normalised trial-matching gradient: {@code psth * trialToPsthRatio}, or
   *     {@code trial} when {@code psth} is 0, or 0 when {@code trial} is 0
   */
  public double normalisedTrial() {
    if (trial == 0) {
      return 0;
    }
    return psth > 0 ? psth * trialToPsthRatio : trial;
  }
}
