package org.trialmatch.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a sweep: its name (the directory {@code DIR/points/<name>/}), the overrides that make it
 * (swept keys to values, seed excluded), its seed and its fully resolved fit configuration (defaults filled
 * in, data files absolute; {@code train.threads} is set by the engine when it runs).
 *
 * @param name directory name
 * @param overrides dotted key to value
 * @param seed {@code train.seed}
 * @param config the resolved configuration
 */
public record SweepPoint(String name, Map<String, JsonNode> overrides, long seed, ObjectNode config) {
  /** Copies the map. */
  public SweepPoint {
    overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
  }

  /** @return the overrides as text (strings unquoted), for tables */
  public Map<String, String> overrideText() {
    Map<String, String> m = new LinkedHashMap<>();
    overrides.forEach((k, v) -> m.put(k, v.isTextual() ? v.asText() : v.toString()));
    return m;
  }

  /** @return the setting without the seed: the overrides as one text, for grouping seeds */
  public String setting() {
    return overrideText().toString();
  }
}
