package org.trialmatch.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The behaviour per condition (e.g. the left and the right lick rate on lick-left and lick-right
 * trials): per channel and condition, the mean ± s.e.m. over trials of the F1-filtered trace. Every test
 * trial of every session is one sample of the data; the model trials likewise, counted once when every
 * session shares them.
 */
final class ConditionBehaviour {
  private ConditionBehaviour() {}

  /**
   * @param run the filtered inputs
   * @return one {@link ConditionMeans} per behaviour channel (empty list when no set has behaviour), on
   *     the F1 time axis
   */
  static List<ConditionMeans> compute(FilteredInputs run) {
    AnalysisInputs in = run.inputs();
    List<FilteredSession> sessions = run.sessions();
    int t1 = run.t1();
    int nch = 0;
    for (FilteredSession p : sessions) {
      for (FilteredTrials s : List.of(p.test, p.model)) {
        if (s.behF1 != null) {
          nch = Math.max(nch, s.behF1.length);
        }
      }
    }
    List<String> conditions = UnitPsths.conditions(in);
    List<ConditionMeans> out = new ArrayList<>();
    for (int ch = 0; ch < nch; ch++) {
      int nc = conditions.size();
      ConditionMeans.Trace[] d = new ConditionMeans.Trace[nc];
      ConditionMeans.Trace[] m = new ConditionMeans.Trace[nc];
      for (int c = 0; c < nc; c++) {
        d[c] = pooled(sessions, false, in.modelTrialsShared(), ch, conditions.get(c), t1);
        m[c] = pooled(sessions, true, in.modelTrialsShared(), ch, conditions.get(c), t1);
      }
      out.add(ConditionMeans.of(conditions, d, m));
    }
    return out;
  }

  private static ConditionMeans.Trace pooled(List<FilteredSession> sessions, boolean model, boolean shared, int ch,
      String condition, int t1) {
    List<double[]> v = new ArrayList<>();
    List<int[]> keep = new ArrayList<>();
    List<Integer> trials = new ArrayList<>();
    for (int s = 0; s < sessions.size(); s++) {
      if (model && shared && s > 0) {
        break;
      }
      FilteredTrials src = model ? sessions.get(s).model : sessions.get(s).test;
      if (src.behF1 == null || ch >= src.behF1.length || src.trials == 0) {
        continue;
      }
      v.add(src.behF1[ch]);
      keep.add(ConditionMeans.trialsOf(src.conditions, condition));
      trials.add(src.trials);
    }
    int[] cols = new int[trials.size()];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = trials.get(i);
    }
    return ConditionMeans.pooled(v, cols, keep, t1);
  }
}
