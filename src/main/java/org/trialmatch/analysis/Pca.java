package org.trialmatch.analysis;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * Principal component analysis with point weights: weighted mean, weighted covariance
 * {@code C = sum_i w_i (x_i - mu)(x_i - mu)^T / sum_i w_i}, and its eigen-decomposition (Commons Math,
 * symmetric). Components are sorted by decreasing variance; the sign of each is fixed so that its
 * largest-magnitude loading is positive (a deterministic choice, PCA being defined up to sign).
 */
public final class Pca {
  private final int dims;
  private final double[] mean;
  private final double[] components;
  private final double[] variances;
  private final double totalVariance;

  private Pca(int dims, double[] mean, double[] components, double[] variances, double totalVariance) {
    this.dims = dims;
    this.mean = mean;
    this.components = components;
    this.variances = variances;
    this.totalVariance = totalVariance;
  }

  /**
   * @param x points, row-major {@code [point][dim]}
   * @param n number of points
   * @param d dimensions
   * @param weights one positive weight per point
   * @return the fitted decomposition (d components)
   */
  public static Pca fit(double[] x, int n, int d, double[] weights) {
    if (x.length != n * d || weights.length != n) {
      throw new IllegalArgumentException("pca sizes: x " + x.length + " for " + n + " x " + d + ", weights " + weights.length);
    }
    if (n < 1 || d < 1) {
      throw new IllegalArgumentException("pca needs at least one point and one dimension, had " + n + " x " + d);
    }
    double wsum = 0;
    for (double w : weights) {
      if (!(w > 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("pca weights must be finite and > 0, found " + w);
      }
      wsum += w;
    }
    double[] mu = new double[d];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        mu[k] += weights[i] * x[i * d + k];
      }
    }
    for (int k = 0; k < d; k++) {
      mu[k] /= wsum;
    }
    double[][] cov = new double[d][d];
    double[] dev = new double[d];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        dev[k] = x[i * d + k] - mu[k];
      }
      double w = weights[i] / wsum;
      for (int a = 0; a < d; a++) {
        double wa = w * dev[a];
        double[] row = cov[a];
        for (int b = a; b < d; b++) {
          row[b] += wa * dev[b];
        }
      }
    }
    double total = 0;
    for (int a = 0; a < d; a++) {
      total += cov[a][a];
      for (int b = 0; b < a; b++) {
        cov[a][b] = cov[b][a];
      }
    }
    EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
    double[] values = eig.getRealEigenvalues();
    Integer[] order = new Integer[d];
    for (int k = 0; k < d; k++) {
      order[k] = k;
    }
    java.util.Arrays.sort(order, (p, q) -> Double.compare(values[q], values[p]));
    double[] comps = new double[d * d];
    double[] vars = new double[d];
    for (int c = 0; c < d; c++) {
      RealVector v = eig.getEigenvector(order[c]);
      int arg = 0;
      for (int k = 1; k < d; k++) {
        if (Math.abs(v.getEntry(k)) > Math.abs(v.getEntry(arg))) {
          arg = k;
        }
      }
      double sign = v.getEntry(arg) < 0 ? -1 : 1;
      double norm = v.getNorm();
      for (int k = 0; k < d; k++) {
        comps[c * d + k] = sign * v.getEntry(k) / norm;
      }
      vars[c] = Math.max(0.0, values[order[c]]);
    }
    return new Pca(d, mu, comps, vars, total);
  }

  /** @return input dimensions */
  public int dims() {
    return dims;
  }

  /** @return the weighted mean (a copy) */
  public double[] mean() {
    return mean.clone();
  }

  /**
   * @param c component index (0 = largest variance)
   * @return the unit-length direction (a copy)
   */
  public double[] component(int c) {
    return java.util.Arrays.copyOfRange(components, c * dims, (c + 1) * dims);
  }

  /**
   * @param c component index
   * @return the weighted variance along it
   */
  public double variance(int c) {
    return variances[c];
  }

  /**
   * @param c component index
   * @return its share of the total variance (0 when the total is 0)
   */
  public double explainedRatio(int c) {
    return totalVariance > 0 ? variances[c] / totalVariance : 0.0;
  }

  /**
   * @param tol relative tolerance
   * @return number of components whose variance exceeds {@code tol} times the largest
   */
  public int rank(double tol) {
    int r = 0;
    for (double v : variances) {
      if (v > tol * variances[0] && v > 0) {
        r++;
      }
    }
    return r;
  }

  /**
   * Projects points on the first {@code c} components.
   *
   * @param x points, row-major {@code [point][dim]}
   * @param n number of points
   * @param c components
   * @return scores, row-major {@code [point][component]}
   */
  public double[] project(double[] x, int n, int c) {
    if (x.length != n * dims || c > dims) {
      throw new IllegalArgumentException("project: x " + x.length + " for " + n + " x " + dims + ", components " + c);
    }
    double[] out = new double[n * c];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < c; k++) {
        double s = 0;
        int base = k * dims;
        for (int j = 0; j < dims; j++) {
          s += (x[i * dims + j] - mean[j]) * components[base + j];
        }
        out[i * c + k] = s;
      }
    }
    return out;
  }
}
