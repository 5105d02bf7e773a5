package org.trialmatch.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.trialmatch.data.ConfigException;

/**
 * Overrides of a fit configuration by dotted key ({@code "train.lr"}, {@code "loss.matching"}): the first
 * part names a section, the rest a key inside it (nested objects are walked). Whether the key exists is
 * decided by the fit configuration's own strict reader, which names it when it does not.
 */
final class Overrides {
  /** The key a sweep's seeds set. */
  static final String SEED_KEY = "train.seed";
  /** The key the engine sets to the threads it gives a point. */
  static final String THREADS_KEY = "train.threads";
  private static final Set<String> SECTIONS = Set.of("data", "model", "loss", "train");

  private Overrides() {}

  /**
   * @param key a dotted key
   * @param where the spec position (for messages)
   * @throws ConfigException unless it is {@code section.key[.key...]} with a known section
   */
  static void checkKey(String key, String where) {
    String[] parts = key.split("\\.", -1);
    if (parts.length < 2 || !SECTIONS.contains(parts[0]) || java.util.Arrays.stream(parts).anyMatch(String::isEmpty)) {
      throw new ConfigException(where + "." + key, "an override key must be section.key with a section of "
          + "data, model, loss, train (e.g. train.lr)");
    }
    if (key.equals(THREADS_KEY)) {
      throw new ConfigException(where + "." + key, "is set by the engine (--threads), not by the spec");
    }
  }

  /**
   * @param base a configuration (not changed)
   * @param overrides dotted key to value, applied in order
   * @return a copy of {@code base} with the overrides set
   */
  static ObjectNode apply(ObjectNode base, Map<String, JsonNode> overrides) {
    ObjectNode c = base.deepCopy();
    for (Map.Entry<String, JsonNode> e : overrides.entrySet()) {
      set(c, e.getKey(), e.getValue());
    }
    return c;
  }

  /**
   * @param root a configuration
   * @param key a dotted key
   * @param value its new value
   */
  static void set(ObjectNode root, String key, JsonNode value) {
    String[] parts = key.split("\\.");
    ObjectNode o = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = o.get(parts[i]);
      if (next == null || next.isNull()) {
        o = o.putObject(parts[i]);
      } else if (next.isObject()) {
        o = (ObjectNode) next;
      } else {
        throw new ConfigException(String.join(".", java.util.Arrays.copyOf(parts, i + 1)),
            "is a value in the base configuration, so " + key + " cannot be set inside it");
      }
    }
    o.set(parts[parts.length - 1], value.deepCopy());
  }
}
