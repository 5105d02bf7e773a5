package org.trialmatch.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.trialmatch.analysis.PerturbationResult;
import org.trialmatch.analysis.Stats;
import org.trialmatch.analysis.Summary;
import org.trialmatch.data.ConfigException;
import org.trialmatch.data.OutcomeClassifier;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.model.PerturbationSpec;
import org.trialmatch.model.RandomStreams;
import org.trialmatch.model.RsnnConfig;
import org.trialmatch.model.TrialInputs;
import org.trialmatch.nwb.write.ColumnSpec;
import org.trialmatch.nwb.write.NwbWriteSpec;
import org.trialmatch.train.Fit;

/**
 * Paired control and perturbed model trials of a fitted run: chunk by chunk, the same draws (test-trial
 * conditions and event times, input spikes, noise, spike draws) are simulated without the perturbation
 * and at every strength of the sweep, so each perturbed trial has its own control. Statistics are
 * accumulated as the chunks go (never all trials' spikes at once): per area and cell type the PSTH per
 * level; per unit and trial the rate in the perturbation's window; the behaviour readout; the outcome
 * read by the run's classifier. The control trials and those of the reported strength are kept as spike
 * times for NWB.
 */
public final class PerturbationExperiment {
  /** Trials simulated per chunk and level. */
  static final int CHUNK = 50;

  private PerturbationExperiment() {}

  /**
   * What the experiment produced.
   *
   * @param result the statistics
   * @param control the control trials as NWB
   * @param perturbed the trials at the reported strength as NWB
   */
  public record Output(PerturbationResult result, NwbWriteSpec control, NwbWriteSpec perturbed) {}

