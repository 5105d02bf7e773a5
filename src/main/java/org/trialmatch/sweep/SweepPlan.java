package org.trialmatch.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.trialmatch.data.ConfigException;
import org.trialmatch.train.FitConfig;

/**
 * The points of a sweep: every combination of the grid, crossed with every listed point, crossed with
 * every seed; each override set applied to the base configuration and read by the fit's strict reader, so
 * that an unknown key or a bad value fails here, naming the spec and the point, before anything runs.
 */
public final class SweepPlan {
  /** The longest point name (a directory name). */
  static final int MAX_NAME = 120;

  private SweepPlan() {}

  /**
   * @param spec the spec
   * @param dataFiles when not null, replaces the base's {@code data.files} (generated artificial data)
   * @return the points, in a fixed order (grid keys vary slowest-first as written, then the list, then seeds)
   * @throws ConfigException naming the spec file, the point and the key
   */
  public static List<SweepPoint> points(SweepSpec spec, List<String> dataFiles) {
    ObjectNode base = spec.base().deepCopy();
    if (dataFiles != null) {
      ObjectNode data = base.has("data") && base.get("data").isObject() ? (ObjectNode) base.get("data")
          : base.putObject("data");
      data.set("files", JsonNodeFactory.instance.arrayNode().addAll(dataFiles.stream()
          .map(JsonNodeFactory.instance::textNode).toList()));
    }
    List<String> swept = sweptKeys(spec);
    long product = Math.max(1, spec.list().size()) * (long) Math.max(1, spec.seeds().size());
    for (List<JsonNode> v : spec.grid().values()) {
      product *= v.size();
      if (product > SweepSpec.MAX_POINTS) {
        break;
      }
    }
    if (product > SweepSpec.MAX_POINTS) {
      throw new ConfigException(spec.file() + ": grid", "makes more than " + SweepSpec.MAX_POINTS + " points");
    }
    List<Map<String, JsonNode>> settings = new ArrayList<>();
    List<String> given = new ArrayList<>();
    for (Map<String, JsonNode> g : combinations(spec.grid())) {
      if (spec.list().isEmpty()) {
        settings.add(g);
        given.add("");
      }
      for (SweepSpec.ListedPoint p : spec.list()) {
        Map<String, JsonNode> o = new LinkedHashMap<>(g);
        o.putAll(p.overrides());
        settings.add(o);
        given.add(p.name().isEmpty() ? "" : g.isEmpty() ? p.name() : PointNames.of(g, swept, null) + "_" + p.name());
      }
    }
    List<SweepPoint> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<Long> seeds = spec.seeds().isEmpty() ? java.util.Collections.singletonList(null) : spec.seeds();
    for (int i = 0; i < settings.size(); i++) {
      for (Long seed : seeds) {
        Map<String, JsonNode> o = settings.get(i);
        String name = given.get(i).isEmpty() ? PointNames.of(o, swept, seed)
            : seed == null ? given.get(i) : given.get(i) + "_seed-" + seed;
        if (name.length() > MAX_NAME) {
          // long values (file lists): a readable start and a digest of the whole name
          name = name.substring(0, MAX_NAME - 9) + "-" + java.util.UUID.nameUUIDFromBytes(
              name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString().substring(0, 8);
        }
        if (!names.add(name)) {
          throw new ConfigException(spec.file() + ": points", "two points have the name " + name + (given.get(i).isEmpty()
              ? " (their values read alike once made into a directory name); name them in a points list"
              : "; give the listed points distinct names"));
        }
        Map<String, JsonNode> all = new LinkedHashMap<>(o);
        if (seed != null) {
          all.put(Overrides.SEED_KEY, JsonNodeFactory.instance.numberNode(seed));
        }
        ObjectNode cfg;
        try {
          cfg = FitConfig.fromJson(Overrides.apply(base, all), spec.baseDir()).toJson();
        } catch (ConfigException e) {
          throw new ConfigException(spec.file() + ": point " + name + ": " + e.key(),
              e.getMessage().substring(e.key().length() + 2));
        }
        out.add(new SweepPoint(name, o, cfg.get("train").get("seed").asLong(), cfg));
      }
    }
    return out;
  }

  /**
   * @param cfg a configuration
   * @return it as read back from its JSON text, without {@code train.threads} (which the engine sets and the
   *     result does not depend on), so that a configuration in memory and one read from a file compare equal
   */
  static JsonNode canonical(JsonNode cfg) {
    try {
      ObjectNode c = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(cfg.toString());
      if (c.get("train") instanceof ObjectNode train) {
        train.remove("threads");
      }
      return c;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree reads back: " + e.getMessage(), e);
    }
  }

  /**
   * @param a a configuration
   * @param b another
   * @return the first place where their canonical forms differ, as {@code /json/pointer: a vs b}
   */
  static String firstDifference(JsonNode a, JsonNode b) {
    String d = difference(canonical(a), canonical(b), "");
    return d == null ? "no difference" : d;
  }

  private static String difference(JsonNode a, JsonNode b, String at) {
    if (a != null && b != null && a.isObject() && b.isObject()) {
      Set<String> keys = new java.util.TreeSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        String d = difference(a.get(k), b.get(k), at + "/" + k);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a == null ? b == null : a.equals(b)) {
      return at.isEmpty() ? "no difference" : null;
    }
    return (at.isEmpty() ? "/" : at) + ": " + a + " vs " + b;
  }

  /** @return every key the spec varies (grid and list), seed excluded, in spec order */
  static List<String> sweptKeys(SweepSpec spec) {
    Set<String> keys = new LinkedHashSet<>(spec.grid().keySet());
    spec.list().forEach(p -> keys.addAll(p.overrides().keySet()));
    return new ArrayList<>(keys);
  }

  private static List<Map<String, JsonNode>> combinations(Map<String, List<JsonNode>> grid) {
    List<Map<String, JsonNode>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<JsonNode>> e : grid.entrySet()) {
      List<Map<String, JsonNode>> next = new ArrayList<>();
      for (Map<String, JsonNode> partial : out) {
        for (JsonNode v : e.getValue()) {
          Map<String, JsonNode> m = new LinkedHashMap<>(partial);
          m.put(e.getKey(), v);
          next.add(m);
        }
      }
      out = next;
    }
    return out;
  }

  /**
   * @param p a point
   * @return where its run directory is in the sweep directory
   */
  static Path runDir(Path sweepDir, SweepPoint p) {
    return sweepDir.resolve("points").resolve(p.name());
  }
}
