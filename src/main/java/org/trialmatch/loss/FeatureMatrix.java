package org.trialmatch.loss;

/**
 * A set of trials as feature vectors: {@code rows} trials x {@code columns} features, row-major
 * doubles (the input of {@link HardMatching} and {@link SinkhornDivergence}).
 */
public final class FeatureMatrix {
  private final double[] values;
  private final int rows;
  private final int columns;

  private FeatureMatrix(double[] values, int rows, int columns) {
    this.values = values;
    this.rows = rows;
    this.columns = columns;
  }

  /**
   * @param values row-major {@code [rows][columns]}, wrapped without copying
   * @param rows trials (>= 1)
   * @param columns features (>= 1)
   * @return the matrix
   */
  public static FeatureMatrix wrap(double[] values, int rows, int columns) {
    if (rows < 1 || columns < 1) {
      throw new IllegalArgumentException("rows and columns must be >= 1, were " + rows + ", " + columns);
    }
    if (values.length != (long) rows * columns) {
      throw new IllegalArgumentException(
          "values must hold rows*columns = " + (long) rows * columns + " numbers, held " + values.length);
    }
    return new FeatureMatrix(values, rows, columns);
  }

  /** @return the values, row-major (not a copy) */
  public double[] values() {
    return values;
  }

  /** @return number of trials */
  public int rows() {
    return rows;
  }

  /** @return number of features */
  public int columns() {
    return columns;
  }
}