  /**
   * Runs the experiment.
   *
   * @param fit the fitted model
   * @param req what to perturb and at which strengths
   * @param n trials per level (>= 2)
   * @param seed seed of the draws
   * @param provenance text for the NWB files' session description
   * @param progress told the trials done so far (all levels) after each chunk, out of {@code n × levels}; may be null
   * @return the result and the two NWB descriptions
   * @throws ConfigException if the spec does not fit the run (area, events) or n < 2
   */
  public static Output run(Fit fit, PerturbationRequest req, int n, long seed, String provenance,
      LongConsumer progress) {
    if (n < 2) {
      throw new ConfigException("trials", "must be >= 2 (intervals need two trials), was " + n);
    }
    check(fit, req);
    RsnnConfig c = fit.model();
    NetworkLayout layout = fit.layout();
    PerturbationSpec spec = req.spec();
    List<String> events = fit.eventNames();
    int levels = req.sweep().size() + 1;
    int steps = c.steps();
    int units = layout.nUnits();
    int channels = c.behaviourChannels();
    int areas = layout.nAreas();
    double dtS = c.dtMs() / 1000.0;
    double[][][] psth = new double[levels][units][steps];
    float[][][] rate = new float[levels][n][units];
    double[][][] jaw = new double[levels][channels][steps];
    int[][] window = new int[n][2];
    Optional<OutcomeClassifier> clf = SyntheticNwb.hasJaw(fit) ? ModelTrialTypes.classifier(fit) : Optional.empty();
    List<Map<String, Map<String, Double>>> outcomes = new ArrayList<>();
    for (int l = 0; l < levels; l++) {
      outcomes.add(new TreeMap<>());
    }
    SyntheticNwb.Accumulator[] nwb = new SyntheticNwb.Accumulator[levels];
    for (int l = 0; l < levels; l++) {
      nwb[l] = new SyntheticNwb.Accumulator(fit, n, clf.orElse(null));
    }
    String[] conditions = new String[n];
    float[] trace = new float[steps * channels];
    long done = 0;
    for (int start = 0, chunk = 0; start < n; start += CHUNK, chunk++) {
      int m = Math.min(CHUNK, n - start);
      long chunkSeed = RandomStreams.mix64(seed + 0x9E3779B97F4A7C15L * (chunk + 1));
      for (int l = 0; l < levels; l++) {
        double strength = l == 0 ? 0 : req.sweep().get(l - 1);
        final int base = start;
        final int[] next = {0};
        final boolean first = l == 0;
        Fit.Simulated s = fit.simulateTest(m, chunkSeed, in -> {
          int b0 = base + next[0];
          if (first) {
            // a batch may hold more trials than the chunk keeps
            for (int b = 0; b < in.batch() && b0 + b < base + m; b++) {
              window[b0 + b] = spec.window(c, in, events, b);
            }
          }
          next[0] += in.batch();
          return strength == 0 ? in : in.withPerturbation(spec.build(c, layout, in, events, strength));
        });
        for (int b = 0; b < m; b++) {
          int k = start + b;
          if (l == 0) {
            conditions[k] = s.condition(b);
          }
          int from = window[k][0];
          int to = window[k][1];
          for (int t = 0; t < steps; t++) {
            int row = (t * m + b) * units;
            for (int u = 0; u < units; u++) {
              float z = s.spikes().values()[row + u];
              psth[l][u][t] += z;
              if (t >= from && t < to) {
                rate[l][k][u] += z;
              }
            }
            for (int ch = 0; ch < channels; ch++) {
              float y = s.behaviour().values()[(t * m + b) * channels + ch];
              jaw[l][ch][t] += y;
              trace[ch * steps + t] = y;
            }
          }
          double dur = Math.max(1, to - from) * dtS;
          for (int u = 0; u < units; u++) {
            rate[l][k][u] /= (float) dur;
          }
          if (clf.isPresent()) {
            String o = clf.get().predict(trace, s.condition(b));
            outcomes.get(l).computeIfAbsent(s.condition(b), x -> new TreeMap<>()).merge(o, 1.0, Double::sum);
          }
          nwb[l].add(s, b, k);
        }
        done += m;
        if (progress != null) {
          progress.accept(done);
        }
      }
    }
    for (Map<String, Map<String, Double>> byCond : outcomes) {
      for (Map<String, Double> counts : byCond.values()) {
        double total = counts.values().stream().mapToDouble(Double::doubleValue).sum();
        counts.replaceAll((k, v) -> v / total);
      }
    }
    double[] strengths = req.sweep().stream().mapToDouble(Double::doubleValue).toArray();
    int targetArea = layout.areaNames().indexOf(spec.area());
    double[] targetE = new double[levels];
    for (int l = 0; l < levels; l++) {
      targetE[l] = meanRate(layout, rate[l], targetArea, true);
    }
    double strength = req.strength();
    String choice = spec.kind().clamps() ? "a clamp has no strength" : "given in the spec";
    if (Double.isNaN(strength)) {
      strength = strengths[strengths.length - 1];
      choice = String.format(Locale.ROOT, "the smallest strength of the sweep at which %s's E units fire at most "
          + "%.0f %% of their control window rate (%.3g Hz)", spec.area(), 100 * req.silenceTo(), targetE[0]);
      boolean met = false;
      for (int l = 1; l < levels; l++) {
        if (targetE[l] <= req.silenceTo() * targetE[0]) {
          strength = strengths[l - 1];
          met = true;
          break;
        }
      }
      if (!met) {
        choice += "; no strength of the sweep met it, the largest is reported";
      }
    }
    int rep = 0;
    for (int k = 0; k < strengths.length; k++) {
      if (strengths[k] == strength) {
        rep = k + 1;
      }
    }
    choice += String.format(Locale.ROOT, "; %s's E units fire %.3g Hz (%.1f %% of control)", spec.area(),
        targetE[rep], 100 * targetE[rep] / targetE[0]);

    double[] times = new double[steps];
    for (int t = 0; t < steps; t++) {
      times[t] = c.windowStartMs() + (t + 0.5) * c.dtMs();
    }
    List<PerturbationResult.Area> areaList = new ArrayList<>();
    for (int a = 0; a < areas; a++) {
      areaList.add(area(layout, a, psth, rate, n, dtS));
    }
    List<PerturbationResult.Unit> unitList = new ArrayList<>();
    for (int u = 0; u < units; u++) {
      double[] d = new double[n];
      double cm = 0;
      double pm = 0;
      for (int k = 0; k < n; k++) {
        d[k] = rate[rep][k][u] - rate[0][k][u];
        cm += rate[0][k][u];
        pm += rate[rep][k][u];
      }
      double[] ci = interval(d);
      unitList.add(new PerturbationResult.Unit(u, layout.areaNames().get(layout.area(u)),
          layout.isExcitatory(u) ? "E" : "I", layout.isHidden(u) ? "" : layout.session(u), layout.recordedIndex(u),
          cm / n, pm / n, ci[0], ci[1], ci[2]));
    }
    List<PerturbationResult.Channel> behaviour = new ArrayList<>();
    if (SyntheticNwb.hasJaw(fit)) {
      List<String> labels = fit.data().sessions().get(0).trials().behaviourLabels();
      for (int ch = 0; ch < channels; ch++) {
        double[][] mean = new double[levels][steps];
        for (int l = 0; l < levels; l++) {
          for (int t = 0; t < steps; t++) {
            mean[l][t] = jaw[l][ch][t] / n;
          }
        }
        behaviour.add(new PerturbationResult.Channel(ch < labels.size() ? RunInputs.shortName(labels.get(ch))
            : "channel " + (ch + 1), mean));
      }
    }
    double[] wMedian = {median(window, 0, c), median(window, 1, c)};
    PerturbationResult result = new PerturbationResult(spec.name(), spec.kind().key(), spec.area(),
        spec.cells().name(), spec.start() + " → " + spec.end(), wMedian, n, seed, strengths, strength, choice, times,
        areaList, unitList, behaviour, clf.isPresent() ? outcomes : List.of());
    NwbWriteSpec control = describe(fit, nwb[0], window, 0, result, provenance + "; control trials");
    NwbWriteSpec perturbed = describe(fit, nwb[rep], window, strength, result, provenance + "; perturbed trials ("
        + spec.name() + ", strength " + strength + ")");
    return new Output(result, control, perturbed);
  }

