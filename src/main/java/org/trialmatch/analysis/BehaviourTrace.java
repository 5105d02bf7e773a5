package org.trialmatch.analysis;

/**
 * A behaviour trace (e.g. jaw position, lick rate) of one set of trials on the same time bins as
 * the spike counts, row-major {@code [t][trial]}. Values must be finite.
 */
public final class BehaviourTrace {
  private final float[] values;
  private final int bins;
  private final int trials;

  private BehaviourTrace(float[] values, int bins, int trials) {
    if (bins < 1 || trials < 0) {
      throw new IllegalArgumentException("behaviour needs bins >= 1 and trials >= 0, were " + bins + ", " + trials);
    }
    if ((long) bins * trials != values.length) {
      throw new IllegalArgumentException("behaviour length " + values.length + " != bins " + bins
          + " x trials " + trials);
    }
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException("behaviour at [t " + (i / Math.max(1, trials)) + "][trial "
            + (i % Math.max(1, trials)) + "] must be finite, was " + values[i]);
      }
    }
    this.values = values;
    this.bins = bins;
    this.trials = trials;
  }

  /**
   * Wraps an array without copying (the caller must not change it afterwards).
   *
   * @param values trace, row-major {@code [t][trial]}
   * @param bins time bins T
   * @param trials trials K
   * @return the trace
   */
  public static BehaviourTrace wrap(float[] values, int bins, int trials) {
    return new BehaviourTrace(values, bins, trials);
  }

  /**
   * @param values trace, row-major {@code [t][trial]} (copied)
   * @param bins time bins T
   * @param trials trials K
   * @return the trace
   */
  public static BehaviourTrace copyOf(float[] values, int bins, int trials) {
    return new BehaviourTrace(values.clone(), bins, trials);
  }

  /** @return time bins T */
  public int bins() {
    return bins;
  }

  /** @return trials K */
  public int trials() {
    return trials;
  }

  /**
   * @param t time bin
   * @param trial trial
   * @return the value
   */
  public float get(int t, int trial) {
    return values[t * trials + trial];
  }
}
