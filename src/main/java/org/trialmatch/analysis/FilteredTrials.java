package org.trialmatch.analysis;

import java.util.List;
import org.trialmatch.data.TrialTensor;
import org.trialmatch.loss.BoxFilter;

/**
 * One set of trials of one session (test data, training data or model), filtered: the trial-averaged
 * PSTH of every unit, and per trial the population average of every area and the behaviour. The
 * analyses work on these because trial averages and population averages commute with the (linear) box
 * filters F1 and F2.
 */
final class FilteredTrials {
  /** Number of trials. */
  final int trials;
  /** F1-filtered trial-averaged rate per unit, Hz, row-major [t1][unit]. */
  final double[] psthHz;
  /** Per area: F1-filtered population average per trial, Hz, row-major [t1][trial]; null without units. */
  final double[][] popF1;
  /** Per area: F2∘F1 population average per trial, Hz, row-major [t2][trial]; null without units. */
  final double[][] popF2;
  /** Per behaviour channel: F1-filtered behaviour, row-major [t1][trial]; null without behaviour. */
  final double[][] behF1;
  /** Per behaviour channel: F2∘F1 behaviour, row-major [t2][trial]; null without behaviour. */
  final double[][] behF2;
  /** Trial type per trial (empty for the training data). */
  final List<String> types;
  /** Condition per trial. */
  final List<String> conditions;

  private FilteredTrials(int trials, double[] psthHz, double[][] popF1, double[][] popF2, double[][] behF1,
      double[][] behF2, List<String> types, List<String> conditions) {
    this.trials = trials;
    this.psthHz = psthHz;
    this.popF1 = popF1;
    this.popF2 = popF2;
    this.behF1 = behF1;
    this.behF2 = behF2;
    this.types = types;
    this.conditions = conditions;
  }

  /**
   * @param c spike counts, row-major [t][trial][unit]
   * @param unitArea area index of each unit
   * @param unitsInArea units per area
   * @param beh the behaviour of these trials, or null
   * @param types trial type per trial
   * @param conditions condition per trial
   * @param f1 the spike filter F1
   * @param f2 the resampling filter F2
   * @param dtS bin width, s
   * @return the filtered trials
   */
  static FilteredTrials of(TrialTensor c, int[] unitArea, int[] unitsInArea, BehaviourTrace beh, List<String> types,
      List<String> conditions, BoxFilter f1, BoxFilter f2, double dtS) {
    float[] raw = c.values();
    int nT = c.steps();
    int nK = c.trials();
    int nN = c.units();
    int nA = unitsInArea.length;
    int t1 = f1.outputLength(nT);
    double[] mean = new double[nT * nN];
    double[][] pop = new double[nA][];
    for (int a = 0; a < nA; a++) {
      if (unitsInArea[a] > 0) {
        pop[a] = new double[nT * nK];
      }
    }
    for (int t = 0; t < nT; t++) {
      for (int k = 0; k < nK; k++) {
        int base = (t * nK + k) * nN;
        int pk = t * nK + k;
        for (int n = 0; n < nN; n++) {
          double v = raw[base + n];
          mean[t * nN + n] += v;
          pop[unitArea[n]][pk] += v;
        }
      }
    }
    double[] psth = f1.apply(mean, nT, nN);
    double scale = nK > 0 ? 1.0 / (nK * dtS) : Double.NaN;
    for (int i = 0; i < psth.length; i++) {
      psth[i] *= scale;
    }
    double[][] popF1 = new double[nA][];
    double[][] popF2 = new double[nA][];
    for (int a = 0; a < nA; a++) {
      if (pop[a] == null) {
        continue;
      }
      double inv = 1.0 / (unitsInArea[a] * dtS);
      for (int i = 0; i < pop[a].length; i++) {
        pop[a][i] *= inv;
      }
      popF1[a] = f1.apply(pop[a], nT, nK);
      popF2[a] = f2.apply(popF1[a], t1, nK);
    }
    double[][] behF1 = null;
    double[][] behF2 = null;
    if (beh != null) {
      int nc = beh.channels();
      behF1 = new double[nc][];
      behF2 = new double[nc][];
      for (int ch = 0; ch < nc; ch++) {
        double[] b = new double[nT * nK];
        for (int t = 0; t < nT; t++) {
          for (int k = 0; k < nK; k++) {
            b[t * nK + k] = beh.get(t, k, ch);
          }
        }
        behF1[ch] = f1.apply(b, nT, nK);
        behF2[ch] = f2.apply(behF1[ch], t1, nK);
      }
    }
    return new FilteredTrials(nK, psth, popF1, popF2, behF1, behF2, types, conditions);
  }
}
