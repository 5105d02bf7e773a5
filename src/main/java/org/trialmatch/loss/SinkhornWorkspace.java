package org.trialmatch.loss;

/**
 * The reusable arrays of {@link SinkhornDivergence} and {@link DampedNewton}: the four cost matrices,
 * the dual potentials and their soft-min updates, the soft-min row buffer and Newton's dense
 * {@code n x n} system. Arrays grow on demand and are never shrunk, so repeated solves at the same
 * or smaller sizes allocate nothing; a reference read from a field is valid until the next
 * {@code ensure...} call. Not thread-safe.
 */
final class SinkhornWorkspace {
  private int capX;
  private int capY;

  /** Cost matrices, row-major: {@code C(X,Y) [nx][ny]}, its transpose {@code [ny][nx]}, {@code C(X,X)}, {@code C(Y,Y)}. */
  double[] cxy = new double[0];
  double[] cyx = new double[0];
  double[] cxx = new double[0];
  double[] cyy = new double[0];
  /** Potentials: f of OT(X,Y) on X {@code [nx]}, g on Y {@code [ny]}, those of OT(X,X) {@code [nx]} and OT(Y,Y) {@code [ny]}. */
  double[] fBA = new double[0];
  double[] gAB = new double[0];
  double[] fAA = new double[0];
  double[] gBB = new double[0];
  /** Soft-min updates of the four potentials (same lengths), and scratch for the converged solves. */
  double[] tF = new double[0];
  double[] tG = new double[0];
  double[] tFAA = new double[0];
  double[] tGBB = new double[0];
  /** One soft-min row, {@code [max(nx, ny)]}. */
  double[] row = new double[0];

  /** Newton: the plan {@code [n][m]}, the Laplacian weights and their elimination copy {@code [n][n]}. */
  double[] plan = new double[0];
  double[] weights = new double[0];
  double[] work = new double[0];
  /** Newton, {@code [n]}: plan row sums, weights to ground, right-hand side, pivots, the step. */
  double[] rowSum = new double[0];
  double[] ground = new double[0];
  double[] rhs = new double[0];
  double[] pivot = new double[0];
  double[] direction = new double[0];
  /** Newton's trial potentials: f {@code [n]}, g = T(f) {@code [m]}, T(g) {@code [n]}. */
  double[] trialF = new double[0];
  double[] trialG = new double[0];
  double[] trialT = new double[0];

  /** Empty arrays; they grow on the first solve. */
  SinkhornWorkspace() {}

  /**
   * Makes the cost, potential and row arrays hold at least {@code nx} points of X and {@code ny} of Y
   * (reallocated, contents lost, when they grow).
   */
  void ensureCapacity(int nx, int ny) {
    if (nx <= capX && ny <= capY) {
      return;
    }
    capX = Math.max(nx, capX);
    capY = Math.max(ny, capY);
    cxy = new double[capX * capY];
    cyx = new double[capX * capY];
    cxx = new double[capX * capX];
    cyy = new double[capY * capY];
    fBA = new double[capX];
    fAA = new double[capX];
    tF = new double[capX];
    tFAA = new double[capX];
    gAB = new double[capY];
    gBB = new double[capY];
    tG = new double[capY];
    tGBB = new double[capY];
    row = new double[Math.max(capX, capY)];
  }

  /** Makes Newton's arrays hold a problem of {@code n} rows and {@code m} columns. */
  void ensureNewtonCapacity(int n, int m) {
    if (plan.length < n * m) {
      plan = new double[n * m];
    }
    if (weights.length < n * n) {
      weights = new double[n * n];
      work = new double[n * n];
    }
    if (rhs.length < n) {
      rhs = new double[n];
      rowSum = new double[n];
      ground = new double[n];
      pivot = new double[n];
      direction = new double[n];
      trialF = new double[n];
      trialT = new double[n];
    }
    if (trialG.length < m) {
      trialG = new double[m];
    }
  }
}
