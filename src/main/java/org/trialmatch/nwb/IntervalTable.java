package org.trialmatch.nwb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An NWB interval table ({@code intervals/<name>}, TimeIntervals): every column, in the order of its
 * {@code colnames} attribute followed by any other column found, with NaN kept.
 */
public final class IntervalTable {
  private final String name;
  private final int rows;
  private final Map<String, Column> columns;

  /**
   * @param name table name (e.g. {@code trials})
   * @param rows number of rows
   * @param columns columns in order; each must have {@code rows} rows
   */
  public IntervalTable(String name, int rows, List<Column> columns) {
    this.name = Objects.requireNonNull(name, "name");
    this.rows = rows;
    Map<String, Column> m = new LinkedHashMap<>();
    for (Column c : columns) {
      if (c.rows() != rows) {
        throw new IllegalArgumentException(
            "column " + c.name() + " has " + c.rows() + " rows, table " + name + " has " + rows);
      }
      m.put(c.name(), c);
    }
    this.columns = Collections.unmodifiableMap(m);
  }

  /** @return the table name */
  public String name() {
    return name;
  }

  /** @return the in-file path, {@code intervals/<name>} */
  public String path() {
    return "intervals/" + name;
  }

  /** @return the number of rows */
  public int rows() {
    return rows;
  }

  /** @return column names in order */
  public List<String> columnNames() {
    return new ArrayList<>(columns.keySet());
  }

  /** @return all columns in order */
  public Map<String, Column> columns() {
    return columns;
  }

  /**
   * @param column column name
   * @return the column, if present
   */
  public Optional<Column> column(String column) {
    return Optional.ofNullable(columns.get(column));
  }

  /**
   * @param column column name
   * @return the numeric column, if present and numeric
   */
  public Optional<NumericColumn> numeric(String column) {
    Column c = columns.get(column);
    return c instanceof NumericColumn n ? Optional.of(n) : Optional.empty();
  }
}
