package org.trialmatch.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.trialmatch.data.ConfigException;
import org.trialmatch.model.PerturbationKind;
import org.trialmatch.model.PerturbationSpec;

/**
 * A perturbation experiment as a spec file states it (docs/perturbation.md): the perturbation, the
 * strengths to simulate and which of them is the one reported per unit and written as NWB.
 *
 * @param spec the perturbation
 * @param sweep strengths simulated, ascending, each > 0 ({@code [1]} for a clamp)
 * @param strength the strength reported per unit and written as NWB, or NaN when {@code silenceTo} picks it
 * @param silenceTo with a sweep: pick the smallest strength at which the target area's E units fire at
 *     most this fraction of their control rate in the window (NaN when {@code strength} is given)
 * @param recordedColumns interval-table columns marking the recorded perturbed trials the prediction is
 *     compared with (empty: the fit's {@code data.perturbationColumns})
 */
public record PerturbationRequest(PerturbationSpec spec, List<Double> sweep, double strength, double silenceTo,
    List<String> recordedColumns) {
  private static final Set<String> KEYS = Set.of("name", "kind", "target", "window", "strength", "sweep",
      "strengthRule", "recordedColumns");

  /**
   * Reads a spec file's JSON.
   *
   * @param root the JSON object
   * @param file the file's name, for messages
   * @return the request
   * @throws ConfigException naming the file and key of what is wrong
   */
  public static PerturbationRequest fromJson(JsonNode root, String file) {
    if (root == null || !root.isObject()) {
      throw new ConfigException(file, "expected a JSON object with kind, target, window and strength");
    }
    known(root, file, "", KEYS);
    String kindText = text(root, "kind", file, "");
    PerturbationKind kind = null;
    for (PerturbationKind k : PerturbationKind.values()) {
      if (k.key().equals(kindText)) {
        kind = k;
      }
    }
    if (kind == null) {
      throw new ConfigException(file + ": kind", "must be photoinhibition, clamp or excitation, was '" + kindText + "'");
    }
    JsonNode target = object(root, "target", file);
    known(target, file, "target.", Set.of("area", "cells"));
    String area = text(target, "area", file, "target.");
    PerturbationKind.Cells cells = kind.defaultCells();
    if (target.has("cells")) {
      String c = text(target, "cells", file, "target.").toUpperCase(Locale.ROOT);
      try {
        cells = PerturbationKind.Cells.valueOf(c);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(file + ": target.cells", "must be E, I or ALL, was '" + c + "'");
      }
    }
    JsonNode window = object(root, "window", file);
    known(window, file, "window.", Set.of("start", "end"));
    PerturbationSpec.Anchor start = anchor(object(window, "start", file), file, "window.start.");
    PerturbationSpec.Anchor end = anchor(object(window, "end", file), file, "window.end.");
    String name = root.has("name") ? text(root, "name", file, "") : kind.key() + " of " + area;
    PerturbationSpec spec = new PerturbationSpec(name, kind, area, cells, start, end);

    List<Double> sweep = new ArrayList<>();
    if (root.has("sweep")) {
      JsonNode s = root.get("sweep");
      if (!s.isArray() || s.isEmpty()) {
        throw new ConfigException(file + ": sweep", "must be a non-empty array of strengths, was " + s);
      }
      for (JsonNode v : s) {
        sweep.add(positive(v, file, "sweep"));
      }
    }
    double strength = Double.NaN;
    double silence = Double.NaN;
    if (root.has("strength") == root.has("strengthRule") && !kind.clamps()) {
      throw new ConfigException(file + ": strength", "give either strength or strengthRule (with a sweep)");
    }
    if (root.has("strength")) {
      strength = positive(root.get("strength"), file, "strength");
      if (!sweep.contains(strength)) {
        sweep.add(strength);
      }
    }
    if (root.has("strengthRule")) {
      JsonNode r = object(root, "strengthRule", file);
      known(r, file, "strengthRule.", Set.of("silenceTo"));
      JsonNode v = r.get("silenceTo");
      if (v == null || !v.isNumber() || !(v.asDouble() > 0 && v.asDouble() < 1)) {
        throw new ConfigException(file + ": strengthRule.silenceTo", "must be a fraction in (0, 1) of the target's "
            + "control E rate, was " + v);
      }
      if (sweep.isEmpty()) {
        throw new ConfigException(file + ": strengthRule", "needs a sweep of strengths to choose from");
      }
      silence = v.asDouble();
    }
    if (kind.clamps()) {
      if (!sweep.isEmpty() && !sweep.equals(List.of(1.0))) {
        throw new ConfigException(file + ": sweep", "a clamp has no strength; leave out sweep and strength");
      }
      sweep = new ArrayList<>(List.of(1.0));
      strength = 1.0;
      silence = Double.NaN;
    }
    sweep.sort(null);
    for (int k = 1; k < sweep.size(); k++) {
      if (sweep.get(k).equals(sweep.get(k - 1))) {
        throw new ConfigException(file + ": sweep", "has " + sweep.get(k) + " twice");
      }
    }
    if (sweep.size() > 20) {
      throw new ConfigException(file + ": sweep", "at most 20 strengths, had " + sweep.size());
    }
    List<String> recorded = new ArrayList<>();
    if (root.has("recordedColumns")) {
      JsonNode rc = root.get("recordedColumns");
      if (!rc.isArray() || rc.isEmpty()) {
        throw new ConfigException(file + ": recordedColumns", "must be a non-empty array of column names, was " + rc);
      }
      for (JsonNode v : rc) {
        if (!v.isTextual() || v.asText().isBlank()) {
          throw new ConfigException(file + ": recordedColumns", "must hold column names, had " + v);
        }
        recorded.add(v.asText());
      }
    }
    return new PerturbationRequest(spec, List.copyOf(sweep), strength, silence, List.copyOf(recorded));
  }

  private static PerturbationSpec.Anchor anchor(JsonNode a, String file, String where) {
    known(a, file, where, Set.of("event", "ms"));
    String event = a.has("event") ? text(a, "event", file, where) : PerturbationSpec.ALIGN;
    double ms = 0;
    if (a.has("ms")) {
      JsonNode v = a.get("ms");
      if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
        throw new ConfigException(file + ": " + where + "ms", "must be a finite number of ms, was " + v);
      }
      ms = v.asDouble();
    }
    return new PerturbationSpec.Anchor(event, ms);
  }

  private static double positive(JsonNode v, String file, String key) {
    if (v == null || !v.isNumber() || !(v.asDouble() > 0) || !Double.isFinite(v.asDouble()) || v.asDouble() > 1000) {
      throw new ConfigException(file + ": " + key, "must be a strength in (0, 1000] (units of threshold − rest), was "
          + v);
    }
    return v.asDouble();
  }

  private static JsonNode object(JsonNode parent, String key, String file) {
    JsonNode v = parent.get(key);
    if (v == null || !v.isObject()) {
      throw new ConfigException(file + ": " + key, "must be a JSON object, was " + (v == null ? "missing" : v));
    }
    return v;
  }

  private static String text(JsonNode parent, String key, String file, String where) {
    JsonNode v = parent.get(key);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new ConfigException(file + ": " + where + key, "must be a non-empty text, was " + (v == null ? "missing" : v));
    }
    return v.asText();
  }

  private static void known(JsonNode node, String file, String where, Set<String> keys) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!keys.contains(k)) {
        throw new ConfigException(file + ": " + where + k, "unknown key; known keys: " + String.join(", ",
            new TreeSet<>(keys)));
      }
    }
  }
}
