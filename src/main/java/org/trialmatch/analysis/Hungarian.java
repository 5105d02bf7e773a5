package org.trialmatch.analysis;

import java.util.Arrays;

/**
 * Optimal assignment (minimum total cost) by the Hungarian method with row and column potentials
 * and shortest augmenting paths, O(n² m) for n rows and m >= n columns. Each row gets a distinct
 * column; with more rows than columns the problem is solved on the transpose, and rows left over
 * get -1.
 */
public final class Hungarian {
  private Hungarian() {}

  /**
   * @param cost cost matrix, row-major {@code [row][col]}, {@code rows * cols} finite values
   * @param rows number of rows
   * @param cols number of columns
   * @return the column assigned to each row (-1 for rows left unassigned when rows > cols)
   */
  public static int[] solve(double[] cost, int rows, int cols) {
    if (cost.length != rows * cols) {
      throw new IllegalArgumentException("cost has " + cost.length + " entries, expected " + rows + " x " + cols);
    }
    for (int i = 0; i < cost.length; i++) {
      if (!Double.isFinite(cost[i])) {
        throw new IllegalArgumentException("cost[" + (i / Math.max(1, cols)) + "][" + (i % Math.max(1, cols))
            + "] must be finite, was " + cost[i]);
      }
    }
    if (rows == 0) {
      return new int[0];
    }
    if (rows <= cols) {
      return solveWide(cost, rows, cols, false);
    }
    int[] colToRow = solveWide(cost, cols, rows, true);
    int[] rowToCol = new int[rows];
    Arrays.fill(rowToCol, -1);
    for (int c = 0; c < cols; c++) {
      rowToCol[colToRow[c]] = c;
    }
    return rowToCol;
  }

  /** n rows <= m columns; when transposed, entry (i, j) is cost[j * n + i]. */
  private static int[] solveWide(double[] cost, int n, int m, boolean transposed) {
    double[] u = new double[n + 1];
    double[] v = new double[m + 1];
    int[] p = new int[m + 1];
    int[] way = new int[m + 1];
    double[] minv = new double[m + 1];
    boolean[] used = new boolean[m + 1];
    for (int i = 1; i <= n; i++) {
      p[0] = i;
      int j0 = 0;
      Arrays.fill(minv, Double.POSITIVE_INFINITY);
      Arrays.fill(used, false);
      do {
        used[j0] = true;
        int i0 = p[j0];
        double delta = Double.POSITIVE_INFINITY;
        int j1 = -1;
        for (int j = 1; j <= m; j++) {
          if (!used[j]) {
            double c = transposed ? cost[(j - 1) * n + (i0 - 1)] : cost[(i0 - 1) * m + (j - 1)];
            double cur = c - u[i0] - v[j];
            if (cur < minv[j]) {
              minv[j] = cur;
              way[j] = j0;
            }
            if (minv[j] < delta) {
              delta = minv[j];
              j1 = j;
            }
          }
        }
        for (int j = 0; j <= m; j++) {
          if (used[j]) {
            u[p[j]] += delta;
            v[j] -= delta;
          } else {
            minv[j] -= delta;
          }
        }
        j0 = j1;
      } while (p[j0] != 0);
      do {
        int j1 = way[j0];
        p[j0] = p[j1];
        j0 = j1;
      } while (j0 != 0);
    }
    int[] rowToCol = new int[n];
    for (int j = 1; j <= m; j++) {
      if (p[j] != 0) {
        rowToCol[p[j] - 1] = j - 1;
      }
    }
    return rowToCol;
  }
}
