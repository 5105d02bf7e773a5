package org.trialmatch.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.trialmatch.nwb.AreaRule;
import org.trialmatch.nwb.NwbReadOptions;

/**
 * The {@code data} section of the configuration: which recordings, and how they become trials.
 * Units: seconds ({@code S}) and milliseconds ({@code Ms}) as the names say. {@code docs/config.md}
 * lists every key with its default.
 *
 * @param preset the preset the values started from ("detection", "delayed-response" or "custom")
 * @param files NWB files, one per session
 * @param intervalTable the interval table that holds the trials
 * @param alignColumn the event column trials are aligned on (time 0)
 * @param startS window start relative to the alignment event, s
 * @param stopS window end relative to the alignment event, s (exclusive)
 * @param dtMs bin width, ms
 * @param conditionColumn column holding each trial's condition (e.g. stimulus)
 * @param conditionMap raw value to label; empty keeps raw values
 * @param stimulusValues condition label (after {@code conditionMap}) to the stimulus value {@code s}
 *     the model's inputs get for its trials (dimensionless, finite, >= 0; the burst gain is {@code 1 +
 *     stimValence ln(1 + s)}); empty = a numeric label is its own value, other labels get 1, 2, ...
 *     in sorted order. When not empty, every label of the data needs a value
 * @param outcomeColumn column holding each trial's outcome
 * @param outcomeMap raw value to label; empty keeps raw values; a value not in a non-empty map
 *     excludes the trial ("outcome not mapped")
 * @param eventTimes how event columns are read (auto = the rule of {@link EventTimeRule})
 * @param eventColumns event columns whose per-trial times (relative to the alignment) are kept,
 *     e.g. to time model inputs
 * @param behaviour behaviour series paths; {@code ["auto"]} picks the first continuous series, else
 *     all event series summed; empty means no behaviour
 * @param eventKernelMs standard deviation of the Gaussian kernel that turns events into a rate, ms
 * @param recordingStopS end of the recording, s; NaN = the last spike of the file
 * @param areaRule how units get their area label: {@code auto} (a units column {@code area},
 *     {@code brain_area}, {@code brain_region} or {@code location}, else the {@code brain_region} of
 *     the electrodes' location), {@code location:FIELD[+FIELD...]} (fields of the structured location
 *     joined with '-', e.g. {@code ALM-left}) or {@code column:NAME} (a units column); see {@link AreaRule}.
 *     The former key {@code areaColumn: "X"} reads as {@code column:X}
 * @param areaMap label (what the rule gives) to area name, e.g. {@code {"PTupper": "ALM-PTup",
 *     "unidentified": "ALM"}}; empty keeps the labels. When not empty, every label of the data needs an
 *     entry or the map a {@code "*"} entry for all others; a label without one is an error naming the
 *     file and the units
 * @param cellTypeColumn units column telling E/I; "" = detect ({@code excitatory}, else {@code cell_type})
 * @param trainFraction fraction of each trial type for training
 * @param validationFraction fraction for validation (early stopping, model selection)
 * @param testFraction fraction for test (every reported number)
 * @param splitSeed seed of the split
 * @param perturbations which trials were perturbed, and whether they are kept (data.perturbationColumns,
 *     data.includePerturbed)
 * @param excitatoryAreas areas whose recorded units are all excitatory whatever the cell-type column says
 *     (e.g. a thalamic relay nucleus, whose narrow-spiking cells are not interneurons); empty for none
 */
