package org.trialmatch.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.trialmatch.data.TrialSet;
import org.trialmatch.loss.BoxFilter;
import org.trialmatch.loss.LinearAssignment;
import org.trialmatch.loss.MatchingMethod;
import org.trialmatch.loss.ModelTrials;
import org.trialmatch.loss.SinkhornOptions;
import org.trialmatch.loss.TrialFeatures;
import org.trialmatch.loss.TrialMatchingLoss;
import org.trialmatch.model.NetworkLayout;

/**
 * How well a fitted model reproduces the held-out test trials (docs/training.md, "Test scores"):
 *
 * <ul>
 *   <li>{@code psth_corr}: mean over recorded units that a model unit stands for of the Pearson
 *       correlation over time of the F1-filtered trial-averaged test-data PSTH and model PSTH (units
 *       with a constant PSTH on either side are left out);
 *   <li>{@code trial_matched_corr}: per session with trial features (method reference §3.3), the
 *       data test trials and as many model trials (the first ones) are matched by the optimal
 *       assignment of the mean-squared cost; the Pearson correlation of all matched feature values,
 *       averaged over sessions (the t_trial measure of §6 with a true Pearson);
 *   <li>{@code tm_distance}: per session, the converged debiased Sinkhorn divergence, ε = 0.1, between
 *       the test-data and model trial features (z-scored with the data's statistics), not divided by
 *       √D; averaged over sessions.
 * </ul>
 *
 * @param psthCorr mean PSTH correlation
 * @param trialMatchedCorr mean trial-matched correlation
 * @param tmDistance mean converged Sinkhorn divergence
 * @param units units in the PSTH correlation
 * @param sessions sessions with trial features
 */
public record TestEvaluation(double psthCorr, double trialMatchedCorr, double tmDistance, int units, int sessions) {

  /**
   * @param fit a loaded fit
   * @param sim model trials simulated for the test split
   * @return the scores
   */
  public static TestEvaluation of(Fit fit, Fit.Simulated sim) {
    Split test = fit.split(Split.Kind.TEST);
    NetworkLayout layout = fit.layout();
    BoxFilter f1 = fit.f1();
    int steps = sim.steps();
    int n = sim.trials();
    int units = sim.units();
    int t1 = f1.outputLength(steps);
    // PSTH correlation per mapped unit
    double sumCorr = 0;
    int counted = 0;
    double[] dRaw = new double[steps];
    double[] mRaw = new double[steps];
    double[] dF = new double[t1];
    double[] mF = new double[t1];
    for (int i = 0; i < units; i++) {
      int s = fit.unitLayout().sessionOf(i);
      if (s < 0) {
        continue;
      }
      FitData.Session ses = fit.data().sessions().get(s);
      TrialSet ts = ses.trials();
      int[] tr = ses.split().test();
      if (tr.length == 0) {
        continue;
      }
      int r = layout.recordedIndex(i);
      for (int t = 0; t < steps; t++) {
        double a = 0;
        for (int k : tr) {
          a += ts.count(t, k, r);
        }
        dRaw[t] = a / tr.length;
        double b = 0;
        for (int k = 0; k < n; k++) {
          b += sim.spikes()[(t * n + k) * units + i];
        }
        mRaw[t] = b / n;
      }
      filter(f1, dRaw, dF);
      filter(f1, mRaw, mF);
      double c = pearson(dF, mF);
      if (!Double.isNaN(c)) {
        sumCorr += c;
        counted++;
      }
    }
    // Trial features of test data and model
    TrialFeatures feats = TrialFeatures.create(fit.unitLayout(), test.trials, test.conditions, f1,
        BoxFilter.resample(fit.config().loss().resample()), fit.featureOptions());
    ModelTrials model = ModelTrials.wrap(sim.spikes(), sim.jaw(), steps, n, units);
    double tmSum = 0;
    double corrSum = 0;
    int sessions = feats.sessions();
    if (sessions > 0) {
      SinkhornOptions ref = SinkhornOptions.reference();
      TrialMatchingLoss div = TrialMatchingLoss.create(feats, MatchingMethod.SINKHORN_CONVERGED,
          new SinkhornOptions(0.1, ref.scaling(), 1e-6, ref.maxIterations()));
      div.evaluate(0, model, new SplittableRandom(0), null);
      LinearAssignment la = new LinearAssignment();
      for (int e = 0; e < sessions; e++) {
        tmSum += div.sessionValue(e) * Math.sqrt(feats.dimension(e));
        int d = feats.dimension(e);
        int kd = feats.dataTrials(0, e);
        double[] x = feats.dataFeatures(0, e);
        double[] y = feats.modelFeatures(e);
        int m = Math.min(kd, n);
        double[] cost = new double[m * m];
        for (int a = 0; a < m; a++) {
          for (int b = 0; b < m; b++) {
            double c = 0;
            for (int j = 0; j < d; j++) {
              double diff = y[a * d + j] - x[b * d + j];
              c += diff * diff;
            }
            cost[a * m + b] = c / d;
          }
        }
        int[] match = new int[m];
        la.solve(cost, m, m, match);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int a = 0; a < m; a++) {
          for (int j = 0; j < d; j++) {
            ys.add(y[a * d + j]);
            xs.add(x[match[a] * d + j]);
          }
        }
        corrSum += pearson(xs.stream().mapToDouble(Double::doubleValue).toArray(),
            ys.stream().mapToDouble(Double::doubleValue).toArray());
      }
    }
    return new TestEvaluation(counted == 0 ? Double.NaN : sumCorr / counted,
        sessions == 0 ? Double.NaN : corrSum / sessions, sessions == 0 ? Double.NaN : tmSum / sessions, counted,
        sessions);
  }

  private static void filter(BoxFilter f, double[] in, double[] out) {
    f.apply(in, in.length, 1, out);
  }

  static double pearson(double[] a, double[] b) {
    int n = a.length;
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Double.NaN;
  }
}
