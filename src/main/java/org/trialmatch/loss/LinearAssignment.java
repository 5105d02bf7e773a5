package org.trialmatch.loss;

import java.util.Arrays;

/**
 * Exact minimum-cost linear assignment (rows to distinct columns, rows &lt;= columns) by shortest
 * augmenting paths with dual potentials (the Jonker–Volgenant family; the variant without an
 * initialisation phase, as described by Crouse, IEEE TAES 52(4), 2016). Each row is added by one
 * Dijkstra search over reduced costs; all arithmetic is on the given doubles (no scaling, no epsilon),
 * so the result is an exact optimum up to the rounding of the sums that compare path lengths. Cost
 * O(rows^2 x columns) in the worst case. Workspaces grow on demand and are reused; not thread-safe.
 */
public final class LinearAssignment {
  private double[] u = new double[0];
  private double[] v = new double[0];
  private double[] shortest = new double[0];
  private int[] path = new int[0];
  private int[] rowForCol = new int[0];
  private int[] remaining = new int[0];
  private boolean[] scannedRow = new boolean[0];
  private boolean[] scannedCol = new boolean[0];

  /** A solver with empty workspaces. */
  public LinearAssignment() {}

  /**
   * Solves {@code min sum_i cost[i][colForRow[i]]} over injective assignments.
   *
   * @param cost row-major {@code rows x cols}, finite
   * @param rows number of rows (0 &lt;= rows &lt;= cols)
   * @param cols number of columns
   * @param colForRow receives the column assigned to each row (length &gt;= rows)
   * @return the minimum total cost
   */
  public double solve(double[] cost, int rows, int cols, int[] colForRow) {
    if (rows < 0 || rows > cols) {
      throw new IllegalArgumentException("rows must be in [0, cols = " + cols + "], was " + rows);
    }
    if (cost.length < (long) rows * cols) {
      throw new IllegalArgumentException("cost holds " + cost.length + " values, needs " + (long) rows * cols);
    }
    if (colForRow.length < rows) {
      throw new IllegalArgumentException("colForRow must hold " + rows + " values, held " + colForRow.length);
    }
    for (int i = 0; i < rows * cols; i++) {
      if (!Double.isFinite(cost[i])) {
        throw new IllegalArgumentException(
            "cost[" + i / cols + "][" + i % cols + "] must be finite, was " + cost[i]);
      }
    }
    ensureCapacity(rows, cols);
    Arrays.fill(u, 0, rows, 0.0);
    Arrays.fill(v, 0, cols, 0.0);
    Arrays.fill(rowForCol, 0, cols, -1);
    Arrays.fill(colForRow, 0, rows, -1);
    for (int current = 0; current < rows; current++) {
      augment(cost, rows, cols, current, colForRow);
    }
    double total = 0;
    for (int i = 0; i < rows; i++) {
      total += cost[i * cols + colForRow[i]];
    }
    return total;
  }

  /** Adds row {@code current} to the matching by one shortest augmenting path. */
  private void augment(double[] cost, int rows, int cols, int current, int[] colForRow) {
    Arrays.fill(shortest, 0, cols, Double.POSITIVE_INFINITY);
    Arrays.fill(scannedRow, 0, rows, false);
    Arrays.fill(scannedCol, 0, cols, false);
    for (int j = 0; j < cols; j++) {
      remaining[j] = j;
    }
    int numRemaining = cols;
    double minVal = 0;
    int i = current;
    int sink = -1;
    while (sink < 0) {
      scannedRow[i] = true;
      int base = i * cols;
      double ui = u[i];
      double lowest = Double.POSITIVE_INFINITY;
      int lowestAt = -1;
      for (int it = 0; it < numRemaining; it++) {
        int j = remaining[it];
        double r = minVal + cost[base + j] - ui - v[j];
        if (r < shortest[j]) {
          path[j] = i;
          shortest[j] = r;
        }
        // among equal lengths prefer a free column: it ends the search sooner
        if (shortest[j] < lowest || (shortest[j] == lowest && rowForCol[j] < 0)) {
          lowest = shortest[j];
          lowestAt = it;
        }
      }
      minVal = lowest;
      int j = remaining[lowestAt];
      scannedCol[j] = true;
      remaining[lowestAt] = remaining[--numRemaining];
      if (rowForCol[j] < 0) {
        sink = j;
      } else {
        i = rowForCol[j];
      }
    }
    // dual update
    u[current] += minVal;
    for (int r = 0; r < rows; r++) {
      if (scannedRow[r] && r != current) {
        u[r] += minVal - shortest[colForRow[r]];
      }
    }
    for (int j = 0; j < cols; j++) {
      if (scannedCol[j]) {
        v[j] -= minVal - shortest[j];
      }
    }
    // flip the alternating path back from the sink
    int j = sink;
    while (true) {
      int r = path[j];
      rowForCol[j] = r;
      int previous = colForRow[r];
      colForRow[r] = j;
      if (r == current) {
        break;
      }
      j = previous;
    }
  }

  private void ensureCapacity(int rows, int cols) {
    if (u.length < rows) {
      u = new double[rows];
      scannedRow = new boolean[rows];
    }
    if (v.length < cols) {
      v = new double[cols];
      shortest = new double[cols];
      path = new int[cols];
      rowForCol = new int[cols];
      remaining = new int[cols];
      scannedCol = new boolean[cols];
    }
  }
}
