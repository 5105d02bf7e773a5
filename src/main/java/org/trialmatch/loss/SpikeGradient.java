package org.trialmatch.loss;

import java.util.Arrays;

/**
 * The gradient of a loss with respect to the model's spikes {@code [t][trial][unit]} and jaw
 * {@code [t][trial][channel]}, in the structured form every loss of this package produces:
 *
 * <pre>
 *   dL/dz[t][b][n] = perUnit[t][n] + perGroup[t][b][group(n)]      (second term only for grouped units)
 *   dL/djaw[t][b][c] = jaw[t][b][c]
 * </pre>
 *
 * The PSTH loss depends on the spikes only through trial averages (a per-unit part the same for every
 * trial); the trial features only through averages over the units of one area of one session (a
 * per-group part). This form is exact, costs {@code T x (N + B x G)} instead of {@code T x B x N}, and is
 * closed under the linear combinations {@link GradientNormalizer} makes. The backward pass expands one
 * step at a time with {@link #addStepInto}.
 */
public final class SpikeGradient {
  private final int steps;
  private final int trials;
  private final int units;
  private final UnitGroups groups;
  private final int channels;
  private final double[] perUnit;
  private final double[] perGroup;
  private final double[] jaw;
  private final double[] groupSumA;
  private final double[] groupSumB;

  /**
   * A zero gradient.
   *
   * @param steps time steps T
   * @param trials model trials B
   * @param groups the grouping of the N model units
   */
  public SpikeGradient(int steps, int trials, UnitGroups groups) {
    this(steps, trials, groups, 1);
  }

  /**
   * A zero gradient whose jaw part has several behaviour channels.
   *
   * @param steps time steps T
   * @param trials model trials B
   * @param groups the grouping of the N model units
   * @param channels behaviour channels C of the jaw (>= 1)
   */
  public SpikeGradient(int steps, int trials, UnitGroups groups, int channels) {
    if (steps < 1 || trials < 1 || channels < 1) {
      throw new IllegalArgumentException("steps, trials and channels must be >= 1, were " + steps + ", " + trials
          + ", " + channels);
    }
    this.channels = channels;
    this.steps = steps;
    this.trials = trials;
    this.units = groups.units();
    this.groups = groups;
    this.perUnit = new double[steps * units];
    this.perGroup = new double[steps * trials * groups.groups()];
    this.jaw = new double[steps * trials * channels];
    this.groupSumA = new double[groups.groups()];
    this.groupSumB = new double[groups.groups()];
  }

  /** @return time steps T */
  public int steps() {
    return steps;
  }

  /** @return trials B */
  public int trials() {
    return trials;
  }

  /** @return behaviour channels C of the jaw part */
  public int channels() {
    return channels;
  }

  /** @return units N */
  public int units() {
    return units;
  }

  /** @return the unit grouping of the per-group part */
  public UnitGroups groups() {
    return groups;
  }

  /** Sets every entry to zero. */
  public void clear() {
    Arrays.fill(perUnit, 0.0);
    Arrays.fill(perGroup, 0.0);
    Arrays.fill(jaw, 0.0);
  }

  /** @return the per-unit part, {@code [t][unit]}, shared by all trials (live array) */
  double[] perUnit() {
    return perUnit;
  }

  /** @return the per-group part, {@code [t][trial][group]} (live array) */
  double[] perGroup() {
    return perGroup;
  }

  /** @return the jaw part, {@code [t][trial][channel]} (live array) */
  double[] jawPart() {
    return jaw;
  }

  /**
   * @param t step
   * @param trial trial
   * @param unit unit
   * @return dL/dz[t][trial][unit]
   */
  public double spike(int t, int trial, int unit) {
    int g = groups.groupOf(unit);
    double v = perUnit[t * units + unit];
    return g < 0 ? v : v + perGroup[(t * trials + trial) * groups.groups() + g];
  }

  /**
   * @param t step
   * @param trial trial
   * @param c channel
   * @return dL/djaw[t][trial][c]
   */
  public double jaw(int t, int trial, int c) {
    return jaw[(t * trials + trial) * channels + c];
  }

