package org.trialmatch.data;

/**
 * Values of a set of trials on one time grid, the layout every package shares: a flat float array,
 * row-major {@code [t][trial][unit]} (time-major: one step of all trials is contiguous), element
 * {@code (t, k, n)} at {@code (t·K + k)·N + n} for T steps, K trials and N units (or N channels of a
 * behaviour trace). What a value is — spike counts per bin of a recording, the model's spikes per step,
 * a behaviour trace, NaN for the padding trials of a session with fewer trials — is said by the type
 * that holds the tensor. Wraps its array without copying: the holder must not change it while others
 * read it.
 */
public final class TrialTensor {
  private final float[] values;
  private final int steps;
  private final int trials;
  private final int units;

  private TrialTensor(float[] values, int steps, int trials, int units) {
    this.values = values;
    this.steps = steps;
    this.trials = trials;
    this.units = units;
  }

  /**
   * @param values row-major {@code [t][trial][unit]}, {@code steps·trials·units} values (not copied)
   * @param steps time steps T (>= 0)
   * @param trials trials K (>= 0)
   * @param units units or channels N (>= 0)
   * @return a view over the array
   * @throws IllegalArgumentException if a size is negative or the array's length is not T·K·N
   */
  public static TrialTensor wrap(float[] values, int steps, int trials, int units) {
    if (steps < 0 || trials < 0 || units < 0) {
      throw new IllegalArgumentException(
          "steps, trials and units must be >= 0, were " + steps + ", " + trials + ", " + units);
    }
    if (values.length != (long) steps * trials * units) {
      throw new IllegalArgumentException("a [t][trial][unit] tensor of " + steps + " x " + trials + " x " + units
          + " must hold " + (long) steps * trials * units + " values, held " + values.length);
    }
    return new TrialTensor(values, steps, trials, units);
  }

  /**
   * Spike counts: every value finite and >= 0, at least one step and one unit.
   *
   * @param values counts, row-major {@code [t][trial][unit]} (not copied)
   * @param bins time bins T (>= 1)
   * @param trials trials K (>= 0)
   * @param units units N (>= 1)
   * @return a view over the array
   * @throws IllegalArgumentException naming the first count that is negative, NaN or infinite
   */
  public static TrialTensor counts(float[] values, int bins, int trials, int units) {
    if (bins < 1 || trials < 0 || units < 1) {
      throw new IllegalArgumentException("counts need bins >= 1, trials >= 0, units >= 1, were "
          + bins + ", " + trials + ", " + units);
    }
    TrialTensor c = wrap(values, bins, trials, units);
    for (int i = 0; i < values.length; i++) {
      float v = values[i];
      if (!(v >= 0) || Float.isInfinite(v)) {
        int t = i / (trials * units);
        int k = (i / units) % trials;
        throw new IllegalArgumentException("count at [t " + t + "][trial " + k + "][unit " + (i % units)
            + "] must be finite and >= 0, was " + v);
      }
    }
    return c;
  }

  /** @return time steps (bins) T */
  public int steps() {
    return steps;
  }

  /** @return trials K */
  public int trials() {
    return trials;
  }

  /** @return units (or channels) N */
  public int units() {
    return units;
  }

  /**
   * @param t step
   * @param trial trial
   * @param unit unit
   * @return the value at {@code (t, trial, unit)}
   */
  public float get(int t, int trial, int unit) {
    return values[(t * trials + trial) * units + unit];
  }

  /**
   * @param t step
   * @param trial trial
   * @return the offset of {@code (t, trial, 0)} in {@link #values()}
   */
  public int offset(int t, int trial) {
    return (t * trials + trial) * units;
  }

  /** @return the backing array, row-major {@code [t][trial][unit]} (not a copy; do not change it) */
  public float[] values() {
    return values;
  }
}
