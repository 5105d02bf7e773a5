package org.trialmatch.analysis;

import java.util.List;

/**
 * A square matrix over areas, {@code [pre][post]}: entry (a, b) is a quantity from presynaptic area
 * a to postsynaptic area b (e.g. the signed mean recurrent weight of {@link Connectivity}).
 */
public final class AreaMatrix {
  private final List<String> areas;
  private final double[] values;

  private AreaMatrix(List<String> areas, double[] values) {
    int n = areas.size();
    if (n < 1 || values.length != n * n) {
      throw new IllegalArgumentException("area matrix needs " + n + " x " + n + " values, got " + values.length);
    }
    this.areas = List.copyOf(areas);
    this.values = values;
  }

  /**
   * @param areas area names, in row/column order
   * @param values row-major {@code [pre][post]} (copied)
   * @return the matrix
   */
  public static AreaMatrix copyOf(List<String> areas, double[] values) {
    return new AreaMatrix(areas, values.clone());
  }

  /**
   * @param areas area names, in row/column order
   * @param rows {@code rows[pre][post]} (copied)
   * @return the matrix
   */
  public static AreaMatrix of(List<String> areas, double[][] rows) {
    int n = rows.length;
    double[] v = new double[n * n];
    for (int a = 0; a < n; a++) {
      if (rows[a].length != n) {
        throw new IllegalArgumentException("row " + a + " has " + rows[a].length + " columns, expected " + n);
      }
      System.arraycopy(rows[a], 0, v, a * n, n);
    }
    return new AreaMatrix(areas, v);
  }

  /** @return area names */
  public List<String> areas() {
    return areas;
  }

  /** @return number of areas */
  public int size() {
    return areas.size();
  }

  /**
   * @param pre presynaptic area index
   * @param post postsynaptic area index
   * @return the entry
   */
  public double get(int pre, int post) {
    return values[pre * areas.size() + post];
  }
}
