package org.trialmatch.loss;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small synthetic recordings and model outputs for the loss tests, and plain reference
 * implementations of the definitions (written from the method reference, not from the code).
 */
final class LossFixtures {
  private LossFixtures() {}

  /** A recording: layout, NaN-padded data, per-session trial counts. */
  record Recording(UnitLayout layout, DataTrials data, int[] trialsPerSession) {}

  /**
   * @param units per session, per area: number of recorded units (hidden units appended at the end)
   * @param hidden number of hidden model units
   * @param trialsPerSession data trials of each session (the rest of the K slots is NaN)
   * @param steps time steps
   * @param withJaw whether to add a jaw trace
   */
  static Recording recording(
      int[][] units, int hidden, int[] trialsPerSession, int steps, boolean withJaw, SplittableRandom rng) {
    return recording(units, hidden, trialsPerSession, steps, withJaw ? 1 : 0, rng);
  }

  /** As {@link #recording(int[][], int, int[], int, boolean, SplittableRandom)} with C behaviour channels (0: none). */
  static Recording recording(
      int[][] units, int hidden, int[] trialsPerSession, int steps, int channels, SplittableRandom rng) {
    boolean withJaw = channels > 0;
    int nch = Math.max(1, channels);
    int sessions = units.length;
    int areas = units[0].length;
    List<Integer> sessionOf = new ArrayList<>();
    List<Integer> areaOf = new ArrayList<>();
    for (int s = 0; s < sessions; s++) {
      for (int a = 0; a < areas; a++) {
        for (int u = 0; u < units[s][a]; u++) {
          sessionOf.add(s);
          areaOf.add(a);
        }
      }
    }
    for (int h = 0; h < hidden; h++) {
      sessionOf.add(UnitLayout.HIDDEN);
      areaOf.add(h % areas);
    }
    int n = sessionOf.size();
    // interleave the units so that sessions and areas are not contiguous
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] so = new int[n];
    int[] ao = new int[n];
    for (int i = 0; i < n; i++) {
      so[i] = sessionOf.get(order[i]);
      ao[i] = areaOf.get(order[i]);
    }
    List<String> sessionNames = new ArrayList<>();
    for (int s = 0; s < sessions; s++) {
      sessionNames.add("S" + s);
    }
    List<String> areaNames = new ArrayList<>();
    for (int a = 0; a < areas; a++) {
      areaNames.add("A" + a);
    }
    UnitLayout layout = UnitLayout.of(so, ao, sessionNames, areaNames);
    int k = Arrays.stream(trialsPerSession).max().orElse(1);
    float[] spikes = new float[steps * k * n];
    float[] jaw = withJaw ? new float[steps * k * sessions * nch] : null;
    for (int t = 0; t < steps; t++) {
      for (int trial = 0; trial < k; trial++) {
        for (int u = 0; u < n; u++) {
          int s = so[u];
          float v;
          if (s < 0 || trial >= trialsPerSession[s]) {
            v = Float.NaN;
          } else {
            double p = rng.nextDouble();
            v = p < 0.7 ? 0f : p < 0.95 ? 1f : 2f;
          }
          spikes[(t * k + trial) * n + u] = v;
        }
        if (withJaw) {
          for (int s = 0; s < sessions; s++) {
            for (int c = 0; c < nch; c++) {
              jaw[((t * k + trial) * sessions + s) * nch + c] =
                  trial < trialsPerSession[s] ? (float) LossTesting.gaussian(rng) : Float.NaN;
            }
          }
        }
      }
    }
    return new Recording(layout, DataTrials.wrap(spikes, jaw, steps, k, n, sessions, nch), trialsPerSession.clone());
  }

  /** Model output with spike probabilities in (0, 1) and a Gaussian jaw. */
  static ModelTrials model(int steps, int trials, int units, boolean withJaw, SplittableRandom rng) {
    return model(steps, trials, units, withJaw ? 1 : 0, rng);
  }

  /** Model output with C jaw channels (0: no jaw). */
  static ModelTrials model(int steps, int trials, int units, int channels, SplittableRandom rng) {
    boolean withJaw = channels > 0;
    int nch = Math.max(1, channels);
    float[] z = new float[steps * trials * units];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) (0.05 + 0.9 * rng.nextDouble());
    }
    float[] jaw = null;
    if (withJaw) {
      jaw = new float[steps * trials * nch];
      for (int i = 0; i < jaw.length; i++) {
        jaw[i] = (float) LossTesting.gaussian(rng);
      }
    }
    return ModelTrials.wrap(z, jaw, steps, trials, units, nch);
  }

  /** Box filter of one signal, from its definition (padding excluded from the mean). */
  static double[] filter(BoxFilter f, double[] x) {
    int steps = x.length;
    int out = (steps + 2 * f.paddingBins() - f.kernelBins()) / f.strideBins() + 1;
    double[] y = new double[out];
    for (int j = 0; j < out; j++) {
      double s = 0;
      int c = 0;
      for (int k = 0; k < f.kernelBins(); k++) {
        int t = j * f.strideBins() - f.paddingBins() + k;
        if (t >= 0 && t < steps) {
          s += x[t];
          c++;
        }
      }
      y[j] = s / c;
    }
    return y;
  }

  /** One unit's trace of one trial, {@code [t]}. */
  static double[] trace(float[] a, int steps, int trials, int units, int trial, int unit) {
    double[] x = new double[steps];
    for (int t = 0; t < steps; t++) {
      x[t] = a[(t * trials + trial) * units + unit];
    }
    return x;
  }

  static double sampleStd(double[] x) {
    double m = 0;
    for (double v : x) {
      m += v;
    }
    m /= x.length;
    double ss = 0;
    for (double v : x) {
      ss += (v - m) * (v - m);
    }
    return Math.sqrt(ss / (x.length - 1));
  }

  /** The PSTH loss from its definition (§3.2). */
  static double psthLoss(Recording rec, ConditionSet cond, ModelTrials model, BoxFilter f1) {
    UnitLayout layout = rec.layout();
    DataTrials d = rec.data();
    double sum = 0;
    int units = 0;
    int t1 = 0;
    for (int n = 0; n < layout.units(); n++) {
      int s = layout.sessionOf(n);
      if (s < 0) {
        continue;
      }
      double[] psthD = null;
      int count = 0;
      for (int k = 0; k < rec.trialsPerSession()[s]; k++) {
        if (!cond.includes(s, k)) {
          continue;
        }
        double[] y = filter(f1, trace(d.spikes(), d.steps(), d.trials(), d.units(), k, n));
        if (psthD == null) {
          psthD = new double[y.length];
        }
        for (int t = 0; t < y.length; t++) {
          psthD[t] += y[t];
        }
        count++;
      }
      if (count == 0) {
        continue;
      }
      double[] psthZ = new double[psthD.length];
      for (int b = 0; b < model.trials(); b++) {
        double[] y = filter(f1, trace(model.spikes(), model.steps(), model.trials(), model.units(), b, n));
        for (int t = 0; t < y.length; t++) {
          psthZ[t] += y[t] / model.trials();
        }
      }
      for (int t = 0; t < psthD.length; t++) {
        psthD[t] /= count;
      }
      double sd = sampleStd(psthD);
      if (sd < 0.001) {
        sd = 1;
      }
      for (int t = 0; t < psthD.length; t++) {
        double e = (psthZ[t] - psthD[t]) / sd;
        sum += e * e;
      }
      units++;
      t1 = psthD.length;
    }
    return units == 0 ? 0 : sum / (units * (double) t1);
  }

  /**
   * T_trial of one session from its definition (§3.3): {@code [trials][features]} for the data
   * trials of the condition (model == null) or for the model trials with the data's statistics.
   */
  static double[][] features(
      Recording rec, ConditionSet cond, int session, ModelTrials model, BoxFilter f1, BoxFilter f2,
      TrialFeatureOptions opt) {
    UnitLayout layout = rec.layout();
    DataTrials d = rec.data();
    int areas = opt.areaSpecific() ? layout.areas() : 1;
    List<Integer> dataTrials = new ArrayList<>();
    for (int k = 0; k < rec.trialsPerSession()[session]; k++) {
      if (cond.includes(session, k)) {
        dataTrials.add(k);
      }
    }
    List<double[][]> blocksData = new ArrayList<>();
    List<double[][]> blocksModel = new ArrayList<>();
    for (int a = 0; a < areas; a++) {
      List<Integer> members = new ArrayList<>();
      for (int n = 0; n < layout.units(); n++) {
        if (layout.sessionOf(n) == session && (!opt.areaSpecific() || layout.areaOf(n) == a)) {
          members.add(n);
        }
      }
      if (members.size() < opt.minUnits()) {
        continue;
      }
      double[][] sd = new double[dataTrials.size()][];
      for (int r = 0; r < dataTrials.size(); r++) {
        sd[r] = areaSignal(d.spikes(), d.steps(), d.trials(), d.units(), dataTrials.get(r), members, f1, f2);
      }
      double mean = 0;
      int cnt = 0;
      for (double[] row : sd) {
        for (double v : row) {
          mean += v;
          cnt++;
        }
      }
      mean /= cnt;
      double ss = 0;
      for (double[] row : sd) {
        for (double v : row) {
          ss += (v - mean) * (v - mean);
        }
      }
      double std = Math.sqrt(ss / (cnt - 1));
      if (std < 1e-4) {
        std = 1;
      }
      if (!opt.zScore()) {
        mean = 0;
        std = 1;
      }
      for (double[] row : sd) {
        for (int j = 0; j < row.length; j++) {
          row[j] = (row[j] - mean) / std;
        }
      }
      blocksData.add(sd);
      if (model != null) {
        double[][] sm = new double[model.trials()][];
        for (int b = 0; b < model.trials(); b++) {
          sm[b] = areaSignal(model.spikes(), model.steps(), model.trials(), model.units(), b, members, f1, f2);
          for (int j = 0; j < sm[b].length; j++) {
            sm[b][j] = (sm[b][j] - mean) / std;
          }
        }
        blocksModel.add(sm);
      }
    }
    for (int c = 0; opt.behaviour() && c < d.channels(); c++) {
      int nch = d.channels();
      double[][] jd = new double[dataTrials.size()][];
      for (int r = 0; r < dataTrials.size(); r++) {
        jd[r] = filter(f2, filter(f1, trace(d.jaw(), d.steps(), d.trials(), d.sessions() * nch, dataTrials.get(r),
            session * nch + c)));
      }
      blocksData.add(jd);
      if (model != null) {
        double[][] jm = new double[model.trials()][];
        for (int b = 0; b < model.trials(); b++) {
          jm[b] = filter(f2, filter(f1, trace(model.jaw(), model.steps(), model.trials(), nch, b, c)));
        }
        blocksModel.add(jm);
      }
    }
    List<double[][]> blocks = model == null ? blocksData : blocksModel;
    int rows = blocks.get(0).length;
    double[][] out = new double[rows][];
    for (int r = 0; r < rows; r++) {
      int len = 0;
      for (double[][] b : blocks) {
        len += b[r].length;
      }
      out[r] = new double[len];
      int o = 0;
      for (double[][] b : blocks) {
        System.arraycopy(b[r], 0, out[r], o, b[r].length);
        o += b[r].length;
      }
    }
    return out;
  }

  private static double[] areaSignal(
      float[] spikes, int steps, int trials, int units, int trial, List<Integer> members, BoxFilter f1, BoxFilter f2) {
    double[] avg = new double[steps];
    for (int n : members) {
      double[] x = trace(spikes, steps, trials, units, trial, n);
      for (int t = 0; t < steps; t++) {
        avg[t] += x[t] / members.size();
      }
    }
    return filter(f2, filter(f1, avg));
  }

  static double[] flatten(double[][] rows) {
    int len = rows.length == 0 ? 0 : rows[0].length;
    double[] out = new double[rows.length * len];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, out, r * len, len);
    }
    return out;
  }

  /** A condition set with each trial of each session included with probability p (at least one per session). */
  static ConditionSet randomCondition(String name, int sessions, int trials, double p, SplittableRandom rng) {
    boolean[][] m = new boolean[sessions][trials];
    for (int s = 0; s < sessions; s++) {
      for (int k = 0; k < trials; k++) {
        m[s][k] = rng.nextDouble() < p;
      }
      m[s][0] = true;
    }
    return ConditionSet.of(name, m);
  }
}
