package org.trialmatch.nwb.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.nwb.H5pySummary;
import org.trialmatch.nwb.NwbFixtures;

/**
 * Round trip through h5py: files written by {@link NwbWriter} are read by h5py (Python, HDF5 1.10 on
 * Debian) and every object h5py sees - groups, datasets with their dtype, shape, values and storage,
 * attributes, dereferenced object references, soft links - must be exactly what the NWB layout says for the
 * spec, and nothing more. The expected layout is stated here independently of the writer.
 */
class NwbWriterTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String ANY_UUID = "<uuid>";
  private static final Pattern UUID_FORMAT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

  @TempDir
  Path dir;

  @Test
  void everyFeatureReadsBackWithH5pyExactly() throws Exception {
    Map<Path, NwbWriteSpec> files = new LinkedHashMap<>();
    files.put(dir.resolve("all-uint16.nwb"), NwbFixtures.allFeatures(11, IndexType.UINT16));
    files.put(dir.resolve("all-uint8.nwb"), NwbFixtures.allFeatures(12, IndexType.UINT8));
    files.put(dir.resolve("two-area.nwb"), NwbFixtures.twoAreaRecording(13));
    files.put(dir.resolve("area-column.nwb"), NwbFixtures.unitAreaColumnRecording(14, "location"));
    files.put(dir.resolve("index-past-data.nwb"), NwbFixtures.indexPastDataRecording());
    for (IndexType t : IndexType.values()) {
      files.put(dir.resolve("index-" + t.numpyName() + ".nwb"), NwbFixtures.twoAreaRecording(20, t));
    }
    for (Map.Entry<Path, NwbWriteSpec> e : files.entrySet()) {
      NwbWriter.write(e.getKey(), e.getValue());
    }
    assertEquals(0, NwbWriter.openObjectCount(), "HDF5 objects left open");

    JsonNode summary = H5pySummary.summarise(files.keySet().toArray(new Path[0]));
    for (Map.Entry<Path, NwbWriteSpec> e : files.entrySet()) {
      JsonNode file = summary.path("files").path(e.getKey().toString());
      String name = e.getKey().getFileName().toString();
      assertEquals(0, file.path("superblock").asInt(-1), name + ": superblock version (earliest format)");
      List<String> problems = new ArrayList<>();
      diff("", expectedLayout(e.getValue()), file.path("objects"), problems);
      assertTrue(problems.isEmpty(), name + " read by h5py " + summary.path("h5py").asText() + " / HDF5 "
          + summary.path("hdf5").asText() + " differs from the spec in " + problems.size() + " places:\n  "
          + String.join("\n  ", problems.subList(0, Math.min(40, problems.size()))));
      assertObjectIdsUniqueAndLinksResolve(name, file.path("objects"));
    }
  }

  @Test
  void unicodeNamesAndTextSurvive() throws Exception {
    NwbWriteSpec spec = NwbWriteSpec.builder("ïd: ünïcode", "séance ✓", NwbFixtures.SESSION_START)
        .fileCreateDate(NwbFixtures.CREATED)
        .device(new Device("dév", "probe µ", "maker"))
        .electrodeGroup(new ElectrodeGroup("gröup: 1 a", "d", "CA1 — left", "dév"))
        .electrode(1, 2, 3, 4, "région: ÇA1", "none", "gröup: 1 a")
        .units(UnitsSpec.builder().electrodes(UnitElectrodes.SINGLE).unit(0, new double[] {0.5}, 0)
            .areaColumn("brain_area", new String[] {"région"}).build())
        .build();
    Path out = dir.resolve("unicode.nwb");
    NwbWriter.write(out, spec);
    JsonNode file = H5pySummary.summarise(out).path("files").path(out.toString());
    List<String> problems = new ArrayList<>();
    diff("", expectedLayout(spec), file.path("objects"), problems);
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    assertObjectIdsUniqueAndLinksResolve(out.toString(), file.path("objects"));
  }

  /** Object ids are unique; each soft link resolves to the object at its target path. */
  private static void assertObjectIdsUniqueAndLinksResolve(String name, JsonNode objects) {
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, JsonNode> o : objects.properties()) {
      JsonNode id = o.getValue().path("attrs").path("object_id");
      if (!id.isMissingNode()) {
        assertTrue(seen.add(id.asText()), name + ": object_id of " + o.getKey() + " repeats " + id.asText());
      }
      if ("softlink".equals(o.getValue().path("kind").asText())) {
        String target = o.getValue().path("target").asText();
        assertEquals(objects.path(target).path("attrs").path("object_id").asText("<no target>"),
            o.getValue().path("resolved_object_id").asText(), name + ": link " + o.getKey());
      }
    }
  }

  // ------------------------------------------------------------------------------------------------
  // the NWB layout of a spec, in the summary script's format

  private static ObjectNode expectedLayout(NwbWriteSpec spec) {
    ObjectNode o = JSON.objectNode();
    ObjectNode rootAttrs = typed("core", "NWBFile");
    rootAttrs.put("nwb_version", spec.nwbVersion());
    o.set("/", group(rootAttrs));
    o.set("/identifier", textScalar(spec.identifier()));
    o.set("/session_description", textScalar(spec.sessionDescription()));
    o.set("/session_start_time", textScalar(spec.sessionStartTime()));
    o.set("/timestamps_reference_time", textScalar(spec.timestampsReferenceTime()));
    o.set("/file_create_date", texts(spec.fileCreateDate().toArray(new String[0]), JSON.objectNode()));
    for (String g : List.of("/acquisition", "/analysis", "/processing", "/stimulus", "/stimulus/presentation",
        "/stimulus/templates", "/general")) {
      o.set(g, group(JSON.objectNode()));
    }
    if (!spec.devices().isEmpty()) {
      o.set("/general/devices", group(JSON.objectNode()));
      for (Device d : spec.devices()) {
        ObjectNode a = typed("core", "Device");
        a.put("description", d.description());
        a.put("manufacturer", d.manufacturer());
        o.set("/general/devices/" + d.name(), group(a));
      }
    }
    String ece = "/general/extracellular_ephys";
    if (!spec.electrodeGroups().isEmpty() || !spec.electrodes().isEmpty()) {
      o.set(ece, group(JSON.objectNode()));
    }
    for (ElectrodeGroup g : spec.electrodeGroups()) {
      ObjectNode a = typed("core", "ElectrodeGroup");
      a.put("description", g.description());
      a.put("location", g.location());
      o.set(ece + "/" + g.name(), group(a));
      ObjectNode link = JSON.objectNode();
      link.put("kind", "softlink");
      link.put("target", "/general/devices/" + g.device());
      link.put("resolved_object_id", ANY_UUID);
      o.set(ece + "/" + g.name() + "/device", link);
    }
    if (!spec.electrodes().isEmpty()) {
      addElectrodes(o, spec, ece + "/electrodes");
    }
    spec.units().ifPresent(u -> addUnits(o, u));
    if (!spec.intervals().isEmpty()) {
      o.set("/intervals", group(JSON.objectNode()));
    }
    for (IntervalsSpec t : spec.intervals()) {
      String p = "/intervals/" + t.name();
      List<String> colnames = new ArrayList<>();
      for (ColumnSpec c : t.columns()) {
        colnames.add(c.name());
      }
      ObjectNode a = table("core", "TimeIntervals", colnames, t.description());
      o.set(p, group(a));
      for (ColumnSpec c : t.columns()) {
        o.set(p + "/" + c.name(), column(c));
      }
      o.set(p + "/id", ints(t.ids(), "int64", 8, typed("hdmf-common", "ElementIdentifiers")));
    }
    for (Map.Entry<String, String> m : spec.processingModules().entrySet()) {
      ObjectNode a = typed("core", "ProcessingModule");
      a.put("description", m.getValue());
      o.set("/processing/" + m.getKey(), group(a));
    }
    for (SeriesSpec s : spec.series()) {
      String p = "/" + s.path();
      if (s.containerName().isPresent()) {
        o.set(p.substring(0, p.lastIndexOf('/')), group(typed("core", s.containerType().get())));
      }
      ObjectNode a = typed("core", s.neurodataType());
      a.put("comments", s.comments());
      a.put("description", s.description());
      o.set(p, group(a));
      if (s.hasData()) {
        ObjectNode da = JSON.objectNode();
        da.set("conversion", num(s.conversion()));
        da.set("offset", num(s.offset()));
        da.set("resolution", num(s.resolution()));
        da.put("unit", s.unit());
        o.set(p + "/data", floats(s.data(), da));
      }
      if (s.hasTimestamps()) {
        ObjectNode ta = JSON.objectNode();
        ta.put("interval", 1);
        ta.put("unit", "seconds");
        o.set(p + "/timestamps", floats(s.timestamps(), ta));
      } else {
        ObjectNode ta = JSON.objectNode();
        ta.set("rate", num(s.rateHz()));
        ta.put("unit", "seconds");
        ObjectNode st = dataset("float64", JSON.arrayNode(), floatType(), ta);
        st.set("value", num(s.startingTimeS()));
        o.set(p + "/starting_time", st);
      }
    }
    return o;
  }

  private static void addElectrodes(ObjectNode o, NwbWriteSpec spec, String p) {
    List<ElectrodeRow> rows = spec.electrodes();
    int n = rows.size();
    double[] x = new double[n];
    double[] y = new double[n];
    double[] z = new double[n];
    double[] imp = new double[n];
    String[] location = new String[n];
    String[] filtering = new String[n];
    String[] group = new String[n];
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ElectrodeRow r = rows.get(i);
      x[i] = r.x();
      y[i] = r.y();
      z[i] = r.z();
      imp[i] = r.imp();
      location[i] = r.location();
      filtering[i] = r.filtering();
      group[i] = r.group();
      ids[i] = r.id();
    }
    o.set(p, group(table(spec.electrodesTableType().namespace(), spec.electrodesTableType().neurodataType(),
        List.of("x", "y", "z", "imp", "location", "filtering", "group", "group_name"),
        spec.electrodesDescription())));
    o.set(p + "/x", floats(x, vectorData()));
    o.set(p + "/y", floats(y, vectorData()));
    o.set(p + "/z", floats(z, vectorData()));
    o.set(p + "/imp", floats(imp, vectorData()));
    o.set(p + "/location", texts(location, vectorData()));
    o.set(p + "/filtering", texts(filtering, vectorData()));
    ArrayNode refs = JSON.arrayNode();
    for (String g : group) {
      refs.add(JSON.objectNode().put("ref", "/general/extracellular_ephys/" + g));
    }
    ObjectNode refType = JSON.objectNode().put("class", "TypeReferenceID").put("size", 8);
    ObjectNode groupCol = dataset("object-ref", shape(n), refType, vectorData());
    groupCol.set("value", refs);
    o.set(p + "/group", groupCol);
    o.set(p + "/group_name", texts(group, vectorData()));
    o.set(p + "/id", ints(ids, "int64", 8, typed("hdmf-common", "ElementIdentifiers")));
  }

  private static void addUnits(ObjectNode o, UnitsSpec u) {
    List<String> colnames = new ArrayList<>(List.of("spike_times"));
    boolean electrodes = u.electrodesLayout() != UnitElectrodes.NONE;
    if (electrodes) {
      colnames.add("electrodes");
    }
    for (ColumnSpec c : u.columns()) {
      colnames.add(c.name());
    }
    o.set("/units", group(table("core", "Units", colnames, u.description())));
    double[] spikes = u.spikeTimesData();
    ObjectNode st = floats(spikes, vectorData());
    if (u.spikeTimesChunkLength() > 0 && spikes.length > 0) {
      st.set("chunks", JSON.arrayNode().add(Math.min(u.spikeTimesChunkLength(), spikes.length)));
      if (u.spikeTimesGzipLevel() > 0) {
        st.put("compression", "gzip");
      }
    }
    o.set("/units/spike_times", st);
    o.set("/units/spike_times_index", index(u.spikeTimesIndex(), u.spikeTimesIndexType(), "/units/spike_times"));
    if (electrodes) {
      ObjectNode region = typed("hdmf-common", "DynamicTableRegion");
      region.put("description", ANY_TEXT);
      region.set("table", JSON.objectNode().put("ref", "/general/extracellular_ephys/electrodes"));
      o.set("/units/electrodes", ints(u.electrodesData(), "int64", 8, region));
      if (u.electrodesLayout() == UnitElectrodes.RAGGED) {
        o.set("/units/electrodes_index", index(u.electrodesIndex(), u.electrodesIndexType(), "/units/electrodes"));
      }
    }
    for (ColumnSpec c : u.columns()) {
      o.set("/units/" + c.name(), column(c));
    }
    o.set("/units/id", ints(u.ids(), "int64", 8, typed("hdmf-common", "ElementIdentifiers")));
  }

  private static ObjectNode index(long[] values, IndexType type, String target) {
    ObjectNode a = typed("hdmf-common", "VectorIndex");
    a.put("description", ANY_TEXT);
    a.set("target", JSON.objectNode().put("ref", target));
    int size = switch (type) {
      case UINT8 -> 1;
      case UINT16 -> 2;
      case UINT32, INT32 -> 4;
      case UINT64, INT64 -> 8;
    };
    return ints(values, type.numpyName(), size, a);
  }

  private static ObjectNode column(ColumnSpec c) {
    ObjectNode a = vectorData();
    a.put("description", c.description());
    switch (c.type()) {
      case FLOAT64:
        return floats(c.floatValues(), a);
      case INT32: {
        long[] v = new long[c.size()];
        int[] src = c.intValues();
        for (int k = 0; k < v.length; k++) {
          v[k] = src[k];
        }
        return ints(v, "int32", 4, a);
      }
      case INT64:
        return ints(c.longValues(), "int64", 8, a);
      case BOOL: {
        ArrayNode v = JSON.arrayNode();
        for (boolean x : c.boolValues()) {
          v.add(x);
        }
        ObjectNode type = JSON.objectNode().put("class", "TypeEnumID").put("base", "int8");
        type.set("members", JSON.objectNode().put("FALSE", 0).put("TRUE", 1));
        ObjectNode d = dataset("bool", shape(c.size()), type, a);
        d.set("value", v);
        return d;
      }
      default:
        return texts(c.textValues(), a);
    }
  }

  /** Matches any text (descriptions the writer chooses). */
  private static final String ANY_TEXT = "<any text>";

  private static ObjectNode typed(String namespace, String type) {
    ObjectNode a = JSON.objectNode();
    a.put("namespace", namespace);
    a.put("neurodata_type", type);
    a.put("object_id", ANY_UUID);
    return a;
  }

  private static ObjectNode vectorData() {
    ObjectNode a = typed("hdmf-common", "VectorData");
    a.put("description", ANY_TEXT);
    return a;
  }

  private static ObjectNode table(String namespace, String type, List<String> colnames, String description) {
    ObjectNode a = typed(namespace, type);
    ArrayNode c = JSON.arrayNode();
    colnames.forEach(c::add);
    a.set("colnames", c);
    a.put("description", description);
    return a;
  }

  private static ObjectNode group(ObjectNode attrs) {
    ObjectNode g = JSON.objectNode();
    g.put("kind", "group");
    g.set("attrs", attrs);
    return g;
  }

  private static ObjectNode dataset(String dtype, ArrayNode shape, ObjectNode type, ObjectNode attrs) {
    ObjectNode d = JSON.objectNode();
    d.put("kind", "dataset");
    d.set("attrs", attrs);
    d.put("dtype", dtype);
    d.set("shape", shape);
    d.set("type", type);
    d.putNull("chunks");
    d.putNull("compression");
    return d;
  }

  private static ArrayNode shape(int n) {
    return JSON.arrayNode().add(n);
  }

  private static ObjectNode floatType() {
    return JSON.objectNode().put("class", "TypeFloatID").put("size", 8).put("order", "little");
  }

  private static ObjectNode textType() {
    return JSON.objectNode().put("class", "TypeStringID").put("variable", true).put("cset", "utf-8");
  }

  private static ObjectNode textScalar(String value) {
    ObjectNode d = dataset("vlen-utf-8", JSON.arrayNode(), textType(), JSON.objectNode());
    d.put("value", value);
    return d;
  }

  private static ObjectNode texts(String[] values, ObjectNode attrs) {
    ObjectNode d = dataset("vlen-utf-8", shape(values.length), textType(), attrs);
    ArrayNode v = JSON.arrayNode();
    for (String s : values) {
      v.add(s);
    }
    d.set("value", v);
    return d;
  }

  private static ObjectNode floats(double[] values, ObjectNode attrs) {
    ObjectNode d = dataset("float64", shape(values.length), floatType(), attrs);
    ArrayNode v = JSON.arrayNode();
    for (double x : values) {
      v.add(num(x));
    }
    d.set("value", v);
    return d;
  }

  private static ObjectNode ints(long[] values, String dtype, int size, ObjectNode attrs) {
    ObjectNode type = JSON.objectNode().put("class", "TypeIntegerID").put("size", size).put("order", "little");
    ObjectNode d = dataset(dtype, shape(values.length), type, attrs);
    ArrayNode v = JSON.arrayNode();
    for (long x : values) {
      v.add(x);
    }
    d.set("value", v);
    return d;
  }

  private static JsonNode num(double x) {
    if (Double.isNaN(x)) {
      return JSON.textNode("NaN");
    }
    if (Double.isInfinite(x)) {
      return JSON.textNode(x > 0 ? "Infinity" : "-Infinity");
    }
    return JSON.numberNode(x);
  }

  // ------------------------------------------------------------------------------------------------
  // comparison

  /** Records every difference between expected and actual under {@code path}. */
  private static void diff(String path, JsonNode expected, JsonNode actual, List<String> problems) {
    if (expected.isTextual() && ANY_UUID.equals(expected.asText())) {
      if (!actual.isTextual() || !UUID_FORMAT.matcher(actual.asText()).matches()) {
        problems.add(path + ": expected a version-4 UUID, found " + actual);
      }
      return;
    }
    if (expected.isTextual() && ANY_TEXT.equals(expected.asText())) {
      if (!actual.isTextual()) {
        problems.add(path + ": expected text, found " + actual);
      }
      return;
    }
    if (expected.isObject()) {
      if (!actual.isObject()) {
        problems.add(path + ": expected an object, found " + abbreviate(actual));
        return;
      }
      Set<String> keys = new HashSet<>();
      expected.fieldNames().forEachRemaining(keys::add);
      actual.fieldNames().forEachRemaining(keys::add);
      for (String k : keys.stream().sorted().toList()) {
        JsonNode e = expected.get(k);
        JsonNode a = actual.get(k);
        if (e == null) {
          problems.add(path + "/" + k + ": not expected, found " + abbreviate(a));
        } else if (a == null) {
          problems.add(path + "/" + k + ": missing, expected " + abbreviate(e));
        } else {
          diff(path + (path.isEmpty() ? "" : "/") + k, e, a, problems);
        }
      }
      return;
    }
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        problems.add(path + ": expected " + expected.size() + " values, found " + abbreviate(actual));
        return;
      }
      for (int i = 0; i < expected.size(); i++) {
        diff(path + "[" + i + "]", expected.get(i), actual.get(i), problems);
      }
      return;
    }
    if (expected.isNumber() && actual.isNumber()) {
      boolean same = expected.isIntegralNumber() && actual.isIntegralNumber()
          ? expected.bigIntegerValue().equals(actual.bigIntegerValue())
          : expected.doubleValue() == actual.doubleValue();
      if (!same) {
        problems.add(path + ": expected " + expected + ", found " + actual);
      }
      return;
    }
    if (!expected.equals(actual)) {
      problems.add(path + ": expected " + abbreviate(expected) + ", found " + abbreviate(actual));
    }
  }

  private static String abbreviate(JsonNode n) {
    String s = String.valueOf(n);
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }

  @Test
  void theComparisonNoticesADifference() throws Exception {
    // the check above must be able to fail: a spec that differs from the written file by one spike
    NwbWriteSpec written = NwbFixtures.twoAreaRecording(3);
    Path out = dir.resolve("one.nwb");
    NwbWriter.write(out, written);
    JsonNode objects = H5pySummary.summarise(out).path("files").path(out.toString()).path("objects");
    List<String> none = new ArrayList<>();
    diff("", expectedLayout(written), objects, none);
    assertEquals(List.of(), none);

    ObjectNode changed = expectedLayout(written);
    ArrayNode spikes = (ArrayNode) changed.path("/units/spike_times").path("value");
    spikes.set(0, JSON.numberNode(spikes.get(0).doubleValue() + 1e-12));
    ((ObjectNode) changed.path("/units/spike_times_index")).put("dtype", "uint32");
    List<String> problems = new ArrayList<>();
    diff("", changed, objects, problems);
    assertEquals(2, problems.size(), String.join("\n", problems));
    assertTrue(Files.size(out) > 0);
  }
}
