package org.trialmatch.analysis;

/**
 * Counts of values in equal bins of {@code [lo, hi]}: bin i holds {@code lo + i w <= v < lo + (i + 1) w}
 * (w = (hi − lo) / bins), the last bin also {@code v = hi}. Values outside the range are counted in
 * {@link #outside()}, NaN values in {@link #undefined()}; neither enters a bin.
 */
public final class Histogram {
  private final double lo;
  private final double hi;
  private final int[] counts;
  private final int outside;
  private final int undefined;
  private final double mean;

  private Histogram(double lo, double hi, int[] counts, int outside, int undefined, double mean) {
    this.lo = lo;
    this.hi = hi;
    this.counts = counts;
    this.outside = outside;
    this.undefined = undefined;
    this.mean = mean;
  }

  /**
   * @param values the values (NaN allowed)
   * @param lo lower end of the first bin
   * @param hi upper end of the last bin (> lo)
   * @param bins number of bins (>= 1)
   * @return the histogram
   */
  public static Histogram of(double[] values, double lo, double hi, int bins) {
    if (!(hi > lo) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
      throw new IllegalArgumentException("histogram range must be finite with hi > lo, was [" + lo + ", " + hi + "]");
    }
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, was " + bins);
    }
    int[] c = new int[bins];
    int out = 0;
    int nan = 0;
    double sum = 0;
    int n = 0;
    double w = (hi - lo) / bins;
    for (double v : values) {
      if (Double.isNaN(v)) {
        nan++;
        continue;
      }
      sum += v;
      n++;
      if (v < lo || v > hi) {
        out++;
        continue;
      }
      int i = v == hi ? bins - 1 : (int) Math.floor((v - lo) / w);
      c[Math.min(bins - 1, i)]++;
    }
    return new Histogram(lo, hi, c, out, nan, n == 0 ? Double.NaN : sum / n);
  }

  /** @return number of bins */
  public int bins() {
    return counts.length;
  }

  /**
   * @param i bin
   * @return its lower edge
   */
  public double lowerEdge(int i) {
    return lo + (hi - lo) * i / counts.length;
  }

  /**
   * @param i bin
   * @return its upper edge
   */
  public double upperEdge(int i) {
    return lo + (hi - lo) * (i + 1) / counts.length;
  }

  /**
   * @param i bin
   * @return values in it
   */
  public int count(int i) {
    return counts[i];
  }

  /** @return values in the bins */
  public int total() {
    int s = 0;
    for (int c : counts) {
      s += c;
    }
    return s;
  }

  /** @return finite values outside {@code [lo, hi]} */
  public int outside() {
    return outside;
  }

  /** @return NaN values (left out) */
  public int undefined() {
    return undefined;
  }

  /** @return mean of the values that are not NaN, inside the range or not (NaN when none) */
  public double mean() {
    return mean;
  }
}
