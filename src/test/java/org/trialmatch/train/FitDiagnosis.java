package org.trialmatch.train;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.trialmatch.data.TrialSet;
import org.trialmatch.grad.Backward;
import org.trialmatch.grad.PseudoDerivative;
import org.trialmatch.loss.LossValues;
import org.trialmatch.loss.ModelTrials;
import org.trialmatch.loss.SpikeGradient;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.model.Parameters;
import org.trialmatch.model.RsnnConfig;
import org.trialmatch.model.Trace;

/**
 * Measurements behind docs/alm.md's diagnosis of a fit to a real recording (run by hand, not a test):
 * the data's per-unit rates, train-vs-test PSTH ceilings and epoch variance; the inputs the model
 * gets; and, for the initial or a run's parameters, per recorded unit the model rate, the mean
 * pseudo-derivative (how much gradient can reach it), the loss gradient on its rest potential, and the
 * behaviour readout's range against the data's.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:target/lib/* org.trialmatch.train.FitDiagnosis CONFIG [RUN]
 * </pre>
 */
public final class FitDiagnosis {
  private FitDiagnosis() {}

  public static void main(String[] args) throws Exception {
    Path configFile = Path.of(args[0]);
    FitConfig cfg = FitConfig.fromJson(FitConfig.readJson(configFile), configFile.getParent());
    FitSetup setup = new FitSetup(cfg, FitData.load(cfg.data()));
    Parameters params;
    String which;
    if (args.length > 1) {
      try (Fit fit = Fit.load(RunDirectory.at(Path.of(args[1])))) {
        params = fit.parameters().copy();
        which = "run " + args[1] + " (checkpoint step " + fit.step() + ")";
      }
    } else {
      params = Parameters.initialise(setup.layout, setup.model, setup.streams);
      int it = cfg.train().rateCalibration();
      try (ModelTrialSampler sampler = new ModelTrialSampler(setup, params)) {
        RateCalibration.run(setup, params, sampler, it);
      }
      which = "initial parameters" + (it > 0 ? " after " + it + " iterations of rate calibration" : "");
    }
    RsnnConfig m = setup.model;
    NetworkLayout layout = setup.layout;
    System.out.printf(Locale.ROOT, "window %d steps of %.1f ms from %.0f ms; %d model units (%d recorded), %s%n",
        m.steps(), m.dtMs(), m.windowStartMs(), layout.nUnits(), countRecorded(layout), which);
    data(setup);
    inputs(setup);
    model(setup, params);
  }

  private static int countRecorded(NetworkLayout layout) {
    int k = 0;
    for (int i = 0; i < layout.nUnits(); i++) {
      k += layout.isHidden(i) ? 0 : 1;
    }
    return k;
  }

  /** Per recorded unit: train rate, ceiling r of F1-filtered PSTHs (train vs test), variance per epoch. */
  private static void data(FitSetup setup) {
    int win = Math.max(1, (int) Math.round(setup.cfg.loss().spikeFilterMs() / setup.model.dtMs()));
    for (FitData.Session s : setup.data.sessions()) {
      TrialSet ts = s.trials();
      double[][] ev = s.eventsMs;
      double[] edges = new double[ev.length];
      for (int e = 0; e < ev.length; e++) {
        double[] v = ev[e].clone();
        Arrays.sort(v);
        edges[e] = v[v.length / 2];
      }
      System.out.printf(Locale.ROOT, "session %s: %d trials (train %d, test %d), median events (ms) %s%n", s.name(),
          ts.trials(), s.split().train().length, s.split().test().length, Arrays.toString(edges));
      int below1 = 0;
      double ceilSum = 0;
      double[] epochShare = new double[edges.length + 1];
      System.out.println("unit\trate_hz\tceiling_r\tvariance share per epoch (before first event, between events, after last)");
      for (int u = 0; u < ts.units(); u++) {
        double[] tr = psth(ts, s.split().train(), u, win);
        double[] te = psth(ts, s.split().test(), u, win);
        double rate = mean(psth(ts, s.split().train(), u, 1)) * 1000.0 / ts.dtMs();
        double r = pearson(tr, te);
        below1 += rate < 1 ? 1 : 0;
        ceilSum += Double.isNaN(r) ? 0 : r;
        double[] share = epochVariance(te, ts, edges);
        for (int e = 0; e < share.length; e++) {
          epochShare[e] += share[e] / ts.units();
        }
        System.out.printf(Locale.ROOT, "%d\t%.2f\t%.3f\t%s%n", u, rate, r, fmt(share));
      }
      System.out.printf(Locale.ROOT, "session %s: %d of %d units below 1 Hz; mean ceiling r %.3f; mean variance share "
          + "per epoch %s%n", s.name(), below1, ts.units(), ceilSum / ts.units(), fmt(epochShare));
    }
  }

