package org.trialmatch.loss;

/**
 * The model's output for one batch of trials, as the losses read it: spikes {@code [t][trial][unit]}
 * and, when the model has a jaw readout, the jaw trace {@code [t][trial][channel]}, both row-major float
 * arrays wrapped without copying (the caller must not change them during an evaluation).
 */
public final class ModelTrials {
  private final float[] spikes;
  private final float[] jaw;
  private final int steps;
  private final int trials;
  private final int units;
  private final int channels;

  private ModelTrials(float[] spikes, float[] jaw, int steps, int trials, int units, int channels) {
    this.spikes = spikes;
    this.jaw = jaw;
    this.steps = steps;
    this.trials = trials;
    this.units = units;
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
    if (spikes.length != (long) steps * trials * units) {
      throw new IllegalArgumentException(
          "spikes must hold steps*trials*units = " + (long) steps * trials * units + " values, held " + spikes.length);
    }
    if (jaw != null && jaw.length != (long) steps * trials * channels) {
      throw new IllegalArgumentException("jaw must hold steps*trials*channels = " + (long) steps * trials * channels
          + " values, held " + jaw.length);
    }
    return new ModelTrials(spikes, jaw, steps, trials, units, channels);
  }

  /** @return the spikes, {@code [t][trial][unit]} (not a copy) */
  public float[] spikes() {
    return spikes;
  }

  /** @return behaviour channels C of the jaw */
  public int channels() {
    return channels;
  }

  /** @return the jaw trace {@code [t][trial][channel]} (not a copy), or {@code null} */
  public float[] jaw() {
    return jaw;
  }

  /** @return time steps T */
  public int steps() {
    return steps;
  }

  /** @return trials B */
  public int trials() {
    return trials;
  }

  /** @return units N */
  public int units() {
    return units;
  }
}
