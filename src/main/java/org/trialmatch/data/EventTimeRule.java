package org.trialmatch.data;

import java.util.Locale;
import org.trialmatch.nwb.IntervalTable;
import org.trialmatch.nwb.NumericColumn;

/**
 * Decides whether an event column of an interval table holds absolute times or times relative to
 * each row's {@code start_time}.
 *
 * <p>The rule: let {@code L} be the longest plausible trial, the larger of the longest finite
 * {@code stop_time - start_time} and twice the median interval between consecutive
 * {@code start_time}s (+infinity when neither exists). Over the rows where the event is not NaN,
 * count the rows where it fits when read as absolute ({@code start <= e < start + L}) and when read
 * as relative ({@code 0 <= e < L}), with 1 ms of slack. The reading that fits more rows wins; a tie
 * goes to absolute, the NWB convention. {@code start_time} and {@code stop_time} themselves are
 * always absolute. The decision and both counts are reported. (Real files need the slack in
 * {@code L}: in one of them trials start every 6.4 s while the go cue comes 7.1 s after the start.)
 */
public final class EventTimeRule {
  private EventTimeRule() {}

  /**
   * The decision for one column.
   *
   * @param column the column name
   * @param relative true when the column is read as relative to start_time
   * @param fitAbsolute rows whose event lies inside the row read as absolute
   * @param fitRelative rows whose event lies inside the row read as relative
   * @param rowsWithValue rows where the column is not NaN
   * @param forced true when the configuration imposed the reading
   */
  public record Decision(
      String column, boolean relative, int fitAbsolute, int fitRelative, int rowsWithValue, boolean forced) {
    /** @return one line for reports, e.g. {@code cue_start_time: relative to start_time (254 of 254 rows fit; absolute: 0)} */
    public String describe() {
      if (forced) {
        return String.format(
            Locale.ROOT, "%s: %s (set in the configuration)", column,
            relative ? "relative to start_time" : "absolute");
      }
      return String.format(
          Locale.ROOT, "%s: %s (%d of %d rows fit; %s: %d)", column,
          relative ? "relative to start_time" : "absolute", relative ? fitRelative : fitAbsolute,
          rowsWithValue, relative ? "absolute" : "relative", relative ? fitAbsolute : fitRelative);
    }
  }

  /**
   * Decides how to read a column.
   *
   * @param table the interval table (must have {@code start_time})
   * @param column a numeric column of it
   * @param mode AUTO to apply the rule, else the reading to impose
   * @return the decision
   */
  public static Decision decide(IntervalTable table, NumericColumn column, EventTimes mode) {
    String name = column.name();
    if ("start_time".equals(name) || "stop_time".equals(name)) {
      return new Decision(name, false, 0, 0, 0, true);
    }
    NumericColumn start = table.numeric("start_time").orElseThrow(
        () -> new IllegalArgumentException(table.path() + " has no numeric start_time"));
    NumericColumn stop = table.numeric("stop_time").orElse(null);
    int n = table.rows();
    double maxLen = longestTrialS(start, stop);
    final double slack = 1e-3;
    int fitAbs = 0;
    int fitRel = 0;
    int withValue = 0;
    for (int r = 0; r < n; r++) {
      double e = column.get(r);
      double s = start.get(r);
      if (Double.isNaN(e) || Double.isNaN(s)) {
        continue;
      }
      withValue++;
      if (e >= s - slack && e < s + maxLen + slack) {
        fitAbs++;
      }
      if (e >= -slack && e < maxLen + slack) {
        fitRel++;
      }
    }
    if (mode == EventTimes.ABSOLUTE || mode == EventTimes.RELATIVE) {
      return new Decision(name, mode == EventTimes.RELATIVE, fitAbs, fitRel, withValue, true);
    }
    return new Decision(name, fitRel > fitAbs, fitAbs, fitRel, withValue, false);
  }

  /** The longest plausible trial, s (see the class comment). */
  static double longestTrialS(NumericColumn start, NumericColumn stop) {
    int n = start.rows();
    double longest = Double.NaN;
    if (stop != null) {
      for (int r = 0; r < n; r++) {
        double d = stop.get(r) - start.get(r);
        if (Double.isFinite(d) && !(d <= longest)) {
          longest = d;
        }
      }
    }
    double[] gaps = new double[Math.max(0, n - 1)];
    int g = 0;
    for (int r = 0; r + 1 < n; r++) {
      double d = start.get(r + 1) - start.get(r);
      if (Double.isFinite(d) && d > 0) {
        gaps[g++] = d;
      }
    }
    if (g > 0) {
      double[] sorted = java.util.Arrays.copyOf(gaps, g);
      java.util.Arrays.sort(sorted);
      double median = g % 2 == 1 ? sorted[g / 2] : 0.5 * (sorted[g / 2 - 1] + sorted[g / 2]);
      longest = Double.isNaN(longest) ? 2 * median : Math.max(longest, 2 * median);
    }
    return Double.isNaN(longest) ? Double.POSITIVE_INFINITY : longest;
  }

  /**
   * Absolute event times of a column under a decision (NaN kept).
   *
   * @param table the table
   * @param column the column
   * @param d the decision for it
   * @return seconds on the session clock, one per row
   */
  public static double[] absoluteTimes(IntervalTable table, NumericColumn column, Decision d) {
    double[] out = column.toArray();
    if (d.relative()) {
      NumericColumn start = table.numeric("start_time").orElseThrow();
      for (int r = 0; r < out.length; r++) {
        out[r] += start.get(r);
      }
    }
    return out;
  }
}