  private static double[] epochVariance(double[] p, TrialSet ts, double[] edgesMs) {
    double mu = mean(p);
    double[] out = new double[edgesMs.length + 1];
    double total = 0;
    for (int t = 0; t < p.length; t++) {
      double ms = ts.startS() * 1000.0 + (t + 0.5) * ts.dtMs();
      int e = 0;
      while (e < edgesMs.length && ms >= edgesMs[e]) {
        e++;
      }
      double d = (p[t] - mu) * (p[t] - mu);
      out[e] += d;
      total += d;
    }
    for (int e = 0; e < out.length; e++) {
      out[e] = total > 0 ? out[e] / total : Double.NaN;
    }
    return out;
  }

  /** The inputs of one sampled batch: stimulus values, event steps, input spikes per step near each event. */
  private static void inputs(FitSetup setup) {
    RsnnConfig m = setup.model;
    Parameters p = Parameters.initialise(setup.layout, m, setup.streams);
    try (ModelTrialSampler sampler = new ModelTrialSampler(setup, p)) {
      Split sp = setup.trainSplit;
      sampler.sample(sp, 0, 1);
      Trace tr = sampler.trace();
      for (int b = 0; b < Math.min(3, tr.batch()); b++) {
        System.out.printf(Locale.ROOT, "model trial %d: stimulus %.2f, event steps %s%n", b,
            tr.inputs().stimulus(b), Arrays.toString(onsets(tr, b)));
      }
      double base = 0;
      int n = 0;
      double[] after = new double[tr.inputs().nOnsets()];
      for (int b = 0; b < tr.batch(); b++) {
        int[] on = onsets(tr, b);
        for (int t = 0; t < tr.steps(); t++) {
          base += tr.inputCount(t, b);
          n++;
        }
        for (int e = 0; e < on.length; e++) {
          int t0 = on[e] + m.thalamicDelaySteps();
          double s = 0;
          int k = 0;
          for (int t = t0; t < t0 + m.stimDurationSteps() && t < tr.steps(); t++) {
            if (t >= 0) {
              s += tr.inputCount(t, b);
              k++;
            }
          }
          after[e] += k > 0 ? s / k / tr.batch() : 0;
        }
      }
      System.out.printf(Locale.ROOT, "input spikes per step: %.2f over the window; in the %d steps after each event "
          + "(+%d thalamic delay) %s; %d inputs%n", base / n, m.stimDurationSteps(), m.thalamicDelaySteps(), fmt(after),
          m.nInputs());
    }
  }

  private static int[] onsets(Trace tr, int b) {
    int[] on = new int[tr.inputs().nOnsets()];
    for (int e = 0; e < on.length; e++) {
      on[e] = tr.inputs().onsetStep(b, e);
    }
    return on;
  }

