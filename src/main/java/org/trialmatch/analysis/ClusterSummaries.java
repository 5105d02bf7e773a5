package org.trialmatch.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each mode of variability holds ({@link ClusterSummary}): its share of the embedded data and
 * model trials with 95 % Wilson intervals, the trial types of its trials, and the mean F1-filtered
 * population activity per area and behaviour (first channel) of its data and of its model trials.
 * When every session shares the model trials, each appears once per embedded session: the model share's
 * interval then counts the distinct trials (the share scaled to the first session's model trials).
 */
final class ClusterSummaries {
  private ClusterSummaries() {}

  /**
   * @param run the filtered inputs
   * @param points the embedded trials
   * @param clustering their clusters
   * @return one summary per cluster, by index
   */
  static List<ClusterSummary> of(FilteredInputs run, ModeFeatures points, ModeClustering clustering) {
    int distinctModel = run.modelTrialsShared() ? run.sessions().get(0).model.trials : points.modelTrials;
    List<ClusterSummary> out = new ArrayList<>();
    for (int c = 0; c < clustering.k; c++) {
      out.add(summary(run, points, clustering.labels, c, distinctModel));
    }
    return out;
  }

  private static ClusterSummary summary(FilteredInputs run, ModeFeatures points, int[] labels, int c,
      int distinctModel) {
    int nAreas = run.areas();
    int t1 = run.t1();
    int nd = points.dataTrials;
    int nm = points.modelTrials;
    int cd = 0;
    int cm = 0;
    Map<String, Integer> dt = new TreeMap<>();
    Map<String, Integer> mt = new TreeMap<>();
    double[][][] act = new double[2][nAreas][t1];
    int[][] actN = new int[2][nAreas];
    double[][] beh = new double[2][t1];
    int[] behN = new int[2];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != c) {
        continue;
      }
      boolean isModel = points.isModel[i];
      int src = isModel ? 1 : 0;
      if (isModel) {
        cm++;
        mt.merge(points.type[i], 1, Integer::sum);
      } else {
        cd++;
        dt.merge(points.type[i], 1, Integer::sum);
      }
      FilteredSession p = run.sessions().get(points.session[i]);
      FilteredTrials s = isModel ? p.model : p.test;
      int nK = s.trials;
      int k = points.trial[i];
      for (int a = 0; a < nAreas; a++) {
        if (s.popF1[a] == null) {
          continue;
        }
        actN[src][a]++;
        for (int t = 0; t < t1; t++) {
          act[src][a][t] += s.popF1[a][t * nK + k];
        }
      }
      if (s.behF1 != null) {
        behN[src]++;
        for (int t = 0; t < t1; t++) {
          beh[src][t] += s.behF1[0][t * nK + k];
        }
      }
    }
    for (int src = 0; src < 2; src++) {
      for (int a = 0; a < nAreas; a++) {
        double inv = actN[src][a] > 0 ? 1.0 / actN[src][a] : Double.NaN;
        for (int t = 0; t < t1; t++) {
          act[src][a][t] *= inv;
        }
      }
    }
    Proportion modelShare;
    if (run.modelTrialsShared()) {
      // the same model trials appear once per session: the interval uses the number of distinct trials
      int count = (int) Math.round((double) cm / nm * distinctModel);
      modelShare = Stats.wilson95(Math.min(count, distinctModel), distinctModel);
    } else {
      modelShare = Stats.wilson95(cm, nm);
    }
    return new ClusterSummary(c, Stats.wilson95(cd, nd), modelShare, dt, mt, act[0], act[1],
        Stats.meanOfSum(beh[0], behN[0]), Stats.meanOfSum(beh[1], behN[1]));
  }
}
