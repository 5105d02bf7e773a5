package org.trialmatch.loss;

/**
 * The log-domain kernels of the Sinkhorn solvers: the soft-min
 * {@code T(C,w,h)_i = -eps log sum_j w_j exp((h_j - C_ij)/eps)} (max-shifted, so it neither overflows nor
 * underflows), the same with the gradient of its sum with respect to the row points, and the marginal
 * error of a soft-min update. Every method writes into its {@code out} argument and takes a row
 * buffer of at least {@code cols} values; none allocates.
 */
final class SoftMin {
  private SoftMin() {}

  /**
   * {@code out_i = -eps log sum_j exp(logW + (h_j - C_ij)/eps)}; {@code h == null} means h = 0.
   *
   * @param eps the regularisation (> 0)
   * @param c the cost, row-major {@code [rows][cols]}
   * @param rows rows of c (points i)
   * @param cols columns of c (points j)
   * @param logW log of the uniform weight of a column
   * @param h the potential on the columns {@code [cols]}, or null
   * @param out receives the soft-min of every row {@code [rows]}
   * @param buf scratch of at least {@code cols} values
   */
  static void softmin(
      double eps, double[] c, int rows, int cols, double logW, double[] h, double[] out, double[] buf) {
    double invEps = 1.0 / eps;
    for (int i = 0; i < rows; i++) {
      int base = i * cols;
      double max = Double.NEGATIVE_INFINITY;
      if (h == null) {
        for (int j = 0; j < cols; j++) {
          double v = -c[base + j] * invEps;
          buf[j] = v;
          max = Math.max(max, v);
        }
      } else {
        for (int j = 0; j < cols; j++) {
          double v = (h[j] - c[base + j]) * invEps;
          buf[j] = v;
          max = Math.max(max, v);
        }
      }
      double s = 0;
      for (int j = 0; j < cols; j++) {
        s += Math.exp(buf[j] - max);
      }
      out[i] = -eps * (logW + max + Math.log(s));
    }
  }

  /**
   * As {@link #softmin} over the rows of C(p, q) (rows = points p, C Euclidean), and adds to
   * {@code grad} the gradient of {@code weight * sum_i out_i} with respect to the row points with h
   * held fixed: {@code weight * sum_j w_ij (p_i - q_j) / C_ij}, w_ij the soft-min weights (a row sums to
   * 1); a coincident pair (C_ij = 0) contributes 0.
   *
   * @param eps the regularisation (> 0)
   * @param c the cost, row-major {@code [rows][cols]}
   * @param rows rows of c (points of p)
   * @param cols columns of c (points of q)
   * @param logW log of the uniform weight of a column
   * @param h the potential on the columns {@code [cols]}
   * @param out receives the soft-min of every row {@code [rows]}
   * @param p the row points {@code [rows][dim]}
   * @param q the column points {@code [cols][dim]}
   * @param dim dimension of the points
   * @param weight factor of the sum whose gradient is added
   * @param grad receives the gradient, added to {@code [rows][dim]}
   * @param buf scratch of at least {@code cols} values
   */
  static void softminWithGradient(
      double eps, double[] c, int rows, int cols, double logW, double[] h, double[] out,
      double[] p, double[] q, int dim, double weight, double[] grad, double[] buf) {
    double invEps = 1.0 / eps;
    for (int i = 0; i < rows; i++) {
      int base = i * cols;
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < cols; j++) {
        double v = (h[j] - c[base + j]) * invEps;
        buf[j] = v;
        max = Math.max(max, v);
      }
      double s = 0;
      for (int j = 0; j < cols; j++) {
        double e = Math.exp(buf[j] - max);
        buf[j] = e;
        s += e;
      }
      out[i] = -eps * (logW + max + Math.log(s));
      double scale = weight / s;
      int po = i * dim;
      double selfCoefficient = 0;
      for (int j = 0; j < cols; j++) {
        double cij = c[base + j];
        if (cij > 0 && buf[j] != 0) {
          double w = scale * buf[j] / cij;
          selfCoefficient += w;
          int qo = j * dim;
          for (int d = 0; d < dim; d++) {
            grad[po + d] -= w * q[qo + d];
          }
        }
      }
      for (int d = 0; d < dim; d++) {
        grad[po + d] += selfCoefficient * p[po + d];
      }
    }
  }

  /**
   * L1 error of the row marginal of the plan of (f, g) given f' = T(g), uniform row weights 1/n:
   * {@code sum_i |exp((f_i - f'_i)/eps) - 1| / n}.
   *
   * @param f the row potential {@code [n]}
   * @param fNext its soft-min update T(g) {@code [n]}
   * @param n rows
   * @param invEps 1/eps
   * @return the error
   */
  static double rowError(double[] f, double[] fNext, int n, double invEps) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.abs(Math.expm1((f[i] - fNext[i]) * invEps));
    }
    return s / n;
  }
}
