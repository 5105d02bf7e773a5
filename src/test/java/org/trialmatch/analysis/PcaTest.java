package org.trialmatch.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.trialmatch.testing.Tolerances;

class PcaTest {
  private static final double[] U1 = normalise(new double[] {1, 1, 0});
  private static final double[] U2 = normalise(new double[] {1, -1, 1});
  private static final double[] U3 = cross(U1, U2);
  private static final double[] MU = {3, -2, 0.5};

  /** Full factorial (a, b, c) in {-1, 1}³ along axes scaled 3, 1, 0.1: covariance diag(9, 1, 0.01) in that basis. */
  private static double[] factorial() {
    double[] x = new double[8 * 3];
    int i = 0;
    for (int a = -1; a <= 1; a += 2) {
      for (int b = -1; b <= 1; b += 2) {
        for (int c = -1; c <= 1; c += 2) {
          for (int q = 0; q < 3; q++) {
            x[i * 3 + q] = MU[q] + 3 * a * U1[q] + b * U2[q] + 0.1 * c * U3[q];
          }
          i++;
        }
      }
    }
    return x;
  }

  @Test
  void recoversKnownAxesUpToSign() {
    double[] w = new double[8];
    Arrays.fill(w, 1.0);
    Pca p = Pca.fit(factorial(), 8, 3, w);
    assertEquals(1.0, Math.abs(dot(p.component(0), U1)), Tolerances.EIGEN);
    assertEquals(1.0, Math.abs(dot(p.component(1), U2)), Tolerances.EIGEN);
    assertEquals(1.0, Math.abs(dot(p.component(2), U3)), Tolerances.EIGEN);
    assertEquals(9.0, p.variance(0), Tolerances.EIGEN);
    assertEquals(1.0, p.variance(1), Tolerances.EIGEN);
    assertEquals(0.01, p.variance(2), Tolerances.EIGEN);
    assertEquals(9.0 / 10.01, p.explainedRatio(0), Tolerances.EIGEN);
    assertArrayEquals(MU, p.mean(), Tolerances.PATH);
    assertEquals(3, p.rank(1e-9));
  }

  @Test
  void scoresAreProjectionsOnTheAxes() {
    double[] w = new double[8];
    Arrays.fill(w, 1.0);
    double[] x = factorial();
    Pca p = Pca.fit(x, 8, 3, w);
    double[] s = p.project(x, 8, 2);
    for (int i = 0; i < 8; i++) {
      double[] dev = new double[3];
      for (int q = 0; q < 3; q++) {
        dev[q] = x[i * 3 + q] - MU[q];
      }
      assertEquals(Math.abs(dot(dev, U1)), Math.abs(s[i * 2]), Tolerances.EIGEN);
      assertEquals(Math.abs(dot(dev, U2)), Math.abs(s[i * 2 + 1]), Tolerances.EIGEN);
    }
  }

  @Test
  void aWeightOfTwoEqualsADuplicatedPoint() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 12;
    int d = 4;
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian() * (1 + i % d);
    }
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    w[3] = 2.0;
    double[] xd = Arrays.copyOf(x, (n + 1) * d);
    System.arraycopy(x, 3 * d, xd, n * d, d);
    double[] wd = new double[n + 1];
    Arrays.fill(wd, 1.0);
    Pca a = Pca.fit(x, n, d, w);
    Pca b = Pca.fit(xd, n + 1, d, wd);
    assertArrayEquals(a.mean(), b.mean(), Tolerances.PATH);
    for (int c = 0; c < d; c++) {
      assertEquals(b.variance(c), a.variance(c), Tolerances.EIGEN);
      assertEquals(1.0, Math.abs(dot(a.component(c), b.component(c))), Tolerances.EIGEN);
    }
  }

  @Test
  void signConventionMakesTheLargestLoadingPositive() {
    double[] w = new double[8];
    Arrays.fill(w, 1.0);
    Pca p = Pca.fit(factorial(), 8, 3, w);
    for (int c = 0; c < 3; c++) {
      double[] v = p.component(c);
      int arg = 0;
      for (int q = 1; q < 3; q++) {
        if (Math.abs(v[q]) > Math.abs(v[arg])) {
          arg = q;
        }
      }
      assertEquals(true, v[arg] > 0);
    }
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double[] normalise(double[] v) {
    double n = Math.sqrt(dot(v, v));
    return new double[] {v[0] / n, v[1] / n, v[2] / n};
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
  }
}
