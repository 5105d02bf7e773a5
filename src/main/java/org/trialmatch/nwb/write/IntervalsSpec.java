package org.trialmatch.nwb.write;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An interval table under {@code intervals/<name>} ({@code TimeIntervals}): float64 columns
 * {@code start_time} and {@code stop_time} plus any typed columns, in the order added, and an {@code id}
 * column.
 */
public final class IntervalsSpec {
  private final String name;
  private final String description;
  private final long[] ids;
  private final List<ColumnSpec> columns;

  private IntervalsSpec(Builder b) {
    this.name = b.name;
    this.description = b.description;
    int n = b.columns.isEmpty() ? 0 : b.columns.get(0).size();
    long[] given = b.ids;
    if (given == null) {
      given = new long[n];
      for (int i = 0; i < n; i++) {
        given[i] = i;
      }
    }
    this.ids = given.clone();
    this.columns = List.copyOf(b.columns);
  }

  /**
   * @param name the table's group name under {@code intervals/} (e.g. {@link NwbWriteSpec#DEFAULT_INTERVAL_TABLE})
   * @return a builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** @return a builder for the table {@code intervals/trials} */
  public static Builder builder() {
    return new Builder(NwbWriteSpec.DEFAULT_INTERVAL_TABLE);
  }

  /** @return the group name under {@code intervals/} */
  public String name() {
    return name;
  }

  /** @return the {@code description} attribute */
  public String description() {
    return description;
  }

  /** @return the number of rows */
  public int rowCount() {
    return ids.length;
  }

  /** @return a copy of the {@code id} column */
  public long[] ids() {
    return ids.clone();
  }

  /** @return the columns in {@code colnames} order */
  public List<ColumnSpec> columns() {
    return columns;
  }

  /**
   * @param columnName a column name
   * @return that column, if present
   */
  public Optional<ColumnSpec> column(String columnName) {
    for (ColumnSpec c : columns) {
      if (c.name().equals(columnName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Builds an {@link IntervalsSpec}. */
  public static final class Builder {
    private final String name;
    private String description = "intervals";
    private long[] ids;
    private final List<ColumnSpec> columns = new ArrayList<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * @param text the {@code description} attribute
     * @return this
     */
    public Builder description(String text) {
      this.description = Objects.requireNonNull(text, "description");
      return this;
    }

    /**
     * @param values the {@code id} column (copied; default 0..n-1)
     * @return this
     */
    public Builder ids(long[] values) {
      this.ids = Objects.requireNonNull(values, "values").clone();
      return this;
    }

    /**
     * Adds a column after those added before.
     *
     * @param column the column
     * @return this
     */
    public Builder column(ColumnSpec column) {
      columns.add(Objects.requireNonNull(column, "column"));
      return this;
    }

    /**
     * Checks the table and builds it: {@code start_time} and {@code stop_time} must be float64 columns, all
     * columns as long as each other.
     *
     * @return the table
     * @throws IllegalArgumentException listing every problem found
     */
    public IntervalsSpec build() {
      List<String> problems = new ArrayList<>();
      String where = "intervals/" + name;
      NwbText.checkName(problems, where, name);
      NwbText.checkText(problems, where + " description", description);
      for (String required : List.of("start_time", "stop_time")) {
        ColumnSpec c = null;
        for (ColumnSpec k : columns) {
          if (k.name().equals(required)) {
            c = k;
          }
        }
        if (c == null) {
          problems.add(where + ": missing column " + required);
        } else if (c.type() != ColumnType.FLOAT64) {
          problems.add(where + ": column " + required + " must be FLOAT64, was " + c.type());
        }
      }
      int n = ids != null ? ids.length : columns.isEmpty() ? 0 : columns.get(0).size();
      ColumnSpec.checkAll(problems, where, columns, n, Set.of("id"));
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(NwbText.joinProblems("invalid interval table", problems));
      }
      return new IntervalsSpec(this);
    }
  }
}
