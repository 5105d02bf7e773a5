package org.trialmatch.loss;

/**
 * The model's output for one batch of trials, as the losses read it: spikes {@code [t][trial][unit]}
 * and, when the model has a jaw readout, the jaw trace {@code [t][trial]}, both row-major float
 * arrays wrapped without copying (the caller must not change them during an evaluation).
 */
public final class ModelTrials {
  private final float[] spikes;
  private final float[] jaw;
  private final int steps;
  private final int trials;
  private final int units;

  private ModelTrials(float[] spikes, float[] jaw, int steps, int trials, int units) {
    this.spikes = spikes;
    this.jaw = jaw;
    this.steps = steps;
    this.trials = trials;
    this.units = units;
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
    if (steps < 1 || trials < 1 || units < 1) {
      throw new IllegalArgumentException(
          "steps, trials and units must be >= 1, were " + steps + ", " + trials + ", " + units);
    }
    if (spikes.length != (long) steps * trials * units) {
      throw new IllegalArgumentException(
          "spikes must hold steps*trials*units = " + (long) steps * trials * units + " values, held " + spikes.length);
    }
    if (jaw != null && jaw.length != (long) steps * trials) {
      throw new IllegalArgumentException(
          "jaw must hold steps*trials = " + (long) steps * trials + " values, held " + jaw.length);
    }
    return new ModelTrials(spikes, jaw, steps, trials, units);
  }

  /** @return the spikes, {@code [t][trial][unit]} (not a copy) */
  public float[] spikes() {
    return spikes;
  }

  /** @return the jaw trace {@code [t][trial]} (not a copy), or {@code null} */
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
