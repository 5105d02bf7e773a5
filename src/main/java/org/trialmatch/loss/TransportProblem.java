package org.trialmatch.loss;

/**
 * One entropic transport problem between uniform weights {@code a = 1/n}, {@code b = 1/m} at a given eps,
 * with the arrays its solve reads and updates (all owned by a {@link SinkhornWorkspace}). A general
 * problem has a potential on each side, f {@code [n]} and g {@code [m]}; a symmetric one (c symmetric,
 * {@code m = n}) is solved for f alone, and g receives T(f) at the end. t {@code [n]} is scratch for the
 * soft-min update of f. Created once per solve; the arrays are referenced, not copied.
 */
final class TransportProblem {
  /** Entropic regularisation (> 0). */
  final double eps;
  /** Cost, row-major {@code [n][m]}. */
  final double[] c;
  /** Its transpose {@code [m][n]} (c itself for a symmetric problem). */
  final double[] ct;
  /** Rows (points with weight a). */
  final int n;
  /** Columns (points with weight b). */
  final int m;
  /** {@code log a = -log n}. */
  final double logA;
  /** {@code log b = -log m}. */
  final double logB;
  /** Row potential {@code [n]}: the warm start on entry, the solution on return. */
  final double[] f;
  /** Column potential {@code [m]}. */
  final double[] g;
  /** Scratch {@code [n]}: T(g) of the last sweep. */
  final double[] t;
  /** Whether the problem is symmetric (one potential, averaged updates). */
  final boolean symmetric;

  private TransportProblem(
      double eps, double[] c, double[] ct, int n, int m, double logA, double logB, double[] f, double[] g,
      double[] t, boolean symmetric) {
    this.eps = eps;
    this.c = c;
    this.ct = ct;
    this.n = n;
    this.m = m;
    this.logA = logA;
    this.logB = logB;
    this.f = f;
    this.g = g;
    this.t = t;
    this.symmetric = symmetric;
  }

  /**
   * @param eps the regularisation
   * @param c the cost {@code [n][m]}
   * @param ct its transpose {@code [m][n]}
   * @param n rows
   * @param m columns
   * @param f the row potential {@code [n]} (warm start)
   * @param g the column potential {@code [m]}
   * @param t scratch {@code [n]}
   * @return the problem between two clouds
   */
  static TransportProblem general(
      double eps, double[] c, double[] ct, int n, int m, double[] f, double[] g, double[] t) {
    return new TransportProblem(eps, c, ct, n, m, -Math.log(n), -Math.log(m), f, g, t, false);
  }

  /**
   * @param eps the regularisation
   * @param c the symmetric cost {@code [n][n]}
   * @param n points
   * @param f the potential {@code [n]} (warm start)
   * @param g receives T(f) {@code [n]}
   * @param t scratch {@code [n]}
   * @return the problem between a cloud and itself
   */
  static TransportProblem symmetric(double eps, double[] c, int n, double[] f, double[] g, double[] t) {
    double logA = -Math.log(n);
    return new TransportProblem(eps, c, c, n, n, logA, logA, f, g, t, true);
  }
}
