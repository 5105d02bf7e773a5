package org.trialmatch.nwb;

import java.util.Objects;

/** A text table column (variable- or fixed-length strings, or enum labels). */
public final class TextColumn implements Column {
  private final String name;
  private final String[] values;

  private TextColumn(String name, String[] values) {
    this.name = Objects.requireNonNull(name, "name");
    this.values = values;
  }

  /**
   * @param name column name
   * @param values the values; copied
   * @return the column
   */
  public static TextColumn copyOf(String name, String[] values) {
    return new TextColumn(name, values.clone());
  }

  /** Wraps an array the caller will not modify any more. */
  static TextColumn wrap(String name, String[] values) {
    return new TextColumn(name, values);
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
   * @return the value
   */
  public String get(int row) {
    return values[row];
  }

  @Override
  public String text(int row) {
    return values[row];
  }

  @Override
  public String toString() {
    return "TextColumn[" + name + ", " + values.length + " rows]";
  }
}
