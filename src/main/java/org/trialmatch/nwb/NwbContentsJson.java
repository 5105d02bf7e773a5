package org.trialmatch.nwb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/** What an NWB file holds ({@link NwbContents}) as one JSON object. */
public final class NwbContentsJson {
  private NwbContentsJson() {}

  /**
   * @param c the contents
   * @return {@code file}, {@code nwb_version}, {@code identifier}, {@code units} (count, spikes,
   *     area_rule, area_source, by_area, by_label: units per label of the rule before the area map,
   *     columns), {@code intervals} (name, rows, columns per table),
   *     {@code behaviour} (path, kind, samples per series) and {@code problems}
   */
  public static ObjectNode summary(NwbContents c) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("file", c.file().toString());
    root.put("nwb_version", c.nwbVersion());
    root.put("identifier", c.identifier());
    ObjectNode units = root.putObject("units");
    units.put("count", c.units().count());
    units.put("spikes", c.units().totalSpikes());
    units.put("area_rule", c.units().areaRule().text());
    units.put("area_source", c.units().areaSource());
    ObjectNode byArea = units.putObject("by_area");
    for (Map.Entry<String, Integer> e : c.units().countByArea().entrySet()) {
      byArea.put(e.getKey(), e.getValue());
    }
    ObjectNode byLabel = units.putObject("by_label");
    for (Map.Entry<String, Integer> e : c.units().countByAreaLabel().entrySet()) {
      byLabel.put(e.getKey(), e.getValue());
    }
    ArrayNode cols = units.putArray("columns");
    c.units().columns().keySet().forEach(cols::add);
    ArrayNode intervals = root.putArray("intervals");
    for (IntervalTable t : c.intervals()) {
      ObjectNode o = intervals.addObject();
      o.put("name", t.name());
      o.put("rows", t.rows());
      ArrayNode tc = o.putArray("columns");
      t.columnNames().forEach(tc::add);
    }
    ArrayNode behaviour = root.putArray("behaviour");
    for (BehaviourSeries s : c.behaviour()) {
      ObjectNode o = behaviour.addObject();
      o.put("path", s.path());
      o.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
      o.put("samples", s.samples());
    }
    ArrayNode problems = root.putArray("problems");
    c.problems().forEach(problems::add);
    return root;
  }
}
