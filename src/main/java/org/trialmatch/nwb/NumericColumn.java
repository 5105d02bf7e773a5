package org.trialmatch.nwb;

import java.util.Arrays;
import java.util.Objects;

/** A numeric table column, widened to double (integers, booleans and floats; NaN kept). */
public final class NumericColumn implements Column {
  private final String name;
  private final double[] values;

  private NumericColumn(String name, double[] values) {
    this.name = Objects.requireNonNull(name, "name");
    this.values = values;
  }

  /**
   * @param name column name
   * @param values the values; copied
   * @return the column
   */
  public static NumericColumn copyOf(String name, double[] values) {
    return new NumericColumn(name, values.clone());
  }

  /** Wraps an array the caller will not modify any more. */
  static NumericColumn wrap(String name, double[] values) {
    return new NumericColumn(name, values);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int rows() {
    return values.length;
  }

  /**
   * @param row row index
   * @return the value (NaN when missing)
   */
  public double get(int row) {
    return values[row];
  }

  /** @return a copy of the values */
  public double[] toArray() {
    return values.clone();
  }

  /** @return how many values are NaN */
  public int nanCount() {
    int n = 0;
    for (double v : values) {
      if (Double.isNaN(v)) {
        n++;
      }
    }
    return n;
  }

  @Override
  public String text(int row) {
    double v = values[row];
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  @Override
  public String toString() {
    return "NumericColumn[" + name + ", " + values.length + " rows, first "
        + Arrays.toString(Arrays.copyOf(values, Math.min(3, values.length))) + "]";
  }
}
