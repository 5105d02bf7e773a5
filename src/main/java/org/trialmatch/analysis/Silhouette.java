package org.trialmatch.analysis;

/**
 * The mean silhouette of a clustering (Rousseeuw 1987), with point weights. For point i in
 * cluster A: {@code a(i)} = weighted mean Euclidean distance to the other points of A, {@code b(i)}
 * = the smallest weighted mean distance to the points of another cluster, and
 * {@code s(i) = (b - a) / max(a, b)}; a point alone in its cluster has s = 0. The result is
 * {@code sum_i w_i s(i) / sum_i w_i}; with equal weights it is the usual mean silhouette.
 */
public final class Silhouette {
  private Silhouette() {}

  /**
   * @param x points, row-major {@code [point][dim]}
   * @param n number of points
   * @param d dimensions
   * @param weights one positive weight per point
   * @param labels cluster of each point, 0..k-1
   * @param k number of clusters (at least 2)
   * @return the weighted mean silhouette in [-1, 1]
   */
  public static double mean(double[] x, int n, int d, double[] weights, int[] labels, int k) {
    if (x.length != n * d || weights.length != n || labels.length != n) {
      throw new IllegalArgumentException("silhouette sizes: x " + x.length + " for " + n + " x " + d
          + ", weights " + weights.length + ", labels " + labels.length);
    }
    if (k < 2) {
      throw new IllegalArgumentException("silhouette needs k >= 2, was " + k);
    }
    double[] sumD = new double[k];
    double[] sumW = new double[k];
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(sumD, 0);
      java.util.Arrays.fill(sumW, 0);
      for (int j = 0; j < n; j++) {
        if (j == i) {
          continue;
        }
        double s = 0;
        for (int q = 0; q < d; q++) {
          double t = x[i * d + q] - x[j * d + q];
          s += t * t;
        }
        sumD[labels[j]] += weights[j] * Math.sqrt(s);
        sumW[labels[j]] += weights[j];
      }
      int own = labels[i];
      double si;
      if (sumW[own] == 0) {
        si = 0;
      } else {
        double a = sumD[own] / sumW[own];
        double b = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          if (c != own && sumW[c] > 0) {
            b = Math.min(b, sumD[c] / sumW[c]);
          }
        }
        if (Double.isInfinite(b)) {
          si = 0;
        } else {
          double m = Math.max(a, b);
          si = m > 0 ? (b - a) / m : 0;
        }
      }
      num += weights[i] * si;
      den += weights[i];
    }
    return num / den;
  }
}
