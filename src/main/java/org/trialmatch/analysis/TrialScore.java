package org.trialmatch.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.trialmatch.loss.LinearAssignment;
import org.trialmatch.loss.SinkhornDivergence;
import org.trialmatch.loss.SinkhornResult;

/**
 * t_trial (method reference §6.2) and the trial-matching distance of a session's single-trial features
 * ({@link ScoreFeatures}: per area the F2∘F1 population average, then behaviour, each block
 * z-scored with the test data's scalar statistics).
 *
 * <p><b>t_trial.</b> Within each condition present in both sets, the test-data trials are matched one to
 * one to distinct trials of the other set by the optimal assignment of the mean squared difference,
 * using <em>all</em> trials of the other set (when the other set is the smaller, each of its trials is
 * matched to a distinct test trial instead); the score is the <b>mean over matched pairs</b> of the
 * per-pair Pearson correlation across the feature vector, pooled over the pairs of every session. The
 * model score matches test data to model trials; its ceiling matches test data to training data, the
 * same way. A pair whose test vector is constant is left out; a constant model vector scores 0
 * ({@link Stats#score}). Matching within conditions departs from the paper's matching over all trials:
 * a model trial's condition is one of its inputs, so a pair of different conditions compares two
 * different experiments.
 *
 * <p><b>tm_distance.</b> The converged debiased Sinkhorn divergence (ε = {@value #TM_EPSILON}, p = 1) of
 * the test-data and model feature clouds of each session, all trials, computed on features divided by
 * √D and multiplied back by √D; its ceiling is the same between test and training data. Both are means
 * over sessions.
 */
final class TrialScore {
  /** ε of the reported trial-matching distance (in the 1/√D-scaled feature space). */
  static final double TM_EPSILON = 0.1;
  private static final double TM_TOLERANCE = 1e-6;

  private TrialScore() {}

