package org.trialmatch.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HungarianTest {

  @Test
  void knownThreeByThree() {
    double[] cost = {4, 1, 3, 2, 0, 5, 3, 2, 2};
    int[] a = Hungarian.solve(cost, 3, 3);
    assertArrayEquals(new int[] {1, 0, 2}, a);
  }

  /** The optimum against every assignment (brute force), square and rectangular. */
  @ParameterizedTest
  @CsvSource({"1,1", "2,2", "3,3", "5,5", "7,7", "2,5", "3,6", "5,3", "6,2"})
  void optimalAgainstBruteForce(int rows, int cols) {
    SplittableRandom rng = new SplittableRandom(rows * 31L + cols);
    for (int rep = 0; rep < 20; rep++) {
      double[] cost = new double[rows * cols];
      for (int i = 0; i < cost.length; i++) {
        cost[i] = rng.nextInt(10) + rng.nextDouble();
      }
      int[] a = Hungarian.solve(cost, rows, cols);
      Set<Integer> used = new HashSet<>();
      double total = 0;
      int assigned = 0;
      for (int r = 0; r < rows; r++) {
        if (a[r] >= 0) {
          assertEquals(true, used.add(a[r]), "column used twice");
          total += cost[r * cols + a[r]];
          assigned++;
        }
      }
      assertEquals(Math.min(rows, cols), assigned);
      assertEquals(best(cost, rows, cols), total, AnalysisTolerances.PATH);
    }
  }

  @Test
  void identityCostIsMatchedToItself() {
    int n = 6;
    double[] cost = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        cost[i * n + j] = i == j ? 0 : 1 + Math.abs(i - j);
      }
    }
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, Hungarian.solve(cost, n, n));
  }

  private static double best(double[] cost, int rows, int cols) {
    if (rows <= cols) {
      return search(cost, rows, cols, 0, new boolean[cols], false);
    }
    return search(cost, cols, rows, 0, new boolean[rows], true);
  }

  /** Smallest sum over injective maps of the n "small side" items into the m "large side" items. */
  private static double search(double[] cost, int n, int m, int i, boolean[] used, boolean transposed) {
    if (i == n) {
      return 0;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int j = 0; j < m; j++) {
      if (!used[j]) {
        used[j] = true;
        double c = transposed ? cost[j * n + i] : cost[i * m + j];
        best = Math.min(best, c + search(cost, n, m, i + 1, used, transposed));
        used[j] = false;
      }
    }
    return best;
  }
}
