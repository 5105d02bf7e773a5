package org.trialmatch.nwb;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads NWB 2.x files (2.0 to 2.8, written by pynwb or MatNWB) as they are: the units table with
 * ragged spike times (index of any integer width) and electrodes (ragged or not), the area of each
 * unit, every interval table, and behaviour series. Problems a user should know about are collected
 * in {@link NwbContents#problems()}; what makes the file unusable throws {@link NwbFormatException}.
 */
public final class NwbReader {
  private static final String ELECTRODES = "general/extracellular_ephys/electrodes";
  private static final Set<String> AREA_COLUMNS = Set.of("area", "brain_area", "brain_region", "location");
  /** The label of a unit without an area. */
  private static final String UNKNOWN = "unknown";
  /** The area source when nothing in the file tells areas. */
  private static final String NO_SOURCE = "none";
  /** Series types that are recordings of the brain or images, never behaviour. */
  private static final Set<String> NOT_BEHAVIOUR =
      Set.of(
          "ElectricalSeries", "SpikeEventSeries", "ImageSeries", "ImageMaskSeries", "OpticalSeries",
          "TwoPhotonSeries", "OnePhotonSeries", "RoiResponseSeries", "OptogeneticSeries",
          "PatchClampSeries", "CurrentClampSeries", "VoltageClampSeries", "IZeroClampSeries",
          "CurrentClampStimulusSeries", "VoltageClampStimulusSeries", "LFP", "FilteredEphys",
          "EventWaveform", "Fluorescence", "DfOverF", "ImageSegmentation", "DecompositionSeries");

  private final Path file;
  private final NwbReadOptions options;
  private final List<String> problems = new ArrayList<>();

  private NwbReader(Path file, NwbReadOptions options) {
    this.file = file;
    this.options = options;
  }

  /**
   * Reads a file with default options.
   *
   * @param file the NWB file
   * @return what it holds
   * @throws NwbFormatException if the file is missing, not HDF5, truncated, has no units table or a
   *     malformed one
   */
  public static NwbContents read(Path file) {
    return read(file, NwbReadOptions.DEFAULT);
  }

  /**
   * Reads a file.
   *
   * @param file the NWB file
   * @param options reading options
   * @return what it holds
   * @throws NwbFormatException if the file is missing, not HDF5, truncated, has no units table or a
   *     malformed one
   */
  public static NwbContents read(Path file, NwbReadOptions options) {
    return new NwbReader(file, options).read();
  }

  private NwbContents read() {
    checkFile();
    HdfFile h;
    try {
      h = new HdfFile(file);
    } catch (RuntimeException e) {
      throw new NwbFormatException(file, "", "an HDF5 file (NWB 2.x)", describeOpenFailure(e), e);
    }
    try (HdfFile hdf = h) {
      checkTruncation(hdf);
      String version = rootAttribute(hdf, "nwb_version");
      if (version.isEmpty()) {
        problems.add("nwb_version: attribute missing; reading as NWB 2.x");
      } else if (!version.startsWith("2.")) {
        problems.add("nwb_version: " + version + " is not NWB 2.x; reading it as 2.x may fail");
      }
      String identifier = scalarString(hdf, "identifier");
      Node unitsNode = child(hdf, "units");
      if (!(unitsNode instanceof Group unitsGroup)) {
        throw new NwbFormatException(
            file, "units", "a units table (spike-sorted units)",
            unitsNode == null ? "no units group" : "a dataset");
      }
      List<IntervalTable> intervals = readIntervals(hdf);
      UnitsTable units = within("units", () -> readUnits(hdf, unitsGroup, intervals));
      checkIntervalsAgainstSpikes(intervals, units);
      List<BehaviourSeries> behaviour = readBehaviour(hdf);
      return new NwbContents(file, version, identifier, units, intervals, behaviour, problems);
    } catch (NwbFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new NwbFormatException(
          file, "", "readable HDF5 structures", "a damaged file (" + oneLine(e) + ")", e);
    }
  }

  private void checkFile() {
    if (!Files.exists(file)) {
      throw new NwbFormatException(file, "", "an NWB file", "no such file (check the path)");
    }
    if (Files.isDirectory(file)) {
      throw new NwbFormatException(file, "", "an NWB file", "a directory");
    }
    if (!Files.isRegularFile(file)) {
      throw new NwbFormatException(file, "", "an NWB file (a regular file)",
          "a FIFO, socket or device (it would be read forever or not at all)");
    }
    if (!Files.isReadable(file)) {
      throw new NwbFormatException(file, "", "a readable NWB file", "no read permission");
    }
  }

  /**
   * Runs one part of the reading; a failure of the HDF5 library inside it becomes an error naming that
   * part's in-file path.
   */
  private void within(String path, Runnable part) {
    within(path, () -> {
      part.run();
      return null;
    });
  }

  private <T> T within(String path, java.util.function.Supplier<T> part) {
    try {
      return part.get();
    } catch (NwbFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new NwbFormatException(file, path, "readable HDF5 structures",
          "damaged structures (the HDF5 reader reports: " + oneLine(e) + ")", e);
    }
  }

  private String describeOpenFailure(RuntimeException e) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException io) {
      return "an unreadable file (" + io.getMessage() + ")";
    }
    String m = oneLine(e);
    if (m.toLowerCase(Locale.ROOT).contains("signature")) {
      return "no HDF5 signature in its " + size + " bytes: not an HDF5 file";
    }
    return "a file that cannot be opened as HDF5 (" + m + ")";
  }

  private void checkTruncation(HdfFile hdf) {
    long size = hdf.size();
    // The stored end-of-file address counts from the start of the file, user block included (as the HDF5
    // library compares it: its relative end of file plus the base address).
    long eof = hdf.getHdfBackingStorage().getSuperblock().getEndOfFileAddress();
    if (eof > size) {
      throw new NwbFormatException(
          file, "", eof + " bytes (the end-of-file address in its HDF5 superblock)",
          size + " bytes: the file is truncated (an interrupted copy or download? copy it again)");
    }
  }

  // ---------------------------------------------------------------- units

  private UnitsTable readUnits(HdfFile hdf, Group g, List<IntervalTable> intervals) {
    String p = "units";
    int rows = tableRows(g, p);
    Dataset st = dataset(g, "spike_times", p);
    String stPath = p + "/spike_times";
    if (st.getDimensions().length != 1) {
      throw new NwbFormatException(file, stPath, "a 1-D dataset of spike times (float seconds)",
          "a " + st.getDimensions().length + "-D dataset " + Arrays.toString(st.getDimensions()));
    }
    if (!(st.getDataType() instanceof io.jhdf.object.datatype.FloatingPoint)) {
      throw new NwbFormatException(file, stPath, "spike times as floating-point seconds (as NWB defines them)",
          describeType(st) + " (a unit such as milliseconds or samples cannot be read from the file; "
              + "convert it to float seconds)");
    }
    double[] all = st.getSize() == 0 ? new double[0] : toDoubles(st.getData(), stPath);
    long[] index = childDataset(g, "spike_times_index") == null
        ? (rows == 1 ? new long[] {all.length} : null)
        : toLongs(dataset(g, "spike_times_index", p).getData(), p + "/spike_times_index");
    if (index == null) {
      throw new NwbFormatException(
          file, p + "/spike_times_index", "a VectorIndex for the ragged spike_times", "no such dataset");
    }
    checkIndex(index, rows, all.length, p + "/spike_times_index", stPath);
    double[] span = SpikeTimes.plausibleSpan(intervals);
    String spanSource = intervals.isEmpty() ? "a limit of 1e7 s without interval tables"
        : "the interval tables, widened by an hour";
    double[][] spikes = SpikeTimes.split(all, index, span, spanSource, stPath, problems);
    int empty = 0;
    for (double[] s : spikes) {
      empty += s.length == 0 ? 1 : 0;
    }
    if (empty > 0) {
      problems.add(p + ": " + empty + " of " + rows + " units have no spikes");
    }
    long[] ids = readIds(g, p, rows);
    reportDuplicateIds(ids, p + "/id");
    Set<String> skip = new LinkedHashSet<>(List.of("id", "spike_times", "spike_times_index", "electrodes", "electrodes_index"));
    List<Column> cols = readColumns(g, p, rows, skip);
    String[] labels = new String[rows];
    String source = resolveAreas(hdf, g, cols, rows, labels);
    String[] areas = mapAreas(labels, ids, source);
    return new UnitsTable(ids, spikes, areas, labels, options.areaRule(), source, cols);
  }

  private void reportDuplicateIds(long[] ids, String path) {
    Map<Long, Integer> count = new java.util.TreeMap<>();
    for (long id : ids) {
      count.merge(id, 1, Integer::sum);
    }
    List<String> dup = new ArrayList<>();
    int rowsWithDup = 0;
    for (Map.Entry<Long, Integer> e : count.entrySet()) {
      if (e.getValue() > 1) {
        rowsWithDup += e.getValue();
        if (dup.size() < 5) {
          dup.add(e.getKey() + " (" + e.getValue() + " rows)");
        }
      }
    }
    if (!dup.isEmpty()) {
      problems.add(path + ": " + rowsWithDup + " rows share their id with another row (ids " + String.join(", ", dup)
          + "); the units stay distinct by row");
    }
  }

  private static String describeType(Dataset d) {
    var t = d.getDataType();
    String kind = t instanceof io.jhdf.object.datatype.FixedPoint fp
        ? (fp.isSigned() ? "int" : "uint") + (fp.getSize() * 8) + " integers"
        : t.getClass().getSimpleName() + " values";
    return kind;
  }

  /** Fills one label per unit by the area rule; returns where the labels come from. */
  private String resolveAreas(HdfFile hdf, Group units, List<Column> cols, int rows, String[] labels) {
    AreaRule rule = options.areaRule();
    if (rule instanceof AreaRule.UnitsColumn named) {
      Column c = findColumn(cols, named.column());
      if (c == null) {
        throw new NwbFormatException(
            file, "units/" + named.column(), "the units column of the area rule " + rule.text(),
            "no such column (columns: " + String.join(", ", names(cols)) + ")");
      }
      return labelsFromColumn(c, rows, labels);
    }
    if (rule instanceof AreaRule.LocationFields fields) {
      return labelsFromLocationFields(hdf, units, cols, rows, labels, fields);
    }
    for (Column c : cols) {
      if (c instanceof TextColumn && AREA_COLUMNS.contains(c.name())) {
        return labelsFromColumn(c, rows, labels);
      }
    }
    return labelsFromElectrodes(hdf, units, rows, labels, NwbReader::parseArea, "a location");
  }

  private String labelsFromColumn(Column c, int rows, String[] labels) {
    int unknown = 0;
    for (int u = 0; u < rows; u++) {
      boolean nan = c instanceof NumericColumn n && Double.isNaN(n.get(u));
      labels[u] = nan ? "" : parseArea(c.text(u));
      if (labels[u].isEmpty()) {
        labels[u] = UNKNOWN;
        unknown++;
      }
    }
    if (unknown > 0) {
      problems.add("units/" + c.name() + ": " + unknown + " units have no area (labelled '" + UNKNOWN + "')");
    }
    return "units/" + c.name();
  }

  /** The rule {@code location:FIELD+...}: the units column {@code location}, else the electrodes' locations. */
  private String labelsFromLocationFields(HdfFile hdf, Group units, List<Column> cols, int rows, String[] labels,
      AreaRule.LocationFields rule) {
    List<String> fields = rule.fields();
    String what = "a value for " + String.join("+", fields);
    Column unitLocation = findColumn(cols, "location");
    if (unitLocation instanceof TextColumn t) {
      String[] loc = new String[rows];
      for (int u = 0; u < rows; u++) {
        loc[u] = t.get(u);
      }
      checkFields(loc, "units/location", rule);
      int unknown = 0;
      for (int u = 0; u < rows; u++) {
        labels[u] = joinFields(loc[u], fields);
        if (labels[u].isEmpty()) {
          labels[u] = UNKNOWN;
          unknown++;
        }
      }
      if (unknown > 0) {
        problems.add("units/location: " + unknown + " units have no " + what.substring(2) + " (labelled '"
            + UNKNOWN + "')");
      }
      return "units/location";
    }
    Dataset region = childDataset(units, "electrodes");
    Node etNode = byPath(hdf, ELECTRODES);
    if (region == null || !(etNode instanceof Group et)) {
      throw new NwbFormatException(
          file, region == null ? "units/electrodes" : ELECTRODES,
          "the electrodes of each unit with their location, or a units column 'location' (area rule "
              + rule.text() + ")",
          region == null ? "no units/electrodes column and no units/location column"
              : "no electrodes table; use the area rule column:NAME to read a units column");
    }
    checkFields(electrodeLocations(hdf, et, tableRows(et, ELECTRODES)), ELECTRODES + "/location", rule);
    return labelsFromElectrodes(hdf, units, rows, labels, loc -> joinFields(loc, fields), what);
  }

  /** Throws when a field of the rule is in none of the locations, listing the fields they have. */
  private void checkFields(String[] locations, String path, AreaRule.LocationFields rule) {
    Set<String> have = new LinkedHashSet<>();
    Set<String> haveLower = new LinkedHashSet<>();
    String example = "";
    for (String loc : locations) {
      Map<String, String> f = locationFields(loc);
      if (example.isEmpty() && loc != null && !loc.isBlank()) {
        example = loc.strip();
      }
      for (String k : f.keySet()) {
        if (haveLower.add(k.toLowerCase(Locale.ROOT))) {
          have.add(k);
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (String f : rule.fields()) {
      if (!haveLower.contains(f.toLowerCase(Locale.ROOT))) {
        missing.add(f);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    String found;
    if (example.isEmpty()) {
      found = "no locations at all";
    } else if (have.isEmpty()) {
      found = "plain locations without fields (e.g. '" + example + "'); the area rule auto takes them whole";
    } else {
      found = "the fields " + String.join(", ", have) + " (e.g. '" + example + "')";
    }
    throw new NwbFormatException(
        file, path, "structured locations with the field" + (missing.size() > 1 ? "s " : " ")
            + String.join(", ", missing) + " (area rule " + rule.text() + ")", found);
  }

  /**
   * The fields of a structured location string ({@code brain_region: ALM; hemisphere: left}), in
   * order; parts without a {@code ':'} are skipped, so a plain location has none.
   *
   * @param location a location string, or null
   * @return field name (as written, trimmed) to value (trimmed)
   */
  static Map<String, String> locationFields(String location) {
    Map<String, String> out = new LinkedHashMap<>();
    if (location == null) {
      return out;
    }
    for (String part : location.split(";")) {
      int c = part.indexOf(':');
      if (c > 0) {
        String k = part.substring(0, c).strip();
        if (!k.isEmpty()) {
          out.putIfAbsent(k, part.substring(c + 1).strip());
        }
      }
    }
    return out;
  }

  /** The values of the fields joined with '-', or "" when one is absent or has no value. */
  private static String joinFields(String location, List<String> fields) {
    Map<String, String> byLower = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : locationFields(location).entrySet()) {
      byLower.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
    }
    StringBuilder b = new StringBuilder();
    for (String f : fields) {
      String v = byLower.get(f.toLowerCase(Locale.ROOT));
      if (v == null || isNoValue(v)) {
        return "";
      }
      if (b.length() > 0) {
        b.append('-');
      }
      b.append(v);
    }
    return b.toString();
  }

  private static boolean isNoValue(String v) {
    String s = v.strip();
    return s.isEmpty() || s.equalsIgnoreCase("n/a") || s.equalsIgnoreCase("na") || s.equalsIgnoreCase("none")
        || s.equalsIgnoreCase("unknown") || s.equalsIgnoreCase("nan");
  }

  /** Renames the labels by the area map; throws naming every unit whose label it lacks. */
  private String[] mapAreas(String[] labels, long[] ids, String source) {
    Map<String, String> map = options.areaMap();
    if (map.isEmpty()) {
      return labels;
    }
    String other = map.get(NwbReadOptions.OTHER_LABELS);
    String[] areas = new String[labels.length];
    Map<String, List<Integer>> unmapped = new LinkedHashMap<>();
    for (int u = 0; u < labels.length; u++) {
      String a = map.getOrDefault(labels[u], other);
      if (a == null) {
        unmapped.computeIfAbsent(labels[u], k -> new ArrayList<>()).add(u);
      }
      areas[u] = a;
    }
    if (!unmapped.isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, List<Integer>> e : unmapped.entrySet()) {
        List<Integer> us = e.getValue();
        List<String> where = new ArrayList<>();
        for (int k = 0; k < Math.min(3, us.size()); k++) {
          where.add("row " + us.get(k) + " id " + ids[us.get(k)]);
        }
        parts.add("'" + e.getKey() + "' for " + us.size() + (us.size() == 1 ? " unit (" : " units (")
            + String.join(", ", where) + (us.size() > 3 ? ", ..." : "") + ")");
      }
      List<String> keys = new ArrayList<>(new java.util.TreeSet<>(map.keySet()));
      keys.remove(NwbReadOptions.OTHER_LABELS);
      throw new NwbFormatException(
          file, source.equals(NO_SOURCE) ? "units" : source,
          "labels listed in the area map (" + String.join(", ", keys) + ") or a \"*\" entry for the others",
          String.join("; ", parts) + "; add them to the area map (data.areaMap, --area-map) or map \"*\"");
    }
    return areas;
  }

  private String labelsFromElectrodes(HdfFile hdf, Group units, int rows, String[] areas,
      java.util.function.Function<String, String> labelOf, String what) {
    Dataset region = childDataset(units, "electrodes");
    Node etNode = byPath(hdf, ELECTRODES);
    if (region == null || !(etNode instanceof Group et)) {
      Arrays.fill(areas, UNKNOWN);
      problems.add("units: no area column and no electrodes table: every unit's area is '" + UNKNOWN + "'"
          + " (name the column that holds areas with --area-rule column:NAME / data.areaRule)");
      return NO_SOURCE;
    }
    int nElec = tableRows(et, ELECTRODES);
    String[] locations = electrodeLocations(hdf, et, nElec);
    long[] rowsOfRegion = toLongs(region.getData(), "units/electrodes");
    long[] index;
    Dataset idxDs = childDataset(units, "electrodes_index");
    if (idxDs != null) {
      index = toLongs(idxDs.getData(), "units/electrodes_index");
      checkIndex(index, rows, rowsOfRegion.length, "units/electrodes_index", "units/electrodes");
    } else {
      if (rowsOfRegion.length != rows) {
        throw new NwbFormatException(
            file, "units/electrodes", rows + " electrode rows (one per unit) or an electrodes_index",
            rowsOfRegion.length + " rows and no index");
      }
      index = new long[rows];
      for (int u = 0; u < rows; u++) {
        index[u] = u + 1;
      }
    }
    int mixed = 0;
    int unknown = 0;
    long start = 0;
    for (int u = 0; u < rows; u++) {
      Map<String, Integer> votes = new LinkedHashMap<>();
      for (long k = start; k < index[u]; k++) {
        long e = rowsOfRegion[(int) k];
        if (e < 0 || e >= nElec) {
          throw new NwbFormatException(
              file, "units/electrodes", "row numbers of " + ELECTRODES + " in [0, " + nElec + ")",
              e + " for unit " + u);
        }
        String a = labelOf.apply(locations[(int) e]);
        if (!a.isEmpty()) {
          votes.merge(a, 1, Integer::sum);
        }
      }
      start = index[u];
      String best = "";
      int bestN = 0;
      for (Map.Entry<String, Integer> en : votes.entrySet()) {
        if (en.getValue() > bestN) {
          best = en.getKey();
          bestN = en.getValue();
        }
      }
      if (votes.size() > 1) {
        mixed++;
      }
      if (best.isEmpty()) {
        best = UNKNOWN;
        unknown++;
      }
      areas[u] = best;
    }
    if (mixed > 0) {
      problems.add("units/electrodes: " + mixed + " units span electrodes in several areas (majority kept)");
    }
    if (unknown > 0) {
      problems.add(ELECTRODES + "/location: " + unknown + " units have electrodes without " + what
          + " (area '" + UNKNOWN + "')");
    }
    return ELECTRODES + "/location";
  }

  /** Location per electrode row: the table's location column, else the location of its group. */
  private String[] electrodeLocations(HdfFile hdf, Group et, int nElec) {
    String[] loc = new String[nElec];
    Arrays.fill(loc, "");
    Dataset locDs = childDataset(et, "location");
    if (locDs != null) {
      String[] v = toStrings(locDs.getData(), ELECTRODES + "/location");
      System.arraycopy(v, 0, loc, 0, Math.min(nElec, v.length));
    }
    Dataset groupName = childDataset(et, "group_name");
    Dataset groupRef = childDataset(et, "group");
    for (int e = 0; e < nElec; e++) {
      if (!loc[e].isEmpty()) {
        continue;
      }
      Node grp = null;
      if (groupRef != null) {
        Object refs = groupRef.getData();
        if (refs instanceof long[] addr && e < addr.length) {
          grp = hdf.getNodeByAddress(addr[e]);
        }
      }
      if (grp == null && groupName != null) {
        String[] gn = toStrings(groupName.getData(), ELECTRODES + "/group_name");
        grp = e < gn.length ? byPath(hdf, "general/extracellular_ephys/" + gn[e]) : null;
      }
      if (grp != null) {
        loc[e] = attributeString(grp, "location");
      }
    }
    return loc;
  }

  /**
   * The area in a location string: the {@code brain_region} field of a structured string
   * ({@code brain_region: ALM; cortical_layer: 5}), else the whole string, trimmed.
   *
   * @param location a location string
   * @return the area, or "" when none
   */
  public static String parseArea(String location) {
    if (location == null) {
      return "";
    }
    String s = location.trim();
    if (s.contains(":") && s.contains(";") || s.startsWith("brain_region")) {
      for (String part : s.split(";")) {
        int c = part.indexOf(':');
        if (c > 0 && part.substring(0, c).trim().equalsIgnoreCase("brain_region")) {
          return part.substring(c + 1).trim();
        }
      }
    }
    if (s.equalsIgnoreCase("n/a") || s.equalsIgnoreCase("none") || s.equalsIgnoreCase("unknown")) {
      return "";
    }
    return s;
  }

  // ---------------------------------------------------------------- intervals

  private List<IntervalTable> readIntervals(HdfFile hdf) {
    List<IntervalTable> out = new ArrayList<>();
    Node n = child(hdf, "intervals");
    if (!(n instanceof Group g)) {
      problems.add("intervals: no interval tables (no trials)");
      return out;
    }
    for (Node c : g.getChildren().values()) {
      if (c instanceof Group t && childDataset(t, "start_time") != null) {
        String p = "intervals/" + t.getName();
        int rows = within(p, () -> tableRows(t, p));
        if (rows == 0) {
          problems.add(p + ": the table has no rows");
        }
        List<Column> cols = within(p, () -> readColumns(t, p, rows, new LinkedHashSet<>(List.of("id"))));
        for (Column col : cols) {
          if (col instanceof NumericColumn nc) {
            int nan = nc.nanCount();
            if (nan == rows && rows > 0) {
              problems.add(p + "/" + col.name() + ": all " + rows + " values are NaN");
            } else if (nan > 0) {
              problems.add(p + "/" + col.name() + ": " + nan + " of " + rows + " values are NaN");
            }
          }
        }
        out.add(new IntervalTable(t.getName(), rows, cols));
      }
    }
    if (out.isEmpty()) {
      problems.add("intervals: no interval tables (no trials)");
    }
    return out;
  }

  private void checkIntervalsAgainstSpikes(List<IntervalTable> tables, UnitsTable units) {
    double first = units.firstSpikeS();
    double last = units.lastSpikeS();
    if (Double.isNaN(first)) {
      return;
    }
    for (IntervalTable t : tables) {
      NumericColumn start = t.numeric("start_time").orElse(null);
      if (start == null) {
        continue;
      }
      NumericColumn stop = t.numeric("stop_time").orElse(null);
      int after = 0;
      int before = 0;
      for (int r = 0; r < t.rows(); r++) {
        double s = start.get(r);
        double e = stop == null || Double.isNaN(stop.get(r)) ? s : stop.get(r);
        if (s > last) {
          after++;
        }
        if (e < first) {
          before++;
        }
      }
      if (after > 0) {
        problems.add(t.path() + ": " + after + " of " + t.rows() + " rows start after the last spike ("
            + fmt(last) + " s)");
      }
      if (before > 0) {
        problems.add(t.path() + ": " + before + " of " + t.rows() + " rows end before the first spike ("
            + fmt(first) + " s)");
      }
    }
  }

  // ---------------------------------------------------------------- behaviour

  private List<BehaviourSeries> readBehaviour(HdfFile hdf) {
    List<BehaviourSeries> out = new ArrayList<>();
    if (child(hdf, "acquisition") instanceof Group acq) {
      scanSeriesParent(acq, "acquisition", out);
    }
    if (child(hdf, "processing") instanceof Group proc) {
      for (Node m : proc.getChildren().values()) {
        if (m instanceof Group module) {
          scanSeriesParent(module, "processing/" + module.getName(), out);
        }
      }
    }
    return out;
  }

  private void scanSeriesParent(Group parent, String path, List<BehaviourSeries> out) {
    for (Node n : parent.getChildren().values()) {
      if (!(n instanceof Group g)) {
        continue;
      }
      String type = attributeString(g, "neurodata_type");
      if (NOT_BEHAVIOUR.contains(type)) {
        continue;
      }
      String p = path + "/" + g.getName();
      if (isSeries(g)) {
        within(p, () -> addSeries(g, p, "", out));
      } else {
        for (Node c : g.getChildren().values()) {
          if (c instanceof Group s && isSeries(s)
              && !NOT_BEHAVIOUR.contains(attributeString(s, "neurodata_type"))) {
            String sp = p + "/" + s.getName();
            within(sp, () -> addSeries(s, sp, type, out));
          }
        }
      }
    }
  }

  private static boolean isSeries(Group g) {
    return childDataset(g, "timestamps") != null || childDataset(g, "starting_time") != null
        || attributeString(g, "neurodata_type").endsWith("Series") && childDataset(g, "data") != null;
  }

  private void addSeries(Group g, String p, String containerType, List<BehaviourSeries> out) {
    Dataset dataDs = childDataset(g, "data");
    double[] data = new double[0];
    String unit = "";
    if (dataDs != null) {
      unit = attributeString(dataDs, "unit");
      Object raw = dataDs.getData();
      if (raw instanceof String[] || raw instanceof String) {
        data = new double[0];
      } else if (raw.getClass().isArray() && raw.getClass().getComponentType().isArray()) {
        int n = Array.getLength(raw);
        data = new double[n];
        for (int i = 0; i < n; i++) {
          double[] row = toDoubles(Array.get(raw, i), p + "/data");
          data[i] = row.length == 0 ? Double.NaN : row[0];
        }
        problems.add(p + "/data: " + dataDs.getDimensions().length + "-D data; the first column is used");
      } else {
        data = toDoubles(raw, p + "/data");
      }
    }
    double[] times;
    Dataset ts = childDataset(g, "timestamps");
    if (ts != null) {
      times = toDoubles(ts.getData(), p + "/timestamps");
    } else {
      Dataset st = childDataset(g, "starting_time");
      double rate = Double.NaN;
      if (st != null && st.getAttribute("rate") != null) {
        rate = ((Number) st.getAttribute("rate").getData()).doubleValue();
      }
      if (st == null || !(rate > 0)) {
        problems.add(p + ": neither timestamps nor starting_time with a rate; series skipped");
        return;
      }
      double t0 = toDoubles(st.getData(), p + "/starting_time")[0];
      times = new double[data.length];
      for (int i = 0; i < times.length; i++) {
        times[i] = t0 + i / rate;
      }
    }
    if (data.length != 0 && data.length != times.length) {
      problems.add(p + ": " + data.length + " data values for " + times.length + " times; series skipped");
      return;
    }
    boolean constant = true;
    for (int i = 1; i < data.length; i++) {
      if (Double.compare(data[i], data[0]) != 0) {
        constant = false;
        break;
      }
    }
    SeriesKind kind = "BehavioralEvents".equals(containerType) || data.length == 0 || constant
        ? SeriesKind.EVENTS : SeriesKind.CONTINUOUS;
    out.add(new BehaviourSeries(p, kind, times, data, unit));
  }

  // ---------------------------------------------------------------- tables

  private int tableRows(Group g, String p) {
    Dataset id = childDataset(g, "id");
    if (id != null) {
      return (int) id.getSize();
    }
    Dataset start = childDataset(g, "start_time");
    if (start != null) {
      return (int) start.getSize();
    }
    throw new NwbFormatException(file, p + "/id", "an id column (a DynamicTable)", "no id dataset");
  }

  private long[] readIds(Group g, String p, int rows) {
    Dataset id = childDataset(g, "id");
    if (id == null) {
      long[] ids = new long[rows];
      for (int i = 0; i < rows; i++) {
        ids[i] = i;
      }
      return ids;
    }
    return toLongs(id.getData(), p + "/id");
  }

  /** Columns in colnames order, then other datasets; ragged ones decoded, n-D ones skipped. */
  private List<Column> readColumns(Group g, String p, int rows, Set<String> skip) {
    List<String> order = new ArrayList<>();
    Attribute colnames = g.getAttribute("colnames");
    if (colnames != null) {
      for (String c : toStrings(colnames.getData(), p + " colnames")) {
        order.add(c);
      }
    }
    Map<String, Node> children = g.getChildren();
    for (String name : children.keySet()) {
      if (!order.contains(name)) {
        order.add(name);
      }
    }
    List<Column> cols = new ArrayList<>();
    for (String name : order) {
      if (skip.contains(name) || (name.endsWith("_index") && children.containsKey(
          name.substring(0, name.length() - "_index".length())))) {
        continue;
      }
      Node n = children.get(name);
      if (!(n instanceof Dataset d)) {
        continue;
      }
      String cp = p + "/" + name;
      Dataset idxDs = childDataset(g, name + "_index");
      int[] dims = d.getDimensions();
      if (dims.length > 1 && idxDs == null) {
        problems.add(cp + ": " + dims.length + "-D column " + Arrays.toString(dims) + " not read");
        continue;
      }
      if (dims.length == 0) {
        continue;
      }
      Object raw = d.getSize() == 0 ? emptyLike(d) : d.getData();
      if (idxDs != null) {
        long[] index = toLongs(idxDs.getData(), cp + "_index");
        int len = Array.getLength(raw);
        checkIndex(index, rows, len, cp + "_index", cp);
        cols.add(raggedColumn(name, cp, raw, index));
        continue;
      }
      if (Array.getLength(raw) != rows) {
        throw new NwbFormatException(
            file, cp, rows + " rows (the length of " + p + "/id)", Array.getLength(raw) + " rows");
      }
      if (raw instanceof String[] s) {
        cols.add(TextColumn.wrap(name, s));
      } else if (raw instanceof long[] && d.getDataType().getClass().getSimpleName().equals("Reference")) {
        continue;
      } else {
        cols.add(NumericColumn.wrap(name, toDoubles(raw, cp)));
      }
    }
    return cols;
  }

  /** An empty array of the dataset's Java type (the HDF5 reader returns nothing for an empty dataset). */
  private static Object emptyLike(Dataset d) {
    Class<?> type = d.getJavaType();
    return Array.newInstance(type == null ? double.class : type, 0);
  }

  private Column raggedColumn(String name, String cp, Object raw, long[] index) {
    int rows = index.length;
    if (raw instanceof String[] s) {
      String[] joined = new String[rows];
      long start = 0;
      for (int r = 0; r < rows; r++) {
        joined[r] = String.join("; ", Arrays.copyOfRange(s, (int) start, (int) index[r]));
        start = index[r];
      }
      return TextColumn.wrap(name, joined);
    }
    double[] all = toDoubles(raw, cp);
    double[] first = new double[rows];
    long start = 0;
    for (int r = 0; r < rows; r++) {
      first[r] = index[r] > start ? all[(int) start] : Double.NaN;
      start = index[r];
    }
    problems.add(cp + ": ragged numeric column; its first value per row is kept");
    return NumericColumn.wrap(name, first);
  }

  private void checkIndex(long[] index, int rows, int dataLength, String indexPath, String dataPath) {
    if (index.length != rows) {
      throw new NwbFormatException(
          file, indexPath, rows + " offsets (one per row)", index.length + " offsets");
    }
    long prev = 0;
    for (int r = 0; r < rows; r++) {
      if (index[r] < prev) {
        throw new NwbFormatException(
            file, indexPath, "non-decreasing offsets",
            "offset " + index[r] + " after " + prev + " at row " + r);
      }
      if (index[r] > dataLength) {
        throw new NwbFormatException(
            file, indexPath, "offsets <= " + dataLength + " (the length of " + dataPath + ")",
            "offset " + index[r] + " at row " + r + ": the index runs past the data");
      }
      prev = index[r];
    }
  }

  // ---------------------------------------------------------------- conversions

  private double[] toDoubles(Object raw, String p) {
    if (raw instanceof double[] d) {
      return d;
    }
    if (raw instanceof String[] s) {
      double[] out = new double[s.length];
      for (int i = 0; i < s.length; i++) {
        String v = s[i].trim();
        if (v.equalsIgnoreCase("TRUE")) {
          out[i] = 1;
        } else if (v.equalsIgnoreCase("FALSE")) {
          out[i] = 0;
        } else {
          throw new NwbFormatException(file, p, "numbers", "text ('" + s[i] + "' at row " + i + ")");
        }
      }
      return out;
    }
    if (raw instanceof Number n) {
      return new double[] {n.doubleValue()};
    }
    if (raw == null || !raw.getClass().isArray()) {
      throw new NwbFormatException(file, p, "a numeric array", raw == null ? "nothing" : raw.getClass().getSimpleName());
    }
    int n = Array.getLength(raw);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      Object v = Array.get(raw, i);
      if (v instanceof Number num) {
        out[i] = num.doubleValue();
      } else if (v instanceof Boolean b) {
        out[i] = b ? 1 : 0;
      } else {
        throw new NwbFormatException(file, p, "numbers", String.valueOf(v) + " at row " + i);
      }
    }
    return out;
  }

  private long[] toLongs(Object raw, String p) {
    if (raw instanceof long[] l) {
      return l;
    }
    if (raw instanceof int[] a) {
      long[] out = new long[a.length];
      for (int i = 0; i < a.length; i++) {
        out[i] = a[i];
      }
      return out;
    }
    if (raw instanceof BigInteger[] b) {
      long[] out = new long[b.length];
      for (int i = 0; i < b.length; i++) {
        if (b[i].bitLength() > 62) {
          throw new NwbFormatException(file, p, "offsets below 2^62", b[i] + " at row " + i);
        }
        out[i] = b[i].longValue();
      }
      return out;
    }
    if (raw != null && raw.getClass().isArray()) {
      int n = Array.getLength(raw);
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        Object v = Array.get(raw, i);
        if (!(v instanceof Number num) || v instanceof Double || v instanceof Float) {
          throw new NwbFormatException(file, p, "integers", String.valueOf(v) + " at row " + i);
        }
        out[i] = num.longValue();
      }
      return out;
    }
    throw new NwbFormatException(file, p, "an integer array", raw == null ? "nothing" : raw.getClass().getSimpleName());
  }

  private String[] toStrings(Object raw, String p) {
    if (raw instanceof String[] s) {
      return s;
    }
    if (raw instanceof String s) {
      return new String[] {s};
    }
    throw new NwbFormatException(file, p, "text", raw == null ? "nothing" : raw.getClass().getSimpleName());
  }

  // ---------------------------------------------------------------- small helpers

  /** A node by path, or null when any part of the path is missing. */
  private static Node byPath(Group root, String path) {
    Node n = root;
    for (String part : path.split("/")) {
      if (!(n instanceof Group g)) {
        return null;
      }
      n = g.getChildren().get(part);
      if (n == null) {
        return null;
      }
    }
    return n;
  }

  private static Node child(Group g, String name) {
    return g.getChildren().get(name);
  }

  private static Dataset childDataset(Group g, String name) {
    Node n = g.getChildren().get(name);
    return n instanceof Dataset d ? d : null;
  }

  private Dataset dataset(Group g, String name, String p) {
    Dataset d = childDataset(g, name);
    if (d == null) {
      throw new NwbFormatException(file, p + "/" + name, "a dataset " + name, "none");
    }
    return d;
  }

  private static String rootAttribute(HdfFile hdf, String name) {
    return attributeString(hdf, name);
  }

  private static String attributeString(Node n, String name) {
    Attribute a = n.getAttribute(name);
    if (a == null) {
      return "";
    }
    Object v = a.getData();
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof String[] s && s.length > 0) {
      return s[0];
    }
    return String.valueOf(v);
  }

  private static String scalarString(Group g, String name) {
    Dataset d = childDataset(g, name);
    if (d == null) {
      return "";
    }
    Object v = d.getData();
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof String[] s && s.length > 0) {
      return s[0];
    }
    return String.valueOf(v);
  }

  private static Column findColumn(List<Column> cols, String name) {
    for (Column c : cols) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  private static List<String> names(List<Column> cols) {
    List<String> n = new ArrayList<>();
    for (Column c : cols) {
      n.add(c.name());
    }
    return n;
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage();
    return (m == null ? e.getClass().getSimpleName() : m).replace('\n', ' ');
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
