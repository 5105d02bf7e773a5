package org.trialmatch.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Weighted k-means (Lloyd iterations) with k-means++ seeding, restarted several times; the run
 * with the lowest weighted inertia {@code sum_i w_i ||x_i - c(i)||²} wins. k-means++ draws the first
 * centre with probability proportional to the weight and each further centre proportionally to
 * {@code w_i D_i²} (D = distance to the nearest centre so far). A cluster that empties takes the
 * point with the largest {@code w_i D_i²}. Clusters are numbered by decreasing total weight.
 */
public final class KMeans {
  private static final int MAX_ITER = 300;

  private final int k;
  private final int dims;
  private final int[] labels;
  private final double[] centroids;
  private final double inertia;

  private KMeans(int k, int dims, int[] labels, double[] centroids, double inertia) {
    this.k = k;
    this.dims = dims;
    this.labels = labels;
    this.centroids = centroids;
    this.inertia = inertia;
  }

  /**
   * @param x points, row-major {@code [point][dim]}
   * @param n number of points (at least k)
   * @param d dimensions
   * @param weights one positive weight per point
   * @param k clusters
   * @param restarts k-means++ restarts
   * @param rng random source (consumed)
   * @return the best clustering found
   */
  public static KMeans fit(double[] x, int n, int d, double[] weights, int k, int restarts, SplittableRandom rng) {
    if (x.length != n * d || weights.length != n) {
      throw new IllegalArgumentException("k-means sizes: x " + x.length + " for " + n + " x " + d + ", weights " + weights.length);
    }
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k must be in [1, n=" + n + "], was " + k);
    }
    if (restarts < 1) {
      throw new IllegalArgumentException("restarts must be >= 1, was " + restarts);
    }
    KMeans best = null;
    for (int r = 0; r < restarts; r++) {
      KMeans run = once(x, n, d, weights, k, rng);
      if (best == null || run.inertia < best.inertia) {
        best = run;
      }
    }
    return best.orderedBySize(weights);
  }

  private static KMeans once(double[] x, int n, int d, double[] w, int k, SplittableRandom rng) {
    double[] c = new double[k * d];
    double[] dist2 = new double[n];
    int first = draw(w, null, n, rng);
    System.arraycopy(x, first * d, c, 0, d);
    for (int i = 0; i < n; i++) {
      dist2[i] = sq(x, i, c, 0, d);
    }
    for (int j = 1; j < k; j++) {
      int pick = draw(w, dist2, n, rng);
      System.arraycopy(x, pick * d, c, j * d, d);
      for (int i = 0; i < n; i++) {
        dist2[i] = Math.min(dist2[i], sq(x, i, c, j, d));
      }
    }
    int[] labels = new int[n];
    Arrays.fill(labels, -1);
    double[] sumW = new double[k];
    for (int iter = 0; iter < MAX_ITER; iter++) {
      boolean changed = false;
      for (int i = 0; i < n; i++) {
        int arg = nearest(x, i, c, k, d);
        dist2[i] = sq(x, i, c, arg, d);
        if (labels[i] != arg) {
          labels[i] = arg;
          changed = true;
        }
      }
      if (!changed && iter > 0) {
        break;
      }
      Arrays.fill(c, 0);
      Arrays.fill(sumW, 0);
      for (int i = 0; i < n; i++) {
        int j = labels[i];
        sumW[j] += w[i];
        for (int q = 0; q < d; q++) {
          c[j * d + q] += w[i] * x[i * d + q];
        }
      }
      for (int j = 0; j < k; j++) {
        if (sumW[j] > 0) {
          for (int q = 0; q < d; q++) {
            c[j * d + q] /= sumW[j];
          }
        } else {
          int far = 0;
          for (int i = 1; i < n; i++) {
            if (w[i] * dist2[i] > w[far] * dist2[far]) {
              far = i;
            }
          }
          System.arraycopy(x, far * d, c, j * d, d);
          dist2[far] = 0;
          labels[far] = -1;
        }
      }
    }
    double inertia = 0;
    for (int i = 0; i < n; i++) {
      int arg = nearest(x, i, c, k, d);
      labels[i] = arg;
      inertia += w[i] * sq(x, i, c, arg, d);
    }
    return new KMeans(k, d, labels, c, inertia);
  }

  /** The index of the centre nearest to point i (the first one on ties). */
  private static int nearest(double[] x, int i, double[] c, int k, int d) {
    int arg = 0;
    double bestD = sq(x, i, c, 0, d);
    for (int j = 1; j < k; j++) {
      double dj = sq(x, i, c, j, d);
      if (dj < bestD) {
        bestD = dj;
        arg = j;
      }
    }
    return arg;
  }

  private static int draw(double[] w, double[] dist2, int n, SplittableRandom rng) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += dist2 == null ? w[i] : w[i] * dist2[i];
    }
    if (!(total > 0)) {
      return rng.nextInt(n);
    }
    double u = rng.nextDouble() * total;
    double acc = 0;
    for (int i = 0; i < n; i++) {
      acc += dist2 == null ? w[i] : w[i] * dist2[i];
      if (u < acc) {
        return i;
      }
    }
    return n - 1;
  }

  private static double sq(double[] x, int i, double[] c, int j, int d) {
    double s = 0;
    int xi = i * d;
    int cj = j * d;
    for (int q = 0; q < d; q++) {
      double t = x[xi + q] - c[cj + q];
      s += t * t;
    }
    return s;
  }

  private KMeans orderedBySize(double[] w) {
    double[] size = new double[k];
    for (int i = 0; i < labels.length; i++) {
      size[labels[i]] += w[i];
    }
    Integer[] order = new Integer[k];
    for (int j = 0; j < k; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> size[a] != size[b] ? Double.compare(size[b], size[a]) : Integer.compare(a, b));
    int[] newIndex = new int[k];
    double[] c = new double[k * dims];
    for (int j = 0; j < k; j++) {
      newIndex[order[j]] = j;
      System.arraycopy(centroids, order[j] * dims, c, j * dims, dims);
    }
    int[] l = new int[labels.length];
    for (int i = 0; i < l.length; i++) {
      l[i] = newIndex[labels[i]];
    }
    return new KMeans(k, dims, l, c, inertia);
  }

  /** @return number of clusters */
  public int k() {
    return k;
  }

  /** @return cluster of each point, 0 = largest total weight (a copy) */
  public int[] labels() {
    return labels.clone();
  }

  /**
   * @param j cluster
   * @return its centroid (a copy)
   */
  public double[] centroid(int j) {
    return Arrays.copyOfRange(centroids, j * dims, (j + 1) * dims);
  }

  /** @return the weighted inertia */
  public double inertia() {
    return inertia;
  }
}
