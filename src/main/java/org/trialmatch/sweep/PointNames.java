package org.trialmatch.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.trialmatch.data.ConfigException;

/**
 * Directory names of sweep points: {@code <key>-<value>} for every override, joined by {@code _}, then
 * {@code seed-<k>}; {@code key} is the last part of the dotted key unless two swept keys share it, then the
 * whole key. Characters outside {@code [A-Za-z0-9.+-]} become {@code _}.
 */
final class PointNames {
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9.+-]");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,120}");

  private PointNames() {}

  /**
   * @param overrides the point's overrides, in order
   * @param swept every key the sweep varies (to tell short names apart)
   * @param seed the point's seed, or null when the sweep has no seeds
   * @return the name
   */
  static String of(Map<String, JsonNode> overrides, List<String> swept, Long seed) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : overrides.entrySet()) {
      parts.add(shortKey(e.getKey(), swept) + "-" + value(e.getValue()));
    }
    if (seed != null) {
      parts.add("seed-" + seed);
    }
    return parts.isEmpty() ? "base" : String.join("_", parts);
  }

  /**
   * @param name a name given in the spec
   * @param where its position (for messages)
   * @return the name
   * @throws ConfigException unless it is a safe directory name
   */
  static String check(String name, String where) {
    if (!NAME.matcher(name).matches()) {
      throw new ConfigException(where, "must be a directory name of letters, digits and . _ + - (starting with a "
          + "letter or digit, at most 121 characters), was '" + name + "'");
    }
    return name;
  }

  private static String shortKey(String key, List<String> swept) {
    String last = key.substring(key.lastIndexOf('.') + 1);
    long same = swept.stream().filter(k -> k.substring(k.lastIndexOf('.') + 1).equals(last)).count();
    return same > 1 ? key.replace('.', '-') : last;
  }

  private static String value(JsonNode v) {
    String t = v.isTextual() ? v.asText() : v.toString();
    return UNSAFE.matcher(t).replaceAll("_");
  }
}
