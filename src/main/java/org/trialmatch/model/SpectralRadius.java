package org.trialmatch.model;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/** Spectral radius of a real, generally non-symmetric, square matrix (real eigen-solver). */
public final class SpectralRadius {
  private SpectralRadius() {}

  /**
   * The largest modulus over all eigenvalues, complex ones included, from a full real eigenvalue
   * decomposition (Hessenberg reduction and Schur form, Commons Math), never power iteration.
   *
   * @param m a square matrix, row-major {@code m[row][col]} (not modified)
   * @return {@code max |λ|}, 0 for an empty or zero matrix
   */
  public static double of(double[][] m) {
    int n = m.length;
    if (n == 0) {
      return 0.0;
    }
    boolean zero = true;
    for (double[] row : m) {
      if (row.length != n) {
        throw new IllegalArgumentException("matrix must be square, was " + n + " x " + row.length);
      }
      for (double v : row) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("matrix must be finite, found " + v);
        }
        zero &= v == 0.0;
      }
    }
    if (zero) {
      return 0.0;
    }
    EigenDecomposition ed = new EigenDecomposition(new Array2DRowRealMatrix(m, true));
    double[] re = ed.getRealEigenvalues();
    double[] im = ed.getImagEigenvalues();
    double r = 0.0;
    for (int k = 0; k < re.length; k++) {
      r = Math.max(r, Math.hypot(re[k], im[k]));
    }
    return r;
  }
}
