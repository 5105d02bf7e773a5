package org.trialmatch.loss;

import java.util.random.RandomGenerator;

/**
 * The training objective: {@code L = w_psth L_psth + w_trial L_trial} (reference section 3.8), with
 * its gradient with respect to the model's spikes and jaw either the plain weighted sum of the
 * terms' gradients or, with gradient normalisation, the output of a {@link GradientNormalizer} over
 * the two terms (PSTH = term 0, trial matching = term 1) combined with the weights {@link
 * LossWeights#normalisedPsth()} and {@link LossWeights#normalisedTrial()} (their ratio is {@link
 * LossWeights#trialToPsthRatio()}). A term with weight 0 is evaluated for its value only. Not
 * thread-safe.
 */
public final class TotalLoss {
  private final PsthLoss psth;
  private final TrialMatchingLoss trial;
  private final LossWeights weights;
  private final GradientNormalizer normalizer;
  private final UnitGroups groups;
  private final int units;
  private final int channels;
  /** The weights of the normalised gradients. */
  private final double[] weightArray = new double[2];
  private final SpikeGradient[] termGradients = new SpikeGradient[2];

  private TotalLoss(
      PsthLoss psth, TrialMatchingLoss trial, LossWeights weights, GradientNormalizer normalizer,
      UnitGroups groups, int units, int channels) {
    this.psth = psth;
    this.trial = trial;
    this.weights = weights;
    this.normalizer = normalizer;
    this.groups = groups;
    this.units = units;
    this.channels = channels;
    this.weightArray[0] = weights.normalisedPsth();
    this.weightArray[1] = weights.normalisedTrial();
  }

  /**
   * @param psth the PSTH loss, or {@code null} for none
   * @param trial the trial-matching loss, or {@code null} for none
   * @param weights the terms' weights
   * @param units model units N (for the gradient's grouping when there is no trial-matching term)
   * @param normalizer the gradient normaliser over 2 terms, or {@code null} for the plain weighted sum
   * @return the total loss
   */
  public static TotalLoss create(
      PsthLoss psth, TrialMatchingLoss trial, LossWeights weights, int units, GradientNormalizer normalizer) {
    return create(psth, trial, weights, units, 1, normalizer);
  }

  /**
   * @param psth the PSTH loss, or {@code null} for none
   * @param trial the trial-matching loss, or {@code null} for none
   * @param weights the terms' weights
   * @param units model units N (for the gradient's grouping when there is no trial-matching term)
   * @param channels behaviour channels C of the model's jaw (the gradients' jaw part)
   * @param normalizer the gradient normaliser over 2 terms, or {@code null} for the plain weighted sum
   * @return the total loss
   */
  public static TotalLoss create(PsthLoss psth, TrialMatchingLoss trial, LossWeights weights, int units,
      int channels, GradientNormalizer normalizer) {
    if (psth == null && trial == null) {
      throw new IllegalArgumentException("at least one of the PSTH and trial-matching losses is needed");
    }
    if (normalizer != null && normalizer.terms() != 2) {
      throw new IllegalArgumentException("the normaliser must have 2 terms, had " + normalizer.terms());
    }
    UnitGroups groups = trial != null ? trial.features().groups() : UnitGroups.none(units);
    if (groups.units() != units) {
      throw new IllegalArgumentException(
          "units must be the model's unit count " + groups.units() + ", was " + units);
    }
    if (trial != null && trial.features().behaviour() && trial.features().channels() != channels) {
      throw new IllegalArgumentException("the trial features have " + trial.features().channels()
          + " behaviour channels, the model " + channels);
    }
    return new TotalLoss(psth, trial, weights, normalizer, groups, units, channels);
  }

  /** @return the grouping that gradients passed to {@link #evaluate} must have */
  public UnitGroups groups() {
    return groups;
  }

  /**
   * @param trials model trials B
   * @param steps time steps T
   * @return a zero gradient of the right shape and grouping for {@link #evaluate}
   */
  public SpikeGradient newGradient(int steps, int trials) {
    return new SpikeGradient(steps, trials, groups, channels);
  }

  /** @return the gradient normaliser, or {@code null} */
  public GradientNormalizer normalizer() {
    return normalizer;
  }

  /** @return the weights */
  public LossWeights weights() {
    return weights;
  }

  /**
   * Evaluates every term and, if {@code gradient} is not null, the combined gradient.
   *
   * @param condition index of the condition set the model trials were simulated for
   * @param model the model trials
   * @param random for hard matching's subsets when trial counts differ
   * @param gradient receives dL/dz and dL/djaw (overwritten), made by {@link #newGradient}; or {@code null}
   * @return the total and the terms' values
   */
  public LossValues evaluate(int condition, ModelTrials model, RandomGenerator random, SpikeGradient gradient) {
    if (model.units() != units) {
      throw new IllegalArgumentException("model has " + model.units() + " units, expected " + units);
    }
    if (gradient != null) {
      ensureTermGradients(model.steps(), model.trials());
    }
    double vPsth = 0;
    double vTrial = 0;
    boolean gradPsth = gradient != null && psth != null && weights.psth() > 0;
    boolean gradTrial = gradient != null && trial != null && weights.trial() > 0;
    if (psth != null) {
      vPsth = psth.evaluate(condition, model, gradPsth ? termGradients[0] : null);
    }
    if (trial != null) {
      vTrial = trial.evaluate(condition, model, random, gradTrial ? termGradients[1] : null);
    }
    if (gradient != null) {
      if (!gradPsth) {
        termGradients[0].clear();
      }
      if (!gradTrial) {
        termGradients[1].clear();
      }
      if (normalizer != null) {
        normalizer.combine(termGradients, weightArray, gradient);
      } else {
        gradient.clear();
        gradient.addScaled(weights.psth(), termGradients[0]);
        gradient.addScaled(weights.trial(), termGradients[1]);
      }
    }
    return new LossValues(weights.psth() * vPsth + weights.trial() * vTrial, vPsth, vTrial);
  }

  private void ensureTermGradients(int steps, int trials) {
    SpikeGradient g = termGradients[0];
    if (g == null || g.steps() != steps || g.trials() != trials) {
      termGradients[0] = new SpikeGradient(steps, trials, groups, channels);
      termGradients[1] = new SpikeGradient(steps, trials, groups, channels);
    }
  }
}
