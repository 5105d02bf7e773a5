package org.trialmatch.nwb;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Splits a units table's flat {@code spike_times} by its index into one sorted train per unit, dropping the
 * times that cannot be spikes of this recording and saying what was dropped.
 *
 * <p>A time is dropped when it is NaN, infinite, or outside the plausible span of the recording: the span
 * of the file's interval tables widened by {@link #MARGIN_S} on each side, or, in a file without interval
 * tables, {@code |t| > }{@link #NO_INTERVALS_LIMIT_S}. Each kind is counted and reported in the problems
 * list (units affected, times dropped, an example value); unsorted trains are sorted and reported.
 */
final class SpikeTimes {
  /** Widening of the interval tables' span, s: a spike an hour before the first trial is still plausible. */
  static final double MARGIN_S = 3600;
  /** Without interval tables, the largest plausible |spike time|, s (about 116 days). */
  static final double NO_INTERVALS_LIMIT_S = 1e7;

  private SpikeTimes() {
  }

  /**
   * @param all the flat spike times
   * @param index the end offset of each unit's times in {@code all} (already checked)
   * @param span {@code {first, last}} plausible time, s
   * @param spanSource what the span comes from, for the report
   * @param path the in-file path of the spike times, for the report
   * @param problems where to add what was dropped or sorted
   * @return one sorted train per unit
   */
  static double[][] split(double[] all, long[] index, double[] span, String spanSource, String path,
      List<String> problems) {
    int rows = index.length;
    double[][] out = new double[rows][];
    int[] units = new int[3];
    long[] times = new long[3];
    double[] example = {Double.NaN, Double.NaN, Double.NaN};
    int unsorted = 0;
    long start = 0;
    for (int u = 0; u < rows; u++) {
      int from = (int) start;
      int to = (int) index[u];
      start = index[u];
      double[] keep = new double[to - from];
      int k = 0;
      boolean[] seen = new boolean[3];
      for (int i = from; i < to; i++) {
        double v = all[i];
        int kind = Double.isNaN(v) ? 0 : Double.isInfinite(v) ? 1 : v < span[0] || v > span[1] ? 2 : -1;
        if (kind < 0) {
          keep[k++] = v;
          continue;
        }
        times[kind]++;
        seen[kind] = true;
        if (Double.isNaN(example[kind]) && kind > 0) {
          example[kind] = v;
        }
      }
      for (int kind = 0; kind < 3; kind++) {
        units[kind] += seen[kind] ? 1 : 0;
      }
      double[] s = k == keep.length ? keep : Arrays.copyOf(keep, k);
      for (int i = 1; i < s.length; i++) {
        if (s[i] < s[i - 1]) {
          unsorted++;
          Arrays.sort(s);
          break;
        }
      }
      out[u] = s;
    }
    if (times[0] > 0) {
      problems.add(path + ": " + units[0] + " units have NaN spike times (" + times[0] + " dropped)");
    }
    if (times[1] > 0) {
      problems.add(path + ": " + units[1] + " units have infinite spike times (" + times[1] + " dropped, e.g. "
          + example[1] + ")");
    }
    if (times[2] > 0) {
      problems.add(String.format(Locale.ROOT,
          "%s: %d units have spike times outside the recording (%d dropped, e.g. %.6g s; the recording spans "
              + "%.1f to %.1f s by %s)",
          path, units[2], times[2], example[2], span[0], span[1], spanSource));
    }
    if (unsorted > 0) {
      problems.add(path + ": " + unsorted + " units have unsorted spike times (sorted on reading)");
    }
    return out;
  }

  /**
   * @param tables the file's interval tables
   * @return {@code {first, last}} plausible spike time, s: the tables' span widened by {@link #MARGIN_S}, or
   *     {@code ±}{@link #NO_INTERVALS_LIMIT_S} when no table has a finite time
   */
  static double[] plausibleSpan(List<IntervalTable> tables) {
    double first = Double.POSITIVE_INFINITY;
    double last = Double.NEGATIVE_INFINITY;
    for (IntervalTable t : tables) {
      for (String col : List.of("start_time", "stop_time")) {
        NumericColumn c = t.numeric(col).orElse(null);
        if (c == null) {
          continue;
        }
        for (int r = 0; r < t.rows(); r++) {
          double v = c.get(r);
          if (Double.isFinite(v) && Math.abs(v) <= NO_INTERVALS_LIMIT_S) {
            first = Math.min(first, v);
            last = Math.max(last, v);
          }
        }
      }
    }
    if (first > last) {
      return new double[] {-NO_INTERVALS_LIMIT_S, NO_INTERVALS_LIMIT_S};
    }
    return new double[] {first - MARGIN_S, last + MARGIN_S};
  }
}