public record TrialSetConfig(
    String preset,
    List<String> files,
    String intervalTable,
    String alignColumn,
    double startS,
    double stopS,
    double dtMs,
    String conditionColumn,
    Map<String, String> conditionMap,
    Map<String, Double> stimulusValues,
    String outcomeColumn,
    Map<String, String> outcomeMap,
    EventTimes eventTimes,
    List<String> eventColumns,
    List<String> behaviour,
    double eventKernelMs,
    double recordingStopS,
    AreaRule areaRule,
    Map<String, String> areaMap,
    String cellTypeColumn,
    double trainFraction,
    double validationFraction,
    double testFraction,
    long splitSeed,
    Perturbations perturbations,
    List<String> excitatoryAreas) {

  /** Validates every value; the message names the key. */
  public TrialSetConfig {
    excitatoryAreas = List.copyOf(excitatoryAreas);
    files = List.copyOf(files);
    conditionMap = Map.copyOf(conditionMap);
    stimulusValues = Map.copyOf(stimulusValues);
    outcomeMap = Map.copyOf(outcomeMap);
    eventColumns = List.copyOf(eventColumns);
    behaviour = List.copyOf(behaviour);
    require(areaRule != null, "areaRule", "must be " + AreaRule.FORMS, areaRule);
    require(perturbations != null, "perturbationColumns", "must be a list of columns", perturbations);
    areaMap = checkAreaMap("data.areaMap", areaMap);
    require(!intervalTable.isBlank(), "intervalTable", "must not be empty", intervalTable);
    require(!alignColumn.isBlank(), "alignColumn", "must not be empty", alignColumn);
    require(Double.isFinite(startS), "startS", "must be finite", startS);
    require(Double.isFinite(stopS) && stopS > startS, "stopS", "must be finite and > startS (" + startS + ")", stopS);
    require(Double.isFinite(dtMs) && dtMs > 0, "dtMs", "must be > 0", dtMs);
    double bins = (stopS - startS) * 1000.0 / dtMs;
    require(Math.abs(bins - Math.rint(bins)) < 1e-6, "stopS",
        "stopS - startS must be a whole number of dtMs bins (" + bins + " bins)", stopS);
    for (Map.Entry<String, Double> e : new TreeMap<>(stimulusValues).entrySet()) {
      double v = e.getValue();
      require(Double.isFinite(v) && v >= 0, "stimulusValues." + e.getKey(), "must be finite and >= 0", v);
    }
    require(Double.isFinite(eventKernelMs) && eventKernelMs > 0, "eventKernelMs", "must be > 0", eventKernelMs);
    require(Double.isNaN(recordingStopS) || Double.isFinite(recordingStopS), "recordingStopS",
        "must be a number of seconds or null", recordingStopS);
    require(trainFraction > 0 && trainFraction <= 1, "trainFraction", "must be in (0, 1]", trainFraction);
    require(validationFraction >= 0 && validationFraction < 1, "validationFraction", "must be in [0, 1)", validationFraction);
    require(testFraction >= 0 && testFraction < 1, "testFraction", "must be in [0, 1)", testFraction);
    double sum = trainFraction + validationFraction + testFraction;
    require(Math.abs(sum - 1) < 1e-9, "testFraction",
        "trainFraction + validationFraction + testFraction must be 1, was " + sum, testFraction);
  }

  /** A configuration without excitatory-area overrides. */
  public TrialSetConfig(String preset, List<String> files, String intervalTable, String alignColumn, double startS,
      double stopS, double dtMs, String conditionColumn, Map<String, String> conditionMap,
      Map<String, Double> stimulusValues, String outcomeColumn, Map<String, String> outcomeMap, EventTimes eventTimes,
      List<String> eventColumns, List<String> behaviour, double eventKernelMs, double recordingStopS, AreaRule areaRule,
      Map<String, String> areaMap, String cellTypeColumn, double trainFraction, double validationFraction,
      double testFraction, long splitSeed, Perturbations perturbations) {
    this(preset, files, intervalTable, alignColumn, startS, stopS, dtMs, conditionColumn, conditionMap, stimulusValues,
        outcomeColumn, outcomeMap, eventTimes, eventColumns, behaviour, eventKernelMs, recordingStopS, areaRule, areaMap,
        cellTypeColumn, trainFraction, validationFraction, testFraction, splitSeed, perturbations, List.of());
  }

  private static void require(boolean ok, String key, String what, Object value) {
    if (!ok) {
      throw new ConfigException("data." + key, what + ", was " + value);
    }
  }

  /** @return the number of bins of a trial */
  public int bins() {
    return (int) Math.round((stopS - startS) * 1000.0 / dtMs);
  }

  /**
   * Our own detection-task convention (also written by the artificial-data generator): trials
   * columns {@code stim_time} (absolute stimulus onset; time 0), {@code stim} 0/1 (condition) and
   * {@code trial_type} Hit/Miss/CR/FA (outcome); window -0.2 to 1.2 s, 2 ms bins.
   *
   * @return the preset
   */
  public static TrialSetConfig detection() {
    return new TrialSetConfig(
        "detection", List.of(), "trials", "stim_time", -0.2, 1.2, 2.0, "stim", Map.of(), Map.of(),
        "trial_type", Map.of("Hit", "Hit", "Miss", "Miss", "CR", "CR", "FA", "FA"), EventTimes.AUTO,
        List.of(), List.of("auto"), 20.0, Double.NaN, AreaRule.AUTO, Map.of(), "", 0.6, 0.2, 0.2, 0L, Perturbations.defaults());
  }

  /**
   * The delayed-response task of the ALM recordings (Economo et al. 2018, Guo et al. 2017):
   * condition {@code type} (lick left / lick right), outcome {@code response} (correct / incorrect;
   * early lick and no response excluded), aligned on {@code cue_start_time}, window -2.8 to 1.2 s
   * (sample, delay and response epochs), 2 ms bins, with {@code pole_in_time}, {@code pole_out_time}
   * and {@code cue_start_time} kept as per-trial events.
   *
   * @return the preset
   */
  public static TrialSetConfig delayedResponse() {
    return new TrialSetConfig(
        "delayed-response", List.of(), "trials", "cue_start_time", -2.8, 1.2, 2.0, "type", Map.of(), Map.of(),
        "response", Map.of("correct", "correct", "incorrect", "incorrect"), EventTimes.AUTO,
        List.of("pole_in_time", "pole_out_time", "cue_start_time"), List.of("auto"), 20.0, Double.NaN,
        AreaRule.AUTO, Map.of(), "", 0.6, 0.2, 0.2, 0L, Perturbations.defaults());
  }

  /**
   * @param name "detection" or "delayed-response"
   * @return that preset
   */
  public static TrialSetConfig preset(String name) {
    return switch (name) {
      case "detection" -> detection();
      case "delayed-response" -> delayedResponse();
      default -> throw new ConfigException(
          "data.preset", "unknown preset '" + name + "'; known: detection, delayed-response");
    };
  }

  private static final Set<String> KEYS = Set.of(
      "preset", "files", "intervalTable", "alignColumn", "startS", "stopS", "dtMs", "conditionColumn",
      "conditionMap", "stimulusValues", "outcomeColumn", "outcomeMap", "eventTimes", "eventColumns", "behaviour",
      "eventKernelMs", "recordingStopS", "areaRule", "areaMap", "areaColumn", "cellTypeColumn", "trainFraction",
      "validationFraction", "testFraction", "splitSeed", "perturbationColumns", "includePerturbed", "excitatoryAreas");

  /**
   * Reads the {@code data} section: starts from its {@code preset} (default {@code detection}) and
   * applies every other key. Unknown keys and wrongly typed values are errors naming the key. The
   * former key {@code areaColumn} is still read: {@code "X"} is {@code areaRule "column:X"}, {@code ""}
   * leaves {@code areaRule} as it is; giving both with different meanings is an error.
   *
   * @param node the section (an object), or null / missing for all defaults
   * @return the configuration
   * @throws ConfigException on an unknown key or a bad value
   */
  public static TrialSetConfig fromJson(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return detection();
    }
    if (!node.isObject()) {
      throw new ConfigException("data", "must be an object, was " + node.getNodeType());
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new ConfigException("data." + k, "unknown key; known keys: " + String.join(", ", KEYS.stream().sorted().toList()));
      }
    }
    TrialSetConfig b = node.has("preset") ? preset(text(node, "preset")) : detection();
    return new TrialSetConfig(
        b.preset(),
        node.has("files") ? strings(node, "files") : b.files(),
        node.has("intervalTable") ? text(node, "intervalTable") : b.intervalTable(),
        node.has("alignColumn") ? text(node, "alignColumn") : b.alignColumn(),
        node.has("startS") ? number(node, "startS") : b.startS(),
        node.has("stopS") ? number(node, "stopS") : b.stopS(),
        node.has("dtMs") ? number(node, "dtMs") : b.dtMs(),
        node.has("conditionColumn") ? text(node, "conditionColumn") : b.conditionColumn(),
        node.has("conditionMap") ? map(node, "conditionMap") : b.conditionMap(),
        node.has("stimulusValues") ? numbers(node, "stimulusValues") : b.stimulusValues(),
        node.has("outcomeColumn") ? text(node, "outcomeColumn") : b.outcomeColumn(),
        node.has("outcomeMap") ? map(node, "outcomeMap") : b.outcomeMap(),
        node.has("eventTimes") ? eventTimes(node) : b.eventTimes(),
        node.has("eventColumns") ? strings(node, "eventColumns") : b.eventColumns(),
        node.has("behaviour") ? strings(node, "behaviour") : b.behaviour(),
        node.has("eventKernelMs") ? number(node, "eventKernelMs") : b.eventKernelMs(),
        node.has("recordingStopS")
            ? (node.get("recordingStopS").isNull() ? Double.NaN : number(node, "recordingStopS"))
            : b.recordingStopS(),
        areaRule(node, b.areaRule()),
        node.has("areaMap") ? map(node, "areaMap", "label -> area name") : b.areaMap(),
        node.has("cellTypeColumn") ? text(node, "cellTypeColumn") : b.cellTypeColumn(),
        node.has("trainFraction") ? number(node, "trainFraction") : b.trainFraction(),
        node.has("validationFraction") ? number(node, "validationFraction") : b.validationFraction(),
        node.has("testFraction") ? number(node, "testFraction") : b.testFraction(),
        node.has("splitSeed") ? (long) integer(node, "splitSeed") : b.splitSeed(),
        new Perturbations(
            node.has("perturbationColumns") ? strings(node, "perturbationColumns") : b.perturbations().columns(),
            node.has("includePerturbed") ? bool(node, "includePerturbed") : b.perturbations().include()),
        node.has("excitatoryAreas") ? strings(node, "excitatoryAreas") : b.excitatoryAreas());
  }

  /**
   * The fully resolved section, readable by {@link #fromJson}.
   *
   * @return a JSON object with every key
   */
  public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
    com.fasterxml.jackson.databind.node.ObjectNode o =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    o.put("preset", preset);
    files.forEach(o.putArray("files")::add);
    o.put("intervalTable", intervalTable);
    o.put("alignColumn", alignColumn);
    o.put("startS", startS);
    o.put("stopS", stopS);
    o.put("dtMs", dtMs);
    o.put("conditionColumn", conditionColumn);
    new TreeMap<>(conditionMap).forEach(o.putObject("conditionMap")::put);
    new TreeMap<>(stimulusValues).forEach(o.putObject("stimulusValues")::put);
    o.put("outcomeColumn", outcomeColumn);
    new TreeMap<>(outcomeMap).forEach(o.putObject("outcomeMap")::put);
    o.put("eventTimes", eventTimes.name().toLowerCase(Locale.ROOT));
    eventColumns.forEach(o.putArray("eventColumns")::add);
    behaviour.forEach(o.putArray("behaviour")::add);
    o.put("eventKernelMs", eventKernelMs);
    if (Double.isNaN(recordingStopS)) {
      o.putNull("recordingStopS");
    } else {
      o.put("recordingStopS", recordingStopS);
    }
    o.put("areaRule", areaRule.text());
    new TreeMap<>(areaMap).forEach(o.putObject("areaMap")::put);
    o.put("cellTypeColumn", cellTypeColumn);
    o.put("trainFraction", trainFraction);
    o.put("validationFraction", validationFraction);
    o.put("testFraction", testFraction);
    o.put("splitSeed", splitSeed);
    perturbations.columns().forEach(o.putArray("perturbationColumns")::add);
    o.put("includePerturbed", perturbations.include());
    excitatoryAreas.forEach(o.putArray("excitatoryAreas")::add);
    return o;
  }

  /**
   * @param newFiles NWB files, one per session
   * @return this configuration with those files
   */
  public TrialSetConfig withFiles(List<String> newFiles) {
    return new TrialSetConfig(preset, newFiles, intervalTable, alignColumn, startS, stopS, dtMs, conditionColumn,
        conditionMap, stimulusValues, outcomeColumn, outcomeMap, eventTimes, eventColumns, behaviour, eventKernelMs,
        recordingStopS, areaRule, areaMap, cellTypeColumn, trainFraction, validationFraction, testFraction, splitSeed,
        perturbations, excitatoryAreas);
  }

  /**
   * @param p which trials were perturbed, and whether they are kept
   * @return this configuration with that rule
   */
  public TrialSetConfig withPerturbations(Perturbations p) {
    return new TrialSetConfig(preset, files, intervalTable, alignColumn, startS, stopS, dtMs, conditionColumn,
        conditionMap, stimulusValues, outcomeColumn, outcomeMap, eventTimes, eventColumns, behaviour, eventKernelMs,
        recordingStopS, areaRule, areaMap, cellTypeColumn, trainFraction, validationFraction, testFraction, splitSeed,
        p, excitatoryAreas);
  }

  /**
   * @param values condition label to stimulus value (empty: the rule of numeric labels and ranks)
   * @return this configuration with those stimulus values
   */
  public TrialSetConfig withStimulusValues(Map<String, Double> values) {
    return new TrialSetConfig(preset, files, intervalTable, alignColumn, startS, stopS, dtMs, conditionColumn,
        conditionMap, values, outcomeColumn, outcomeMap, eventTimes, eventColumns, behaviour, eventKernelMs,
        recordingStopS, areaRule, areaMap, cellTypeColumn, trainFraction, validationFraction, testFraction, splitSeed,
        perturbations, excitatoryAreas);
  }

  /**
   * @param rule how units get their area label
   * @param map label to area name; empty keeps the labels
   * @return this configuration with that area rule and map
   */
  public TrialSetConfig withAreas(AreaRule rule, Map<String, String> map) {
    return new TrialSetConfig(preset, files, intervalTable, alignColumn, startS, stopS, dtMs, conditionColumn,
        conditionMap, stimulusValues, outcomeColumn, outcomeMap, eventTimes, eventColumns, behaviour, eventKernelMs,
        recordingStopS, rule, map, cellTypeColumn, trainFraction, validationFraction, testFraction, splitSeed,
        perturbations, excitatoryAreas);
  }

  /** @return how to read the recordings: the area rule and the area map */
  public NwbReadOptions readOptions() {
    return new NwbReadOptions(areaRule, areaMap);
  }

  /**
   * Reads an area rule from its text ({@link AreaRule#parse}).
   *
   * @param key the configuration key or command-line option it comes from, for the message
   * @param text e.g. {@code location:brain_region+hemisphere}
   * @return the rule
   * @throws ConfigException naming the key when the text is not a rule
   */
  public static AreaRule parseAreaRule(String key, String text) {
    try {
      return AreaRule.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, e.getMessage());
    }
  }

  /**
   * Checks an area map: every label and every area name must be non-empty text without leading or
   * trailing spaces.
   *
   * @param key the configuration key or command-line option it comes from, for the message
   * @param map label to area name ({@code "*"}: every label not listed)
   * @return an unmodifiable copy
   * @throws ConfigException naming the key and the entry
   */
  public static Map<String, String> checkAreaMap(String key, Map<String, String> map) {
    for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
      String label = e.getKey();
      String area = e.getValue();
      if (label.isBlank() || !label.equals(label.strip())) {
        throw new ConfigException(key, "labels must be non-empty without surrounding spaces, was '" + label + "'");
      }
      if (area == null || area.isBlank() || !area.equals(area.strip())) {
        throw new ConfigException(key + "." + label,
            "must be an area name, non-empty without surrounding spaces, was '" + area + "'");
      }
    }
    return Map.copyOf(map);
  }

  private static AreaRule areaRule(JsonNode node, AreaRule preset) {
    AreaRule rule = node.has("areaRule") ? parseAreaRule("data.areaRule", text(node, "areaRule")) : preset;
    if (node.has("areaColumn")) {
      String column = text(node, "areaColumn");
      if (!column.isEmpty()) {
        AreaRule named = new AreaRule.UnitsColumn(column);
        if (node.has("areaRule") && !rule.equals(named)) {
          throw new ConfigException("data.areaColumn", "is replaced by data.areaRule; give only \"areaRule\": \""
              + named.text() + "\", not areaColumn '" + column + "' beside areaRule '" + rule.text() + "'");
        }
        rule = named;
      }
    }
    return rule;
  }

  private static boolean bool(JsonNode n, String k) {
    JsonNode v = n.get(k);
    if (!v.isBoolean()) {
      throw new ConfigException("data." + k, "must be true or false, was " + v);
    }
    return v.asBoolean();
  }

  private static String text(JsonNode n, String k) {
    JsonNode v = n.get(k);
    if (!v.isTextual()) {
      throw new ConfigException("data." + k, "must be a string, was " + v);
    }
    return v.asText();
  }

  private static double number(JsonNode n, String k) {
    JsonNode v = n.get(k);
    if (!v.isNumber()) {
      throw new ConfigException("data." + k, "must be a number, was " + v);
    }
    return v.asDouble();
  }

  private static long integer(JsonNode n, String k) {
    JsonNode v = n.get(k);
    if (!v.isIntegralNumber()) {
      throw new ConfigException("data." + k, "must be an integer, was " + v);
    }
    if (!v.canConvertToLong()) {
      throw new ConfigException("data." + k, "must be in [" + Long.MIN_VALUE + ", " + Long.MAX_VALUE + "], was " + v);
    }
    return v.asLong();
  }

  private static List<String> strings(JsonNode n, String k) {
    JsonNode v = n.get(k);
    if (!v.isArray()) {
      throw new ConfigException("data." + k, "must be a list of strings, was " + v);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw new ConfigException("data." + k, "must be a list of strings, found " + e);
      }
      out.add(e.asText());
    }
    return out;
  }

  private static Map<String, String> map(JsonNode n, String k) {
    return map(n, k, "raw value -> label");
  }

  private static Map<String, String> map(JsonNode n, String k, String what) {
    JsonNode v = n.get(k);
    if (!v.isObject()) {
      throw new ConfigException("data." + k, "must be an object of strings (" + what + "), was " + v);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new ConfigException("data." + k + "." + e.getKey(), "must be a string label, was " + e.getValue());
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static Map<String, Double> numbers(JsonNode n, String k) {
    JsonNode v = n.get(k);
    if (!v.isObject()) {
      throw new ConfigException("data." + k, "must be an object of numbers (condition label -> stimulus value), was " + v);
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      if (!e.getValue().isNumber()) {
        throw new ConfigException("data." + k + "." + e.getKey(), "must be a number, was " + e.getValue());
      }
      out.put(e.getKey(), e.getValue().asDouble());
    }
    return out;
  }

  private static EventTimes eventTimes(JsonNode n) {
    String s = text(n, "eventTimes");
    try {
      return EventTimes.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("data.eventTimes", "must be auto, absolute or relative, was '" + s + "'");
    }
  }
}
