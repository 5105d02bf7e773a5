package org.trialmatch.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The mean behaviour per trial type ({@link BehaviourMeans}): one row per (type, channel), the mean
 * over the trials of that type of their F1-filtered channel, test data of every session and model
 * trials (counted once when every session shares them). The channels are those of the first session
 * with test behaviour (one when none has).
 */
final class BehaviourByType {
  private BehaviourByType() {}

  /**
   * @param run the filtered inputs
   * @return the means on the F1 time axis; a row is empty when no trial of its type had behaviour
   */
  static BehaviourMeans compute(FilteredInputs run) {
    AnalysisInputs in = run.inputs();
    List<FilteredSession> sessions = run.sessions();
    int t1 = run.t1();
    TreeSet<String> labelSet = new TreeSet<>();
    for (SessionInputs si : in.sessions()) {
      labelSet.addAll(si.testTypes());
      labelSet.addAll(si.modelTypes());
    }
    List<String> types = new ArrayList<>(labelSet);
    int nc = 1;
    for (FilteredSession p : sessions) {
      if (p.test.behF1 != null) {
        nc = p.test.behF1.length;
        break;
      }
    }
    List<String> labels = new ArrayList<>();
    for (String type : types) {
      for (int c = 0; c < nc; c++) {
        labels.add(nc == 1 ? type : type + " · " + channelName(in, c));
      }
    }
    int nl = labels.size();
    double[][] data = new double[nl][t1];
    double[][] model = new double[nl][t1];
    int[] nd = new int[nl];
    int[] nm = new int[nl];
    for (int s = 0; s < sessions.size(); s++) {
      FilteredSession p = sessions.get(s);
      accumulate(p.test, types, nc, data, nd, t1);
      if (!in.modelTrialsShared() || s == 0) {
        accumulate(p.model, types, nc, model, nm, t1);
      }
    }
    double[][] dOut = new double[nl][];
    double[][] mOut = new double[nl][];
    for (int l = 0; l < nl; l++) {
      dOut[l] = Stats.meanOfSum(data[l], nd[l]);
      mOut[l] = Stats.meanOfSum(model[l], nm[l]);
    }
    List<String> channelNames = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      channelNames.add(nc == 1 ? "" : channelName(in, c));
    }
    return new BehaviourMeans(labels, types, channelNames, dOut, mOut, nd, nm);
  }

  /** @return the name of behaviour channel c: from the inputs, else "channel c+1" */
  private static String channelName(AnalysisInputs in, int c) {
    List<String> names = in.behaviourChannelNames();
    return c < names.size() ? names.get(c) : "channel " + (c + 1);
  }

  /** Adds each trial's channels into the sums of (its type, channel), row {@code type * nc + channel}. */
  private static void accumulate(FilteredTrials src, List<String> types, int nc, double[][] sums, int[] counts,
      int t1) {
    if (src.behF1 == null) {
      return;
    }
    int nK = src.trials;
    int channels = Math.min(nc, src.behF1.length);
    for (int k = 0; k < nK; k++) {
      int l0 = types.indexOf(src.types.get(k)) * nc;
      for (int c = 0; c < channels; c++) {
        counts[l0 + c]++;
        double[] b = src.behF1[c];
        for (int t = 0; t < t1; t++) {
          sums[l0 + c][t] += b[t * nK + k];
        }
      }
    }
  }
}