  /**
   * @param run the filtered inputs
   * @param cfg the settings (minUnitsPerArea)
   * @param notes where the sessions skipped and the trials left unmatched are told
   * @return t_trial and tm_distance with their ceilings
   */
  static TrialCorrelations compute(FilteredInputs run, AnalysisConfig cfg, List<String> notes) {
    AnalysisInputs in = run.inputs();
    List<FilteredSession> sessions = run.sessions();
    int t2 = run.t2();
    int nAreas = in.areaNames().size();
    List<Double> allModel = new ArrayList<>();
    List<Double> allCeiling = new ArrayList<>();
    List<List<Double>> areaModel = new ArrayList<>();
    List<List<Double>> areaCeiling = new ArrayList<>();
    for (int a = 0; a < nAreas; a++) {
      areaModel.add(new ArrayList<>());
      areaCeiling.add(new ArrayList<>());
    }
    List<SessionCorrelation> perSession = new ArrayList<>();
    Summary empty = new Summary(Double.NaN, Double.NaN, 0, 0);
    SinkhornDivergence sinkhorn = new SinkhornDivergence();
    LinearAssignment solver = new LinearAssignment();
    MatchedPairs.Builder modelMatches = new MatchedPairs.Builder(nAreas);
    MatchedPairs.Builder ceilingMatches = new MatchedPairs.Builder(nAreas);
    double tmSum = 0;
    double tmCeilSum = 0;
    int tmSessions = 0;
    for (int s = 0; s < sessions.size(); s++) {
      FilteredSession p = sessions.get(s);
      List<Integer> areas = p.eligibleAreas(cfg.minUnitsPerArea());
      List<String> areaNames = new ArrayList<>();
      for (int a : areas) {
        areaNames.add(in.areaNames().get(a));
      }
      String why = areas.isEmpty() ? "skipped: no area with at least " + cfg.minUnitsPerArea() + " units"
          : p.test.trials == 0 ? "skipped: no test trials"
          : p.model.trials == 0 || p.train.trials == 0 ? "skipped: no model or no training trials" : null;
      if (why != null) {
        perSession.add(new SessionCorrelation(p.name, why, areaNames, false, empty, empty, Double.NaN, Double.NaN));
        notes.add("t_trial: session " + p.name + " " + why);
        continue;
      }
      boolean beh = p.test.behF2 != null && p.train.behF2 != null && p.model.behF2 != null;
      ScoreFeatures feats = ScoreFeatures.zScored(p, areas, beh, t2);
      double[] xTest = feats.of(p.test);
      double[] xModel = feats.of(p.model);
      double[] xTrain = feats.of(p.train);
      StringBuilder note = new StringBuilder();
      List<int[]> pm = new ArrayList<>();
      List<int[]> pc = new ArrayList<>();
      double[][] rm = matchedCorrelations(xTest, p.test.conditions, xModel, p.model.conditions, feats, solver,
          "model", note, pm);
      double[][] rc = matchedCorrelations(xTest, p.test.conditions, xTrain, p.train.conditions, feats, solver,
          "train", note, pc);
      modelMatches.add(s, pm, rm, areas);
      ceilingMatches.add(s, pc, rc, areas);
      for (double r : rm[0]) {
        allModel.add(r);
      }
      for (double r : rc[0]) {
        allCeiling.add(r);
      }
      for (int b = 0; b < areas.size(); b++) {
        for (double r : rm[b + 1]) {
          areaModel.get(areas.get(b)).add(r);
        }
        for (double r : rc[b + 1]) {
          areaCeiling.get(areas.get(b)).add(r);
        }
      }
      double tm = distance(sinkhorn, xTest, p.test.trials, xModel, p.model.trials, feats.dims());
      double tmCeil = distance(sinkhorn, xTest, p.test.trials, xTrain, p.train.trials, feats.dims());
      tmSum += tm;
      tmCeilSum += tmCeil;
      tmSessions++;
      if (note.length() > 0) {
        notes.add("t_trial: session " + p.name + ": " + note);
      }
      perSession.add(new SessionCorrelation(p.name, note.toString(), areaNames, beh, Stats.summarize(rm[0]),
          Stats.summarize(rc[0]), tm, tmCeil));
    }
    List<AreaCorrelation> perArea = new ArrayList<>();
    for (int a = 0; a < nAreas; a++) {
      perArea.add(new AreaCorrelation(in.areaNames().get(a), Stats.summarize(unbox(areaModel.get(a))),
          Stats.summarize(unbox(areaCeiling.get(a)))));
    }
    double[] m = unbox(allModel);
    double[] c = unbox(allCeiling);
    double tmMean = tmSessions == 0 ? Double.NaN : tmSum / tmSessions;
    double tmCeilMean = tmSessions == 0 ? Double.NaN : tmCeilSum / tmSessions;
    return new TrialCorrelations(Stats.summarize(m), Stats.summarize(c), perArea, perSession, m, c, tmMean,
        tmCeilMean, modelMatches.build(), ceilingMatches.build());
  }