  /** Rates, pseudo-derivative mass and rest gradients per recorded unit for the given parameters. */
  private static void model(FitSetup setup, Parameters p) {
    RsnnConfig m = setup.model;
    NetworkLayout layout = setup.layout;
    int threads = setup.cfg.train().threads();
    try (ModelTrialSampler sampler = new ModelTrialSampler(setup, p);
        Backward bw = new Backward(m, layout, sampler.batch(), threads)) {
      ModelTrials mt = sampler.sample(setup.trainSplit, 0, 2);
      Trace tr = sampler.trace();
      SpikeGradient g = setup.trainLoss.newGradient(m.steps(), sampler.batch());
      LossValues lv = setup.trainLoss.evaluate(0, mt, new SplittableRandom(3), g);
      int steps = m.steps();
      int batch = sampler.batch();
      int n = layout.nUnits();
      int nc = m.behaviourChannels();
      float[] dz = new float[steps * batch * n];
      float[] dy = new float[steps * batch * nc];
      float[] buf = new float[batch * n];
      float[] jb = new float[batch * nc];
      for (int t = 0; t < steps; t++) {
        Arrays.fill(buf, 0f);
        g.addStepInto(t, buf);
        System.arraycopy(buf, 0, dz, t * batch * n, batch * n);
        Arrays.fill(jb, 0f);
        g.addJawStepInto(t, jb);
        System.arraycopy(jb, 0, dy, t * batch * nc, batch * nc);
      }
      Parameters grad = Parameters.zeros(layout, m);
      bw.backward(p, tr, dz, dy, grad);
      System.out.printf(Locale.ROOT, "loss: total %.4g, psth %.4g, trial matching %.4g%n", lv.total(), lv.psth(),
          lv.trial());
      double[] rate = new double[n];
      double[] psi = new double[n];
      double[] hMean = new double[n];
      float[] z = new float[n];
      for (int t = 0; t < steps; t++) {
        float[] u = tr.voltage(t);
        for (int b = 0; b < batch; b++) {
          tr.spikes(t, b, z);
          for (int i = 0; i < n; i++) {
            rate[i] += z[i];
            double a = m.threshold();
            double h = (u[b * n + i] - a) / (a - m.restPotential());
            hMean[i] += h;
            psi[i] += tr.isRefractory(t, b, i) ? 0
                : PseudoDerivative.bernoulli(h, m.temperature(), m.dtMs(), m.surrogateDampening());
          }
        }
      }
      double norm = (double) steps * batch;
      System.out.println("model_unit\tsession\trecorded\tdata_rate_hz\tmodel_rate_hz\tmean_h\tmean_psi\tdL/drest");
      int silent = 0;
      int silentRecordedActive = 0;
      double gSilent = 0;
      double gActive = 0;
      int nActive = 0;
      for (int i = 0; i < n; i++) {
        double hz = rate[i] / norm * 1000.0 / m.dtMs();
        String session = layout.isHidden(i) ? "hidden" : layout.session(i);
        double dataHz = Double.NaN;
        if (!layout.isHidden(i)) {
          FitData.Session s = setup.data.sessions().get(setup.data.sessionIndex(layout.session(i)));
          dataHz = meanRate(s, layout.recordedIndex(i));
        }
        boolean isSilent = hz < 0.5;
        silent += isSilent ? 1 : 0;
        if (!layout.isHidden(i)) {
          if (isSilent && dataHz > 1) {
            silentRecordedActive++;
            gSilent += Math.abs(grad.rest()[i]);
          } else if (!isSilent) {
            gActive += Math.abs(grad.rest()[i]);
            nActive++;
          }
          System.out.printf(Locale.ROOT, "%d\t%s\t%d\t%.2f\t%.2f\t%.3f\t%.2e\t%.3e%n", i, session, layout.recordedIndex(i),
              dataHz, hz, hMean[i] / norm, psi[i] / norm, grad.rest()[i]);
        }
      }
      System.out.printf(Locale.ROOT, "model units below 0.5 Hz: %d of %d; recorded units above 1 Hz whose model unit is "
          + "below 0.5 Hz: %d; mean |dL/drest| of those %.3e, of recorded units firing >= 0.5 Hz %.3e (%d)%n", silent, n,
          silentRecordedActive, silentRecordedActive > 0 ? gSilent / silentRecordedActive : Double.NaN,
          nActive > 0 ? gActive / nActive : Double.NaN, nActive);
      behaviour(setup, mt, nc);
    }
  }

  private static void behaviour(FitSetup setup, ModelTrials mt, int nc) {
    if (!setup.data.hasBehaviour() || mt.jaw() == null) {
      return;
    }
    for (int c = 0; c < nc; c++) {
      double dMin = Double.POSITIVE_INFINITY;
      double dMax = Double.NEGATIVE_INFINITY;
      for (FitData.Session s : setup.data.sessions()) {
        for (int k : s.split().train()) {
          for (int t = 0; t < s.trials().bins(); t++) {
            double v = s.normalisedBehaviour(t, k, c);
            dMin = Math.min(dMin, v);
            dMax = Math.max(dMax, v);
          }
        }
      }
      double mMin = Double.POSITIVE_INFINITY;
      double mMax = Double.NEGATIVE_INFINITY;
      for (int i = c; i < mt.jaw().length; i += nc) {
        mMin = Math.min(mMin, mt.jaw()[i]);
        mMax = Math.max(mMax, mt.jaw()[i]);
      }
      System.out.printf(Locale.ROOT, "behaviour channel %d (%s): data (z-scored, train) %.2f … %.2f; model readout "
          + "%.2f … %.2f%n", c, setup.data.sessions().get(0).trials().behaviourLabels().get(c), dMin, dMax, mMin, mMax);
    }
  }

  private static double meanRate(FitData.Session s, int unit) {
    return mean(psth(s.trials(), s.split().train(), unit, 1)) * 1000.0 / s.trials().dtMs();
  }

  /** Trial-averaged counts per bin, box-filtered over {@code win} bins (no padding). */
  private static double[] psth(TrialSet ts, int[] trials, int u, int win) {
    double[] p = new double[ts.bins()];
    for (int k : trials) {
      for (int t = 0; t < ts.bins(); t++) {
        p[t] += ts.count(t, k, u);
      }
    }
    for (int t = 0; t < p.length; t++) {
      p[t] /= Math.max(1, trials.length);
    }
    if (win <= 1) {
      return p;
    }
    double[] f = new double[p.length - win + 1];
    double s = 0;
    for (int t = 0; t < p.length; t++) {
      s += p[t];
      if (t >= win) {
        s -= p[t - win];
      }
      if (t >= win - 1) {
        f[t - win + 1] = s / win;
      }
    }
    return f;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double pearson(double[] a, double[] b) {
    double ma = mean(a);
    double mb = mean(b);
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Double.NaN;
  }

  private static String fmt(double[] v) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", v[i]));
    }
    return b.append(']').toString();
  }
}
