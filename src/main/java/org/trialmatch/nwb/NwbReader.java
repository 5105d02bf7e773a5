package org.trialmatch.nwb;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
  private final HdfValues values;

  private NwbReader(Path file, NwbReadOptions options) {
    this.file = file;
    this.options = options;
    this.values = new HdfValues(file);
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
      String identifier = HdfNodes.scalarString(hdf, "identifier");
      Node unitsNode = HdfNodes.child(hdf, "units");
      if (!(unitsNode instanceof Group unitsGroup)) {
        throw new NwbFormatException(
            file, "units", "a units table (spike-sorted units)",
            unitsNode == null ? "no units group" : "a dataset");
      }
      List<IntervalTable> intervals = readIntervals(hdf);
      UnitsTable units = within("units", () -> readUnits(hdf, unitsGroup, intervals));
      checkIntervalsAgainstSpikes(intervals, units);
      List<BehaviourSeries> behaviour = readBehaviour(hdf);
      String subjectId = "";
      String species = "";
      try {
        if (HdfNodes.child(hdf, "general") instanceof Group general
            && HdfNodes.child(general, "subject") instanceof Group subject) {
          subjectId = HdfNodes.scalarString(subject, "subject_id").trim();
          species = HdfNodes.scalarString(subject, "species").trim();
        }
      } catch (RuntimeException e) {
        // only metadata: the file stays readable without it
        problems.add("general/subject: not read (" + e.getClass().getSimpleName() + ")");
      }
      return new NwbContents(file, version, identifier, units, intervals, behaviour, problems, subjectId, species);
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
    int rows = values.tableRows(g, p);
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
    double[] all = st.getSize() == 0 ? new double[0] : values.toDoubles(st.getData(), stPath);
    long[] index = HdfNodes.childDataset(g, "spike_times_index") == null
        ? (rows == 1 ? new long[] {all.length} : null)
        : values.toLongs(dataset(g, "spike_times_index", p).getData(), p + "/spike_times_index");
    if (index == null) {
      throw new NwbFormatException(
          file, p + "/spike_times_index", "a VectorIndex for the ragged spike_times", "no such dataset");
    }
    values.checkIndex(index, rows, all.length, p + "/spike_times_index", stPath);
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
    UnitAreas unitAreas = new UnitAreas(file, options, values, problems);
    String source = unitAreas.resolve(hdf, g, cols, rows, labels);
    String[] areas = unitAreas.map(labels, ids, source);
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

  /**
   * The area in a location string: the {@code brain_region} field of a structured string
   * ({@code brain_region: ALM; cortical_layer: 5}), else the whole string, trimmed.
   *
   * @param location a location string
   * @return the area, or "" when none
   */
  public static String parseArea(String location) {
    return UnitAreas.parseArea(location);
  }

  /**
   * @param location a location string, or null
   * @return its structured fields (see {@link UnitAreas#locationFields})
   */
  static Map<String, String> locationFields(String location) {
    return UnitAreas.locationFields(location);
  }

  // ---------------------------------------------------------------- intervals

  private List<IntervalTable> readIntervals(HdfFile hdf) {
    List<IntervalTable> out = new ArrayList<>();
    Node n = HdfNodes.child(hdf, "intervals");
    if (!(n instanceof Group g)) {
      problems.add("intervals: no interval tables (no trials)");
      return out;
    }
    for (Node c : g.getChildren().values()) {
      if (c instanceof Group t && HdfNodes.childDataset(t, "start_time") != null) {
        String p = "intervals/" + t.getName();
        int rows = within(p, () -> values.tableRows(t, p));
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
    if (HdfNodes.child(hdf, "acquisition") instanceof Group acq) {
      scanSeriesParent(acq, "acquisition", out);
    }
    if (HdfNodes.child(hdf, "processing") instanceof Group proc) {
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
      String type = HdfNodes.attributeString(g, "neurodata_type");
      if (NOT_BEHAVIOUR.contains(type)) {
        continue;
      }
      String p = path + "/" + g.getName();
      if (isSeries(g)) {
        within(p, () -> addSeries(g, p, "", out));
      } else {
        for (Node c : g.getChildren().values()) {
          if (c instanceof Group s && isSeries(s)
              && !NOT_BEHAVIOUR.contains(HdfNodes.attributeString(s, "neurodata_type"))) {
            String sp = p + "/" + s.getName();
            within(sp, () -> addSeries(s, sp, type, out));
          }
        }
      }
    }
  }

  private static boolean isSeries(Group g) {
    return HdfNodes.childDataset(g, "timestamps") != null || HdfNodes.childDataset(g, "starting_time") != null
        || HdfNodes.attributeString(g, "neurodata_type").endsWith("Series") && HdfNodes.childDataset(g, "data") != null;
  }

  private void addSeries(Group g, String p, String containerType, List<BehaviourSeries> out) {
    Dataset dataDs = HdfNodes.childDataset(g, "data");
    double[] data = new double[0];
    String unit = "";
    if (dataDs != null) {
      unit = HdfNodes.attributeString(dataDs, "unit");
      Object raw = dataDs.getData();
      if (raw instanceof String[] || raw instanceof String) {
        data = new double[0];
      } else if (raw.getClass().isArray() && raw.getClass().getComponentType().isArray()) {
        int n = Array.getLength(raw);
        data = new double[n];
        for (int i = 0; i < n; i++) {
          double[] row = values.toDoubles(Array.get(raw, i), p + "/data");
          data[i] = row.length == 0 ? Double.NaN : row[0];
        }
        problems.add(p + "/data: " + dataDs.getDimensions().length + "-D data; the first column is used");
      } else {
        data = values.toDoubles(raw, p + "/data");
      }
    }
    double[] times;
    Dataset ts = HdfNodes.childDataset(g, "timestamps");
    if (ts != null) {
      times = values.toDoubles(ts.getData(), p + "/timestamps");
    } else {
      Dataset st = HdfNodes.childDataset(g, "starting_time");
      double rate = Double.NaN;
      if (st != null && st.getAttribute("rate") != null) {
        rate = ((Number) st.getAttribute("rate").getData()).doubleValue();
      }
      if (st == null || !(rate > 0)) {
        problems.add(p + ": neither timestamps nor starting_time with a rate; series skipped");
        return;
      }
      double t0 = values.toDoubles(st.getData(), p + "/starting_time")[0];
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


  private long[] readIds(Group g, String p, int rows) {
    Dataset id = HdfNodes.childDataset(g, "id");
    if (id == null) {
      long[] ids = new long[rows];
      for (int i = 0; i < rows; i++) {
        ids[i] = i;
      }
      return ids;
    }
    return values.toLongs(id.getData(), p + "/id");
  }

  /** Columns in colnames order, then other datasets; ragged ones decoded, n-D ones skipped. */
  private List<Column> readColumns(Group g, String p, int rows, Set<String> skip) {
    List<String> order = new ArrayList<>();
    Attribute colnames = g.getAttribute("colnames");
    if (colnames != null) {
      for (String c : values.toStrings(colnames.getData(), p + " colnames")) {
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
      Dataset idxDs = HdfNodes.childDataset(g, name + "_index");
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
        long[] index = values.toLongs(idxDs.getData(), cp + "_index");
        int len = Array.getLength(raw);
        values.checkIndex(index, rows, len, cp + "_index", cp);
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
        cols.add(NumericColumn.wrap(name, values.toDoubles(raw, cp)));
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
    double[] all = values.toDoubles(raw, cp);
    double[] first = new double[rows];
    long start = 0;
    for (int r = 0; r < rows; r++) {
      first[r] = index[r] > start ? all[(int) start] : Double.NaN;
      start = index[r];
    }
    problems.add(cp + ": ragged numeric column; its first value per row is kept");
    return NumericColumn.wrap(name, first);
  }

  // ---------------------------------------------------------------- small helpers

 
  private Dataset dataset(Group g, String name, String p) {
    Dataset d = HdfNodes.childDataset(g, name);
    if (d == null) {
      throw new NwbFormatException(file, p + "/" + name, "a dataset " + name, "none");
    }
    return d;
  }

  private static String rootAttribute(HdfFile hdf, String name) {
    return HdfNodes.attributeString(hdf, name);
  }





  private static String oneLine(Throwable e) {
    String m = e.getMessage();
    return (m == null ? e.getClass().getSimpleName() : m).replace('\n', ' ');
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
