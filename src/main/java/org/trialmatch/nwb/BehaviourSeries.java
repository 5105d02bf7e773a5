package org.trialmatch.nwb;

import java.util.Objects;

/**
 * A behaviour TimeSeries found under {@code acquisition/} or {@code processing/<module>/}.
 *
 * <p>It is {@link SeriesKind#EVENTS} when it sits in a BehavioralEvents container, or when its
 * {@code data} are absent or constant; otherwise {@link SeriesKind#CONTINUOUS}. Times are absolute
 * seconds on the session clock (from {@code timestamps}, or {@code starting_time + i / rate}).
 * Multi-column data keep their first column.
 */
public final class BehaviourSeries {
  private final String path;
  private final SeriesKind kind;
  private final double[] timesS;
  private final double[] data;
  private final String unit;

  /**
   * @param path in-file path without a leading '/'
   * @param kind events or continuous
   * @param timesS sample or event times, seconds (copied)
   * @param data values per sample (copied); empty when the file has none
   * @param unit the data unit attribute, or ""
   */
  public BehaviourSeries(String path, SeriesKind kind, double[] timesS, double[] data, String unit) {
    this.path = Objects.requireNonNull(path, "path");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.timesS = timesS.clone();
    this.data = data.clone();
    this.unit = unit == null ? "" : unit;
    if (this.data.length != 0 && this.data.length != this.timesS.length) {
      throw new IllegalArgumentException(
          path + ": " + this.data.length + " data values for " + this.timesS.length + " times");
    }
  }

  /** @return the in-file path, e.g. {@code acquisition/lick_times/lick_left_times} */
  public String path() {
    return path;
  }

  /** @return the last path element */
  public String name() {
    int i = path.lastIndexOf('/');
    return i < 0 ? path : path.substring(i + 1);
  }

  /** @return events or continuous */
  public SeriesKind kind() {
    return kind;
  }

  /** @return the number of samples (continuous) or events */
  public int samples() {
    return timesS.length;
  }

  /** @return a copy of the times, seconds */
  public double[] timesS() {
    return timesS.clone();
  }

  /** @return a copy of the values (empty when absent) */
  public double[] data() {
    return data.clone();
  }

  /** @return the unit of the data, or "" */
  public String unit() {
    return unit;
  }
}
