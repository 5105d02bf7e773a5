package org.trialmatch.analysis;

/**
 * A behaviour trace (e.g. jaw position, left and right lick rates) of one set of trials on the same
 * time bins as the spike counts, row-major {@code [t][trial][channel]}. Values must be finite.
 */
public final class BehaviourTrace {
  private final float[] values;
  private final int bins;
  private final int trials;
  private final int channels;

  private BehaviourTrace(float[] values, int bins, int trials, int channels) {
    if (bins < 1 || trials < 0 || channels < 1) {
      throw new IllegalArgumentException("behaviour needs bins >= 1, trials >= 0 and channels >= 1, were " + bins
          + ", " + trials + ", " + channels);
    }
    if ((long) bins * trials * channels != values.length) {
      throw new IllegalArgumentException("behaviour length " + values.length + " != bins " + bins
          + " x trials " + trials + " x channels " + channels);
    }
    int row = Math.max(1, trials * channels);
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException("behaviour at [t " + (i / row) + "][trial "
            + (i % row) / channels + "][channel " + i % channels + "] must be finite, was " + values[i]);
      }
    }
    this.values = values;
    this.bins = bins;
    this.trials = trials;
    this.channels = channels;
  }

  /**
   * Wraps an array without copying (the caller must not change it afterwards).
   *
   * @param values trace, row-major {@code [t][trial][channel]}
   * @param bins time bins T
   * @param trials trials K
   * @param channels channels C
   * @return the trace
   */
  public static BehaviourTrace wrap(float[] values, int bins, int trials, int channels) {
    return new BehaviourTrace(values, bins, trials, channels);
  }

  /**
   * @param values trace, row-major {@code [t][trial][channel]} (copied)
   * @param bins time bins T
   * @param trials trials K
   * @param channels channels C
   * @return the trace
   */
  public static BehaviourTrace copyOf(float[] values, int bins, int trials, int channels) {
    return new BehaviourTrace(values.clone(), bins, trials, channels);
  }

  /** @return channels C */
  public int channels() {
    return channels;
  }

  /**
   * @param t time bin
   * @param trial trial
   * @param c channel
   * @return the value
   */
  public float get(int t, int trial, int c) {
    return values[(t * trials + trial) * channels + c];
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
    return new BehaviourTrace(values, bins, trials, 1);
  }

  /**
   * @param values trace, row-major {@code [t][trial]} (copied)
   * @param bins time bins T
   * @param trials trials K
   * @return the trace
   */
  public static BehaviourTrace copyOf(float[] values, int bins, int trials) {
    return new BehaviourTrace(values.clone(), bins, trials, 1);
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
   * @return the value of the first channel
   */
  public float get(int t, int trial) {
    return values[(t * trials + trial) * channels];
  }
}
