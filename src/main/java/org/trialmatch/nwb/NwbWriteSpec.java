package org.trialmatch.nwb;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Everything {@link NwbWriter} puts into one NWB 2.x file: the file's own attributes and datasets, devices,
 * electrode groups and the electrodes table, the units table, interval tables and TimeSeries (behaviour).
 * Immutable; built with {@link #builder(String, String, String)}, which checks the whole description and
 * reports every problem it finds in one {@link IllegalArgumentException}.
 *
 * <p>In-file names (groups, columns, series) may contain spaces and ':' but not '/', and may not be "." or
 * "..". Text values are stored as variable-length UTF-8 strings and may not contain the NUL character.
 * Times are in seconds relative to {@code timestamps_reference_time}.
 *
 * <p>One file because the builder checks the description as a whole (devices declared once, electrode
 * groups named apart from the electrodes table, the units' electrode rows against their layout and index
 * type) and reports every problem at once; the nested types are the parts of that one description. Their names
 * repeat those of the reading side ({@code UnitsTable}, {@code IntervalTable}, {@code TextColumn}): import
 * them as {@code NwbWriteSpec.UnitsTable} etc.
 */
public final class NwbWriteSpec {
  /**
   * NWB schema version written by default: 2.6.0, the newest schema a validator here checks our files against
   * (pynwb 2.3.1's, 0 errors, docs/nwb-writing.md). The schema itself is not cached in the files.
   */
  public static final String DEFAULT_NWB_VERSION = "2.6.0";
  /** Default name of the trials table under {@code intervals/}. */
  public static final String DEFAULT_INTERVAL_TABLE = "trials";

  private final String nwbVersion;
  private final String identifier;
  private final String sessionDescription;
  private final String sessionStartTime;
  private final String timestampsReferenceTime;
  private final List<String> fileCreateDate;
  private final Long objectIdSeed;
  private final List<Device> devices;
  private final List<ElectrodeGroup> electrodeGroups;
  private final List<ElectrodeRow> electrodes;
  private final ElectrodesTableType electrodesTableType;
  private final String electrodesDescription;
  private final UnitsTable units;
  private final List<IntervalTable> intervals;
  private final Map<String, String> processingModules;
  private final List<Series> series;
  private final NwbMetadata metadata;

  private NwbWriteSpec(Builder b) {
    this.metadata = b.metadata;
    this.nwbVersion = b.nwbVersion;
    this.identifier = b.identifier;
    this.sessionDescription = b.sessionDescription;
    this.sessionStartTime = b.sessionStartTime;
    this.timestampsReferenceTime =
        b.timestampsReferenceTime == null ? b.sessionStartTime : b.timestampsReferenceTime;
    this.fileCreateDate = List.copyOf(b.fileCreateDate.isEmpty()
        ? List.of(OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        : b.fileCreateDate);
    this.objectIdSeed = b.objectIdSeed;
    this.devices = List.copyOf(b.devices);
    this.electrodeGroups = List.copyOf(b.electrodeGroups);
    this.electrodes = List.copyOf(b.electrodes);
    this.electrodesTableType = b.electrodesTableType;
    this.electrodesDescription = b.electrodesDescription;
    this.units = b.units;
    this.intervals = List.copyOf(b.intervals);
    this.processingModules = Collections.unmodifiableMap(new LinkedHashMap<>(b.processingModules));
    this.series = List.copyOf(b.series);
  }

  /**
   * Starts a description of a file.
   *
   * @param identifier the file's unique identifier (dataset {@code identifier})
   * @param sessionDescription dataset {@code session_description}
   * @param sessionStartTime ISO 8601 date-time with offset, e.g. {@code 2024-05-01T10:00:00+02:00}
   * @return a builder
   */
  public static Builder builder(String identifier, String sessionDescription, String sessionStartTime) {
    return new Builder(identifier, sessionDescription, sessionStartTime);
  }

  /** @return the root attribute {@code nwb_version} */
  public String nwbVersion() {
    return nwbVersion;
  }

  /** @return dataset {@code identifier} */
  public String identifier() {
    return identifier;
  }

  /** @return dataset {@code session_description} */
  public String sessionDescription() {
    return sessionDescription;
  }

  /** @return dataset {@code session_start_time} (ISO 8601) */
  public String sessionStartTime() {
    return sessionStartTime;
  }

  /** @return dataset {@code timestamps_reference_time} (ISO 8601; the session start unless set) */
  public String timestampsReferenceTime() {
    return timestampsReferenceTime;
  }

  /** @return entries of dataset {@code file_create_date} (ISO 8601), at least one */
  public List<String> fileCreateDate() {
    return fileCreateDate;
  }

  /**
   * @return the seed from which the {@code object_id} UUIDs are drawn, or empty when they are random
   *     (a fixed seed and a fixed {@link #fileCreateDate()} make the written file reproducible byte for byte)
   */
  public OptionalLong objectIdSeed() {
    return objectIdSeed == null ? OptionalLong.empty() : OptionalLong.of(objectIdSeed);
  }

  /** @return devices under {@code general/devices/} */
  public List<Device> devices() {
    return devices;
  }

  /** @return electrode groups under {@code general/extracellular_ephys/} */
  public List<ElectrodeGroup> electrodeGroups() {
    return electrodeGroups;
  }

  /** @return rows of {@code general/extracellular_ephys/electrodes}, in row order (may be empty: no table) */
  public List<ElectrodeRow> electrodes() {
    return electrodes;
  }

  /** @return the neurodata type written on the electrodes table */
  public ElectrodesTableType electrodesTableType() {
    return electrodesTableType;
  }

  /** @return the electrodes table's {@code description} attribute */
  public String electrodesDescription() {
    return electrodesDescription;
  }

  /** @return the units table, if the file has one */
  public Optional<UnitsTable> units() {
    return Optional.ofNullable(units);
  }

  /** @return interval tables under {@code intervals/}, in writing order */
  public List<IntervalTable> intervals() {
    return intervals;
  }

  /** @return processing modules (name to description), in writing order */
  public Map<String, String> processingModules() {
    return processingModules;
  }

  /** @return TimeSeries to write (acquisition or processing modules) */
  public List<Series> series() {
    return series;
  }

  /** @return subject, experimenters, institution, experiment description and keywords */
  public NwbMetadata metadata() {
    return metadata;
  }

  // ------------------------------------------------------------------------------------------------
  // small value types

  /**
   * A device under {@code general/devices/<name>} (neurodata type {@code Device}).
   *
   * @param name group name
   * @param description attribute {@code description}
   * @param manufacturer attribute {@code manufacturer}
   */
  public record Device(String name, String description, String manufacturer) {
    /** Checks for nulls. */
    public Device {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(manufacturer, "manufacturer");
    }
  }

  /**
   * An electrode group under {@code general/extracellular_ephys/<name>} (neurodata type
   * {@code ElectrodeGroup}), with a soft link {@code device} to {@code general/devices/<device>}.
   *
   * @param name group name (may contain ':' and spaces)
   * @param description attribute {@code description}
   * @param location attribute {@code location}
   * @param device name of a {@link Device} of the same file
   */
  public record ElectrodeGroup(String name, String description, String location, String device) {
    /** Checks for nulls. */
    public ElectrodeGroup {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(device, "device");
    }
  }

  /**
   * One row of the electrodes table.
   *
   * @param id value in the {@code id} column
   * @param x x coordinate (column {@code x}), may be NaN
   * @param y y coordinate (column {@code y}), may be NaN
   * @param z z coordinate (column {@code z}), may be NaN
   * @param imp impedance in ohms (column {@code imp}), may be NaN
   * @param location column {@code location}, e.g. {@code brain_region: ALM; hemisphere: left}
   * @param filtering column {@code filtering}
   * @param group name of the {@link ElectrodeGroup}; written as an object reference in column {@code group}
   *     and as text in column {@code group_name}
   */
  public record ElectrodeRow(long id, double x, double y, double z, double imp, String location,
      String filtering, String group) {
    /** Checks for nulls. */
    public ElectrodeRow {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(filtering, "filtering");
      Objects.requireNonNull(group, "group");
    }
  }

  /** Which neurodata type the electrodes table carries. */
  public enum ElectrodesTableType {
    /** {@code DynamicTable} of namespace {@code hdmf-common}, as pynwb writes for NWB up to 2.8. */
    DYNAMIC_TABLE("hdmf-common", "DynamicTable"),
    /** {@code ElectrodesTable} of namespace {@code core}, as newer schema versions define it. */
    ELECTRODES_TABLE("core", "ElectrodesTable");

    private final String namespace;
    private final String neurodataType;

    ElectrodesTableType(String namespace, String neurodataType) {
      this.namespace = namespace;
      this.neurodataType = neurodataType;
    }

    /** @return the {@code namespace} attribute value */
    public String namespace() {
      return namespace;
    }

    /** @return the {@code neurodata_type} attribute value */
    public String neurodataType() {
      return neurodataType;
    }
  }

  /** Integer type of an index dataset ({@code VectorIndex}), as stored in the file (little-endian). */
  public enum IndexType {
    /** unsigned 8-bit. */
    UINT8(0, 0xFFL),
    /** unsigned 16-bit. */
    UINT16(0, 0xFFFFL),
    /** unsigned 32-bit. */
    UINT32(0, 0xFFFF_FFFFL),
    /** unsigned 64-bit (values up to {@link Long#MAX_VALUE} here). */
    UINT64(0, Long.MAX_VALUE),
    /** signed 32-bit. */
    INT32(Integer.MIN_VALUE, Integer.MAX_VALUE),
    /** signed 64-bit. */
    INT64(Long.MIN_VALUE, Long.MAX_VALUE);

    private final long min;
    private final long max;

    IndexType(long min, long max) {
      this.min = min;
      this.max = max;
    }

    /** @return the smallest value the type holds */
    public long min() {
      return min;
    }

    /** @return the largest value the type holds (capped at {@link Long#MAX_VALUE}) */
    public long max() {
      return max;
    }

    /**
     * @param value a value
     * @return whether the type holds it
     */
    public boolean holds(long value) {
      return value >= min && value <= max;
    }

    /** @return the numpy dtype name h5py reports for it, e.g. {@code uint16} */
    public String numpyName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Storage type of a table column. */
  public enum ColumnType {
    /** IEEE 64-bit float (NaN allowed). */
    FLOAT64,
    /** signed 32-bit integer. */
    INT32,
    /** signed 64-bit integer. */
    INT64,
    /**
     * boolean, stored as h5py stores numpy booleans: an HDF5 enum over a signed 8-bit integer with members
     * {@code FALSE = 0} and {@code TRUE = 1} (h5py reads it back as dtype {@code bool}).
     */
    BOOL,
    /** variable-length UTF-8 string. */
    TEXT
  }

  // ------------------------------------------------------------------------------------------------
  // columns

  /** A named table column ({@code VectorData}) with its values, one per row. */
  public sealed interface Column permits FloatColumn, IntColumn, LongColumn, BoolColumn, TextColumn {
    /** @return the dataset name */
    String name();

    /** @return the {@code description} attribute */
    String description();

    /** @return the number of rows */
    int size();

    /** @return the storage type */
    ColumnType type();
  }

  /** A float64 column (NaN allowed). */
  public static final class FloatColumn implements Column {
    private final String name;
    private final String description;
    private final double[] values;

    private FloatColumn(String name, String description, double[] values) {
      this.name = Objects.requireNonNull(name, "name");
      this.description = Objects.requireNonNull(description, "description");
      this.values = values.clone();
    }

    /**
     * @param name dataset name
     * @param description attribute {@code description}
     * @param values one value per row (copied)
     * @return the column
     */
    public static FloatColumn of(String name, String description, double[] values) {
      return new FloatColumn(name, description, Objects.requireNonNull(values, "values"));
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return description;
    }

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public ColumnType type() {
      return ColumnType.FLOAT64;
    }

    /** @return a copy of the values */
    public double[] values() {
      return values.clone();
    }

    /**
     * @param row row index
     * @return the value in that row
     */
    public double value(int row) {
      return values[row];
    }
  }

  /** A signed 32-bit integer column. */
  public static final class IntColumn implements Column {
    private final String name;
    private final String description;
    private final int[] values;

    private IntColumn(String name, String description, int[] values) {
      this.name = Objects.requireNonNull(name, "name");
      this.description = Objects.requireNonNull(description, "description");
      this.values = values.clone();
    }

    /**
     * @param name dataset name
     * @param description attribute {@code description}
     * @param values one value per row (copied)
     * @return the column
     */
    public static IntColumn of(String name, String description, int[] values) {
      return new IntColumn(name, description, Objects.requireNonNull(values, "values"));
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return description;
    }

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public ColumnType type() {
      return ColumnType.INT32;
    }

    /** @return a copy of the values */
    public int[] values() {
      return values.clone();
    }
  }

  /** A signed 64-bit integer column. */
  public static final class LongColumn implements Column {
    private final String name;
    private final String description;
    private final long[] values;

    private LongColumn(String name, String description, long[] values) {
      this.name = Objects.requireNonNull(name, "name");
      this.description = Objects.requireNonNull(description, "description");
      this.values = values.clone();
    }

    /**
     * @param name dataset name
     * @param description attribute {@code description}
     * @param values one value per row (copied)
     * @return the column
     */
    public static LongColumn of(String name, String description, long[] values) {
      return new LongColumn(name, description, Objects.requireNonNull(values, "values"));
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return description;
    }

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public ColumnType type() {
      return ColumnType.INT64;
    }

    /** @return a copy of the values */
    public long[] values() {
      return values.clone();
    }
  }

  /** A boolean column (stored as described at {@link ColumnType#BOOL}). */
  public static final class BoolColumn implements Column {
    private final String name;
    private final String description;
    private final boolean[] values;

    private BoolColumn(String name, String description, boolean[] values) {
      this.name = Objects.requireNonNull(name, "name");
      this.description = Objects.requireNonNull(description, "description");
      this.values = values.clone();
    }

    /**
     * @param name dataset name
     * @param description attribute {@code description}
     * @param values one value per row (copied)
     * @return the column
     */
    public static BoolColumn of(String name, String description, boolean[] values) {
      return new BoolColumn(name, description, Objects.requireNonNull(values, "values"));
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return description;
    }

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public ColumnType type() {
      return ColumnType.BOOL;
    }

    /** @return a copy of the values */
    public boolean[] values() {
      return values.clone();
    }
  }

  /** A text column (variable-length UTF-8). */
  public static final class TextColumn implements Column {
    private final String name;
    private final String description;
    private final String[] values;

    private TextColumn(String name, String description, String[] values) {
      this.name = Objects.requireNonNull(name, "name");
      this.description = Objects.requireNonNull(description, "description");
      this.values = values.clone();
    }

    /**
     * @param name dataset name
     * @param description attribute {@code description}
     * @param values one value per row (copied; no nulls, no NUL characters)
     * @return the column
     */
    public static TextColumn of(String name, String description, String[] values) {
      return new TextColumn(name, description, Objects.requireNonNull(values, "values"));
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return description;
    }

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public ColumnType type() {
      return ColumnType.TEXT;
    }

    /** @return a copy of the values */
    public String[] values() {
      return values.clone();
    }

    /**
     * @param row row index
     * @return the value in that row
     */
    public String value(int row) {
      return values[row];
    }
  }

  // ------------------------------------------------------------------------------------------------
  // units

  /** How the units table's {@code electrodes} column ({@code DynamicTableRegion}) is laid out. */
  public enum UnitElectrodes {
    /** no {@code electrodes} column. */
    NONE,
    /** ragged: {@code electrodes} with {@code electrodes_index}, any number of rows per unit. */
    RAGGED,
    /** one electrodes-table row per unit, no index dataset. */
    SINGLE
  }

  /**
   * The {@code units} table ({@code Units}): ragged {@code spike_times} with {@code spike_times_index},
   * optionally an {@code electrodes} region into the electrodes table, and further columns in order.
   * Column order in {@code colnames}: {@code spike_times}, {@code electrodes} (when present), then
   * {@link #columns()} in the order they were added.
   */
  public static final class UnitsTable {
    private final String description;
    private final long[] ids;
    private final double[][] spikeTimes;
    private final int[][] electrodeRows;
    private final UnitElectrodes electrodesLayout;
    private final IndexType spikeTimesIndexType;
    private final IndexType electrodesIndexType;
    private final List<Column> columns;
    private final String areaColumn;
    private final double[] rawSpikeTimes;
    private final long[] rawSpikeTimesIndex;
    private final int spikeTimesChunkLength;
    private final int spikeTimesGzipLevel;

    private UnitsTable(UnitsBuilder b) {
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
    public static UnitsBuilder builder() {
      return new UnitsBuilder();
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
    public List<Column> columns() {
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
  }

  /** Builds a {@link UnitsTable}; {@link #build()} checks it and reports every problem at once. */
  public static final class UnitsBuilder {
    private String description = "units table";
    private final List<Long> ids = new ArrayList<>();
    private final List<double[]> spikeTimes = new ArrayList<>();
    private final List<int[]> electrodeRows = new ArrayList<>();
    private UnitElectrodes electrodesLayout = UnitElectrodes.RAGGED;
    private IndexType spikeTimesIndexType = IndexType.UINT64;
    private IndexType electrodesIndexType = IndexType.UINT64;
    private final List<Column> columns = new ArrayList<>();
    private String areaColumn;
    private double[] rawSpikeTimes;
    private long[] rawSpikeTimesIndex;
    private int spikeTimesChunkLength;
    private int spikeTimesGzipLevel;

    private UnitsBuilder() {
    }

    /**
     * @param text the table's {@code description} attribute
     * @return this
     */
    public UnitsBuilder description(String text) {
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
    public UnitsBuilder unit(long id, double[] spikeTimesS, int... electrodeRows) {
      ids.add(id);
      spikeTimes.add(Objects.requireNonNull(spikeTimesS, "spikeTimesS").clone());
      this.electrodeRows.add(electrodeRows == null ? new int[0] : electrodeRows.clone());
      return this;
    }

    /**
     * @param layout layout of the {@code electrodes} column (default {@link UnitElectrodes#RAGGED})
     * @return this
     */
    public UnitsBuilder electrodes(UnitElectrodes layout) {
      this.electrodesLayout = Objects.requireNonNull(layout, "layout");
      return this;
    }

    /**
     * @param type stored integer type of {@code spike_times_index} (default uint64: NWB's VectorIndex is unsigned)
     * @return this
     */
    public UnitsBuilder spikeTimesIndexType(IndexType type) {
      this.spikeTimesIndexType = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * @param type stored integer type of {@code electrodes_index} (default uint64)
     * @return this
     */
    public UnitsBuilder electrodesIndexType(IndexType type) {
      this.electrodesIndexType = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * Adds a further column after those added before.
     *
     * @param column the column; one value per unit
     * @return this
     */
    public UnitsBuilder column(Column column) {
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
    public UnitsBuilder areaColumn(String name, String[] areas) {
      if (areaColumn != null) {
        throw new IllegalStateException("areaColumn already set to '" + areaColumn + "'");
      }
      this.areaColumn = Objects.requireNonNull(name, "name");
      columns.add(TextColumn.of(name, "brain area of each unit", areas));
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
    public UnitsBuilder uncheckedSpikeTimes(double[] data, long[] index) {
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
    public UnitsBuilder spikeTimesStorage(int chunkLength, int gzipLevel) {
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
    public UnitsTable build() {
      List<String> problems = new ArrayList<>();
      checkText(problems, "units description", description);
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
      checkColumns(problems, "units", columns, n, reserved);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(joinProblems("invalid units table", problems));
      }
      return new UnitsTable(this);
    }
  }

  // ------------------------------------------------------------------------------------------------
  // interval tables

  /**
   * An interval table under {@code intervals/<name>} ({@code TimeIntervals}): float64 columns
   * {@code start_time} and {@code stop_time} plus any typed columns, in the order added, and an {@code id}
   * column.
   */
  public static final class IntervalTable {
    private final String name;
    private final String description;
    private final long[] ids;
    private final List<Column> columns;

    private IntervalTable(IntervalsBuilder b) {
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
     * @param name the table's group name under {@code intervals/} (e.g. {@link #DEFAULT_INTERVAL_TABLE})
     * @return a builder
     */
    public static IntervalsBuilder builder(String name) {
      return new IntervalsBuilder(name);
    }

    /** @return a builder for the table {@code intervals/trials} */
    public static IntervalsBuilder builder() {
      return new IntervalsBuilder(DEFAULT_INTERVAL_TABLE);
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
    public List<Column> columns() {
      return columns;
    }

    /**
     * @param columnName a column name
     * @return that column, if present
     */
    public Optional<Column> column(String columnName) {
      for (Column c : columns) {
        if (c.name().equals(columnName)) {
          return Optional.of(c);
        }
      }
      return Optional.empty();
    }
  }

  /** Builds an {@link IntervalTable}. */
  public static final class IntervalsBuilder {
    private final String name;
    private String description = "intervals";
    private long[] ids;
    private final List<Column> columns = new ArrayList<>();

    private IntervalsBuilder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * @param text the {@code description} attribute
     * @return this
     */
    public IntervalsBuilder description(String text) {
      this.description = Objects.requireNonNull(text, "description");
      return this;
    }

    /**
     * @param values the {@code id} column (copied; default 0..n-1)
     * @return this
     */
    public IntervalsBuilder ids(long[] values) {
      this.ids = Objects.requireNonNull(values, "values").clone();
      return this;
    }

    /**
     * Adds a column after those added before.
     *
     * @param column the column
     * @return this
     */
    public IntervalsBuilder column(Column column) {
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
    public IntervalTable build() {
      List<String> problems = new ArrayList<>();
      String where = "intervals/" + name;
      checkName(problems, where, name);
      checkText(problems, where + " description", description);
      for (String required : List.of("start_time", "stop_time")) {
        Column c = null;
        for (Column k : columns) {
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
      checkColumns(problems, where, columns, n, Set.of("id"));
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(joinProblems("invalid interval table", problems));
      }
      return new IntervalTable(this);
    }
  }

  // ------------------------------------------------------------------------------------------------
  // time series

  /**
   * A TimeSeries placed under {@code acquisition/} or {@code processing/<module>/}, optionally inside a
   * container group of a given neurodata type (e.g. {@code BehavioralEvents}, {@code BehavioralTimeSeries},
   * {@code Position}). Timing is either explicit {@code timestamps} or {@code starting_time} with a
   * {@code rate} attribute.
   */
  public static final class Series {
    private final String name;
    private final String neurodataType;
    private final String description;
    private final String comments;
    private final String module;
    private final String containerName;
    private final String containerType;
    private final double[] data;
    private final String unit;
    private final double conversion;
    private final double resolution;
    private final double offset;
    private final double[] timestamps;
    private final double startingTimeS;
    private final double rateHz;

    private Series(SeriesBuilder b) {
      this.name = b.name;
      this.neurodataType = b.neurodataType;
      this.description = b.description;
      this.comments = b.comments;
      this.module = b.module;
      this.containerName = b.containerName;
      this.containerType = b.containerType;
      this.data = b.data == null ? null : b.data.clone();
      this.unit = b.unit;
      this.conversion = b.conversion;
      this.resolution = b.resolution;
      this.offset = b.offset;
      this.timestamps = b.timestamps == null ? null : b.timestamps.clone();
      this.startingTimeS = b.startingTimeS;
      this.rateHz = b.rateHz;
    }

    /**
     * @param name the series' group name
     * @return a builder (placed under {@code acquisition/} unless told otherwise)
     */
    public static SeriesBuilder builder(String name) {
      return new SeriesBuilder(name);
    }

    /** @return the group name */
    public String name() {
      return name;
    }

    /** @return the neurodata type (default {@code TimeSeries}) */
    public String neurodataType() {
      return neurodataType;
    }

    /** @return attribute {@code description} */
    public String description() {
      return description;
    }

    /** @return attribute {@code comments} */
    public String comments() {
      return comments;
    }

    /** @return the processing module holding it, or empty when under {@code acquisition/} */
    public Optional<String> module() {
      return Optional.ofNullable(module);
    }

    /** @return the container group's name, if the series sits in one */
    public Optional<String> containerName() {
      return Optional.ofNullable(containerName);
    }

    /** @return the container group's neurodata type, if the series sits in one */
    public Optional<String> containerType() {
      return Optional.ofNullable(containerType);
    }

    /** @return the in-file path of the series' group, without a leading '/' */
    public String path() {
      String parent = module == null ? "acquisition" : "processing/" + module;
      if (containerName != null) {
        parent = parent + "/" + containerName;
      }
      return parent + "/" + name;
    }

    /** @return whether a {@code data} dataset is written */
    public boolean hasData() {
      return data != null;
    }

    /** @return a copy of {@code data} (1-D float64) or null when absent */
    public double[] data() {
      return data == null ? null : data.clone();
    }

    /** @return attribute {@code unit} of {@code data} */
    public String unit() {
      return unit;
    }

    /** @return attribute {@code conversion} of {@code data} */
    public double conversion() {
      return conversion;
    }

    /** @return attribute {@code resolution} of {@code data} */
    public double resolution() {
      return resolution;
    }

    /** @return attribute {@code offset} of {@code data} */
    public double offset() {
      return offset;
    }

    /** @return whether timing is given by {@code timestamps} (else {@code starting_time} and rate) */
    public boolean hasTimestamps() {
      return timestamps != null;
    }

    /** @return a copy of {@code timestamps} in seconds, or null when timing is by rate */
    public double[] timestamps() {
      return timestamps == null ? null : timestamps.clone();
    }

    /** @return {@code starting_time} in seconds (NaN when timing is by timestamps) */
    public double startingTimeS() {
      return startingTimeS;
    }

    /** @return attribute {@code rate} of {@code starting_time} in Hz (NaN when timing is by timestamps) */
    public double rateHz() {
      return rateHz;
    }
  }

  /** Builds a {@link Series}. */
  public static final class SeriesBuilder {
    private final String name;
    private String neurodataType = "TimeSeries";
    private String description = "no description";
    private String comments = "no comments";
    private String module;
    private String containerName;
    private String containerType;
    private double[] data;
    private String unit = "n.a.";
    private double conversion = 1.0;
    private double resolution = -1.0;
    private double offset = 0.0;
    private double[] timestamps;
    private double startingTimeS = Double.NaN;
    private double rateHz = Double.NaN;

    private SeriesBuilder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * @param type neurodata type of the series group (default {@code TimeSeries}; namespace core)
     * @return this
     */
    public SeriesBuilder neurodataType(String type) {
      this.neurodataType = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * @param text attribute {@code description}
     * @return this
     */
    public SeriesBuilder description(String text) {
      this.description = Objects.requireNonNull(text, "description");
      return this;
    }

    /**
     * @param text attribute {@code comments}
     * @return this
     */
    public SeriesBuilder comments(String text) {
      this.comments = Objects.requireNonNull(text, "comments");
      return this;
    }

    /**
     * Places the series under {@code processing/<moduleName>/}; the module must be declared with
     * {@link Builder#processingModule(String, String)}.
     *
     * @param moduleName processing module name
     * @return this
     */
    public SeriesBuilder inProcessing(String moduleName) {
      this.module = Objects.requireNonNull(moduleName, "moduleName");
      return this;
    }

    /**
     * Places the series inside a container group (created once, shared by all series naming it).
     *
     * @param name container group name, e.g. {@code BehavioralEvents}
     * @param neurodataType container neurodata type (namespace core), e.g. {@code BehavioralEvents}
     * @return this
     */
    public SeriesBuilder inContainer(String name, String neurodataType) {
      this.containerName = Objects.requireNonNull(name, "name");
      this.containerType = Objects.requireNonNull(neurodataType, "neurodataType");
      return this;
    }

    /**
     * @param values the 1-D float64 {@code data} (copied)
     * @param unitName attribute {@code unit}
     * @return this
     */
    public SeriesBuilder data(double[] values, String unitName) {
      this.data = Objects.requireNonNull(values, "values").clone();
      this.unit = Objects.requireNonNull(unitName, "unitName");
      return this;
    }

    /**
     * @param conversionFactor attribute {@code conversion} of data (default 1.0)
     * @param resolutionValue attribute {@code resolution} of data (default -1.0, unknown)
     * @param offsetValue attribute {@code offset} of data (default 0.0)
     * @return this
     */
    public SeriesBuilder scaling(double conversionFactor, double resolutionValue, double offsetValue) {
      this.conversion = conversionFactor;
      this.resolution = resolutionValue;
      this.offset = offsetValue;
      return this;
    }

    /**
     * @param timesS {@code timestamps} in seconds (copied); replaces any starting time and rate
     * @return this
     */
    public SeriesBuilder timestamps(double[] timesS) {
      this.timestamps = Objects.requireNonNull(timesS, "timesS").clone();
      this.startingTimeS = Double.NaN;
      this.rateHz = Double.NaN;
      return this;
    }

    /**
     * @param startS {@code starting_time} in seconds
     * @param rate sampling rate in Hz (attribute {@code rate}), finite and > 0
     * @return this
     */
    public SeriesBuilder startingTime(double startS, double rate) {
      this.startingTimeS = startS;
      this.rateHz = rate;
      this.timestamps = null;
      return this;
    }

    /**
     * Checks the series and builds it.
     *
     * @return the series
     * @throws IllegalArgumentException listing every problem found
     */
    public Series build() {
      List<String> problems = new ArrayList<>();
      String where = "series " + name;
      checkName(problems, where, name);
      checkName(problems, where + " neurodata type", neurodataType);
      checkText(problems, where + " description", description);
      checkText(problems, where + " comments", comments);
      checkText(problems, where + " unit", unit);
      if (module != null) {
        checkName(problems, where + " module", module);
      }
      if (containerName != null) {
        checkName(problems, where + " container", containerName);
        checkName(problems, where + " container type", containerType);
      }
      if (timestamps == null) {
        if (!Double.isFinite(startingTimeS)) {
          problems.add(where + ": needs timestamps or a finite starting time, starting time was "
              + startingTimeS);
        }
        if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
          problems.add(where + ": rateHz must be finite and > 0, was " + rateHz);
        }
      } else if (data != null && timestamps.length != data.length) {
        problems.add(where + ": " + timestamps.length + " timestamps for " + data.length + " data values");
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(joinProblems("invalid time series", problems));
      }
      return new Series(this);
    }
  }

  // ------------------------------------------------------------------------------------------------
  // the file builder

  /** Builds an {@link NwbWriteSpec}; {@link #build()} checks the whole file description. */
  public static final class Builder {
    private String nwbVersion = DEFAULT_NWB_VERSION;
    private final String identifier;
    private final String sessionDescription;
    private final String sessionStartTime;
    private String timestampsReferenceTime;
    private final List<String> fileCreateDate = new ArrayList<>();
    private Long objectIdSeed;
    private final List<Device> devices = new ArrayList<>();
    private final List<ElectrodeGroup> electrodeGroups = new ArrayList<>();
    private final List<ElectrodeRow> electrodes = new ArrayList<>();
    private ElectrodesTableType electrodesTableType = ElectrodesTableType.DYNAMIC_TABLE;
    private String electrodesDescription = "metadata about extracellular electrodes";
    private UnitsTable units;
    private final List<IntervalTable> intervals = new ArrayList<>();
    private final Map<String, String> processingModules = new LinkedHashMap<>();
    private final List<Series> series = new ArrayList<>();
    private NwbMetadata metadata = NwbMetadata.NONE;

    private Builder(String identifier, String sessionDescription, String sessionStartTime) {
      this.identifier = Objects.requireNonNull(identifier, "identifier");
      this.sessionDescription = Objects.requireNonNull(sessionDescription, "sessionDescription");
      this.sessionStartTime = Objects.requireNonNull(sessionStartTime, "sessionStartTime");
    }

    /**
     * @param version root attribute {@code nwb_version} (default {@value #DEFAULT_NWB_VERSION})
     * @return this
     */
    public Builder nwbVersion(String version) {
      this.nwbVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * @param m subject, experimenters, institution, experiment description and keywords (default none)
     * @return this
     */
    public Builder metadata(NwbMetadata m) {
      this.metadata = Objects.requireNonNull(m, "metadata");
      return this;
    }

    /**
     * @param isoTime dataset {@code timestamps_reference_time} (default: the session start time)
     * @return this
     */
    public Builder timestampsReferenceTime(String isoTime) {
      this.timestampsReferenceTime = Objects.requireNonNull(isoTime, "isoTime");
      return this;
    }

    /**
     * Adds an entry to {@code file_create_date} (default: one entry, the time {@link #build()} runs).
     *
     * @param isoTime ISO 8601 date-time with offset
     * @return this
     */
    public Builder fileCreateDate(String isoTime) {
      fileCreateDate.add(Objects.requireNonNull(isoTime, "isoTime"));
      return this;
    }

    /**
     * @param seed seed of the generator drawing the {@code object_id} UUIDs (default: random UUIDs)
     * @return this
     */
    public Builder objectIdSeed(long seed) {
      this.objectIdSeed = seed;
      return this;
    }

    /**
     * @param device a device under {@code general/devices/}
     * @return this
     */
    public Builder device(Device device) {
      devices.add(Objects.requireNonNull(device, "device"));
      return this;
    }

    /**
     * @param group an electrode group under {@code general/extracellular_ephys/}
     * @return this
     */
    public Builder electrodeGroup(ElectrodeGroup group) {
      electrodeGroups.add(Objects.requireNonNull(group, "group"));
      return this;
    }

    /**
     * Appends a row to the electrodes table.
     *
     * @param row the row
     * @return this
     */
    public Builder electrode(ElectrodeRow row) {
      electrodes.add(Objects.requireNonNull(row, "row"));
      return this;
    }

    /**
     * Appends a row to the electrodes table with id = its row index.
     *
     * @param x x coordinate
     * @param y y coordinate
     * @param z z coordinate
     * @param imp impedance in ohms
     * @param location location text
     * @param filtering filtering text
     * @param group electrode group name
     * @return this
     */
    public Builder electrode(double x, double y, double z, double imp, String location, String filtering,
        String group) {
      return electrode(new ElectrodeRow(electrodes.size(), x, y, z, imp, location, filtering, group));
    }

    /**
     * @param type neurodata type of the electrodes table (default {@link ElectrodesTableType#DYNAMIC_TABLE})
     * @return this
     */
    public Builder electrodesTableType(ElectrodesTableType type) {
      this.electrodesTableType = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * @param text the electrodes table's {@code description} attribute
     * @return this
     */
    public Builder electrodesDescription(String text) {
      this.electrodesDescription = Objects.requireNonNull(text, "text");
      return this;
    }

    /**
     * @param table the units table
     * @return this
     */
    public Builder units(UnitsTable table) {
      this.units = Objects.requireNonNull(table, "table");
      return this;
    }

    /**
     * @param table an interval table under {@code intervals/}
     * @return this
     */
    public Builder intervals(IntervalTable table) {
      intervals.add(Objects.requireNonNull(table, "table"));
      return this;
    }

    /**
     * Declares a processing module ({@code ProcessingModule}) under {@code processing/}.
     *
     * @param name module name, e.g. {@code behavior}
     * @param description its {@code description} attribute
     * @return this
     */
    public Builder processingModule(String name, String description) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
      if (processingModules.containsKey(name)) {
        throw new IllegalArgumentException("processing module '" + name + "' declared twice");
      }
      processingModules.put(name, description);
      return this;
    }

    /**
     * @param s a TimeSeries to write
     * @return this
     */
    public Builder series(Series s) {
      series.add(Objects.requireNonNull(s, "series"));
      return this;
    }

    /**
     * Checks the whole description and builds it.
     *
     * @return the spec
     * @throws IllegalArgumentException listing every problem found
     */
    public NwbWriteSpec build() {
      List<String> problems = new ArrayList<>();
      checkText(problems, "nwb_version", nwbVersion);
      checkText(problems, "identifier", identifier);
      if (identifier.isEmpty()) {
        problems.add("identifier must not be empty");
      }
      checkText(problems, "session_description", sessionDescription);
      checkIsoTime(problems, "session_start_time", sessionStartTime);
      if (timestampsReferenceTime != null) {
        checkIsoTime(problems, "timestamps_reference_time", timestampsReferenceTime);
      }
      for (String d : fileCreateDate) {
        checkIsoTime(problems, "file_create_date", d);
      }
      checkText(problems, "electrodes description", electrodesDescription);

      Set<String> deviceNames = new HashSet<>();
      for (Device d : devices) {
        checkName(problems, "device", d.name());
        checkText(problems, "device " + d.name() + " description", d.description());
        checkText(problems, "device " + d.name() + " manufacturer", d.manufacturer());
        if (!deviceNames.add(d.name())) {
          problems.add("device '" + d.name() + "' declared twice");
        }
      }
      Set<String> groupNames = new HashSet<>();
      for (ElectrodeGroup g : electrodeGroups) {
        checkName(problems, "electrode group", g.name());
        checkText(problems, "electrode group " + g.name() + " description", g.description());
        checkText(problems, "electrode group " + g.name() + " location", g.location());
        if ("electrodes".equals(g.name())) {
          problems.add("electrode group may not be named 'electrodes' (the electrodes table's name)");
        }
        if (!groupNames.add(g.name())) {
          problems.add("electrode group '" + g.name() + "' declared twice");
        }
        if (!deviceNames.contains(g.device())) {
          problems.add("electrode group '" + g.name() + "' names unknown device '" + g.device() + "'");
        }
      }
      for (int i = 0; i < electrodes.size(); i++) {
        ElectrodeRow r = electrodes.get(i);
        if (!groupNames.contains(r.group())) {
          problems.add("electrode row " + i + " names unknown electrode group '" + r.group() + "'");
        }
        checkText(problems, "electrode row " + i + " location", r.location());
        checkText(problems, "electrode row " + i + " filtering", r.filtering());
      }
      if (units != null && units.electrodesLayout() != UnitElectrodes.NONE) {
        if (electrodes.isEmpty()) {
          problems.add("units: an electrodes column needs an electrodes table, which has no rows");
        }
        for (int u = 0; u < units.unitCount(); u++) {
          for (int row : units.electrodeRows(u)) {
            if (row >= electrodes.size()) {
              problems.add("units: unit row " + u + " names electrode row " + row + " but the electrodes"
                  + " table has " + electrodes.size() + " rows");
            }
          }
        }
      }
      Set<String> intervalNames = new HashSet<>();
      for (IntervalTable t : intervals) {
        if (!intervalNames.add(t.name())) {
          problems.add("interval table '" + t.name() + "' declared twice");
        }
      }
      for (Map.Entry<String, String> m : processingModules.entrySet()) {
        checkName(problems, "processing module", m.getKey());
        checkText(problems, "processing module " + m.getKey() + " description", m.getValue());
      }
      checkSeriesPlacement(problems);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(joinProblems("invalid NWB file description", problems));
      }
      return new NwbWriteSpec(this);
    }

    private void checkSeriesPlacement(List<String> problems) {
      // key: parent path of a child name; value: what occupies it ("series" or "container:<type>")
      Map<String, String> occupied = new HashMap<>();
      for (Series s : series) {
        if (s.module != null && !processingModules.containsKey(s.module)) {
          problems.add("series " + s.name() + " names undeclared processing module '" + s.module + "'");
        }
        String parent = s.module == null ? "acquisition" : "processing/" + s.module;
        if (s.containerName != null) {
          String key = parent + "/" + s.containerName;
          String was = occupied.putIfAbsent(key, "container:" + s.containerType);
          if (was != null && !was.equals("container:" + s.containerType)) {
            problems.add(key + " is used both as " + describe(was) + " and as container of type "
                + s.containerType);
          }
          parent = key;
        }
        String key = parent + "/" + s.name();
        String was = occupied.putIfAbsent(key, "series");
        if (was != null) {
          problems.add(key + " is used both as " + describe(was) + " and as series");
        }
      }
    }

    private static String describe(String occupant) {
      return occupant.startsWith("container:")
          ? "container of type " + occupant.substring("container:".length()) : occupant;
    }
  }

  // ------------------------------------------------------------------------------------------------
  // checks shared by the builders

  static void checkName(List<String> problems, String what, String name) {
    if (name == null || name.isEmpty()) {
      problems.add(what + ": name must not be empty");
      return;
    }
    if (name.indexOf('/') >= 0 || name.indexOf('\0') >= 0 || ".".equals(name) || "..".equals(name)) {
      problems.add(what + ": name '" + name + "' must not contain '/' or NUL, nor be '.' or '..'");
    }
  }

  static void checkText(List<String> problems, String what, String text) {
    if (text == null) {
      problems.add(what + " must not be null");
    } else if (text.indexOf('\0') >= 0) {
      problems.add(what + " must not contain the NUL character");
    }
  }

  private static void checkIsoTime(List<String> problems, String what, String text) {
    try {
      OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      problems.add(what + " must be an ISO 8601 date-time with offset, was '" + text + "'");
    }
  }

  private static void checkColumns(List<String> problems, String where, List<Column> columns, int rows,
      Set<String> reserved) {
    Set<String> seen = new HashSet<>();
    for (Column c : columns) {
      checkName(problems, where + " column", c.name());
      checkText(problems, where + " column " + c.name() + " description", c.description());
      if (reserved.contains(c.name()) || c.name().endsWith("_index")) {
        problems.add(where + ": column name '" + c.name() + "' is reserved");
      }
      if (!seen.add(c.name())) {
        problems.add(where + ": column '" + c.name() + "' appears twice");
      }
      if (c.size() != rows) {
        problems.add(where + ": column '" + c.name() + "' has " + c.size() + " values for " + rows + " rows");
      }
      if (c instanceof TextColumn t) {
        for (int i = 0; i < t.size(); i++) {
          String v = t.value(i);
          if (v == null || v.indexOf('\0') >= 0) {
            problems.add(where + ": column '" + c.name() + "' row " + i + " is null or contains NUL");
          }
        }
      }
    }
  }

  private static String joinProblems(String title, List<String> problems) {
    return title + " (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "): "
        + String.join("; ", problems);
  }

  @Override
  public String toString() {
    return "NwbWriteSpec[identifier=" + identifier + ", electrodes=" + electrodes.size() + ", units="
        + (units == null ? 0 : units.unitCount()) + ", intervals=" + intervals.size() + ", series="
        + series.size() + "]";
  }
}