  /** The converged divergence of two clouds {@code [n][d]}, on features scaled by 1/√d, times √d. */
  static double distance(SinkhornDivergence s, double[] x, int nx, double[] y, int ny, int d) {
    double scale = 1.0 / Math.sqrt(d);
    double[] xs = new double[nx * d];
    double[] ys = new double[ny * d];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = x[i] * scale;
    }
    for (int i = 0; i < ys.length; i++) {
      ys[i] = y[i] * scale;
    }
    SinkhornResult r = s.converged(xs, nx, ys, ny, d, TM_EPSILON, TM_TOLERANCE,
        SinkhornDivergence.DEFAULT_MAX_ITERATIONS, null);
    return r.divergence() * Math.sqrt(d);
  }

  /**
   * Matches the trials of {@code a} (test data) one to one with trials of {@code b} within each condition
   * present in both, by the optimal assignment of the mean squared difference over all trials of both
   * (the smaller side's every trial gets a distinct partner); returns the score of every pair over the
   * full vector ([0]) and over each area block ([1 + block]).
   */
  static double[][] matchedCorrelations(double[] a, List<String> condA, double[] b, List<String> condB,
      ScoreFeatures f, LinearAssignment solver, String what, StringBuilder note) {
    return matchedCorrelations(a, condA, b, condB, f, solver, what, note, new ArrayList<>());
  }

  /**
   * As {@link #matchedCorrelations(double[], List, double[], List, ScoreFeatures, LinearAssignment,
   * String, StringBuilder)}, and adds every pair (trial of {@code a}, trial of {@code b}) to {@code pairs}, in
   * the order of the scores.
   */
  static double[][] matchedCorrelations(double[] a, List<String> condA, double[] b, List<String> condB,
      ScoreFeatures f, LinearAssignment solver, String what, StringBuilder note, List<int[]> pairsOut) {
    int d = f.dims();
    Map<String, List<Integer>> ga = groups(condA);
    Map<String, List<Integer>> gb = groups(condB);
    List<int[]> pairs = new ArrayList<>();
    int leftA = 0;
    for (Map.Entry<String, List<Integer>> e : ga.entrySet()) {
      List<Integer> ib = gb.get(e.getKey());
      if (ib == null) {
        leftA += e.getValue().size();
        continue;
      }
      List<Integer> ia = e.getValue();
      boolean aRows = ia.size() <= ib.size();
      List<Integer> rows = aRows ? ia : ib;
      List<Integer> cols = aRows ? ib : ia;
      double[] rowsX = aRows ? a : b;
      double[] colsX = aRows ? b : a;
      int nr = rows.size();
      int nc = cols.size();
      leftA += aRows ? 0 : nc - nr;
      double[] cost = new double[nr * nc];
      for (int i = 0; i < nr; i++) {
        int oi = rows.get(i) * d;
        for (int j = 0; j < nc; j++) {
          int oj = cols.get(j) * d;
          double s = 0;
          for (int q = 0; q < d; q++) {
            double t = rowsX[oi + q] - colsX[oj + q];
            s += t * t;
          }
          cost[i * nc + j] = s / d;
        }
      }
      int[] assign = new int[nr];
      solver.solve(cost, nr, nc, assign);
      for (int i = 0; i < nr; i++) {
        int r = rows.get(i);
        int c = cols.get(assign[i]);
        pairs.add(aRows ? new int[] {r, c} : new int[] {c, r});
      }
    }
    if (leftA > 0) {
      if (note.length() > 0) {
        note.append("; ");
      }
      note.append("vs ").append(what).append(": ").append(leftA)
          .append(" test trials unmatched (fewer ").append(what)
          .append(" trials than test trials in a condition, or a condition absent from the ").append(what)
          .append(" trials)");
    }
    pairsOut.addAll(pairs);
    int blocks = f.areas.size();
    double[][] out = new double[1 + blocks][pairs.size()];
    for (int p = 0; p < pairs.size(); p++) {
      int oa = pairs.get(p)[0] * d;
      int ob = pairs.get(p)[1] * d;
      out[0][p] = Stats.score(a, oa, b, ob, d);
      for (int bl = 0; bl < blocks; bl++) {
        out[1 + bl][p] = Stats.score(a, oa + bl * f.t2, b, ob + bl * f.t2, f.t2);
      }
    }
    return out;
  }

  private static Map<String, List<Integer>> groups(List<String> conditions) {
    Map<String, List<Integer>> g = new TreeMap<>();
    for (int i = 0; i < conditions.size(); i++) {
      g.computeIfAbsent(conditions.get(i), c -> new ArrayList<>()).add(i);
    }
    return g;
  }

  static double[] unbox(List<Double> v) {
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i);
    }
    return out;
  }
}
