package org.trialmatch.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** The aligned, binned trials of one session ({@link TrialSet}) and their split as one JSON object. */
public final class TrialSetJson {
  private TrialSetJson() {}

  /**
   * @param t the trials
   * @param split their train/validation/test split
   * @return {@code session}, {@code trials}, {@code bins}, {@code dt_ms}, {@code units},
   *     {@code spikes_in_windows}, {@code behaviour}, {@code exclusions} (one count per rule and
   *     {@code kept}), {@code trial_types} (trials per type), {@code split} (trials per part) and
   *     {@code report}
   */
  public static ObjectNode summary(TrialSet t, TrialSplit split) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("session", t.session());
    o.put("trials", t.trials());
    o.put("bins", t.bins());
    o.put("dt_ms", t.dtMs());
    o.put("units", t.units());
    o.put("spikes_in_windows", t.totalSpikes());
    o.put("behaviour", t.behaviourLabel());
    ObjectNode ex = o.putObject("exclusions");
    ex.put("rows", t.exclusions().rows());
    ex.put("nan_alignment", t.exclusions().nanAlignment());
    ex.put("perturbed", t.exclusions().perturbed());
    ex.put("outcome_not_mapped", t.exclusions().outcomeNotMapped());
    ex.put("outside_recording", t.exclusions().outsideRecording());
    ex.put("nan_behaviour", t.exclusions().nanBehaviour());
    ex.put("kept", t.exclusions().kept());
    ObjectNode types = o.putObject("trial_types");
    for (Map.Entry<String, Integer> e : t.trialTypeCounts().entrySet()) {
      types.put(e.getKey(), e.getValue());
    }
    ObjectNode sp = o.putObject("split");
    sp.put("train", split.train().length);
    sp.put("validation", split.validation().length);
    sp.put("test", split.test().length);
    ArrayNode rep = o.putArray("report");
    t.report().forEach(rep::add);
    return o;
  }
}
