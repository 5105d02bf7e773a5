package org.trialmatch.nwb.write;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Everything {@link NwbWriter} puts into one NWB 2.x file: the file's own attributes and datasets, devices,
 * electrode groups and the electrodes table ({@link Device}, {@link ElectrodeGroup}, {@link ElectrodeRow}), the
 * units table ({@link UnitsSpec}), interval tables ({@link IntervalsSpec}) and TimeSeries ({@link SeriesSpec}).
 * Immutable; built with {@link #builder(String, String, String)}, whose {@link Builder#build()} checks the
 * description as a whole (devices declared once, electrode groups named apart from the electrodes table, the
 * units' electrode rows against the electrodes table, series placed in declared modules without clashes) and
 * reports every problem it finds in one {@link IllegalArgumentException}.
 *
 * <p>In-file names (groups, columns, series) may contain spaces and ':' but not '/', and may not be "." or
 * "..". Text values are stored as variable-length UTF-8 strings and may not contain the NUL character
 * ({@link NwbText}). Times are in seconds relative to {@code timestamps_reference_time}.
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
  private final UnitsSpec units;
  private final List<IntervalsSpec> intervals;
  private final Map<String, String> processingModules;
  private final List<SeriesSpec> series;
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
  public Optional<UnitsSpec> units() {
    return Optional.ofNullable(units);
  }

  /** @return interval tables under {@code intervals/}, in writing order */
  public List<IntervalsSpec> intervals() {
    return intervals;
  }

  /** @return processing modules (name to description), in writing order */
  public Map<String, String> processingModules() {
    return processingModules;
  }

  /** @return TimeSeries to write (acquisition or processing modules) */
  public List<SeriesSpec> series() {
    return series;
  }

  /** @return subject, experimenters, institution, experiment description and keywords */
  public NwbMetadata metadata() {
    return metadata;
  }

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
    private UnitsSpec units;
    private final List<IntervalsSpec> intervals = new ArrayList<>();
    private final Map<String, String> processingModules = new LinkedHashMap<>();
    private final List<SeriesSpec> series = new ArrayList<>();
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
    public Builder units(UnitsSpec table) {
      this.units = Objects.requireNonNull(table, "table");
      return this;
    }

    /**
     * @param table an interval table under {@code intervals/}
     * @return this
     */
    public Builder intervals(IntervalsSpec table) {
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
    public Builder series(SeriesSpec s) {
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
      NwbText.checkText(problems, "nwb_version", nwbVersion);
      NwbText.checkText(problems, "identifier", identifier);
      if (identifier.isEmpty()) {
        problems.add("identifier must not be empty");
      }
      NwbText.checkText(problems, "session_description", sessionDescription);
      NwbText.checkIsoTime(problems, "session_start_time", sessionStartTime);
      if (timestampsReferenceTime != null) {
        NwbText.checkIsoTime(problems, "timestamps_reference_time", timestampsReferenceTime);
      }
      for (String d : fileCreateDate) {
        NwbText.checkIsoTime(problems, "file_create_date", d);
      }
      NwbText.checkText(problems, "electrodes description", electrodesDescription);

      Set<String> deviceNames = new HashSet<>();
      for (Device d : devices) {
        NwbText.checkName(problems, "device", d.name());
        NwbText.checkText(problems, "device " + d.name() + " description", d.description());
        NwbText.checkText(problems, "device " + d.name() + " manufacturer", d.manufacturer());
        if (!deviceNames.add(d.name())) {
          problems.add("device '" + d.name() + "' declared twice");
        }
      }
      Set<String> groupNames = new HashSet<>();
      for (ElectrodeGroup g : electrodeGroups) {
        NwbText.checkName(problems, "electrode group", g.name());
        NwbText.checkText(problems, "electrode group " + g.name() + " description", g.description());
        NwbText.checkText(problems, "electrode group " + g.name() + " location", g.location());
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
        NwbText.checkText(problems, "electrode row " + i + " location", r.location());
        NwbText.checkText(problems, "electrode row " + i + " filtering", r.filtering());
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
      for (IntervalsSpec t : intervals) {
        if (!intervalNames.add(t.name())) {
          problems.add("interval table '" + t.name() + "' declared twice");
        }
      }
      for (Map.Entry<String, String> m : processingModules.entrySet()) {
        NwbText.checkName(problems, "processing module", m.getKey());
        NwbText.checkText(problems, "processing module " + m.getKey() + " description", m.getValue());
      }
      checkSeriesPlacement(problems);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(NwbText.joinProblems("invalid NWB file description", problems));
      }
      return new NwbWriteSpec(this);
    }

    private void checkSeriesPlacement(List<String> problems) {
      // key: parent path of a child name; value: what occupies it ("series" or "container:<type>")
      Map<String, String> occupied = new HashMap<>();
      for (SeriesSpec s : series) {
        String module = s.module().orElse(null);
        if (module != null && !processingModules.containsKey(module)) {
          problems.add("series " + s.name() + " names undeclared processing module '" + module + "'");
        }
        String parent = module == null ? "acquisition" : "processing/" + module;
        if (s.containerName().isPresent()) {
          String containerType = s.containerType().orElseThrow();
          String key = parent + "/" + s.containerName().get();
          String was = occupied.putIfAbsent(key, "container:" + containerType);
          if (was != null && !was.equals("container:" + containerType)) {
            problems.add(key + " is used both as " + describe(was) + " and as container of type "
                + containerType);
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

  @Override
  public String toString() {
    return "NwbWriteSpec[identifier=" + identifier + ", electrodes=" + electrodes.size() + ", units="
        + (units == null ? 0 : units.unitCount()) + ", intervals=" + intervals.size() + ", series="
        + series.size() + "]";
  }
}
