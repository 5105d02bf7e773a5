package org.trialmatch.analysis;

import java.util.Arrays;
import java.util.List;

/**
 * A time course per condition, test data and model: for each condition the mean over trials and its
 * standard error (sample standard deviation / √n; NaN with fewer than 2 trials), with the number of
 * trials behind it. All traces share one time axis (the caller's: F1 or F2∘F1 bins). A condition
 * without any trial in a set has an empty trace in that set.
 */
public final class ConditionMeans {
  private final List<String> conditions;
  private final double[][] dataMean;
  private final double[][] dataSem;
  private final int[] dataTrials;
  private final double[][] modelMean;
  private final double[][] modelSem;
  private final int[] modelTrials;

  private ConditionMeans(List<String> conditions, Trace[] data, Trace[] model) {
    int nc = conditions.size();
    this.conditions = List.copyOf(conditions);
    this.dataMean = new double[nc][];
    this.dataSem = new double[nc][];
    this.dataTrials = new int[nc];
    this.modelMean = new double[nc][];
    this.modelSem = new double[nc][];
    this.modelTrials = new int[nc];
    for (int c = 0; c < nc; c++) {
      dataMean[c] = data[c].mean;
      dataSem[c] = data[c].sem;
      dataTrials[c] = data[c].n;
      modelMean[c] = model[c].mean;
      modelSem[c] = model[c].sem;
      modelTrials[c] = model[c].n;
    }
  }

  static ConditionMeans of(List<String> conditions, Trace[] data, Trace[] model) {
    if (data.length != conditions.size() || model.length != conditions.size()) {
      throw new IllegalArgumentException(conditions.size() + " conditions for " + data.length + " data and "
          + model.length + " model traces");
    }
    return new ConditionMeans(conditions, data, model);
  }

  /** @return the conditions, in order */
  public List<String> conditions() {
    return conditions;
  }

  /**
   * @param c index into {@link #conditions()}
   * @return mean over the condition's test-data trials per bin (empty without trials), a copy
   */
  public double[] dataMean(int c) {
    return dataMean[c].clone();
  }

  /**
   * @param c index into {@link #conditions()}
   * @return standard error of that mean per bin (NaN with fewer than 2 trials), a copy
   */
  public double[] dataSem(int c) {
    return dataSem[c].clone();
  }

  /**
   * @param c index into {@link #conditions()}
   * @return test-data trials of the condition
   */
  public int dataTrials(int c) {
    return dataTrials[c];
  }

  /**
   * @param c index into {@link #conditions()}
   * @return mean over the condition's model trials per bin (empty without trials), a copy
   */
  public double[] modelMean(int c) {
    return modelMean[c].clone();
  }

  /**
   * @param c index into {@link #conditions()}
   * @return standard error of that mean per bin (NaN with fewer than 2 trials), a copy
   */
  public double[] modelSem(int c) {
    return modelSem[c].clone();
  }

  /**
   * @param c index into {@link #conditions()}
   * @return model trials of the condition
   */
  public int modelTrials(int c) {
    return modelTrials[c];
  }

  /** @return true when some condition has a data or a model trial */
  public boolean present() {
    for (int c = 0; c < conditions.size(); c++) {
      if (dataTrials[c] > 0 || modelTrials[c] > 0) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------

  /** Mean, standard error and number of trials of one condition of one set. */
  static final class Trace {
    final double[] mean;
    final double[] sem;
    final int n;

    Trace(double[] mean, double[] sem, int n) {
      this.mean = mean;
      this.sem = sem;
      this.n = n;
    }

    static Trace empty() {
      return new Trace(new double[0], new double[0], 0);
    }
  }

  /**
   * Mean and standard error over the listed trials of a trace {@code v}, row-major {@code [t][trial]}
   * with {@code trials} columns.
   *
   * @param v the trace
   * @param bins rows
   * @param trials columns
   * @param keep the trials to average
   * @return the trace (empty when {@code keep} is)
   */
  static Trace meanSem(double[] v, int bins, int trials, int[] keep) {
    int n = keep.length;
    if (n == 0) {
      return Trace.empty();
    }
    double[] mean = new double[bins];
    double[] sem = new double[bins];
    for (int t = 0; t < bins; t++) {
      int row = t * trials;
      double s = 0;
      for (int k : keep) {
        s += v[row + k];
      }
      double m = s / n;
      double ss = 0;
      for (int k : keep) {
        double d = v[row + k] - m;
        ss += d * d;
      }
      mean[t] = m;
      sem[t] = n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1) / n);
    }
    return new Trace(mean, sem, n);
  }

