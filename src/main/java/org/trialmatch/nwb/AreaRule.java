package org.trialmatch.nwb;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How the recorded units of a file get their area label. Written as text in the configuration
 * ({@code data.areaRule}) and on the command line ({@code inspect --area-rule}):
 *
 * <ul>
 *   <li>{@code auto}: a units text column named {@code area}, {@code brain_area}, {@code
 *       brain_region} or {@code location}, else the {@code location} of the unit's electrodes; a
 *       structured location ({@code brain_region: ALM; hemisphere: left}) gives its {@code
 *       brain_region} field, a plain one is taken whole ({@link NwbReader#parseArea}).
 *   <li>{@code location:FIELD[+FIELD...]}: fields of the structured location (the units column
 *       {@code location} when the table has one, else the location of the unit's electrodes), their
 *       values joined with {@code '-'}: {@code location:brain_region+hemisphere} gives {@code
 *       ALM-left}. Field names match without regard to case.
 *   <li>{@code column:NAME}: the value of the units column {@code NAME}, e.g. {@code column:cell_type}
 *       gives {@code PTupper}; read as {@code auto} reads its columns (a structured value gives its
 *       {@code brain_region}).
 * </ul>
 *
 * A unit without a value (empty, {@code N/A}, {@code none}) is labelled {@code unknown}, which the
 * reader reports. The labels may then be renamed by an area map ({@link NwbReadOptions#areaMap()}).
 */
public sealed interface AreaRule permits AreaRule.Auto, AreaRule.LocationFields, AreaRule.UnitsColumn {
  /** The default: detect the area column, else the {@code brain_region} of the electrodes' location. */
  AreaRule AUTO = new Auto();

  /** What {@link #parse} accepts, for messages. */
  String FORMS = "auto, location:FIELD[+FIELD...] (e.g. location:brain_region+hemisphere) or column:NAME"
      + " (e.g. column:cell_type)";

  /** @return the rule as text, readable by {@link #parse} */
  String text();

  /**
   * Reads a rule from its text. The words {@code auto}, {@code location} and {@code column} match
   * without regard to case.
   *
   * @param text e.g. {@code location:brain_region+hemisphere}
   * @return the rule
   * @throws IllegalArgumentException with a one-line message saying what is wrong (callers that read
   *     a configuration turn it into an error naming their key)
   */
  static AreaRule parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.strip();
    int colon = s.indexOf(':');
    String kind = (colon < 0 ? s : s.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
    String rest = colon < 0 ? null : s.substring(colon + 1).strip();
    if (kind.equals("auto") && rest == null) {
      return AUTO;
    }
    if (kind.equals("location") && rest != null) {
      if (rest.isEmpty()) {
        throw new IllegalArgumentException("location: needs at least one field of the structured location,"
            + " e.g. location:brain_region, was '" + text + "'");
      }
      List<String> fields = new ArrayList<>();
      for (String f : rest.split("\\+", -1)) {
        fields.add(f.strip());
      }
      return new LocationFields(fields);
    }
    if (kind.equals("column") && rest != null) {
      return new UnitsColumn(rest);
    }
    throw new IllegalArgumentException("must be " + FORMS + ", was '" + text + "'");
  }

  /** Detect the area column, else the location of the electrodes (today's default). */
  record Auto() implements AreaRule {
    @Override
    public String text() {
      return "auto";
    }
  }

  /**
   * Fields of the structured location, joined with {@code '-'}.
   *
   * @param fields field names in label order (letters, digits and {@code _}; distinct regardless of case)
   */
  record LocationFields(List<String> fields) implements AreaRule {
    /** Validates the field names. */
    public LocationFields {
      fields = List.copyOf(fields);
      if (fields.isEmpty()) {
        throw new IllegalArgumentException("location: needs at least one field, e.g. location:brain_region");
      }
      Set<String> seen = new LinkedHashSet<>();
      for (String f : fields) {
        if (f.isEmpty()) {
          throw new IllegalArgumentException("has an empty field in location:" + String.join("+", fields)
              + " (fields are joined with '+', e.g. location:brain_region+hemisphere)");
        }
        if (!f.matches("[A-Za-z0-9_]+")) {
          throw new IllegalArgumentException("field '" + f + "' of location:" + String.join("+", fields)
              + " must be letters, digits and '_' (a field name of the structured location, e.g. hemisphere)");
        }
        if (!seen.add(f.toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException("field '" + f + "' is given twice in location:" + String.join("+", fields));
        }
      }
    }

    @Override
    public String text() {
      return "location:" + String.join("+", fields);
    }
  }

  /**
   * A column of the units table.
   *
   * @param column the column name
   */
  record UnitsColumn(String column) implements AreaRule {
    /** Validates the name. */
    public UnitsColumn {
      Objects.requireNonNull(column, "column");
      if (column.isBlank()) {
        throw new IllegalArgumentException("column: needs the name of a units column, e.g. column:cell_type");
      }
    }

    @Override
    public String text() {
      return "column:" + column;
    }
  }
}
