package org.trialmatch.analysis;

/** Small statistics used throughout the analysis (all in double). */
public final class Stats {
  /** z of a two-sided 95 % normal interval. */
  public static final double Z95 = 1.959963984540054;

  private Stats() {}

  /**
   * The Pearson correlation {@code sum (x-mx)(y-my) / sqrt(sum (x-mx)^2 sum (y-my)^2)} of two
   * equal-length slices; NaN when either slice is constant (zero variance) or shorter than 2.
   *
   * @param x first array
   * @param xOff first index in x
   * @param y second array
   * @param yOff first index in y
   * @param len slice length
   * @return the correlation in [-1, 1], or NaN
   */
  public static double pearson(double[] x, int xOff, double[] y, int yOff, int len) {
    if (len < 2 || isConstant(x, xOff, len) || isConstant(y, yOff, len)) {
      return Double.NaN;
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < len; i++) {
      mx += x[xOff + i];
      my += y[yOff + i];
    }
    mx /= len;
    my /= len;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < len; i++) {
      double dx = x[xOff + i] - mx;
      double dy = y[yOff + i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    double r = sxy / Math.sqrt(sxx * syy);
    return Math.max(-1.0, Math.min(1.0, r));
  }

  /**
   * A model-vs-data correlation as a score: the Pearson correlation of a data slice {@code ref} and a
   * model slice {@code other}; undefined (NaN, so the item is excluded) when the data slice is constant,
   * and 0 when only the model slice is constant (a silent or flat model captures none of the data's
   * variation, so it scores 0 rather than being left out).
   *
   * @param ref data values
   * @param refOff first index in ref
   * @param other model values
   * @param otherOff first index in other
   * @param len slice length
   * @return the score in [-1, 1], or NaN when the data slice is constant or shorter than 2
   */
  public static double score(double[] ref, int refOff, double[] other, int otherOff, int len) {
    if (len < 2 || isConstant(ref, refOff, len)) {
      return Double.NaN;
    }
    if (isConstant(other, otherOff, len)) {
      return 0.0;
    }
    return pearson(ref, refOff, other, otherOff, len);
  }

  /**
   * @param x first vector
   * @param y second vector, same length
   * @return their Pearson correlation, NaN when either is constant
   */
  public static double pearson(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("pearson needs equal lengths, were " + x.length + " and " + y.length);
    }
    return pearson(x, 0, y, 0, x.length);
  }

  /**
   * @param x array
   * @param off first index
   * @param len slice length
   * @return true when every value of the slice equals the first
   */
  public static boolean isConstant(double[] x, int off, int len) {
    for (int i = 1; i < len; i++) {
      if (x[off + i] != x[off]) {
        return false;
      }
    }
    return true;
  }

  /**
   * @param values values
   * @param keep which indices to keep
   * @return the kept values, in order
   */
  public static double[] select(double[] values, java.util.function.IntPredicate keep) {
    return java.util.stream.IntStream.range(0, values.length).filter(keep).mapToDouble(k -> values[k]).toArray();
  }

  /**
   * Mean, standard error and count of the finite values; NaN values count as excluded.
   *
   * @param values values, NaN for excluded items
   * @return the summary
   */
  public static Summary summarize(double[] values) {
    int n = 0;
    double sum = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        n++;
        sum += v;
      }
    }
    int excluded = values.length - n;
    if (n == 0) {
      return new Summary(Double.NaN, Double.NaN, 0, excluded);
    }
    double mean = sum / n;
    double ss = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        ss += (v - mean) * (v - mean);
      }
    }
    double sem = n > 1 ? Math.sqrt(ss / (n - 1) / n) : Double.NaN;
    return new Summary(mean, sem, n, excluded);
  }

  /**
   * @param sum a sum of {@code n} traces
   * @param n how many traces were summed
   * @return their mean, a new array ({@code sum[i] / n}); empty when n = 0
   */
  static double[] meanOfSum(double[] sum, int n) {
    if (n == 0) {
      return new double[0];
    }
    double[] out = sum.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] /= n;
    }
    return out;
  }

  /**
   * The Wilson score interval of a binomial proportion:
   * {@code (p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)} with {@code p = count/n}.
   *
   * @param count successes
   * @param n trials
   * @param z normal quantile (1.96 for 95 %)
   * @return the proportion with its interval; for n = 0, p is NaN and the interval [0, 1]
   */
  public static Proportion wilson(int count, int n, double z) {
    if (count < 0 || count > n) {
      throw new IllegalArgumentException("count must be in [0, n=" + n + "], was " + count);
    }
    if (n == 0) {
      return new Proportion(0, 0, Double.NaN, 0.0, 1.0);
    }
    double p = (double) count / n;
    double z2 = z * z;
    double denom = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denom;
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
    return new Proportion(count, n, p, Math.max(0.0, centre - half), Math.min(1.0, centre + half));
  }

  /**
   * @param count successes
   * @param n trials
   * @return the proportion with its 95 % Wilson interval
   */
  public static Proportion wilson95(int count, int n) {
    return wilson(count, n, Z95);
  }
}