  /** The trials table gets the perturbation: its name, kind, target, strength and window in file time. */
  private static NwbWriteSpec describe(Fit fit, SyntheticNwb.Accumulator acc, int[][] window, double strength,
      PerturbationResult r, String provenance) {
    int n = window.length;
    double[] starts = acc.starts();
    double dtS = fit.model().dtMs() / 1000.0;
    double[] from = new double[n];
    double[] to = new double[n];
    double[] power = new double[n];
    String[] name = new String[n];
    for (int k = 0; k < n; k++) {
      boolean on = strength > 0;
      from[k] = starts[k] + window[k][0] * dtS;
      to[k] = starts[k] + window[k][1] * dtS;
      power[k] = strength;
      name[k] = on ? r.name() : "none";
    }
    String what = r.kind() + " of " + r.target() + " (" + r.cells() + " units)";
    acc.column(ColumnSpec.texts("perturbation", "perturbation of the trial: " + what + ", or none", name));
    acc.column(ColumnSpec.floats("perturbation_strength", "strength, in units of the model's threshold − "
        + "rest gap (0: control)", power));
    acc.column(ColumnSpec.floats("perturbation_start_time", "start of the perturbation window, s (in "
        + "control trials the window of the paired perturbed trial, not applied)", from));
    acc.column(ColumnSpec.floats("perturbation_stop_time", "end of the perturbation window, s (in "
        + "control trials the window of the paired perturbed trial, not applied)", to));
    return acc.build(fit, provenance);
  }

  private static double median(int[][] window, int j, RsnnConfig c) {
    int[] v = new int[window.length];
    for (int k = 0; k < v.length; k++) {
      v[k] = window[k][j];
    }
    java.util.Arrays.sort(v);
    return c.windowStartMs() + v[v.length / 2] * c.dtMs();
  }

  private static double meanRate(NetworkLayout layout, float[][] rate, int area, boolean exc) {
    double s = 0;
    int cnt = 0;
    for (float[] trial : rate) {
      for (int u = 0; u < trial.length; u++) {
        if (layout.area(u) == area && layout.isExcitatory(u) == exc) {
          s += trial[u];
          cnt++;
        }
      }
    }
    return cnt == 0 ? Double.NaN : s / cnt;
  }

