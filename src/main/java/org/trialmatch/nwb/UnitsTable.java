package org.trialmatch.nwb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code units} table of a recording: spike times per unit (seconds, sorted), the area of each
 * unit (the label its {@link AreaRule} gave, renamed by the area map when one is given), and the other
 * one-dimensional columns.
 */
public final class UnitsTable {
  private final long[] ids;
  private final double[][] spikeTimesS;
  private final String[] areas;
  private final String[] labels;
  private final AreaRule areaRule;
  private final String areaSource;
  private final Map<String, Column> columns;

  /**
   * @param ids unit ids (the table's {@code id})
   * @param spikeTimesS spike times per unit, seconds, each sorted ascending (not copied)
   * @param areas area per unit (the label, renamed by the area map)
   * @param labels label per unit, as the rule gave it
   * @param areaRule the rule that gave the labels
   * @param areaSource where the labels come from, e.g. {@code units/location} or
   *     {@code general/extracellular_ephys/electrodes/location}
   * @param columns other columns in file order
   */
  UnitsTable(long[] ids, double[][] spikeTimesS, String[] areas, String[] labels, AreaRule areaRule,
      String areaSource, List<Column> columns) {
    if (ids.length != spikeTimesS.length || ids.length != areas.length || ids.length != labels.length) {
      throw new IllegalArgumentException("ids, spike times, areas and labels differ in length");
    }
    this.ids = ids;
    this.spikeTimesS = spikeTimesS;
    this.areas = areas;
    this.labels = labels;
    this.areaRule = Objects.requireNonNull(areaRule, "areaRule");
    this.areaSource = Objects.requireNonNull(areaSource, "areaSource");
    Map<String, Column> m = new LinkedHashMap<>();
    for (Column c : columns) {
      m.put(c.name(), c);
    }
    this.columns = Collections.unmodifiableMap(m);
  }

  /** @return the number of units */
  public int count() {
    return ids.length;
  }

  /**
   * @param unit row
   * @return the unit's id
   */
  public long id(int unit) {
    return ids[unit];
  }

  /**
   * @param unit row
   * @return a copy of its spike times, seconds, ascending
   */
  public double[] spikeTimesS(int unit) {
    return spikeTimesS[unit].clone();
  }

  /**
   * Read-only view for bulk work inside the toolkit (binning); do not modify.
   *
   * @param unit row
   * @return the spike times array itself
   */
  public double[] spikeTimesView(int unit) {
    return spikeTimesS[unit];
  }

  /**
   * @param unit row
   * @return number of spikes of the unit
   */
  public int spikeCount(int unit) {
    return spikeTimesS[unit].length;
  }

  /** @return total number of spikes */
  public long totalSpikes() {
    long n = 0;
    for (double[] s : spikeTimesS) {
      n += s.length;
    }
    return n;
  }

  /**
   * @param unit row
   * @return its area: the label of {@link #areaLabel}, renamed by the area map when one is given
   */
  public String area(int unit) {
    return areas[unit];
  }

  /**
   * @param unit row
   * @return its label as the area rule gave it, before the area map
   */
  public String areaLabel(int unit) {
    return labels[unit];
  }

  /** @return the rule that gave the area labels */
  public AreaRule areaRule() {
    return areaRule;
  }

  /** @return where the area labels come from (an in-file path, or {@code none}) */
  public String areaSource() {
    return areaSource;
  }

  /** @return units per area, in first-seen order */
  public Map<String, Integer> countByArea() {
    return counts(areas);
  }

  /** @return units per label of the area rule (before the area map), in first-seen order */
  public Map<String, Integer> countByAreaLabel() {
    return counts(labels);
  }

  /**
   * @param area an area
   * @return units of that area per label (before the area map), in first-seen order
   */
  public Map<String, Integer> labelsOf(String area) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int u = 0; u < areas.length; u++) {
      if (areas[u].equals(area)) {
        m.merge(labels[u], 1, Integer::sum);
      }
    }
    return m;
  }

  private static Map<String, Integer> counts(String[] values) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (String a : values) {
      m.merge(a, 1, Integer::sum);
    }
    return m;
  }

  /** @return the other one-dimensional columns, in file order */
  public Map<String, Column> columns() {
    return columns;
  }

  /**
   * @param name column name
   * @return the column if present
   */
  public Optional<Column> column(String name) {
    return Optional.ofNullable(columns.get(name));
  }

  /** @return the earliest spike of any unit, seconds (NaN if there is none) */
  public double firstSpikeS() {
    double m = Double.POSITIVE_INFINITY;
    for (double[] s : spikeTimesS) {
      if (s.length > 0) {
        m = Math.min(m, s[0]);
      }
    }
    return m == Double.POSITIVE_INFINITY ? Double.NaN : m;
  }

  /** @return the latest spike of any unit, seconds (NaN if there is none) */
  public double lastSpikeS() {
    double m = Double.NEGATIVE_INFINITY;
    for (double[] s : spikeTimesS) {
      if (s.length > 0) {
        m = Math.max(m, s[s.length - 1]);
      }
    }
    return m == Double.NEGATIVE_INFINITY ? Double.NaN : m;
  }
}
