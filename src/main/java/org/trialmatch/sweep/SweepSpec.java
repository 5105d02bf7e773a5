package org.trialmatch.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.trialmatch.data.ConfigException;
import org.trialmatch.train.FitConfig;

/**
 * A sweep specification (docs/sweeps.md): a base fit configuration, the overrides to apply to it (a grid
 * of dotted keys with lists of values, and/or a list of points), the seeds, the evaluation of every point
 * and the scores to collect. Read strictly: an unknown key, a bad value or an override key the fit
 * configuration does not know is a {@link ConfigException} naming the spec file and the key, raised before
 * anything runs.
 *
 * @param name the sweep's name (for titles)
 * @param file the spec file (for messages)
 * @param base the base configuration (its {@code train.seed} is replaced by each seed)
 * @param baseDir what relative paths of the base configuration resolve against
 * @param grid swept keys and their values, in the spec's order (every combination is a point)
 * @param list explicit points: each a name (may be empty) and its overrides
 * @param seeds the seeds; every setting is fitted once per seed
 * @param evaluation how each point is evaluated
 * @param scores the scores collected (names of {@link ScoreNames})
 * @param pseudodata a named artificial data set generated into {@code DIR/data} and fitted, or empty
 */
public record SweepSpec(String name, Path file, ObjectNode base, Path baseDir, Map<String, List<JsonNode>> grid,
    List<ListedPoint> list, List<Long> seeds, Evaluation evaluation, List<String> scores, String pseudodata) {

  /** The keys of a spec. */
  static final Set<String> KEYS = Set.of("name", "base", "grid", "points", "seeds", "evaluate", "scores",
      "pseudodata");
  /** The most points (and seeds) a spec may make. */
  static final int MAX_POINTS = 100_000;
  /** The named artificial data sets a spec may ask for. */
  static final Set<String> PSEUDODATA = Set.of("figure2", "demo");

  /** Copies the collections. */
  public SweepSpec {
    grid = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(grid));
    list = List.copyOf(list);
    seeds = List.copyOf(seeds);
    scores = List.copyOf(scores);
  }

  /**
   * One entry of {@code points}.
   *
   * @param name its name, or empty for a name made from the overrides
   * @param overrides dotted key to value
   */
  public record ListedPoint(String name, Map<String, JsonNode> overrides) {
    /** Copies the map. */
    public ListedPoint {
      overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }
  }

  /**
   * Reads a spec file.
   *
   * @param file the JSON file
   * @return the spec
   * @throws ConfigException when it is missing, not JSON, or has an unknown key or a bad value
   */
  public static SweepSpec read(Path file) {
    JsonNode root;
    try {
      root = FitConfig.readJson(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), "no such sweep spec");
    }
    Path dir = file.toAbsolutePath().getParent();
    return fromJson(root, file, dir);
  }

  /**
   * @param root the spec
   * @param file its file (for messages)
   * @param dir what relative paths in it resolve against
   * @return the spec
   */
  static SweepSpec fromJson(JsonNode root, Path file, Path dir) {
    String where = file + ": ";
    if (!root.isObject()) {
      throw new ConfigException(where + "(root)", "must be a JSON object with base and grid and/or points");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new ConfigException(where + k, "unknown key; keys: " + String.join(", ", new java.util.TreeSet<>(KEYS)));
      }
    }
    String name = root.has("name") ? text(root.get("name"), where + "name") : stem(file);
    JsonNode baseNode = root.get("base");
    ObjectNode base;
    Path baseDir = dir;
    if (baseNode == null) {
      throw new ConfigException(where + "base", "is required: a fit configuration (an object) or the path of one");
    } else if (baseNode.isTextual()) {
      Path p = dir.resolve(baseNode.asText()).normalize();
      try {
        JsonNode b = FitConfig.readJson(p);
        if (!b.isObject()) {
          throw new ConfigException(where + "base", p + " must hold a JSON object");
        }
        base = (ObjectNode) b;
      } catch (NoSuchFileException e) {
        throw new ConfigException(where + "base", "no such configuration file " + p);
      }
      baseDir = p.getParent();
    } else if (baseNode.isObject()) {
      base = ((ObjectNode) baseNode).deepCopy();
    } else {
      throw new ConfigException(where + "base", "must be an object or a path, was " + baseNode);
    }
    Map<String, List<JsonNode>> grid = new LinkedHashMap<>();
    JsonNode g = root.get("grid");
    if (g != null) {
      if (!g.isObject()) {
        throw new ConfigException(where + "grid", "must be an object of dotted keys to lists of values, was " + g);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        Overrides.checkKey(e.getKey(), where + "grid");
        if (!e.getValue().isArray() || e.getValue().isEmpty()) {
          throw new ConfigException(where + "grid." + e.getKey(), "must be a non-empty list of values, was "
              + e.getValue());
        }
        List<JsonNode> values = new ArrayList<>();
        e.getValue().forEach(values::add);
        grid.put(e.getKey(), values);
      }
    }
    List<ListedPoint> list = new ArrayList<>();
    JsonNode pts = root.get("points");
    if (pts != null) {
      if (!pts.isArray() || pts.isEmpty()) {
        throw new ConfigException(where + "points", "must be a non-empty list of objects of overrides, was " + pts);
      }
      for (int i = 0; i < pts.size(); i++) {
        JsonNode p = pts.get(i);
        String at = where + "points[" + i + "]";
        if (!p.isObject()) {
          throw new ConfigException(at, "must be an object of dotted keys to values, was " + p);
        }
        String pname = "";
        Map<String, JsonNode> o = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getKey().equals("name")) {
            pname = PointNames.check(text(e.getValue(), at + ".name"), at + ".name");
            continue;
          }
          Overrides.checkKey(e.getKey(), at);
          if (grid.containsKey(e.getKey())) {
            throw new ConfigException(at + "." + e.getKey(), "is also swept by grid; set it in one place");
          }
          o.put(e.getKey(), e.getValue());
        }
        list.add(new ListedPoint(pname, o));
      }
    }
    if (grid.isEmpty() && list.isEmpty() && !root.has("seeds")) {
      throw new ConfigException(where + "grid", "a sweep needs a grid, points or seeds to vary");
    }
    List<Long> seeds = seeds(root.get("seeds"), where + "seeds");
    if (!seeds.isEmpty() && (grid.containsKey(Overrides.SEED_KEY)
        || list.stream().anyMatch(p -> p.overrides().containsKey(Overrides.SEED_KEY)))) {
      throw new ConfigException(where + "seeds", "and an override of " + Overrides.SEED_KEY + " exclude each other");
    }
    Evaluation ev = Evaluation.fromJson(root.get("evaluate"), where + "evaluate");
    List<String> scores = scoreList(root.get("scores"), where + "scores");
    String pseudo = "";
    if (root.has("pseudodata")) {
      pseudo = text(root.get("pseudodata"), where + "pseudodata");
      if (!PSEUDODATA.contains(pseudo)) {
        throw new ConfigException(where + "pseudodata", "must be one of " + new java.util.TreeSet<>(PSEUDODATA)
            + ", was '" + pseudo + "'");
      }
    }
    return new SweepSpec(name, file, base, baseDir, grid, list, seeds, ev, scores, pseudo);
  }

  private static List<Long> seeds(JsonNode n, String at) {
    List<Long> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    if (n.isArray() && !n.isEmpty()) {
      for (JsonNode s : n) {
        if (!s.canConvertToLong() || !s.isIntegralNumber() || s.asLong() < 0) {
          throw new ConfigException(at, "must hold whole numbers >= 0, found " + s);
        }
        if (out.contains(s.asLong())) {
          throw new ConfigException(at, "lists seed " + s.asLong() + " twice");
        }
        out.add(s.asLong());
      }
      return out;
    }
    if (n.isObject() && n.has("count")) {
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!k.equals("first") && !k.equals("count")) {
          throw new ConfigException(at + "." + k, "unknown key; keys: first, count");
        }
      }
      JsonNode f = n.get("first");
      JsonNode c = n.get("count");
      if ((f != null && !(f.isIntegralNumber() && f.canConvertToLong() && f.asLong() >= 0))
          || !(c.isIntegralNumber() && c.canConvertToInt() && c.asInt() >= 1 && c.asInt() <= MAX_POINTS)) {
        throw new ConfigException(at, "needs whole numbers count in [1, " + MAX_POINTS + "] and first >= 0, was " + n);
      }
      long first = f == null ? 0 : f.asLong();
      int count = c.asInt();
      for (int k = 0; k < count; k++) {
        out.add(first + k);
      }
      return out;
    }
    throw new ConfigException(at, "must be a non-empty list of seeds or {\"first\": F, \"count\": N}, was " + n);
  }

  private static List<String> scoreList(JsonNode n, String at) {
    if (n == null) {
      return ScoreNames.DEFAULT;
    }
    if (!n.isArray() || n.isEmpty()) {
      throw new ConfigException(at, "must be a non-empty list of score names " + ScoreNames.ALL.keySet() + ", was " + n);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode s : n) {
      String k = s.asText();
      if (!s.isTextual() || !ScoreNames.ALL.containsKey(k)) {
        throw new ConfigException(at, "unknown score " + s + "; scores: " + String.join(", ", ScoreNames.ALL.keySet()));
      }
      out.add(k);
    }
    return out;
  }

  static String text(JsonNode n, String at) {
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw new ConfigException(at, "must be a non-empty text, was " + n);
    }
    return n.asText();
  }

  private static String stem(Path file) {
    String f = file.getFileName().toString();
    return f.endsWith(".json") ? f.substring(0, f.length() - 5) : f;
  }

  /**
   * How each point is evaluated: {@code evaluate}'s simulation of model trials scored on the test trials,
   * as {@code analyze} does.
   *
   * @param modelTrials model trials simulated
   * @param seed the evaluation seed (used when {@code seedOffset} is absent)
   * @param seedOffset when present, the evaluation seed is the point's {@code train.seed} plus this
   * @param response the response rule: {@code none} or {@code figure2}
   * @param minRateHz t_neuron keeps only units above this training-data rate
   */
  public record Evaluation(int modelTrials, long seed, Long seedOffset, String response, double minRateHz) {
    static final Set<String> KEYS = Set.of("modelTrials", "seed", "seedOffset", "response", "minRateHz");

    /** @return analyze's defaults: 500 trials, seed 0, no response rule, every unit */
    public static Evaluation defaults() {
      return new Evaluation(500, 0, null, "none", 0);
    }

    /**
     * @param trainSeed the point's training seed
     * @return the evaluation seed of that point
     */
    public long seedFor(long trainSeed) {
      return seedOffset == null ? seed : trainSeed + seedOffset;
    }

    static Evaluation fromJson(JsonNode n, String at) {
      Evaluation d = defaults();
      if (n == null) {
        return d;
      }
      if (!n.isObject()) {
        throw new ConfigException(at, "must be an object, was " + n);
      }
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!KEYS.contains(k)) {
          throw new ConfigException(at + "." + k, "unknown key; keys: " + String.join(", ", new java.util.TreeSet<>(KEYS)));
        }
      }
      int trials = d.modelTrials();
      if (n.has("modelTrials")) {
        JsonNode t = n.get("modelTrials");
        if (!t.isIntegralNumber() || !t.canConvertToInt() || t.asInt() < 1) {
          throw new ConfigException(at + ".modelTrials", "must be a whole number >= 1, was " + t);
        }
        trials = t.asInt();
      }
      if (n.has("seed") && n.has("seedOffset")) {
        throw new ConfigException(at + ".seedOffset", "and seed exclude each other");
      }
      long seed = n.has("seed") ? whole(n.get("seed"), at + ".seed") : d.seed();
      Long offset = n.has("seedOffset") ? whole(n.get("seedOffset"), at + ".seedOffset") : null;
      String response = n.has("response") ? text(n.get("response"), at + ".response") : d.response();
      if (!response.equals("none") && !response.equals("figure2")) {
        throw new ConfigException(at + ".response", "must be none or figure2, was '" + response + "'");
      }
      double minRate = d.minRateHz();
      if (n.has("minRateHz")) {
        JsonNode r = n.get("minRateHz");
        if (!r.isNumber() || !(r.asDouble() >= 0) || !Double.isFinite(r.asDouble())) {
          throw new ConfigException(at + ".minRateHz", "must be a number >= 0, was " + r);
        }
        minRate = r.asDouble();
      }
      return new Evaluation(trials, seed, offset, response, minRate);
    }

    private static long whole(JsonNode v, String at) {
      if (!v.isIntegralNumber() || v.asLong() < 0) {
        throw new ConfigException(at, "must be a whole number >= 0, was " + v);
      }
      return v.asLong();
    }
  }
}
