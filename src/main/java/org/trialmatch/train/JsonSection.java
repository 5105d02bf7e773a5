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

  /** A whole number of any size that fits a long (seeds): {@code 1e3} counts as the integer 1000. */
  long integer(String key, long def) {
    return integer(key, def, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /**
   * A whole number in {@code [min, max]}, checked before it is narrowed, so that no value wraps around;
   * {@code 2e3} counts as the integer 2000, {@code 2.5} is refused.
   */
  long integer(String key, long def, long min, long max) {
    if (!has(key)) {
      return def;
    }
    JsonNode v = node.get(key);
    String k = section + "." + key;
    if (!v.isNumber()) {
      throw new ConfigException(k, "must be an integer, was " + v);
    }
    java.math.BigDecimal d = v.decimalValue();
    if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
      throw new ConfigException(k, "must be an integer, was " + v);
    }
    java.math.BigInteger i = d.toBigInteger();
    if (i.compareTo(java.math.BigInteger.valueOf(min)) < 0 || i.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
      throw new ConfigException(k, "must be in [" + min + ", " + max + "], was " + v);
    }
    return i.longValue();
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
