package org.trialmatch.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.trialmatch.data.ConfigException;

/** Strict reading of one JSON configuration section: unknown keys and wrong types name the key. */
final class JsonSection {
  private final String section;
  private final JsonNode node;

  JsonSection(String section, JsonNode node, Set<String> keys) {
    this.section = section;
    if (node != null && !node.isMissingNode() && !node.isNull() && !node.isObject()) {
      throw new ConfigException(section, "must be a JSON object, was " + node.getNodeType());
    }
    this.node = node == null || node.isNull() ? null : node;
    if (this.node != null) {
      for (Iterator<String> it = this.node.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!keys.contains(k)) {
          throw new ConfigException(section + "." + k, "unknown key; known keys: " + String.join(", ", new TreeSet<>(keys)));
        }
      }
    }
  }

  boolean has(String key) {
    return node != null && node.has(key);
  }

  double number(String key, double def) {
    if (!has(key)) {
      return def;
    }
    JsonNode v = node.get(key);
    if (!v.isNumber()) {
      throw new ConfigException(section + "." + key, "must be a number, was " + v);
    }
    return v.asDouble();
  }

  long integer(String key, long def) {
    if (!has(key)) {
      return def;
    }
    JsonNode v = node.get(key);
    if (!v.isIntegralNumber()) {
      throw new ConfigException(section + "." + key, "must be an integer, was " + v);
    }
    return v.asLong();
  }

  boolean bool(String key, boolean def) {
    if (!has(key)) {
      return def;
    }
    JsonNode v = node.get(key);
    if (!v.isBoolean()) {
      throw new ConfigException(section + "." + key, "must be true or false, was " + v);
    }
    return v.asBoolean();
  }

  String text(String key, String def) {
    if (!has(key)) {
      return def;
    }
    JsonNode v = node.get(key);
    if (!v.isTextual()) {
      throw new ConfigException(section + "." + key, "must be a string, was " + v);
    }
    return v.asText();
  }
}
