package org.trialmatch.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Per area, the F1-filtered population PSTH (Hz) of the test-data trials split by their recorded outcome
 * (e.g. Hit / Miss) and of the model trials split by the response rule's peak label (responding =
 * "Hit-like", quiet = "Miss-like"), as the authors drew Figure 2. Sessions are pooled with weights
 * equal to their number of units in the area; shared model trials are counted once.
 */
public final class SplitPsths {
  /** Label of model trials the peak rule counts as responding. */
  public static final String RESPONDING = "responding";
  /** Label of the other model trials. */
  public static final String QUIET = "quiet";

  private final List<String> areas;
  private final List<String> dataLabels;
  private final double[][][] data;
  private final int[] dataCounts;
  private final double[][][] model;
  private final int[] modelCounts;

  private SplitPsths(List<String> areas, List<String> dataLabels, double[][][] data, int[] dataCounts,
      double[][][] model, int[] modelCounts) {
    this.areas = List.copyOf(areas);
    this.dataLabels = List.copyOf(dataLabels);
    this.data = data;
    this.dataCounts = dataCounts;
    this.model = model;
    this.modelCounts = modelCounts;
  }

  /** @return the areas, in order */
  public List<String> areas() {
    return areas;
  }

  /** @return the test-data outcome labels, sorted */
  public List<String> dataLabels() {
    return dataLabels;
  }

  /**
   * @param area area index
   * @param label index into {@link #dataLabels()}
   * @return the data PSTH of that area and outcome, Hz over F1 bins (empty when no trial or no unit)
   */
  public double[] data(int area, int label) {
    return data[area][label].clone();
  }

  /**
   * @param label index into {@link #dataLabels()}
   * @return test-data trials with that outcome (sessions recording the response area)
   */
  public int dataTrials(int label) {
    return dataCounts[label];
  }

  /**
   * @param area area index
   * @param responding true for the responding model trials
   * @return their PSTH, Hz over F1 bins (empty when none)
   */
  public double[] model(int area, boolean responding) {
    return model[area][responding ? 0 : 1].clone();
  }

  /**
   * @param responding true for the responding model trials
   * @return how many model trials
   */
  public int modelTrials(boolean responding) {
    return modelCounts[responding ? 0 : 1];
  }

  /**
   * @param run the filtered inputs
   * @param rf the response fractions (their rule and model peaks split the trials)
   * @return the split, or null when the model trials are not shared by the sessions
   */
  static SplitPsths compute(FilteredInputs run, ResponseFractions rf) {
    AnalysisInputs in = run.inputs();
    List<FilteredSession> sessions = run.sessions();
    int t1 = run.t1();
    if (!in.modelTrialsShared()) {
      return null;
    }
    int nA = in.areaNames().size();
    java.util.TreeSet<String> set = new java.util.TreeSet<>();
    for (FilteredSession p : sessions) {
      for (String t : p.test.types) {
        set.add(outcome(t));
      }
    }
    List<String> labels = new ArrayList<>(set);
    int nL = labels.size();
    double[][][] dSum = new double[nA][nL][t1];
    double[][] dW = new double[nA][nL];
    int[] dCount = new int[nL];
    double[][][] mSum = new double[nA][2][t1];
    double[][] mW = new double[nA][2];
    double[] peaks = rf.modelPeakHz();
    int[] group = new int[peaks.length];
    int[] mCount = new int[2];
    for (int k = 0; k < peaks.length; k++) {
      group[k] = peaks[k] > rf.rule().peakThresholdHz() ? 0 : 1;
      mCount[group[k]]++;
    }
    int response = in.areaNames().indexOf(rf.rule().area());
    for (FilteredSession p : sessions) {
      int nK = p.test.trials;
      if (p.unitsInArea[response] > 0) {
        for (int k = 0; k < nK; k++) {
          dCount[labels.indexOf(outcome(p.test.types.get(k)))]++;
        }
      }
      for (int a = 0; a < nA; a++) {
        int units = p.unitsInArea[a];
        if (units == 0) {
          continue;
        }
        for (int k = 0; k < nK; k++) {
          int l = labels.indexOf(outcome(p.test.types.get(k)));
          add(dSum[a][l], p.test.popF1[a], k, nK, units);
          dW[a][l] += units;
        }
        int mK = Math.min(p.model.trials, peaks.length);
        for (int k = 0; k < mK; k++) {
          add(mSum[a][group[k]], p.model.popF1[a], k, p.model.trials, units);
          mW[a][group[k]] += units;
        }
      }
    }
    return new SplitPsths(in.areaNames(), labels, normalise(dSum, dW), dCount, normalise(mSum, mW), mCount);
  }

  private static String outcome(String type) {
    int i = type.lastIndexOf('/');
    return i < 0 ? type : type.substring(i + 1);
  }

  private static void add(double[] sum, double[] pop, int k, int trials, int weight) {
    for (int t = 0; t < sum.length; t++) {
      sum[t] += weight * pop[t * trials + k];
    }
  }

  private static double[][][] normalise(double[][][] sum, double[][] w) {
    double[][][] out = new double[sum.length][][];
    for (int a = 0; a < sum.length; a++) {
      out[a] = new double[sum[a].length][];
      for (int g = 0; g < sum[a].length; g++) {
        if (w[a][g] == 0) {
          out[a][g] = new double[0];
          continue;
        }
        out[a][g] = new double[sum[a][g].length];
        for (int t = 0; t < out[a][g].length; t++) {
          out[a][g][t] = sum[a][g][t] / w[a][g];
        }
      }
    }
    return out;
  }
}
