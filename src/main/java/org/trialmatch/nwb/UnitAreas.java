package org.trialmatch.nwb;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The area of each unit of a units table, by the reader's {@link AreaRule} (a units column, the fields of
 * the electrodes' structured location, or the electrodes' plain location) and its area map; what is odd
 * (majority areas, missing areas) goes to the reader's problems list.
 */
final class UnitAreas {
  private static final String ELECTRODES = "general/extracellular_ephys/electrodes";
  private static final Set<String> AREA_COLUMNS = Set.of("area", "brain_area", "brain_region", "location");
  /** The label of a unit without an area. */
  private static final String UNKNOWN = "unknown";
  /** The area source when nothing in the file tells areas. */
  private static final String NO_SOURCE = "none";

  private final Path file;
  private final NwbReadOptions options;
  private final HdfValues values;
  private final List<String> problems;

  UnitAreas(Path file, NwbReadOptions options, HdfValues values, List<String> problems) {
    this.file = file;
    this.options = options;
    this.values = values;
    this.problems = problems;
  }

  /** Fills one label per unit by the area rule; returns where the labels come from. */
  String resolve(HdfFile hdf, Group units, List<Column> cols, int rows, String[] labels) {
    AreaRule rule = options.areaRule();
    if (rule instanceof AreaRule.UnitsColumn named) {
      Column c = HdfNodes.findColumn(cols, named.column());
      if (c == null) {
        throw new NwbFormatException(
            file, "units/" + named.column(), "the units column of the area rule " + rule.text(),
            "no such column (columns: " + String.join(", ", HdfNodes.names(cols)) + ")");
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
    return labelsFromElectrodes(hdf, units, rows, labels, UnitAreas::parseArea, "a location");
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
    Column unitLocation = HdfNodes.findColumn(cols, "location");
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
    Dataset region = HdfNodes.childDataset(units, "electrodes");
    Node etNode = HdfNodes.byPath(hdf, ELECTRODES);
    if (region == null || !(etNode instanceof Group et)) {
      throw new NwbFormatException(
          file, region == null ? "units/electrodes" : ELECTRODES,
          "the electrodes of each unit with their location, or a units column 'location' (area rule "
              + rule.text() + ")",
          region == null ? "no units/electrodes column and no units/location column"
              : "no electrodes table; use the area rule column:NAME to read a units column");
    }
    checkFields(electrodeLocations(hdf, et, values.tableRows(et, ELECTRODES)), ELECTRODES + "/location", rule);
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
  String[] map(String[] labels, long[] ids, String source) {
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
    Dataset region = HdfNodes.childDataset(units, "electrodes");
    Node etNode = HdfNodes.byPath(hdf, ELECTRODES);
    if (region == null || !(etNode instanceof Group et)) {
      Arrays.fill(areas, UNKNOWN);
      problems.add("units: no area column and no electrodes table: every unit's area is '" + UNKNOWN + "'"
          + " (name the column that holds areas with --area-rule column:NAME / data.areaRule)");
      return NO_SOURCE;
    }
    int nElec = values.tableRows(et, ELECTRODES);
    String[] locations = electrodeLocations(hdf, et, nElec);
    long[] rowsOfRegion = values.toLongs(region.getData(), "units/electrodes");
    long[] index;
    Dataset idxDs = HdfNodes.childDataset(units, "electrodes_index");
    if (idxDs != null) {
      index = values.toLongs(idxDs.getData(), "units/electrodes_index");
      values.checkIndex(index, rows, rowsOfRegion.length, "units/electrodes_index", "units/electrodes");
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
    Dataset locDs = HdfNodes.childDataset(et, "location");
    if (locDs != null) {
      String[] v = values.toStrings(locDs.getData(), ELECTRODES + "/location");
      System.arraycopy(v, 0, loc, 0, Math.min(nElec, v.length));
    }
    Dataset groupName = HdfNodes.childDataset(et, "group_name");
    Dataset groupRef = HdfNodes.childDataset(et, "group");
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
        String[] gn = values.toStrings(groupName.getData(), ELECTRODES + "/group_name");
        grp = e < gn.length ? HdfNodes.byPath(hdf, "general/extracellular_ephys/" + gn[e]) : null;
      }
      if (grp != null) {
        loc[e] = HdfNodes.attributeString(grp, "location");
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
}