  private static PerturbationResult.Area area(NetworkLayout layout, int a, double[][][] psth, float[][][] rate, int n,
      double dtS) {
    int levels = psth.length;
    int steps = psth[0][0].length;
    double[][] pe = new double[levels][steps];
    double[][] pi = new double[levels][steps];
    int ne = 0;
    int ni = 0;
    for (int u = 0; u < layout.nUnits(); u++) {
      if (layout.area(u) != a) {
        continue;
      }
      boolean e = layout.isExcitatory(u);
      ne += e ? 1 : 0;
      ni += e ? 0 : 1;
      for (int l = 0; l < levels; l++) {
        double[] dst = e ? pe[l] : pi[l];
        for (int t = 0; t < steps; t++) {
          dst[t] += psth[l][u][t];
        }
      }
    }
    for (int l = 0; l < levels; l++) {
      for (int t = 0; t < steps; t++) {
        pe[l][t] = ne == 0 ? Double.NaN : pe[l][t] / (ne * n * dtS);
        pi[l][t] = ni == 0 ? Double.NaN : pi[l][t] / (ni * n * dtS);
      }
    }
    double[][] ce = new double[levels - 1][];
    double[][] chI = new double[levels - 1][];
    for (int l = 1; l < levels; l++) {
      ce[l - 1] = interval(areaDiff(layout, rate, a, true, l));
      chI[l - 1] = interval(areaDiff(layout, rate, a, false, l));
    }
    return new PerturbationResult.Area(layout.areaNames().get(a), pe, pi, meanRate(layout, rate[0], a, true),
        meanRate(layout, rate[0], a, false), ce, chI);
  }

  /** Per trial, the mean over the area's E (or I) units of the window-rate change at level l. */
  private static double[] areaDiff(NetworkLayout layout, float[][][] rate, int a, boolean exc, int l) {
    int n = rate[0].length;
    double[] d = new double[n];
    int cnt = 0;
    for (int u = 0; u < layout.nUnits(); u++) {
      if (layout.area(u) == a && layout.isExcitatory(u) == exc) {
        cnt++;
        for (int k = 0; k < n; k++) {
          d[k] += rate[l][k][u] - rate[0][k][u];
        }
      }
    }
    for (int k = 0; k < n; k++) {
      d[k] = cnt == 0 ? Double.NaN : d[k] / cnt;
    }
    return d;
  }

  /**
   * Checks that the perturbation fits the run (its area, cells and events) before anything is simulated.
   *
   * @param fit the fitted model
   * @param req the request
   * @throws ConfigException naming what does not fit
   */
  public static void check(Fit fit, PerturbationRequest req) {
    check(fit, req, "perturbation spec");
  }

  /**
   * As {@link #check(Fit, PerturbationRequest)}, naming the spec file in the message.
   *
   * @param fit the fitted model
   * @param req the request
   * @param file the spec file's name
   */
  public static void check(Fit fit, PerturbationRequest req, String file) {
    try {
      req.spec().check(fit.layout(), fit.eventNames());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file, e.getMessage() + " (the run " + (fit.eventNames().isEmpty() ? "has no per-trial "
          + "events" : "has the events " + fit.eventNames()) + ")");
    }
  }

  /** {@code {mean, lo, hi}}: mean ± 1.96 s.e. ({@link Stats#summarize}). */
  static double[] interval(double[] d) {
    Summary s = Stats.summarize(d);
    return new double[] {s.mean(), s.mean() - Stats.Z95 * s.sem(), s.mean() + Stats.Z95 * s.sem()};
  }

  /** @return a summary line per area: control E/I rates and the change at the reported strength */
  public static List<String> summary(PerturbationResult r) {
    List<String> lines = new ArrayList<>();
    int rep = r.reportedLevel() - 1;
    lines.add(String.format(Locale.ROOT, "%s: %s of %s (%s units), window %s (median %.0f..%.0f ms), %d paired "
        + "trials; strength %s (%s)", r.name(), r.kind(), r.target(), r.cells(), r.window(), r.windowMedianMs()[0],
        r.windowMedianMs()[1], r.trials(), fmt(r.strength()), r.strengthChoice()));
    for (PerturbationResult.Area a : r.areas()) {
      double[] e = a.changeE()[rep];
      double[] i = a.changeI()[rep];
      lines.add(String.format(Locale.ROOT, "  %-12s E %.2f Hz -> change %+.2f [%+.2f, %+.2f]; I %.2f Hz -> change "
          + "%+.2f [%+.2f, %+.2f]", a.name(), a.controlE(), e[0], e[1], e[2], a.controlI(), i[0], i[1], i[2]));
    }
    return lines;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
