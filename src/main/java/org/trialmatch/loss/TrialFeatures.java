package org.trialmatch.loss;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The trial features T_trial of the method (reference section 3.3), per session, for data and model:
 *
 * <pre>
 *   for each area a of session s with >= minUnits units (sessions with fewer units are skipped):
 *     signal_a[k][·] = F2(F1(mean over the area's units of spikes[·][k][unit]))        (T2 bins)
 *     feature block  = (signal_a - mu_a) / sigma_a       mu, sigma: the data's scalar mean and sample
 *                                                        standard deviation over trials x bins (1 below 1e-4)
 *   then, with behaviour: per channel c, the block F2(F1(jaw[·][k][c])), not z-scored
 *   T_trial[k] = concatenation of the blocks, length D_s = (areas_s + 1) x T2
 * </pre>
 *
 * The model uses the data's statistics of the same condition set. The behaviour trace enters the
 * losses only here. The data side is computed once per condition set at construction; the model side
 * at each evaluation, into workspaces ({@link #computeModel}), and the gradient with respect to the
 * model features is carried back to spikes and jaw by {@link #backward}. Not thread-safe.
 */
public final class TrialFeatures {
  /** Standard deviations below this are replaced by 1 (reference value). */
  public static final double MIN_STD = 1e-4;

  private final BoxFilter f1;
  private final BoxFilter f2;
  private final TrialFeatureOptions options;
  private final int steps;
  private final int units;
  private final int steps1;
  private final int steps2;
  private final int channels;
  private final UnitGroups groups;
  private final int[] eligibleSessions;
  private final int[][] groupsOfSession;
  private final List<String> sessionNames;
  private final double[][][] dataFeatures;
  private final int[][] dataTrials;
  private final double[][] mean;
  private final double[][] std;
  private final double[][] modelFeatures;
  private final double[][] featureGradient;
  private int trialsCapacity;
  private double[] groupSignal;
  private double[] groupSignal1;
  private double[] groupSignal2;
  private double[] jawSignal;
  private double[] jawSignal1;
  private double[] jawSignal2;

  private TrialFeatures(
      BoxFilter f1,
      BoxFilter f2,
      TrialFeatureOptions options,
      int steps,
      int units,
      int channels,
      UnitGroups groups,
      int[] eligibleSessions,
      int[][] groupsOfSession,
      List<String> sessionNames,
      double[][][] dataFeatures,
      int[][] dataTrials,
      double[][] mean,
      double[][] std) {
    this.f1 = f1;
    this.f2 = f2;
    this.options = options;
    this.steps = steps;
    this.units = units;
    this.steps1 = f1.outputLength(steps);
    this.steps2 = f2.outputLength(steps1);
    this.channels = channels;
    this.groups = groups;
    this.eligibleSessions = eligibleSessions;
    this.groupsOfSession = groupsOfSession;
    this.sessionNames = sessionNames;
    this.dataFeatures = dataFeatures;
    this.dataTrials = dataTrials;
    this.mean = mean;
    this.std = std;
    this.modelFeatures = new double[eligibleSessions.length][];
    this.featureGradient = new double[eligibleSessions.length][];
  }

  /**
   * Finds the eligible sessions and areas and computes the data features of every condition set.
   *
   * @param layout sessions and areas of the model units
   * @param data the recorded trials (NaN-padded); with behaviour, {@code data.jaw()} is required
   * @param conditions the condition sets the features will be used with
   * @param f1 the spike filter F1
   * @param f2 the resampling filter F2, applied after F1
   * @param options eligibility, z-scoring, behaviour
   * @return the features
   */
  public static TrialFeatures create(
      UnitLayout layout,
      DataTrials data,
      List<ConditionSet> conditions,
      BoxFilter f1,
      BoxFilter f2,
      TrialFeatureOptions options) {
    if (conditions.isEmpty()) {
      throw new IllegalArgumentException("conditions must not be empty");
    }
    if (options.behaviour() && data.jaw() == null) {
      throw new IllegalArgumentException("trial features with behaviour need the data's jaw trace, which is missing");
    }
    boolean[][] valid = data.validTrials(layout);
    int nSessions = layout.sessions();
    int nUnits = layout.units();
    // eligible (session, area) groups, in session then area order
    int[] groupOf = new int[nUnits];
    Arrays.fill(groupOf, UnitGroups.NONE);
    List<Integer> eligible = new ArrayList<>();
    List<int[]> sessionGroups = new ArrayList<>();
    int nGroups = 0;
    for (int s = 0; s < nSessions; s++) {
      if (layout.unitsInSession(s) < options.minUnits()) {
        continue;
      }
      int nAreas = options.areaSpecific() ? layout.areas() : 1;
      int[] count = new int[nAreas];
      for (int n = 0; n < nUnits; n++) {
        if (layout.sessionOf(n) == s) {
          count[options.areaSpecific() ? layout.areaOf(n) : 0]++;
        }
      }
      int[] areaGroup = new int[nAreas];
      List<Integer> gs = new ArrayList<>();
      for (int a = 0; a < nAreas; a++) {
        areaGroup[a] = count[a] >= options.minUnits() ? nGroups + gs.size() : UnitGroups.NONE;
        if (areaGroup[a] >= 0) {
          gs.add(areaGroup[a]);
        }
      }
      if (gs.isEmpty()) {
        continue;
      }
      for (int n = 0; n < nUnits; n++) {
        if (layout.sessionOf(n) == s) {
          groupOf[n] = areaGroup[options.areaSpecific() ? layout.areaOf(n) : 0];
        }
      }
      eligible.add(s);
      sessionGroups.add(gs.stream().mapToInt(Integer::intValue).toArray());
      nGroups += gs.size();
    }
    UnitGroups groups = UnitGroups.of(groupOf, nGroups);
    int steps = data.steps();
    int t1 = f1.outputLength(steps);
    int t2 = f2.outputLength(t1);
    int k = data.trials();
    int nc = conditions.size();
    int ne = eligible.size();
    double[][][] feats = new double[nc][ne][];
    int[][] counts = new int[nc][ne];
    double[][] mean = new double[nc][nGroups];
    double[][] std = new double[nc][nGroups];
    for (int e = 0; e < ne; e++) {
      int s = eligible.get(e);
      int[] gs = sessionGroups.get(e);
      double[][] signal = sessionSignals(layout, data, groups, gs, s, valid[s], f1, f2);
      double[] areaSig = signal[0];
      double[] jawSig = signal[1];
      int width = k * gs.length;
      int nch = data.channels();
      int dim = (gs.length + (options.behaviour() ? nch : 0)) * t2;
      for (int c = 0; c < nc; c++) {
        ConditionSet cond = conditions.get(c);
        int[] trials = selectedTrials(valid[s], cond, s);
        counts[c][e] = trials.length;
        for (int gi = 0; gi < gs.length; gi++) {
          double m = 0;
          double sd = 1;
          if (options.zScore() && trials.length > 0) {
            double sum = 0;
            for (int j = 0; j < t2; j++) {
              for (int trial : trials) {
                sum += areaSig[j * width + trial * gs.length + gi];
              }
            }
            long n = (long) t2 * trials.length;
            m = sum / n;
            double ss = 0;
            for (int j = 0; j < t2; j++) {
              for (int trial : trials) {
                double d = areaSig[j * width + trial * gs.length + gi] - m;
                ss += d * d;
              }
            }
            sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 1.0;
            if (!(sd >= MIN_STD)) {
              sd = 1.0;
            }
          }
          mean[c][gs[gi]] = m;
          std[c][gs[gi]] = sd;
        }
        double[] x = new double[trials.length * dim];
        for (int r = 0; r < trials.length; r++) {
          int trial = trials[r];
          for (int gi = 0; gi < gs.length; gi++) {
            double m = mean[c][gs[gi]];
            double inv = 1.0 / std[c][gs[gi]];
            for (int j = 0; j < t2; j++) {
              x[r * dim + gi * t2 + j] = (areaSig[j * width + trial * gs.length + gi] - m) * inv;
            }
          }
          if (options.behaviour()) {
            for (int ch = 0; ch < nch; ch++) {
              int off = (gs.length + ch) * t2;
              for (int j = 0; j < t2; j++) {
                x[r * dim + off + j] = jawSig[(j * k + trial) * nch + ch];
              }
            }
          }
        }
        feats[c][e] = x;
      }
    }
    return new TrialFeatures(
        f1,
        f2,
        options,
        steps,
        nUnits,
        data.channels(),
        groups,
        eligible.stream().mapToInt(Integer::intValue).toArray(),
        sessionGroups.toArray(new int[0][]),
        layout.sessionNames(),
        feats,
        counts,
        mean,
        std);
  }

  private static int[] selectedTrials(boolean[] valid, ConditionSet cond, int session) {
    int c = 0;
    for (int k = 0; k < valid.length; k++) {
      if (valid[k] && cond.includes(session, k)) {
        c++;
      }
    }
    int[] out = new int[c];
    c = 0;
    for (int k = 0; k < valid.length; k++) {
      if (valid[k] && cond.includes(session, k)) {
        out[c++] = k;
      }
    }
    return out;
  }

  /**
   * F2(F1(.)) of the area averages {@code [t2][trial][area]} and of the jaw {@code [t2][trial][channel]} of
   * one session.
   */
  private static double[][] sessionSignals(
      UnitLayout layout, DataTrials data, UnitGroups groups, int[] gs, int s, boolean[] valid,
      BoxFilter f1, BoxFilter f2) {
    int steps = data.steps();
    int k = data.trials();
    int n = data.units();
    int ng = gs.length;
    int t1 = f1.outputLength(steps);
    int t2 = f2.outputLength(t1);
    int first = gs[0];
    float[] spikes = data.spikes();
    double[] acc = new double[steps * k * ng];
    for (int t = 0; t < steps; t++) {
      for (int trial = 0; trial < k; trial++) {
        if (!valid[trial]) {
          continue;
        }
        int row = (t * k + trial) * n;
        int o = (t * k + trial) * ng;
        for (int u = 0; u < n; u++) {
          int g = groups.groupOf(u);
          if (g >= 0 && layout.sessionOf(u) == s) {
            acc[o + g - first] += spikes[row + u];
          }
        }
      }
    }
    for (int i = 0; i < acc.length; i++) {
      acc[i] /= groups.size(first + i % ng);
    }
    double[] a1 = new double[t1 * k * ng];
    f1.apply(acc, steps, k * ng, a1);
    double[] a2 = new double[t2 * k * ng];
    f2.apply(a1, t1, k * ng, a2);
    double[] j2 = null;
    float[] jaw = data.jaw();
    if (jaw != null) {
      int ns = data.sessions();
      int nch = data.channels();
      double[] j = new double[steps * k * nch];
      for (int t = 0; t < steps; t++) {
        for (int trial = 0; trial < k; trial++) {
          if (valid[trial]) {
            for (int ch = 0; ch < nch; ch++) {
              float v = jaw[((t * k + trial) * ns + s) * nch + ch];
              if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(
                    "the jaw of data trial " + trial + " of session '" + layout.sessionNames().get(s)
                        + "' is not finite at step " + t + ", channel " + ch + " (" + v + ")");
              }
              j[(t * k + trial) * nch + ch] = v;
            }
          }
        }
      }
      double[] j1 = new double[t1 * k * nch];
      f1.apply(j, steps, k * nch, j1);
      j2 = new double[t2 * k * nch];
      f2.apply(j1, t1, k * nch, j2);
    }
    return new double[][] {a2, j2};
  }

  /** @return behaviour channels C of the features' behaviour blocks (the data's) */
  public int channels() {
    return channels;
  }

  /** @return whether the features end with the behaviour blocks */
  public boolean behaviour() {
    return options.behaviour();
  }

  /** @return the grouping of model units into (session, area) signals */
  public UnitGroups groups() {
    return groups;
  }

  /** @return number of sessions that have features (at least minUnits units and one eligible area) */
  public int sessions() {
    return eligibleSessions.length;
  }

  /**
   * @param index index among the sessions with features
   * @return the session's index in the unit layout
   */
  public int sessionIndex(int index) {
    return eligibleSessions[index];
  }

  /**
   * @param index index among the sessions with features
   * @return the session's name
   */
  public String sessionName(int index) {
    return sessionNames.get(eligibleSessions[index]);
  }

  /**
   * @param index index among the sessions with features
   * @return feature length D of that session
   */
  public int dimension(int index) {
    return (groupsOfSession[index].length + (options.behaviour() ? channels : 0)) * steps2;
  }

  /** @return bins per feature block, T2 */
  public int binsPerBlock() {
    return steps2;
  }

  /**
   * @param condition condition index
   * @param index index among the sessions with features
   * @return number of data trials of the session in that condition (0: the session is skipped)
   */
  public int dataTrials(int condition, int index) {
    return dataTrials[condition][index];
  }

  /**
   * @param condition condition index
   * @param index index among the sessions with features
   * @return a copy of the data features, {@code [trial][feature]} row-major
   */
  public double[] dataFeatures(int condition, int index) {
    return dataFeatures[condition][index].clone();
  }

  double[] dataFeaturesLive(int condition, int index) {
    return dataFeatures[condition][index];
  }

  /**
   * @param index index among the sessions with features
   * @return the model features of the last {@link #computeModel} call, {@code [trial][feature]} (live)
   */
  double[] modelFeaturesLive(int index) {
    return modelFeatures[index];
  }

  /**
   * @param index index among the sessions with features
   * @return the buffer {@link #backward} reads dL/d(model features) from, {@code [trial][feature]} (live)
   */
  double[] featureGradientLive(int index) {
    return featureGradient[index];
  }

  /**
   * @param index index among the sessions with features
   * @return a copy of the model features of the last {@link #computeModel} call
   */
  public double[] modelFeatures(int index) {
    return modelFeatures[index].clone();
  }

  /**
   * Computes the model features of every session for the given condition set (the z-scoring uses that
   * condition's data statistics) and zeroes the feature-gradient buffers.
   *
   * @param condition condition index
   * @param model model trials; with behaviour, {@code model.jaw()} is required
   */
  public void computeModel(int condition, ModelTrials model) {
    if (model.steps() != steps || model.units() != units) {
      throw new IllegalArgumentException(
          "model has " + model.steps() + " steps x " + model.units() + " units, the data "
              + steps + " x " + units);
    }
    if (options.behaviour() && model.jaw() == null) {
      throw new IllegalArgumentException("trial features with behaviour need the model's jaw trace, which is missing");
    }
    if (options.behaviour() && model.channels() != channels) {
      throw new IllegalArgumentException("the model's jaw has " + model.channels() + " channels, the data's behaviour "
          + channels);
    }
    int b = model.trials();
    ensureCapacity(b);
    int ng = groups.groups();
    int width = b * ng;
    float[] z = model.spikes();
    Arrays.fill(groupSignal, 0, steps * width, 0.0);
    for (int t = 0; t < steps; t++) {
      for (int trial = 0; trial < b; trial++) {
        int row = (t * b + trial) * units;
        int o = (t * b + trial) * ng;
        for (int n = 0; n < units; n++) {
          int g = groups.groupOf(n);
          if (g >= 0) {
            groupSignal[o + g] += z[row + n];
          }
        }
      }
    }
    for (int i = 0; i < steps * width; i++) {
      groupSignal[i] /= groups.size(i % ng);
    }
    f1.apply(groupSignal, steps, width, groupSignal1);
    f2.apply(groupSignal1, steps1, width, groupSignal2);
    if (options.behaviour()) {
      float[] jaw = model.jaw();
      int bc = b * channels;
      for (int i = 0; i < steps * bc; i++) {
        jawSignal[i] = jaw[i];
      }
      f1.apply(jawSignal, steps, bc, jawSignal1);
      f2.apply(jawSignal1, steps1, bc, jawSignal2);
    }
    for (int e = 0; e < eligibleSessions.length; e++) {
      int[] gs = groupsOfSession[e];
      int dim = dimension(e);
      double[] y = modelFeatures[e];
      for (int trial = 0; trial < b; trial++) {
        for (int gi = 0; gi < gs.length; gi++) {
          int g = gs[gi];
          double m = mean[condition][g];
          double inv = 1.0 / std[condition][g];
          for (int j = 0; j < steps2; j++) {
            y[trial * dim + gi * steps2 + j] = (groupSignal2[j * width + trial * ng + g] - m) * inv;
          }
        }
        if (options.behaviour()) {
          for (int ch = 0; ch < channels; ch++) {
            int off = (gs.length + ch) * steps2;
            for (int j = 0; j < steps2; j++) {
              y[trial * dim + off + j] = jawSignal2[(j * b + trial) * channels + ch];
            }
          }
        }
      }
      Arrays.fill(featureGradient[e], 0, b * dim, 0.0);
    }
  }

  /**
   * Carries the feature gradients (written by a loss into the buffers of {@link #featureGradientLive}
   * after {@link #computeModel}) back to the spikes and the jaw.
   *
   * @param condition the condition of the last {@link #computeModel} call
   * @param trials model trials B of that call
   * @param gradient receives dL/dz (per-group part) and dL/djaw; overwritten
   */
  public void backward(int condition, int trials, SpikeGradient gradient) {
    if (gradient.groups() != groups || gradient.trials() != trials || gradient.steps() != steps) {
      throw new IllegalArgumentException("gradient must have this feature set's groups, " + trials + " trials and " + steps + " steps");
    }
    int b = trials;
    int ng = groups.groups();
    int width = b * ng;
    gradient.clear();
    Arrays.fill(groupSignal2, 0, steps2 * width, 0.0);
    if (options.behaviour()) {
      Arrays.fill(jawSignal2, 0, steps2 * b * channels, 0.0);
    }
    for (int e = 0; e < eligibleSessions.length; e++) {
      int[] gs = groupsOfSession[e];
      int dim = dimension(e);
      double[] dy = featureGradient[e];
      for (int trial = 0; trial < b; trial++) {
        for (int gi = 0; gi < gs.length; gi++) {
          int g = gs[gi];
          double inv = 1.0 / std[condition][g];
          for (int j = 0; j < steps2; j++) {
            groupSignal2[j * width + trial * ng + g] += dy[trial * dim + gi * steps2 + j] * inv;
          }
        }
        if (options.behaviour()) {
          for (int ch = 0; ch < channels; ch++) {
            int off = (gs.length + ch) * steps2;
            for (int j = 0; j < steps2; j++) {
              jawSignal2[(j * b + trial) * channels + ch] += dy[trial * dim + off + j];
            }
          }
        }
      }
    }
    Arrays.fill(groupSignal1, 0, steps1 * width, 0.0);
    f2.addAdjoint(groupSignal2, steps1, width, groupSignal1);
    double[] pg = gradient.perGroup();
    f1.addAdjoint(groupSignal1, steps, width, pg);
    for (int i = 0; i < steps * width; i++) {
      pg[i] /= groups.size(i % ng);
    }
    if (options.behaviour()) {
      if (gradient.channels() != channels) {
        throw new IllegalArgumentException("gradient has " + gradient.channels() + " jaw channels, the features "
            + channels);
      }
      Arrays.fill(jawSignal1, 0, steps1 * b * channels, 0.0);
      f2.addAdjoint(jawSignal2, steps1, b * channels, jawSignal1);
      f1.addAdjoint(jawSignal1, steps, b * channels, gradient.jawPart());
    }
  }

  private void ensureCapacity(int b) {
    if (b == trialsCapacity) {
      return;
    }
    int ng = groups.groups();
    groupSignal = new double[steps * b * ng];
    groupSignal1 = new double[steps1 * b * ng];
    groupSignal2 = new double[steps2 * b * ng];
    jawSignal = new double[steps * b * channels];
    jawSignal1 = new double[steps1 * b * channels];
    jawSignal2 = new double[steps2 * b * channels];
    for (int e = 0; e < eligibleSessions.length; e++) {
      modelFeatures[e] = new double[b * dimension(e)];
      featureGradient[e] = new double[b * dimension(e)];
    }
    trialsCapacity = b;
  }
}
