package org.trialmatch.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.trialmatch.analysis.AnalysisConfig;
import org.trialmatch.analysis.AnalysisInputs;
import org.trialmatch.analysis.AnalysisResult;
import org.trialmatch.analysis.AreaCorrelation;
import org.trialmatch.analysis.AreaMatrix;
import org.trialmatch.analysis.BehaviourMeans;
import org.trialmatch.analysis.ClusterSummary;
import org.trialmatch.analysis.Modes;
import org.trialmatch.analysis.Proportion;
import org.trialmatch.analysis.SessionCorrelation;
import org.trialmatch.analysis.SessionInputs;
import org.trialmatch.analysis.Summary;
import org.trialmatch.analysis.TrainingCurves;
import org.trialmatch.analysis.TrialTypeFractions;
import org.trialmatch.analysis.TrialTypeRow;

/**
 * The content of {@code analysis.json}: every number of an {@link AnalysisResult}, keyed as in
 * docs/analysis.md. Undefined numbers (NaN) are written as null.
 */
public final class AnalysisJson {
  /** The top-level keys, in order. */
  public static final List<String> KEYS = List.of("run", "metadata", "definitions", "settings", "areas", "sessions",
      "t_neuron", "t_trial", "trial_types", "response", "modes", "psth", "behaviour", "connectivity", "training", "notes",
      "figures", "figures_not_drawn");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AnalysisJson() {}

  /**
   * @param in the inputs
   * @param r the result
   * @param figures the figures written
   * @return the JSON tree
   */
  public static ObjectNode build(AnalysisInputs in, AnalysisResult r, List<RenderedFigure> figures) {
    return build(in, r, figures, List.of());
  }

