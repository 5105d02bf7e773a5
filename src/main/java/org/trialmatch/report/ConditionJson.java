package org.trialmatch.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.trialmatch.analysis.AnalysisInputs;
import org.trialmatch.analysis.AnalysisResult;
import org.trialmatch.analysis.ConditionMeans;
import org.trialmatch.analysis.MatchedPairs;
import org.trialmatch.analysis.TaskEvent;
import org.trialmatch.analysis.UnitPsths;

/**
 * The numbers behind the per-condition figures in {@code analysis.json}: {@code psth.by_condition} (the
 * population and the chosen units of each area), {@code behaviour.per_condition}, {@code t_trial.drawn_pairs}
 * (the pairs of the matched rasters) and {@code events}.
 */
final class ConditionJson {
  private ConditionJson() {}

  static void psth(ObjectNode psth, AnalysisInputs in, AnalysisResult r) {
    UnitPsths u = r.unitPsths();
    ObjectNode o = psth.putObject("by_condition");
    o.put("definition", "per condition, mean and s.e.m. over trials of the F2(F1)-filtered rate (Hz): of each chosen "
        + "unit, and of the area's population (per trial the mean over the session's units in the area; sessions "
        + "combined with weights equal to their units in the area)");
    o.put("unit_rule", UnitPsths.rule());
    AnalysisJson.array(o.putArray("time_ms"), u.timesMs());
    ArrayNode per = o.putArray("per_area");
    for (int a = 0; a < in.areaNames().size(); a++) {
      ObjectNode e = per.addObject();
      e.put("area", in.areaNames().get(a));
      e.put("units", u.unitsInArea(a));
      u.population(a).ifPresentOrElse(m -> means(e.putObject("population"), m), () -> e.putNull("population"));
      ArrayNode units = e.putArray("chosen_units");
      for (UnitPsths.Unit x : u.units(a)) {
        ObjectNode uo = units.addObject();
        uo.put("session", x.session());
        uo.put("unit", x.unit());
        uo.put("label", x.label());
        AnalysisJson.num(uo, "ceiling", x.ceiling());
        AnalysisJson.num(uo, "t_neuron", x.model());
        AnalysisJson.num(uo, "mean_test_rate_hz", x.rateHz());
        means(uo.putObject("psth"), x.psth());
      }
    }
  }

  static void behaviour(ObjectNode behaviour, AnalysisResult r) {
    ArrayNode per = behaviour.putArray("per_condition");
    List<ConditionMeans> by = r.behaviourByCondition();
    List<String> names = r.behaviour().channels();
    for (int ch = 0; ch < by.size(); ch++) {
      ObjectNode e = per.addObject();
      e.put("channel", ch < names.size() ? names.get(ch) : "");
      means(e, by.get(ch));
    }
  }

  static void drawnPairs(ObjectNode tTrial, AnalysisInputs in, AnalysisResult r) {
    MatchedPairs pairs = r.tTrial().modelMatches();
    ObjectNode o = tTrial.putObject("drawn_pairs");
    o.put("rule", MatchedRasterFigures.rule());
    ArrayNode a = o.putArray("pairs");
    for (double q : MatchedRasterFigures.PERCENTILES) {
      int[] p = pairs.atPercentiles(q);
      if (p.length == 0) {
        continue;
      }
      ObjectNode e = a.addObject();
      e.put("percentile", q);
      e.put("session", in.sessions().get(pairs.session(p[0])).name());
      e.put("test_trial", pairs.testTrial(p[0]));
      e.put("model_trial", pairs.otherTrial(p[0]));
      AnalysisJson.num(e, "r", pairs.correlation(p[0]));
    }
  }

  static void events(ObjectNode o, AnalysisInputs in) {
    ArrayNode a = o.putArray("events");
    for (TaskEvent e : in.events()) {
      ObjectNode eo = a.addObject();
      eo.put("name", e.name());
      eo.put("time_ms", e.timeMs());
    }
  }

  private static void means(ObjectNode o, ConditionMeans m) {
    ArrayNode per = o.putArray("conditions");
    for (int c = 0; c < m.conditions().size(); c++) {
      ObjectNode e = per.addObject();
      e.put("condition", m.conditions().get(c));
      e.put("data_trials", m.dataTrials(c));
      AnalysisJson.array(e.putArray("data_mean"), m.dataMean(c));
      AnalysisJson.array(e.putArray("data_sem"), m.dataSem(c));
      e.put("model_trials", m.modelTrials(c));
      AnalysisJson.array(e.putArray("model_mean"), m.modelMean(c));
      AnalysisJson.array(e.putArray("model_sem"), m.modelSem(c));
    }
  }
}
