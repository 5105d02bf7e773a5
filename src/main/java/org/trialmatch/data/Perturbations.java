package org.trialmatch.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.trialmatch.nwb.Column;
import org.trialmatch.nwb.IntervalTable;
import org.trialmatch.nwb.NumericColumn;

/**
 * Which recorded trials were perturbed (photoinhibition, stimulation), read from interval-table columns,
 * and whether such trials are kept. By default they are left out of the trial set, since a model is
 * fitted to unperturbed activity and a perturbation is what it is asked to predict.
 *
 * <p>A trial is perturbed when any of the columns says so: a number that is finite and not 0 (e.g.
 * {@code photo_stim_power} 1.5, {@code stim_present} 1), or a text that is not empty and not one of
 * {@value #NO_TEXT} (e.g. {@code photo_stim_period} "delay"). {@code "auto"} stands for the columns of
 * {@link #KNOWN} the table has.
 *
 * @param columns interval-table columns, or {@code ["auto"]}, or empty for none
 * @param include keep perturbed trials
 */
public record Perturbations(List<String> columns, boolean include) {
  /** The columns {@code "auto"} looks for (the ALM and thalamus recordings of DANDI:000006 and :000009). */
  public static final List<String> KNOWN = List.of("photo_stim_period", "photo_stim_power", "stim_present");
  /** Texts that mean "not perturbed" (compared trimmed, ignoring case). */
  static final String NO_TEXT = "n/a, na, none, no, false, 0, off, control, nan";
  private static final Set<String> NO = Set.of("n/a", "na", "none", "no", "false", "0", "off", "control", "nan", "");

  /** Copies the list. */
  public Perturbations {
    columns = List.copyOf(columns);
  }

  /** @return {@code ["auto"]}, perturbed trials left out */
  public static Perturbations defaults() {
    return new Perturbations(List.of("auto"), false);
  }

  /**
   * @param file the file, for the message
   * @param table the interval table
   * @return the columns to check
   * @throws TrialSetException if a named column is missing
   */
  List<Column> resolve(String file, IntervalTable table) {
    List<Column> out = new ArrayList<>();
    for (String name : columns) {
      if (name.equals("auto")) {
        for (String k : KNOWN) {
          table.column(k).ifPresent(out::add);
        }
        continue;
      }
      out.add(table.column(name).orElseThrow(() -> new TrialSetException(file + ": " + table.path() + "/" + name
          + ": expected the column named by data.perturbationColumns, found no such column; columns: "
          + String.join(", ", table.columnNames()))));
    }
    return out;
  }

  /**
   * @param cols the columns of {@link #resolve}
   * @param row a row of the table
   * @return whether the row was perturbed
   */
  static boolean perturbed(List<Column> cols, int row) {
    for (Column c : cols) {
      if (c instanceof NumericColumn n) {
        double v = n.get(row);
        if (Double.isFinite(v) && v != 0) {
          return true;
        }
      } else if (!NO.contains(c.text(row).trim().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
