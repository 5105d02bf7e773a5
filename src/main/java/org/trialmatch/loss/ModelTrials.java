package org.trialmatch.loss;

import org.trialmatch.data.TrialTensor;

/**
 * The model's output for one batch of trials, as the losses read it: spikes {@code [t][trial][unit]}
 * and, when the model has a jaw readout, the jaw trace {@code [t][trial][channel]}, both {@link TrialTensor}s
 * over float arrays wrapped without copying (the caller must not change them during an evaluation).
 */
public final class ModelTrials {
  private final TrialTensor spikes;
  private final TrialTensor jaw;
  private final int channels;

  private ModelTrials(TrialTensor spikes, TrialTensor jaw, int channels) {
    this.spikes = spikes;
    this.jaw = jaw;
    this.channels = channels;
  }

  /**
   * @param spikes spikes (or spike probabilities), row-major {@code [t][trial][unit]}
   * @param jaw jaw trace, row-major {@code [t][trial]}, or {@code null} without a jaw readout
   * @param steps time steps T (>= 1)
   * @param trials model trials B (>= 1)
   * @param units model units N (>= 1)
   * @return a view over the arrays (not copied)
   */
  public static ModelTrials wrap(float[] spikes, float[] jaw, int steps, int trials, int units) {
    return wrap(spikes, jaw, steps, trials, units, 1);
  }

  /**
   * @param spikes spikes (or spike probabilities), row-major {@code [t][trial][unit]}
   * @param jaw jaw trace, row-major {@code [t][trial][channel]}, or {@code null} without a jaw readout
   * @param steps time steps T (>= 1)
   * @param trials model trials B (>= 1)
   * @param units model units N (>= 1)
   * @param channels behaviour channels C of the jaw (>= 1)
   * @return a view over the arrays (not copied)
   */
  public static ModelTrials wrap(float[] spikes, float[] jaw, int steps, int trials, int units, int channels) {
    if (channels < 1) {
      throw new IllegalArgumentException("channels must be >= 1, was " + channels);
    }
    if (steps < 1 || trials < 1 || units < 1) {
      throw new IllegalArgumentException(
          "steps, trials and units must be >= 1, were " + steps + ", " + trials + ", " + units);
    }
    return new ModelTrials(TrialTensor.wrap(spikes, steps, trials, units),
        jaw == null ? null : TrialTensor.wrap(jaw, steps, trials, channels), channels);
  }

  /** @return the spikes, {@code [t][trial][unit]} (not a copy) */
  public float[] spikes() {
    return spikes.values();
  }

  /** @return the spikes as a tensor, {@code [t][trial][unit]} (not a copy) */
  public TrialTensor spikeTensor() {
    return spikes;
  }

  /** @return behaviour channels C of the jaw */
  public int channels() {
    return channels;
  }

  /** @return the jaw trace {@code [t][trial][channel]} (not a copy), or {@code null} */
  public float[] jaw() {
    return jaw == null ? null : jaw.values();
  }

  /** @return time steps T */
  public int steps() {
    return spikes.steps();
  }

  /** @return trials B */
  public int trials() {
    return spikes.trials();
  }

  /** @return units N */
  public int units() {
    return spikes.units();
  }
}
