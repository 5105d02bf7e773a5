package org.trialmatch.analysis;

/**
 * Spike counts of one set of trials, row-major {@code [t][trial][unit]} (time-major: one time bin
 * of all trials is contiguous). Values are counts per bin: finite and non-negative.
 */
public final class Counts {
  private final float[] values;
  private final int bins;
  private final int trials;
  private final int units;

  private Counts(float[] values, int bins, int trials, int units) {
    if (bins < 1 || trials < 0 || units < 1) {
      throw new IllegalArgumentException("counts need bins >= 1, trials >= 0, units >= 1, were "
          + bins + ", " + trials + ", " + units);
    }
    if ((long) bins * trials * units != values.length) {
      throw new IllegalArgumentException("counts length " + values.length + " != bins " + bins
          + " x trials " + trials + " x units " + units);
    }
    for (int i = 0; i < values.length; i++) {
      float v = values[i];
      if (!(v >= 0) || Float.isInfinite(v)) {
        int t = i / (trials * units);
        int k = (i / units) % trials;
        throw new IllegalArgumentException("count at [t " + t + "][trial " + k + "][unit " + (i % units)
            + "] must be finite and >= 0, was " + v);
      }
    }
    this.values = values;
    this.bins = bins;
    this.trials = trials;
    this.units = units;
  }

  /**
   * Wraps an array without copying (the caller must not change it afterwards).
   *
   * @param values counts, row-major {@code [t][trial][unit]}
   * @param bins time bins T
   * @param trials trials K
   * @param units units N
   * @return the counts
   */
  public static Counts wrap(float[] values, int bins, int trials, int units) {
    return new Counts(values, bins, trials, units);
  }

  /**
   * @param values counts, row-major {@code [t][trial][unit]} (copied)
   * @param bins time bins T
   * @param trials trials K
   * @param units units N
   * @return the counts
   */
  public static Counts copyOf(float[] values, int bins, int trials, int units) {
    return new Counts(values.clone(), bins, trials, units);
  }

  /** @return time bins T */
  public int bins() {
    return bins;
  }

  /** @return trials K */
  public int trials() {
    return trials;
  }

  /** @return units N */
  public int units() {
    return units;
  }

  /**
   * @param t time bin
   * @param trial trial
   * @param unit unit
   * @return the count
   */
  public float get(int t, int trial, int unit) {
    return values[(t * trials + trial) * units + unit];
  }

  /** @return the backing array, row-major {@code [t][trial][unit]}; do not modify */
  float[] raw() {
    return values;
  }
}
