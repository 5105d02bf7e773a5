package org.trialmatch.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LinearAssignmentTest {

  @ParameterizedTest(name = "rows {0}, cols {1}, integer costs {2}")
  @CsvSource({
    "1,1,false", "2,2,false", "3,3,false", "5,5,false", "7,7,false",
    "4,4,true", "6,6,true", "7,7,true", "2,5,false", "3,6,true", "4,7,false", "0,3,false"
  })
  void findsTheBruteForceOptimum(int rows, int cols, boolean integerCosts) {
    SplittableRandom rng = new SplittableRandom(rows * 31L + cols * 7L + (integerCosts ? 1 : 0));
    LinearAssignment solver = new LinearAssignment();
    for (int trial = 0; trial < 40; trial++) {
      double[] cost = new double[rows * cols];
      for (int i = 0; i < cost.length; i++) {
        // integer costs in a small range produce many ties; continuous ones include negatives
        cost[i] = integerCosts ? rng.nextInt(4) : rng.nextDouble() * 10 - 3;
      }
      int[] colForRow = new int[rows];
      double value = solver.solve(cost, rows, cols, colForRow);
      double best = bruteForce(cost, rows, cols, 0, new boolean[cols]);
      assertEquals(best, value, 1e-9, "optimal value");
      boolean[] used = new boolean[cols];
      double check = 0;
      for (int i = 0; i < rows; i++) {
        int j = colForRow[i];
        assertTrue(j >= 0 && j < cols && !used[j], "assignment is injective");
        used[j] = true;
        check += cost[i * cols + j];
      }
      assertEquals(value, check, 1e-12, "returned value is the assignment's cost");
    }
  }

  @Test
  void rejectsInvalidInput() {
    LinearAssignment solver = new LinearAssignment();
    assertThrows(IllegalArgumentException.class, () -> solver.solve(new double[6], 3, 2, new int[3]));
    double[] nan = {0, Double.NaN, 1, 2};
    assertThrows(IllegalArgumentException.class, () -> solver.solve(nan, 2, 2, new int[2]));
  }

  private static double bruteForce(double[] cost, int rows, int cols, int row, boolean[] used) {
    if (row == rows) {
      return 0;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int j = 0; j < cols; j++) {
      if (!used[j]) {
        used[j] = true;
        best = Math.min(best, cost[row * cols + j] + bruteForce(cost, rows, cols, row + 1, used));
        used[j] = false;
      }
    }
    return best;
  }
}