  /**
   * @param in the inputs
   * @param r the result
   * @param figures the figures written
   * @param notDrawn the figures left out because they had nothing to show, with the reason
   * @return the JSON tree
   */
  public static ObjectNode build(AnalysisInputs in, AnalysisResult r, List<RenderedFigure> figures,
      List<FigureNote> notDrawn) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("run", in.runName());
    ObjectNode meta = o.putObject("metadata");
    in.metadata().forEach(meta::put);
    o.put("definitions", "docs/analysis.md");
    settings(o.putObject("settings"), in, r);
    ConditionJson.events((ObjectNode) o.get("settings"), in);
    ArrayNode areas = o.putArray("areas");
    in.areaNames().forEach(areas::add);
    sessions(o.putArray("sessions"), in);
    tNeuron(o.putObject("t_neuron"), r);
    tTrial(o.putObject("t_trial"), r);
    ConditionJson.drawnPairs((ObjectNode) o.get("t_trial"), in, r);
    trialTypes(o.putObject("trial_types"), r.trialTypes(), in.modelTrialsShared());
    in.modelTypes().ifPresent(q -> {
      ObjectNode c = o.with("trial_types").putObject("classifier");
      c.put("method", q.method());
      num(c, "held_out_accuracy", q.accuracy());
      num(c, "majority_baseline", q.baseline());
      c.put("held_out_trials", q.trials());
      c.put("beats_baseline", q.beatsBaseline());
    });
    if (r.response().isPresent()) {
      response(o.putObject("response"), r.response().get());
    } else {
      o.putNull("response");
    }
    modes(o.putObject("modes"), in, r);
    psth(o.putObject("psth"), in, r);
    ConditionJson.psth((ObjectNode) o.get("psth"), in, r);
    behaviour(o.putObject("behaviour"), in, r);
    ConditionJson.behaviour((ObjectNode) o.get("behaviour"), r);
    if (r.connectivity().isPresent()) {
      AreaMatrix m = r.connectivity().get();
      ObjectNode c = o.putObject("connectivity");
      c.put("definition", "signed mean weight from presynaptic area (row) to postsynaptic area (column)");
      ArrayNode ca = c.putArray("areas");
      m.areas().forEach(ca::add);
      ArrayNode rows = c.putArray("pre_post");
      for (int a = 0; a < m.size(); a++) {
        ArrayNode row = rows.addArray();
        for (int b = 0; b < m.size(); b++) {
          num(row, m.get(a, b));
        }
      }
    } else {
      o.putNull("connectivity");
    }
    training(o.putObject("training"), r.training());
    ArrayNode notes = o.putArray("notes");
    r.notes().forEach(notes::add);
    ArrayNode figs = o.putArray("figures");
    for (RenderedFigure f : figures) {
      ObjectNode fo = figs.addObject();
      fo.put("name", f.name());
      fo.put("section", f.section());
      fo.put("title", f.title());
      fo.put("png", f.png());
      fo.put("svg", f.svg());
      fo.put("width", f.width());
      fo.put("height", f.height());
    }
    ArrayNode nd = o.putArray("figures_not_drawn");
    for (FigureNote n : notDrawn) {
      ObjectNode no = nd.addObject();
      no.put("name", n.name());
      no.put("section", n.section());
      no.put("reason", n.text());
    }
    return o;
  }

  private static void settings(ObjectNode s, AnalysisInputs in, AnalysisResult r) {
    AnalysisConfig c = r.config();
    s.put("dt_ms", in.dtMs());
    s.put("window_start_ms", in.windowStartMs());
    s.put("bins", in.sessions().get(0).bins());
    ObjectNode f1 = s.putObject("f1");
    f1.put("width_ms", c.f1WidthMs());
    f1.put("kernel_bins", r.f1().kernelBins());
    f1.put("stride_bins", r.f1().strideBins());
    f1.put("padding_bins", r.f1().paddingBins());
    f1.put("out_bins", r.f1TimesMs().length);
    ObjectNode f2 = s.putObject("f2");
    f2.put("resample", c.resample());
    f2.put("kernel_bins", r.f2().kernelBins());
    f2.put("stride_bins", r.f2().strideBins());
    f2.put("padding_bins", r.f2().paddingBins());
    f2.put("out_bins", r.f2TimesMs().length);
    s.put("min_units_per_area", c.minUnitsPerArea());
    s.put("k_min", c.kMin());
    s.put("k_max", c.kMax());
    s.put("kmeans_restarts", c.kMeansRestarts());
    s.put("cluster_pcs", c.clusterPcs());
    s.put("silhouette_max_points", c.silhouetteMaxPoints());
    s.put("seed", c.seed());
    s.put("model_trials_shared", in.modelTrialsShared());
    s.put("interval", "95% Wilson score");
  }

  private static void sessions(ArrayNode a, AnalysisInputs in) {
    for (SessionInputs si : in.sessions()) {
      ObjectNode s = a.addObject();
      s.put("name", si.name());
      s.put("units", si.units());
      ObjectNode per = s.putObject("units_per_area");
      for (String area : in.areaNames()) {
        int n = 0;
        for (String u : si.unitAreas()) {
          if (u.equals(area)) {
            n++;
          }
        }
        per.put(area, n);
      }
      s.put("test_trials", si.test().trials());
      s.put("train_trials", si.train().trials());
      s.put("model_trials", si.model().trials());
      ObjectNode b = s.putObject("behaviour");
      b.put("test", si.testBehaviour().isPresent());
      b.put("train", si.trainBehaviour().isPresent());
      b.put("model", si.modelBehaviour().isPresent());
    }
  }

  static void summary(ObjectNode o, Summary s) {
    num(o, "mean", s.mean());
    num(o, "sem", s.sem());
    o.put("n", s.n());
    o.put("excluded", s.excluded());
  }

  private static void areaList(ArrayNode a, List<AreaCorrelation> list) {
    for (AreaCorrelation ac : list) {
      ObjectNode e = a.addObject();
      e.put("area", ac.area());
      summary(e.putObject("model"), ac.model());
      summary(e.putObject("ceiling"), ac.ceiling());
    }
  }

  private static void tNeuron(ObjectNode o, AnalysisResult r) {
    o.put("definition", "per unit: Pearson r over time of the F1-filtered trial-averaged PSTH, model vs test data;"
        + " ceiling: train vs test data; mean over the same units for both: a unit whose test or train PSTH is"
        + " constant (or, with a rate filter, whose train rate is at or below it) is left out of both; a constant"
        + " model PSTH scores 0");
    var ex = r.tNeuron().exclusions();
    ObjectNode eo = o.putObject("exclusions");
    num(eo, "min_rate_hz", ex.minRateHz());
    eo.put("constant_data", ex.constantData());
    eo.put("below_rate", ex.belowRate());
    eo.put("model_flat_scored_zero", ex.modelFlat());
    ObjectNode all = o.putObject("all");
    summary(all.putObject("model"), r.tNeuron().overallModel());
    summary(all.putObject("ceiling"), r.tNeuron().overallCeiling());
    areaList(o.putArray("per_area"), r.tNeuron().perArea());
  }

  private static void tTrial(ObjectNode o, AnalysisResult r) {
    o.put("definition", "mean over matched pairs of the per-pair Pearson r; every test trial is matched to a distinct"
        + " trial of the other set by the optimal assignment of the mean squared difference within its condition,"
        + " using all trials of the other set; single-trial features: per-area F2(F1) population averages z-scored"
        + " with the test data's scalar statistics, plus behaviour; ceiling: test vs train data, the same way");
    num(o, "tm_distance", r.tTrial().tmDistance());
    num(o, "tm_distance_ceiling", r.tTrial().tmDistanceCeiling());
    o.put("tm_distance_definition", "converged debiased Sinkhorn divergence (eps 0.1, p = 1) of the test-data and"
        + " model trial features of each session (features / sqrt(D), result * sqrt(D)), mean over sessions;"
        + " ceiling: test vs train data");
    ObjectNode all = o.putObject("all");
    summary(all.putObject("model"), r.tTrial().overallModel());
    summary(all.putObject("ceiling"), r.tTrial().overallCeiling());
    areaList(o.putArray("per_area"), r.tTrial().perArea());
    ArrayNode ps = o.putArray("per_session");
    for (SessionCorrelation sc : r.tTrial().perSession()) {
      ObjectNode e = ps.addObject();
      e.put("session", sc.session());
      ArrayNode ar = e.putArray("areas");
      sc.areas().forEach(ar::add);
      e.put("behaviour", sc.behaviour());
      e.put("note", sc.note());
      summary(e.putObject("model"), sc.model());
      summary(e.putObject("ceiling"), sc.ceiling());
      num(e, "tm_distance", sc.tmDistance());
      num(e, "tm_distance_ceiling", sc.tmDistanceCeiling());
    }
  }

  private static void response(ObjectNode o, org.trialmatch.analysis.ResponseFractions rf) {
    var rule = rf.rule();
    o.put("area", rule.area());
    num(o, "response_from_ms", rule.responseFromMs());
    num(o, "response_to_ms", rule.responseToMs());
    num(o, "baseline_ms", rule.baselineMs());
    num(o, "peak_threshold_hz", rule.peakThresholdHz());
    rule(o.putObject("window"), rf.window());
    rule(o.putObject("peak"), rf.peak());
  }

  private static void rule(ObjectNode o, org.trialmatch.analysis.ResponseFractions.Rule r) {
    num(o, "data_fraction", r.dataFraction());
    o.put("data_trials", r.dataTrials());
    num(o, "model_fraction", r.modelFraction());
    o.put("model_trials", r.modelTrials());
    num(o, "se_of_difference", r.standardError());
    num(o, "model_minus_data_in_se", r.distanceInSe());
  }

  static void proportion(ObjectNode o, Proportion p) {
    o.put("count", p.count());
    o.put("n", p.n());
    num(o, "fraction", p.p());
    ArrayNode ci = o.putArray("ci95");
    num(ci, p.lo());
    num(ci, p.hi());
  }

  /**
   * @param t fractions
   * @return number of trial types whose model fraction lies inside the data's 95 % interval
   */
  public static int typesWithinDataInterval(TrialTypeFractions t) {
    int k = 0;
    for (TrialTypeRow row : t.rows()) {
      double p = row.model().p();
      if (!Double.isNaN(p) && p >= row.data().lo() && p <= row.data().hi()) {
        k++;
      }
    }
    return k;
  }

  private static void trialTypes(ObjectNode o, TrialTypeFractions t, boolean shared) {
    o.put("data_trials", t.dataTrials());
    o.put("model_trials", t.modelTrials());
    o.put("model_trials_counted_once", shared);
    o.put("model_comparable", t.modelComparable());
    o.put("model_note", t.modelNote());
    o.put("model_within_data_interval", typesWithinDataInterval(t));
    o.put("types", t.rows().size());
    ArrayNode rows = o.putArray("rows");
    for (TrialTypeRow row : t.rows()) {
      ObjectNode e = rows.addObject();
      e.put("type", row.label());
      proportion(e.putObject("data"), row.data());
      proportion(e.putObject("model"), row.model());
    }
  }

  private static void modes(ObjectNode o, AnalysisInputs in, AnalysisResult r) {
    Modes m = r.modes();
    o.put("computed", m.computed());
    o.put("note", m.note());
    o.put("embedding", "pca");
    o.put("umap", Modes.UMAP_NOTE);
    o.put("k_selection", "largest weighted mean silhouette over k in [" + r.config().kMin() + ", "
        + r.config().kMax() + "]; k-means++ seeded, " + r.config().kMeansRestarts() + " restarts");
    o.put("weights", "each source (data, model) carries half the total weight");
    ArrayNode au = o.putArray("areas");
    m.areasUsed().forEach(au::add);
    ArrayNode su = o.putArray("sessions");
    m.sessionsUsed().forEach(su::add);
    o.put("behaviour", m.behaviourUsed());
    o.put("feature_dims", m.featureDims());
    o.put("points", m.points());
    ArrayNode ev = o.putArray("explained_variance_ratio");
    for (double v : m.explainedRatio()) {
      num(ev, v);
    }
    o.put("pcs_used", m.pcsUsed());
    ObjectNode sil = o.putObject("silhouette_by_k");
    for (Map.Entry<Integer, Double> e : m.silhouetteByK().entrySet()) {
      num(sil, Integer.toString(e.getKey()), e.getValue());
    }
    o.put("k", m.k());
    ArrayNode time = o.putArray("time_ms");
    for (double t : r.f1TimesMs()) {
      num(time, t);
    }
    ArrayNode cl = o.putArray("clusters");
    for (ClusterSummary cs : m.clusters()) {
      ObjectNode c = cl.addObject();
      c.put("mode", cs.index() + 1);
      proportion(c.putObject("data_share"), cs.dataShare());
      proportion(c.putObject("model_share"), cs.modelShare());
      ObjectNode dt = c.putObject("data_trial_types");
      cs.dataTypes().forEach(dt::put);
      ObjectNode mt = c.putObject("model_trial_types");
      cs.modelTypes().forEach(mt::put);
      ObjectNode act = c.putObject("mean_activity_hz");
      for (int a = 0; a < in.areaNames().size(); a++) {
        ObjectNode e = act.putObject(in.areaNames().get(a));
        array(e.putArray("data"), cs.dataActivity(a));
        array(e.putArray("model"), cs.modelActivity(a));
      }
      ObjectNode beh = c.putObject("mean_behaviour");
      array(beh.putArray("data"), cs.dataBehaviour());
      array(beh.putArray("model"), cs.modelBehaviour());
    }
  }

  private static void psth(ObjectNode o, AnalysisInputs in, AnalysisResult r) {
    o.put("definition", "mean over the area's recorded units of each unit's F1-filtered trial-averaged rate (Hz)");
    array(o.putArray("time_ms"), r.f1TimesMs());
    ArrayNode per = o.putArray("per_area");
    for (int a = 0; a < in.areaNames().size(); a++) {
      ObjectNode e = per.addObject();
      e.put("area", in.areaNames().get(a));
      e.put("units", r.psths().units(a));
      array(e.putArray("data_test"), r.psths().test(a));
      array(e.putArray("data_train"), r.psths().train(a));
      array(e.putArray("model"), r.psths().model(a));
    }
  }

  private static void behaviour(ObjectNode o, AnalysisInputs in, AnalysisResult r) {
    BehaviourMeans b = r.behaviour();
    o.put("present", b.present());
    o.put("label", in.behaviourLabel());
    array(o.putArray("time_ms"), r.f1TimesMs());
    ArrayNode per = o.putArray("per_type");
    for (int l = 0; l < b.labels().size(); l++) {
      ObjectNode e = per.addObject();
      e.put("type", b.labels().get(l));
      e.put("data_trials", b.dataTrials(l));
      e.put("model_trials", b.modelTrials(l));
      array(e.putArray("data"), b.data(l));
      array(e.putArray("model"), b.model(l));
    }
  }

  private static void training(ObjectNode o, TrainingCurves tc) {
    o.put("present", tc.present());
    o.put("rows", tc.rows());
    ArrayNode p = o.putArray("problems");
    tc.problems().forEach(p::add);
    ObjectNode last = o.putObject("last");
    ObjectNode cols = o.putObject("columns");
    for (String c : tc.columnNames()) {
      Double v = tc.last(c).orElse(null);
      if (v == null) {
        last.putNull(c);
      } else {
        num(last, c, v);
      }
      array(cols.putArray(c), tc.column(c).orElse(new double[0]));
    }
  }

  /** Appends {@code v} to {@code a}, non-finite values as null. */
  static void array(ArrayNode a, double[] v) {
    for (double x : v) {
      num(a, x);
    }
  }

  private static void num(ArrayNode a, double v) {
    if (Double.isFinite(v)) {
      a.add(v);
    } else {
      a.addNull();
    }
  }

  /** Puts {@code v} under {@code key}, a non-finite value as null. */
  static void num(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }
}
