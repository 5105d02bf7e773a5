package org.trialmatch.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trialmatch.testing.Tolerances;

class HardMatchingTest {

  @ParameterizedTest
  @ValueSource(strings = {"tiny", "small", "session"})
  void reproducesScipyValueAndAssignment(String name) {
    // session.json holds a near tie (second best assignment 1.2e-4 worse in 95.5)
    LossTesting.Oracle o = LossTesting.oracle(name);
    int[] assignment = new int[o.modelRows()];
    double v = new HardMatching().evaluate(
        o.data(), o.dataRows(), o.model(), o.modelRows(), o.dim(), null, null, assignment);
    LossTesting.assertClose(o.value("hard", "value"), v, Tolerances.HARD_ORACLE_RTOL, 0, name + " hard value");
    assertArrayEquals(o.assignment(), assignment, name + " assignment");
  }

  @Test
  void gradientMatchesCentralDifferences() {
    SplittableRandom rng = new SplittableRandom(11);
    int n = 6;
    int dim = 4;
    double[] x = LossTesting.gaussian(rng, n * dim, 1.0);
    double[] y = LossTesting.gaussian(rng, n * dim, 1.0);
    HardMatching h = new HardMatching();
    double[] grad = new double[n * dim];
    h.evaluate(x, n, y, n, dim, null, grad, null);
    // the assignment is locally constant away from ties, so the loss is smooth there
    double[] fd = LossTesting.centralDifferences(
        yy -> new HardMatching().evaluate(x, n, yy, n, dim, null, null, null), y, LossTesting.FD_STEP);
    LossTesting.assertAllClose(fd, grad, Tolerances.DOUBLE_GRADIENT_RTOL, Tolerances.DOUBLE_GRADIENT_ATOL, "dL/dy");
  }

  @Test
  void identicalSetsHaveZeroDistanceAndTheIdentityAssignment() {
    double[] x = LossTesting.gaussian(new SplittableRandom(3), 10 * 5, 1.0);
    int[] a = new int[10];
    assertEquals(0.0, new HardMatching().evaluate(x, 10, x.clone(), 10, 5, null, null, a), 0.0);
    int[] identity = new int[10];
    Arrays.setAll(identity, i -> i);
    assertArrayEquals(identity, a);
  }

  @Test
  void unequalCountsMatchASeededSubsetOptimally() {
    SplittableRandom rng = new SplittableRandom(5);
    int nx = 9;
    int ny = 6;
    int dim = 3;
    double[] x = LossTesting.gaussian(rng, nx * dim, 1.0);
    double[] y = LossTesting.gaussian(rng, ny * dim, 1.0);
    int[] a1 = new int[ny];
    double v1 = new HardMatching().evaluate(x, nx, y, ny, dim, new SplittableRandom(0), null, a1);
    int[] a2 = new int[ny];
    double v2 = new HardMatching().evaluate(x, nx, y, ny, dim, new SplittableRandom(0), null, a2);
    assertEquals(v1, v2, 0.0, "same seed, same value");
    assertArrayEquals(a1, a2, "same seed, same assignment");
    // the matched data rows are distinct; the value is their MSE and optimal for that subset
    int[] subset = a1.clone();
    Arrays.sort(subset);
    for (int i = 1; i < subset.length; i++) {
      assertTrue(subset[i] > subset[i - 1], "distinct data rows");
    }
    double mse = 0;
    for (int i = 0; i < ny; i++) {
      for (int d = 0; d < dim; d++) {
        double diff = y[i * dim + d] - x[a1[i] * dim + d];
        mse += diff * diff;
      }
    }
    assertEquals(mse / (ny * dim), v1, 1e-12);
    double[] xs = new double[ny * dim];
    for (int r = 0; r < ny; r++) {
      System.arraycopy(x, subset[r] * dim, xs, r * dim, dim);
    }
    assertEquals(v1, new HardMatching().evaluate(xs, ny, y, ny, dim, null, null, null), 1e-12);
    // another seed draws another subset (9 choose 6 = 84 subsets)
    boolean differs = false;
    for (long seed = 1; seed < 6 && !differs; seed++) {
      int[] a3 = new int[ny];
      new HardMatching().evaluate(x, nx, y, ny, dim, new SplittableRandom(seed), null, a3);
      int[] s3 = a3.clone();
      Arrays.sort(s3);
      differs = !Arrays.equals(subset, s3);
    }
    assertTrue(differs, "the subset depends on the seed");
  }

  @Test
  void moreModelThanDataTrialsLeavesSomeModelTrialsUnmatched() {
    SplittableRandom rng = new SplittableRandom(8);
    double[] x = LossTesting.gaussian(rng, 4 * 2, 1.0);
    double[] y = LossTesting.gaussian(rng, 7 * 2, 1.0);
    int[] a = new int[7];
    double[] grad = new double[7 * 2];
    new HardMatching().evaluate(x, 4, y, 7, 2, new SplittableRandom(1), grad, a);
    int unmatched = 0;
    for (int i = 0; i < 7; i++) {
      if (a[i] < 0) {
        unmatched++;
        assertEquals(0.0, grad[2 * i], 0.0);
        assertEquals(0.0, grad[2 * i + 1], 0.0);
      } else {
        assertNotEquals(0.0, grad[2 * i]);
      }
    }
    assertEquals(3, unmatched);
  }
}
