package org.trialmatch.train;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.trialmatch.data.ConfigException;
import org.trialmatch.data.Recording;
import org.trialmatch.data.TrialSet;
import org.trialmatch.data.TrialSetBuilder;
import org.trialmatch.data.TrialSetConfig;
import org.trialmatch.errors.InputException;
import org.trialmatch.nwb.NwbContents;

/**
 * A first fit configuration for a user's own recording, from what the file holds: the data preset
 * that keeps the most trials (or the one asked for), the areas found with room for their units in
 * the model's E slots, the behaviour as the model's readout when there is one, and the settings of
 * the project's real-data fits. Its {@code notes} say what was found and what to check.
 */
public final class StarterConfig {
  /** Root key of the notes a configuration may carry (ignored when it is read). */
  public static final String NOTES = "notes";

  private StarterConfig() {}

  /**
   * @param contents the recording
   * @param file the path written into {@code data.files} (e.g. relative to where the configuration goes)
   * @param preset a data preset, or null to try each
   * @return the configuration (it reads back with {@link FitConfig#fromJson})
   * @throws ConfigException if no preset keeps any trial of the file, naming what each found
   */
  public static ObjectNode of(NwbContents contents, String file, String preset) {
    Recording rec = Recording.of(Recording.sessionName(contents.file()), contents);
    List<String> tried = preset != null ? List.of(preset) : List.of("delayed-response", "detection");
    TrialSet best = null;
    String bestPreset = null;
    List<String> why = new ArrayList<>();
    for (String p : tried) {
      try {
        TrialSet ts = TrialSetBuilder.build(rec, TrialSetConfig.preset(p));
        if (best == null || ts.trials() > best.trials()) {
          best = ts;
          bestPreset = p;
        }
      } catch (InputException e) {
        why.add(p + ": " + e.getMessage());
      }
    }
    if (best == null) {
      throw new ConfigException("--preset", "no data preset keeps a trial of " + contents.file() + " ("
          + String.join("; ", why) + "); write the data section by hand (docs/data.md)");
    }
    Map<String, Integer> areas = new TreeMap<>();
    for (int u = 0; u < best.units(); u++) {
      areas.merge(best.unitArea(u), 1, Integer::sum);
    }
    int largest = areas.values().stream().mapToInt(Integer::intValue).max().orElse(1);
    // 80 % of an area's units are E and a recorded unit needs an E slot; a tenth more room, whole tens
    int perArea = Math.max(50, (int) Math.ceil(largest / 0.8 * 1.1 / 10.0) * 10);
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    ArrayNode notes = root.putArray(NOTES);
    notes.add("written by trialmatch init from " + contents.file().getFileName() + "; check every value before fitting");
    notes.add(String.format(Locale.ROOT, "data.preset %s keeps %d trials (%s)", bestPreset, best.trials(),
        best.trialTypeCounts()));
    notes.add("areas found: " + areas + "; model " + perArea + " units per area, 80 % excitatory, so every recorded "
        + "unit has an E slot");
    notes.add(best.hasBehaviour() ? "behaviour: " + best.behaviourLabel() + " (the model's readout, from every area)"
        : "no behaviour series: the model has no readout (motorAreas empty)");
    why.forEach(w -> notes.add("preset not used: " + w));
    ObjectNode data = root.putObject("data");
    data.put("preset", bestPreset);
    data.putArray("files").add(file);
    ObjectNode model = root.putObject("model");
    model.put("preset", "figure2");
    model.put("nUnits", perArea * areas.size());
    model.put("nInputs", 100);
    ArrayNode an = model.putArray("areas");
    areas.keySet().forEach(an::add);
    ArrayNode motor = model.putArray("motorAreas");
    if (best.hasBehaviour()) {
      areas.keySet().forEach(motor::add);
    }
    model.put("hiddenUnits", true);
    if (bestPreset.equals("delayed-response")) {
      // the project's ALM fits: sample, delay and response inputs, slow memory (docs/alm.md)
      ArrayNode d = model.putArray("stimDurationsMs");
      d.add(1000).add(10).add(200);
      model.put("stimBlocks", 2);
      model.put("adaptiveFraction", 0.6);
      model.put("tauAdaptMs", 2000);
    }
    root.putObject("loss").put("matching", "sinkhorn");
    ObjectNode train = root.putObject("train");
    train.put("steps", 1000);
    train.put("modelTrials", 64);
    train.put("validateEvery", 50);
    train.put("lr", 0.003);
    train.put("rateCalibration", 30);
    return root;
  }

  /**
   * @param target where the configuration will be written
   * @param nwb the recording
   * @return the recording's path as written into {@code data.files}: relative to the configuration's folder
   */
  public static String relativeFile(Path target, Path nwb) {
    Path dir = target.toAbsolutePath().normalize().getParent();
    Path abs = nwb.toAbsolutePath().normalize();
    try {
      return dir.relativize(abs).toString();
    } catch (IllegalArgumentException e) {
      return abs.toString();
    }
  }
}
