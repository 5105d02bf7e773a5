package org.trialmatch.nwb.write;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code units} table ({@code Units}): ragged {@code spike_times} with {@code spike_times_index},
 * optionally an {@code electrodes} region into the electrodes table, and further columns in order.
 * Column order in {@code colnames}: {@code spike_times}, {@code electrodes} (when present), then
 * {@link #columns()} in the order they were added.
 */
public final class UnitsSpec {
  private final String description;
  private final long[] ids;
  private final double[][] spikeTimes;
  private final int[][] electrodeRows;
  private final UnitElectrodes electrodesLayout;
  private final IndexType spikeTimesIndexType;
  private final IndexType electrodesIndexType;
  private final List<ColumnSpec> columns;
  private final String areaColumn;
  private final double[] rawSpikeTimes;
  private final long[] rawSpikeTimesIndex;
  private final int spikeTimesChunkLength;
  private final int spikeTimesGzipLevel;

  private UnitsSpec(Builder b) {
    this.description = b.description;
    int n = b.ids.size();
    this.ids = new long[n];
    this.spikeTimes = new double[n][];
    this.electrodeRows = new int[n][];
    for (int i = 0; i < n; i++) {
      ids[i] = b.ids.get(i);
      spikeTimes[i] = b.spikeTimes.get(i).clone();
      electrodeRows[i] = b.electrodeRows.get(i).clone();
    }
    this.electrodesLayout = b.electrodesLayout;
    this.spikeTimesIndexType = b.spikeTimesIndexType;
    this.electrodesIndexType = b.electrodesIndexType;
    this.columns = List.copyOf(b.columns);
    this.areaColumn = b.areaColumn;
    this.rawSpikeTimes = b.rawSpikeTimes == null ? null : b.rawSpikeTimes.clone();
    this.rawSpikeTimesIndex = b.rawSpikeTimesIndex == null ? null : b.rawSpikeTimesIndex.clone();
    this.spikeTimesChunkLength = b.spikeTimesChunkLength;
    this.spikeTimesGzipLevel = b.spikeTimesGzipLevel;
  }

  /** @return a builder for a units table */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the table's {@code description} attribute */
  public String description() {
    return description;
  }

  /** @return the number of units (rows) */
  public int unitCount() {
    return ids.length;
  }

  /** @return a copy of the {@code id} column */
  public long[] ids() {
    return ids.clone();
  }

  /**
   * @param unit row
   * @return a copy of that unit's spike times in seconds, as given (ignored in unchecked mode)
   */
  public double[] spikeTimes(int unit) {
    return spikeTimes[unit].clone();
  }

  /**
   * @param unit row
   * @return a copy of the electrodes-table rows of that unit
   */
  public int[] electrodeRows(int unit) {
    return electrodeRows[unit].clone();
  }

  /** @return layout of the {@code electrodes} column */
  public UnitElectrodes electrodesLayout() {
    return electrodesLayout;
  }

  /** @return the stored integer type of {@code spike_times_index} */
  public IndexType spikeTimesIndexType() {
    return spikeTimesIndexType;
  }

  /** @return the stored integer type of {@code electrodes_index} */
  public IndexType electrodesIndexType() {
    return electrodesIndexType;
  }

  /** @return the further columns, in {@code colnames} order */
  public List<ColumnSpec> columns() {
    return columns;
  }

  /** @return name of the text column holding each unit's brain area, if one was declared */
  public Optional<String> areaColumn() {
    return Optional.ofNullable(areaColumn);
  }

  /** @return whether {@code spike_times} and its index are written verbatim from raw arrays */
  public boolean unchecked() {
    return rawSpikeTimesIndex != null;
  }

  /** @return the values of the {@code spike_times} dataset, as written (all units concatenated) */
  public double[] spikeTimesData() {
    if (rawSpikeTimes != null) {
      return rawSpikeTimes.clone();
    }
    int total = 0;
    for (double[] s : spikeTimes) {
      total += s.length;
    }
    double[] out = new double[total];
    int k = 0;
    for (double[] s : spikeTimes) {
      System.arraycopy(s, 0, out, k, s.length);
      k += s.length;
    }
    return out;
  }

  /** @return the values of {@code spike_times_index}, as written (end offsets into spike_times) */
  public long[] spikeTimesIndex() {
    if (rawSpikeTimesIndex != null) {
      return rawSpikeTimesIndex.clone();
    }
    long[] out = new long[spikeTimes.length];
    long end = 0;
    for (int i = 0; i < spikeTimes.length; i++) {
      end += spikeTimes[i].length;
      out[i] = end;
    }
    return out;
  }

  /** @return the values of the {@code electrodes} dataset, as written (all units concatenated) */
  public long[] electrodesData() {
    int total = 0;
    for (int[] e : electrodeRows) {
      total += e.length;
    }
    long[] out = new long[total];
    int k = 0;
    for (int[] e : electrodeRows) {
      for (int v : e) {
        out[k++] = v;
      }
    }
    return out;
  }

  /** @return the values of {@code electrodes_index} (end offsets), meaningful for the ragged layout */
  public long[] electrodesIndex() {
    long[] out = new long[electrodeRows.length];
    long end = 0;
    for (int i = 0; i < electrodeRows.length; i++) {
      end += electrodeRows[i].length;
      out[i] = end;
    }
    return out;
  }

  /** @return chunk length of {@code spike_times}, or 0 for contiguous storage */
  public int spikeTimesChunkLength() {
    return spikeTimesChunkLength;
  }

  /** @return gzip level 1..9 of {@code spike_times}, or 0 for none (needs chunking) */
  public int spikeTimesGzipLevel() {
    return spikeTimesGzipLevel;
  }

  /** Builds a {@link UnitsSpec}; {@link #build()} checks it and reports every problem at once. */
  public static final class Builder {
    private String description = "units table";
    private final List<Long> ids = new ArrayList<>();
    private final List<double[]> spikeTimes = new ArrayList<>();
    private final List<int[]> electrodeRows = new ArrayList<>();
    private UnitElectrodes electrodesLayout = UnitElectrodes.RAGGED;
    private IndexType spikeTimesIndexType = IndexType.UINT64;
    private IndexType electrodesIndexType = IndexType.UINT64;
    private final List<ColumnSpec> columns = new ArrayList<>();
    private String areaColumn;
    private double[] rawSpikeTimes;
    private long[] rawSpikeTimesIndex;
    private int spikeTimesChunkLength;
    private int spikeTimesGzipLevel;

    private Builder() {
    }

    /**
     * @param text the table's {@code description} attribute
     * @return this
     */
    public Builder description(String text) {
      this.description = Objects.requireNonNull(text, "description");
      return this;
    }

    /**
     * Adds a unit (row).
     *
     * @param id value in the {@code id} column
     * @param spikeTimesS spike times in seconds (copied); ignored when
     *     {@link #uncheckedSpikeTimes(double[], long[])} is used
     * @param electrodeRows rows of the electrodes table (0-based): any number for
     *     {@link UnitElectrodes#RAGGED}, exactly one for {@link UnitElectrodes#SINGLE}, none for
     *     {@link UnitElectrodes#NONE}
     * @return this
     */
    public Builder unit(long id, double[] spikeTimesS, int... electrodeRows) {
      ids.add(id);
      spikeTimes.add(Objects.requireNonNull(spikeTimesS, "spikeTimesS").clone());
      this.electrodeRows.add(electrodeRows == null ? new int[0] : electrodeRows.clone());
      return this;
    }

    /**
     * @param layout layout of the {@code electrodes} column (default {@link UnitElectrodes#RAGGED})
     * @return this
     */
    public Builder electrodes(UnitElectrodes layout) {
      this.electrodesLayout = Objects.requireNonNull(layout, "layout");
      return this;
    }

    /**
     * @param type stored integer type of {@code spike_times_index} (default uint64: NWB's VectorIndex is unsigned)
     * @return this
     */
    public Builder spikeTimesIndexType(IndexType type) {
      this.spikeTimesIndexType = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * @param type stored integer type of {@code electrodes_index} (default uint64)
     * @return this
     */
    public Builder electrodesIndexType(IndexType type) {
      this.electrodesIndexType = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * Adds a further column after those added before.
     *
     * @param column the column; one value per unit
     * @return this
     */
    public Builder column(ColumnSpec column) {
      columns.add(Objects.requireNonNull(column, "column"));
      return this;
    }

    /**
     * Adds a text column holding each unit's brain area, e.g. named {@code location} or
     * {@code brain_area}, at this position of the column order.
     *
     * @param name the column name
     * @param areas one area per unit
     * @return this
     */
    public Builder areaColumn(String name, String[] areas) {
      if (areaColumn != null) {
        throw new IllegalStateException("areaColumn already set to '" + areaColumn + "'");
      }
      this.areaColumn = Objects.requireNonNull(name, "name");
      columns.add(ColumnSpec.texts(name, "brain area of each unit", areas));
      return this;
    }

    /**
     * Writes {@code spike_times} and {@code spike_times_index} verbatim from these arrays instead of from the
     * units' spike times, without checking that the index is non-decreasing or within the data, so that
     * tests can build malformed files. The index must still have one entry per unit, each representable
     * in the chosen {@link IndexType}.
     *
     * @param data values of {@code spike_times} (copied)
     * @param index values of {@code spike_times_index} (copied)
     * @return this
     */
    public Builder uncheckedSpikeTimes(double[] data, long[] index) {
      this.rawSpikeTimes = Objects.requireNonNull(data, "data").clone();
      this.rawSpikeTimesIndex = Objects.requireNonNull(index, "index").clone();
      return this;
    }

    /**
     * Stores {@code spike_times} in chunks, optionally compressed (default: contiguous, uncompressed).
     *
     * @param chunkLength chunk length in values, > 0
     * @param gzipLevel 0 (no compression) to 9
     * @return this
     */
    public Builder spikeTimesStorage(int chunkLength, int gzipLevel) {
      this.spikeTimesChunkLength = chunkLength;
      this.spikeTimesGzipLevel = gzipLevel;
      return this;
    }

    /**
     * Checks the table and builds it.
     *
     * @return the table
     * @throws IllegalArgumentException listing every problem found
     */
    public UnitsSpec build() {
      List<String> problems = new ArrayList<>();
      NwbText.checkText(problems, "units description", description);
      int n = ids.size();
      if (rawSpikeTimesIndex != null) {
        if (rawSpikeTimesIndex.length != n) {
          problems.add("units: unchecked spike_times_index has " + rawSpikeTimesIndex.length
              + " entries but the table has " + n + " units");
        }
        for (int i = 0; i < rawSpikeTimesIndex.length; i++) {
          if (!spikeTimesIndexType.holds(rawSpikeTimesIndex[i])) {
            problems.add("units: unchecked spike_times_index[" + i + "] = " + rawSpikeTimesIndex[i]
                + " does not fit " + spikeTimesIndexType.numpyName());
          }
        }
      } else {
        long total = 0;
        for (double[] s : spikeTimes) {
          total += s.length;
        }
        if (!spikeTimesIndexType.holds(total)) {
          problems.add("units: " + total + " spikes in total do not fit spike_times_index type "
              + spikeTimesIndexType.numpyName());
        }
      }
      long totalElectrodes = 0;
      for (int i = 0; i < n; i++) {
        int[] e = electrodeRows.get(i);
        totalElectrodes += e.length;
        if (electrodesLayout == UnitElectrodes.SINGLE && e.length != 1) {
          problems.add("units: unit row " + i + " has " + e.length
              + " electrodes but the SINGLE layout needs exactly 1");
        }
        if (electrodesLayout == UnitElectrodes.NONE && e.length != 0) {
          problems.add("units: unit row " + i + " has electrodes but the layout is NONE");
        }
        for (int row : e) {
          if (row < 0) {
            problems.add("units: unit row " + i + " has a negative electrode row " + row);
          }
        }
      }
      if (electrodesLayout == UnitElectrodes.RAGGED && !electrodesIndexType.holds(totalElectrodes)) {
        problems.add("units: " + totalElectrodes + " electrode entries do not fit electrodes_index type "
            + electrodesIndexType.numpyName());
      }
      if (spikeTimesChunkLength < 0) {
        problems.add("units: spikeTimesChunkLength must be >= 0, was " + spikeTimesChunkLength);
      }
      if (spikeTimesGzipLevel < 0 || spikeTimesGzipLevel > 9) {
        problems.add("units: spikeTimesGzipLevel must be in 0..9, was " + spikeTimesGzipLevel);
      }
      if (spikeTimesGzipLevel > 0 && spikeTimesChunkLength == 0) {
        problems.add("units: gzip needs a chunk length > 0");
      }
      Set<String> reserved = new HashSet<>(List.of("id", "spike_times", "spike_times_index"));
      if (electrodesLayout != UnitElectrodes.NONE) {
        reserved.add("electrodes");
        reserved.add("electrodes_index");
      }
      ColumnSpec.checkAll(problems, "units", columns, n, reserved);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(NwbText.joinProblems("invalid units table", problems));
      }
      return new UnitsSpec(this);
    }
  }
}
