package org.trialmatch.nwb.write;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named table column ({@code VectorData}) of a units or interval table, with its values, one per row, of
 * one {@link ColumnType}. Built with the factory of its type ({@link #floats}, {@link #ints}, {@link #longs},
 * {@link #bools}, {@link #texts}), which copies the values; read with the accessor of that type, which copies
 * them out and refuses a column of another type.
 */
public final class ColumnSpec {
  private final String name;
  private final String description;
  private final ColumnType type;
  /** A {@code double[]}, {@code int[]}, {@code long[]}, {@code boolean[]} or {@code String[]}, as type says. */
  private final Object values;
  private final int size;

  private ColumnSpec(String name, String description, ColumnType type, Object values, int size) {
    this.name = Objects.requireNonNull(name, "name");
    this.description = Objects.requireNonNull(description, "description");
    this.type = type;
    this.values = values;
    this.size = size;
  }

  /**
   * @param name dataset name
   * @param description attribute {@code description}
   * @param values one value per row (copied; NaN allowed)
   * @return a {@link ColumnType#FLOAT64} column
   */
  public static ColumnSpec floats(String name, String description, double[] values) {
    double[] v = Objects.requireNonNull(values, "values").clone();
    return new ColumnSpec(name, description, ColumnType.FLOAT64, v, v.length);
  }

  /**
   * @param name dataset name
   * @param description attribute {@code description}
   * @param values one value per row (copied)
   * @return an {@link ColumnType#INT32} column
   */
  public static ColumnSpec ints(String name, String description, int[] values) {
    int[] v = Objects.requireNonNull(values, "values").clone();
    return new ColumnSpec(name, description, ColumnType.INT32, v, v.length);
  }

  /**
   * @param name dataset name
   * @param description attribute {@code description}
   * @param values one value per row (copied)
   * @return an {@link ColumnType#INT64} column
   */
  public static ColumnSpec longs(String name, String description, long[] values) {
    long[] v = Objects.requireNonNull(values, "values").clone();
    return new ColumnSpec(name, description, ColumnType.INT64, v, v.length);
  }

  /**
   * @param name dataset name
   * @param description attribute {@code description}
   * @param values one value per row (copied)
   * @return a {@link ColumnType#BOOL} column (stored as described there)
   */
  public static ColumnSpec bools(String name, String description, boolean[] values) {
    boolean[] v = Objects.requireNonNull(values, "values").clone();
    return new ColumnSpec(name, description, ColumnType.BOOL, v, v.length);
  }

  /**
   * @param name dataset name
   * @param description attribute {@code description}
   * @param values one value per row (copied; no nulls, no NUL characters: the table's builder checks)
   * @return a {@link ColumnType#TEXT} column (variable-length UTF-8)
   */
  public static ColumnSpec texts(String name, String description, String[] values) {
    String[] v = Objects.requireNonNull(values, "values").clone();
    return new ColumnSpec(name, description, ColumnType.TEXT, v, v.length);
  }

  /** @return the dataset name */
  public String name() {
    return name;
  }

  /** @return the {@code description} attribute */
  public String description() {
    return description;
  }

  /** @return the storage type */
  public ColumnType type() {
    return type;
  }

  /** @return the number of rows */
  public int size() {
    return size;
  }

  /**
   * @return a copy of the values
   * @throws IllegalStateException if the column is not {@link ColumnType#FLOAT64}
   */
  public double[] floatValues() {
    return ((double[]) as(ColumnType.FLOAT64)).clone();
  }

  /**
   * @param row row index
   * @return the value in that row
   * @throws IllegalStateException if the column is not {@link ColumnType#FLOAT64}
   */
  public double floatValue(int row) {
    return ((double[]) as(ColumnType.FLOAT64))[row];
  }

  /**
   * @return a copy of the values
   * @throws IllegalStateException if the column is not {@link ColumnType#INT32}
   */
  public int[] intValues() {
    return ((int[]) as(ColumnType.INT32)).clone();
  }

  /**
   * @return a copy of the values
   * @throws IllegalStateException if the column is not {@link ColumnType#INT64}
   */
  public long[] longValues() {
    return ((long[]) as(ColumnType.INT64)).clone();
  }

  /**
   * @return a copy of the values
   * @throws IllegalStateException if the column is not {@link ColumnType#BOOL}
   */
  public boolean[] boolValues() {
    return ((boolean[]) as(ColumnType.BOOL)).clone();
  }

  /**
   * @return a copy of the values
   * @throws IllegalStateException if the column is not {@link ColumnType#TEXT}
   */
  public String[] textValues() {
    return ((String[]) as(ColumnType.TEXT)).clone();
  }

  /**
   * @param row row index
   * @return the value in that row
   * @throws IllegalStateException if the column is not {@link ColumnType#TEXT}
   */
  public String textValue(int row) {
    return ((String[]) as(ColumnType.TEXT))[row];
  }

  private Object as(ColumnType wanted) {
    if (type != wanted) {
      throw new IllegalStateException("column '" + name + "' is " + type + ", not " + wanted);
    }
    return values;
  }

  /**
   * Checks the columns of one table: names, descriptions, names reserved by the table or ending in
   * {@code _index}, duplicates, one value per row, and the text of text columns.
   *
   * @param problems where problems are added
   * @param where the table, for the messages (e.g. {@code units})
   * @param columns the table's columns
   * @param rows the table's number of rows
   * @param reserved column names the table writes itself
   */
  static void checkAll(List<String> problems, String where, List<ColumnSpec> columns, int rows,
      Set<String> reserved) {
    Set<String> seen = new HashSet<>();
    for (ColumnSpec c : columns) {
      NwbText.checkName(problems, where + " column", c.name());
      NwbText.checkText(problems, where + " column " + c.name() + " description", c.description());
      if (reserved.contains(c.name()) || c.name().endsWith("_index")) {
        problems.add(where + ": column name '" + c.name() + "' is reserved");
      }
      if (!seen.add(c.name())) {
        problems.add(where + ": column '" + c.name() + "' appears twice");
      }
      if (c.size() != rows) {
        problems.add(where + ": column '" + c.name() + "' has " + c.size() + " values for " + rows + " rows");
      }
      if (c.type() == ColumnType.TEXT) {
        String[] v = (String[]) c.values;
        for (int i = 0; i < v.length; i++) {
          if (!NwbText.isText(v[i])) {
            problems.add(where + ": column '" + c.name() + "' row " + i + " is null or contains NUL");
          }
        }
      }
    }
  }

  @Override
  public String toString() {
    return "ColumnSpec[" + name + ", " + type + ", " + size + " rows]";
  }
}
