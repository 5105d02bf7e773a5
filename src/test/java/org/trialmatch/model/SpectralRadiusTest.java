package org.trialmatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class SpectralRadiusTest {

  @Test
  void complexDominantPair() {
    // eigenvalues ±2i: modulus 2, real parts 0 (a real-part-only answer would say 0)
    assertEquals(2.0, SpectralRadius.of(new double[][] {{0, -2}, {2, 0}}), 1e-12);
    assertEquals(3.0, SpectralRadius.of(new double[][] {{-3, 0}, {0, 1}}), 1e-12);
    assertEquals(0.0, SpectralRadius.of(new double[][] {{0, 0}, {0, 0}}), 0.0);
  }

  @Test
  void similarityTransformKeepsTheKnownRadius() {
    // D has blocks [[a,-b],[b,a]] (eigenvalues a ± ib) and reals; M = P D P^-1
    int n = 12;
    double[][] d = new double[n][n];
    double[][] pairs = {{0.3, 1.1}, {-0.9, 0.5}, {0.2, 0.1}, {1.0, 0.2}};
    double expected = 0;
    for (int k = 0; k < pairs.length; k++) {
      double a = pairs[k][0];
      double b = pairs[k][1];
      d[2 * k][2 * k] = a;
      d[2 * k][2 * k + 1] = -b;
      d[2 * k + 1][2 * k] = b;
      d[2 * k + 1][2 * k + 1] = a;
      expected = Math.max(expected, Math.hypot(a, b));
    }
    double[] reals = {0.7, -1.05, 0.1, 0.0};
    for (int k = 0; k < reals.length; k++) {
      d[8 + k][8 + k] = reals[k];
      expected = Math.max(expected, Math.abs(reals[k]));
    }
    RandomStreams.Sequence r = new RandomStreams(3).sequence(RandomStreams.Stream.INIT, 0);
    double[][] p = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        p[i][j] = r.nextDouble() - 0.5 + (i == j ? 2 : 0);
      }
    }
    RealMatrix pm = new Array2DRowRealMatrix(p);
    RealMatrix m = pm.multiply(new Array2DRowRealMatrix(d)).multiply(new LUDecomposition(pm).getSolver().getInverse());
    assertEquals(Math.hypot(0.3, 1.1), expected, 1e-15);
    assertEquals(expected, SpectralRadius.of(m.getData()), 1e-9);
  }
}