  /**
   * Adds the spike gradient of step {@code t} to {@code out[trial][unit]} (the backward pass's
   * z-bar of that step).
   *
   * @param t step
   * @param out {@code trials x units} row-major; added to
   */
  public void addStepInto(int t, float[] out) {
    if (out.length < trials * units) {
      throw new IllegalArgumentException("out must hold trials*units = " + trials * units + " values, held " + out.length);
    }
    int nGroups = groups.groups();
    int pu = t * units;
    for (int b = 0; b < trials; b++) {
      int o = b * units;
      int pg = (t * trials + b) * nGroups;
      for (int n = 0; n < units; n++) {
        int g = groups.groupOf(n);
        double v = perUnit[pu + n];
        if (g >= 0) {
          v += perGroup[pg + g];
        }
        out[o + n] += (float) v;
      }
    }
  }

  /**
   * Adds the jaw gradient of step {@code t} to {@code out[trial][channel]}.
   *
   * @param t step
   * @param out length at least {@code trials * channels}; added to
   */
  public void addJawStepInto(int t, float[] out) {
    int o = t * trials * channels;
    int len = trials * channels;
    for (int i = 0; i < len; i++) {
      out[i] += (float) jaw[o + i];
    }
  }

  /** @return the spike gradient as a dense {@code [t][trial][unit]} array (for small sizes and tests) */
  public double[] toDenseSpikes() {
    double[] d = new double[steps * trials * units];
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < trials; b++) {
        for (int n = 0; n < units; n++) {
          d[(t * trials + b) * units + n] = spike(t, b, n);
        }
      }
    }
    return d;
  }

  /** @return a copy of the jaw gradient {@code [t][trial][channel]} */
  public double[] toDenseJaw() {
    return jaw.clone();
  }

  /**
   * The inner product of the two full gradients (spikes and jaw) as dense tensors, computed from the
   * structured parts.
   *
   * @param other a gradient of the same shape and grouping
   * @return {@code sum over t,b,n of this*other + sum over t,b of jaw*jaw'}
   */
  public double dot(SpikeGradient other) {
    checkCompatible(other);
    int nGroups = groups.groups();
    double total = 0;
    for (int t = 0; t < steps; t++) {
      int pu = t * units;
      double pp = 0;
      Arrays.fill(groupSumA, 0.0);
      Arrays.fill(groupSumB, 0.0);
      for (int n = 0; n < units; n++) {
        double a = perUnit[pu + n];
        double b = other.perUnit[pu + n];
        pp += a * b;
        int g = groups.groupOf(n);
        if (g >= 0) {
          groupSumA[g] += a;
          groupSumB[g] += b;
        }
      }
      double step = trials * pp;
      for (int b = 0; b < trials; b++) {
        int pg = (t * trials + b) * nGroups;
        for (int g = 0; g < nGroups; g++) {
          double ga = perGroup[pg + g];
          double gb = other.perGroup[pg + g];
          step += groupSumA[g] * gb + groupSumB[g] * ga + groups.size(g) * ga * gb;
        }
      }
      total += step;
    }
    for (int i = 0; i < jaw.length; i++) {
      total += jaw[i] * other.jaw[i];
    }
    return total;
  }

  /**
   * {@code this += c * other}.
   *
   * @param c factor
   * @param other a gradient of the same shape and grouping
   */
  public void addScaled(double c, SpikeGradient other) {
    checkCompatible(other);
    for (int i = 0; i < perUnit.length; i++) {
      perUnit[i] += c * other.perUnit[i];
    }
    for (int i = 0; i < perGroup.length; i++) {
      perGroup[i] += c * other.perGroup[i];
    }
    for (int i = 0; i < jaw.length; i++) {
      jaw[i] += c * other.jaw[i];
    }
  }

  private void checkCompatible(SpikeGradient other) {
    if (other.steps != steps || other.trials != trials || other.groups != groups || other.channels != channels) {
      throw new IllegalArgumentException(
          "gradients differ in shape or grouping: [" + steps + "," + trials + "," + units + "] vs ["
              + other.steps + "," + other.trials + "," + other.units + "]"
              + (other.groups != groups ? " (different UnitGroups)" : ""));
    }
  }
}
