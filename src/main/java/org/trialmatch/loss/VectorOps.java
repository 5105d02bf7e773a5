package org.trialmatch.loss;

/**
 * Small dense kernels shared by the matching code. Reductions use four independent accumulators,
 * which the JIT pipelines (a single running sum is bound by the latency of one addition); the
 * summation order is fixed, so results do not depend on anything but the inputs.
 */
final class VectorOps {
  private VectorOps() {}

  /**
   * @return {@code sum_d (a[ao + d] - b[bo + d])^2}
   */
  static double squaredDistance(double[] a, int ao, double[] b, int bo, int dim) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int d = 0;
    for (; d + 3 < dim; d += 4) {
      double e0 = a[ao + d] - b[bo + d];
      double e1 = a[ao + d + 1] - b[bo + d + 1];
      double e2 = a[ao + d + 2] - b[bo + d + 2];
      double e3 = a[ao + d + 3] - b[bo + d + 3];
      s0 += e0 * e0;
      s1 += e1 * e1;
      s2 += e2 * e2;
      s3 += e3 * e3;
    }
    for (; d < dim; d++) {
      double e = a[ao + d] - b[bo + d];
      s0 += e * e;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * @return {@code sum_j a[ao + j] * b[bo + j]}
   */
  static double dot(double[] a, int ao, double[] b, int bo, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    for (; j + 3 < n; j += 4) {
      s0 += a[ao + j] * b[bo + j];
      s1 += a[ao + j + 1] * b[bo + j + 1];
      s2 += a[ao + j + 2] * b[bo + j + 2];
      s3 += a[ao + j + 3] * b[bo + j + 3];
    }
    for (; j < n; j++) {
      s0 += a[ao + j] * b[bo + j];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