  /**
   * Combines the traces of independent groups (e.g. the trials of different sessions) into the
   * weighted mean {@code Σ w_g m_g / Σ w_g} with standard error {@code √(Σ w_g² se_g²) / Σ w_g}; groups
   * without trials are left out, and the weights renormalised over the others.
   *
   * @param parts one trace per group
   * @param weights one weight per group (e.g. its number of units), > 0
   * @return the combined trace; its n is the total number of trials
   */
  static Trace combine(List<Trace> parts, List<Double> weights) {
    if (parts.size() != weights.size()) {
      throw new IllegalArgumentException(parts.size() + " traces for " + weights.size() + " weights");
    }
    double wSum = 0;
    int bins = -1;
    int n = 0;
    for (int g = 0; g < parts.size(); g++) {
      Trace p = parts.get(g);
      if (p.n == 0) {
        continue;
      }
      if (bins >= 0 && p.mean.length != bins) {
        throw new IllegalArgumentException("traces of " + bins + " and " + p.mean.length + " bins");
      }
      bins = p.mean.length;
      wSum += weights.get(g);
      n += p.n;
    }
    if (n == 0) {
      return Trace.empty();
    }
    double[] mean = new double[bins];
    double[] var = new double[bins];
    for (int g = 0; g < parts.size(); g++) {
      Trace p = parts.get(g);
      if (p.n == 0) {
        continue;
      }
      double w = weights.get(g) / wSum;
      for (int t = 0; t < bins; t++) {
        mean[t] += w * p.mean[t];
        var[t] += w * w * p.sem[t] * p.sem[t];
      }
    }
    for (int t = 0; t < bins; t++) {
      var[t] = Math.sqrt(var[t]);
    }
    return new Trace(mean, var, n);
  }

  /**
   * @param conditions condition per trial
   * @param condition the condition kept
   * @return the indices of its trials, ascending
   */
  static int[] trialsOf(List<String> conditions, String condition) {
    int[] out = new int[conditions.size()];
    int n = 0;
    for (int k = 0; k < out.length; k++) {
      if (conditions.get(k).equals(condition)) {
        out[n++] = k;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * Mean and standard error over trials pooled from several sets: trial {@code keep[g][i]} of trace
   * {@code v.get(g)} (row-major {@code [t][trial]} with {@code trials[g]} columns) counts as one sample.
   *
   * @param v one trace per set
   * @param trials columns of each trace
   * @param keep trials kept of each set
   * @param bins rows of every trace
   * @return the pooled trace
   */
  static Trace pooled(List<double[]> v, int[] trials, List<int[]> keep, int bins) {
    int n = 0;
    for (int[] k : keep) {
      n += k.length;
    }
    if (n == 0) {
      return Trace.empty();
    }
    double[] all = new double[bins * n];
    int col = 0;
    for (int g = 0; g < v.size(); g++) {
      double[] x = v.get(g);
      int[] kg = keep.get(g);
      for (int t = 0; t < bins; t++) {
        for (int i = 0; i < kg.length; i++) {
          all[t * n + col + i] = x[t * trials[g] + kg[i]];
        }
      }
      col += kg.length;
    }
    int[] every = new int[n];
    for (int i = 0; i < n; i++) {
      every[i] = i;
    }
    return meanSem(all, bins, n, every);
  }
}
