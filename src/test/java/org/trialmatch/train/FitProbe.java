package org.trialmatch.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.trialmatch.data.TrialSet;
import org.trialmatch.grad.Backward;
import org.trialmatch.grad.PseudoDerivative;
import org.trialmatch.loss.BoxFilter;
import org.trialmatch.loss.GradientNormalizer;
import org.trialmatch.loss.LossValues;
import org.trialmatch.loss.LossWeights;
import org.trialmatch.loss.MatchingMethod;
import org.trialmatch.loss.ModelTrials;
import org.trialmatch.loss.PsthLoss;
import org.trialmatch.loss.SinkhornOptions;
import org.trialmatch.loss.SpikeGradient;
import org.trialmatch.loss.TotalLoss;
import org.trialmatch.loss.TrialFeatures;
import org.trialmatch.loss.TrialMatchingLoss;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.model.Parameters;
import org.trialmatch.model.RsnnConfig;
import org.trialmatch.model.Trace;
import org.trialmatch.nwb.IntervalTable;
import org.trialmatch.nwb.NumericColumn;
import org.trialmatch.report.ChartRenderer;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * Measurements behind the diagnosis in docs/alm.md (run by hand, not a test; everything it prints is
 * also written as tab-separated tables under OUT):
 *
 * <pre>
 * java -cp "target/classes:target/test-classes:target/lib/*" org.trialmatch.train.FitProbe data CONFIG OUT
 * java -cp ... org.trialmatch.train.FitProbe model CONFIG OUT [RUN]
 * java -cp ... org.trialmatch.train.FitProbe curve CONFIG OUT
 * java -cp ... org.trialmatch.train.FitProbe score CONFIG OUT RUN [TRIALS]
 * java -cp ... org.trialmatch.train.FitProbe compare OUT.png LABEL=OUT/curve.tsv ...
 * </pre>
 *
 * <ul>
 *   <li>{@code data}: per trial the event columns as stored and relative to the alignment event, the
 *       window steps of the model's bursts; per recorded unit the rate, the train-vs-test ceiling, the
 *       share of its PSTH variance in each task epoch and inside shorter windows, and the share of its
 *       left-right selectivity per epoch; the behaviour's rates per condition.
 *   <li>{@code model}: for the initial parameters or a run's ({@code RUN}, checkpoint best/last): the
 *       inputs of a training batch (burst probabilities, input spikes, the input current against the
 *       threshold distance, the voltage and rate response), per recorded unit the model rate, the mean
 *       distance to threshold, the pseudo-derivative, the PSTH-loss gradient on its spikes and the
 *       gradients of each loss term on its rest; per parameter tensor the norms and cosine of the two
 *       terms' gradients before and after normalisation; the readout against the data's behaviour.
 *   <li>{@code curve}: a fit of the configuration (written to OUT/run, a normal run directory) with, at
 *       every validation, the validation PSTH correlation, silent units, rate and readout range.
 * </ul>
 */
public final class FitProbe {
  private FitProbe() {}

  /**
   * @param args {@code data|model|curve CONFIG OUT [RUN]}
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    if (args.length >= 3 && args[0].equals("compare")) {
      compare(Path.of(args[1]), Arrays.copyOfRange(args, 2, args.length));
      return;
    }
    if (args.length < 3) {
      System.err.println("usage: FitProbe data|model|curve CONFIG OUT [RUN]  or  FitProbe compare OUT.png "
          + "LABEL=curve.tsv ...");
      System.exit(2);
    }
    Path configFile = Path.of(args[1]).toAbsolutePath();
    Path out = Path.of(args[2]);
    Files.createDirectories(out);
    FitConfig cfg = FitConfig.fromJson(FitConfig.readJson(configFile), configFile.getParent());
    long t0 = System.nanoTime();
    switch (args[0]) {
      case "data" -> data(new FitSetup(cfg, FitData.load(cfg.data())), out);
      case "model" -> model(cfg, out, args.length > 3 ? Path.of(args[3]) : null);
      case "curve" -> curve(cfg, out);
      case "score" -> score(cfg, Path.of(args[3]), args.length > 4 ? Integer.parseInt(args[4]) : 512);
      default -> throw new IllegalArgumentException("unknown probe " + args[0]);
    }
    System.out.printf(Locale.ROOT, "%s took %.1f s%n", args[0], (System.nanoTime() - t0) / 1e9);
  }

  // ------------------------------------------------------------------------------------------ data

  /** Epoch edges (ms from the alignment event): the median of each event column. */
  static double[] medianEdges(double[][] eventsMs) {
    double[] edges = new double[eventsMs.length];
    for (int e = 0; e < eventsMs.length; e++) {
      double[] v = eventsMs[e].clone();
      Arrays.sort(v);
      edges[e] = v[v.length / 2];
    }
    return edges;
  }

  private static void data(FitSetup setup, Path out) throws IOException {
    RsnnConfig m = setup.model;
    BoxFilter f1 = setup.f1;
    List<String> cols = setup.cfg.data().eventColumns();
    String[][] windows = {{"-1200", "1200"}, {"-600", "800"}, {"-1600", "1200"}};
    for (FitData.Session s : setup.data.sessions()) {
      TrialSet ts = s.trials();
      double[] edges = medianEdges(s.eventsMs);
      events(setup, s, out);
      double[] times = f1.times(binTimesMs(ts));
      int[] train = s.split().train();
      int[] val = s.split().validation();
      int[] test = s.split().test();
      List<String> labels = setup.data.conditionLabels();
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("units.tsv")))) {
        StringBuilder h = new StringBuilder("unit\trate_hz\tceiling_test\tceiling_val");
        String[] epochNames = epochNames(cols);
        for (String e : epochNames) {
          h.append("\tvar_").append(e);
        }
        for (String e : epochNames) {
          h.append("\tsignal_").append(e);
        }
        for (String[] win : windows) {
          h.append("\tkeep_").append(win[0]).append("_").append(win[1]);
        }
        for (String[] win : windows) {
          h.append("\tceiling_").append(win[0]).append("_").append(win[1]);
        }
        for (String e : epochNames) {
          h.append("\tselect_").append(e);
        }
        w.println(h);
        int nu = ts.units();
        double[] meanVar = new double[edges.length + 1];
        double[] meanSignal = new double[edges.length + 1];
        double[] meanSelect = new double[edges.length + 1];
        double[] meanKeep = new double[windows.length];
        double[] meanCeilWin = new double[windows.length];
        double ceilT = 0;
        double ceilV = 0;
        int below1 = 0;
        int nSelect = 0;
        for (int u = 0; u < nu; u++) {
          double rate = rateHz(ts, train, u);
          below1 += rate < 1 ? 1 : 0;
          double[] ptr = f1Psth(ts, f1, train, u);
          double[] pva = f1Psth(ts, f1, val, u);
          double[] pte = f1Psth(ts, f1, test, u);
          double ct = pearson(ptr, pte);
          double cv = pearson(ptr, pva);
          ceilT += nz(ct);
          ceilV += nz(cv);
          double[] var = epochShares(ptr, ptr, times, edges);
          double[] sig = epochShares(ptr, pva, times, edges);
          StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%d\t%.3f\t%.3f\t%.3f", u, rate, ct, cv));
          for (int e = 0; e < var.length; e++) {
            row.append(String.format(Locale.ROOT, "\t%.3f", var[e]));
            meanVar[e] += nz(var[e]) / nu;
          }
          for (int e = 0; e < sig.length; e++) {
            row.append(String.format(Locale.ROOT, "\t%.3f", sig[e]));
            meanSignal[e] += nz(sig[e]) / nu;
          }
          for (int k = 0; k < windows.length; k++) {
            double keep = windowShare(ptr, pva, times, Double.parseDouble(windows[k][0]),
                Double.parseDouble(windows[k][1]));
            row.append(String.format(Locale.ROOT, "\t%.3f", keep));
            meanKeep[k] += nz(keep) / nu;
          }
          for (int k = 0; k < windows.length; k++) {
            double c = windowPearson(ptr, pte, times, Double.parseDouble(windows[k][0]),
                Double.parseDouble(windows[k][1]));
            row.append(String.format(Locale.ROOT, "\t%.3f", c));
            meanCeilWin[k] += nz(c) / nu;
          }
          // left-right selectivity: cross-product of (cond A - cond B) PSTH differences, train x validation
          double[] sel = new double[edges.length + 1];
          Arrays.fill(sel, Double.NaN);
          if (labels.size() == 2) {
            double[] dtr = diff(f1Psth(ts, f1, only(ts, train, labels.get(0)), u),
                f1Psth(ts, f1, only(ts, train, labels.get(1)), u));
            double[] dva = diff(f1Psth(ts, f1, only(ts, val, labels.get(0)), u),
                f1Psth(ts, f1, only(ts, val, labels.get(1)), u));
            sel = rawEpochShares(dtr, dva, times, edges);
            if (!Double.isNaN(sel[0])) {
              nSelect++;
              for (int e = 0; e < sel.length; e++) {
                meanSelect[e] += sel[e];
              }
            }
          }
          for (double v : sel) {
            row.append(String.format(Locale.ROOT, "\t%.3f", v));
          }
          w.println(row);
        }
        for (int e = 0; e < meanSelect.length; e++) {
          meanSelect[e] /= Math.max(1, nSelect);
        }
        System.out.printf(Locale.ROOT, "session %s: %d units, %d below 1 Hz (train trials); ceiling (train vs test) "
            + "mean %.3f, (train vs validation) %.3f%n", s.name(), nu, below1, ceilT / nu, ceilV / nu);
        System.out.printf(Locale.ROOT, "epochs %s (edges at the median events %s ms)%n", Arrays.toString(epochNames),
            fmt(edges, "%.0f"));
        System.out.printf(Locale.ROOT, "  PSTH variance share per epoch (train PSTH, noise included): %s%n",
            fmt(meanVar, "%.3f"));
        System.out.printf(Locale.ROOT, "  signal variance share per epoch (train x validation PSTH): %s%n",
            fmt(meanSignal, "%.3f"));
        System.out.printf(Locale.ROOT, "  left-right selectivity share per epoch (train x validation differences, "
            + "%d units): %s%n", nSelect, fmt(meanSelect, "%.3f"));
        for (int k = 0; k < windows.length; k++) {
          System.out.printf(Locale.ROOT, "  window %s..%s ms keeps %.3f of the signal variance (about the full "
              + "window's mean); ceiling (train vs test) inside it %.3f%n", windows[k][0], windows[k][1], meanKeep[k],
              meanCeilWin[k]);
        }
        ceilingHistogram(out, ts, f1, train, test);
      }
      behaviour(s, setup.data.conditionLabels(), edges, cols, out);
    }
    psthLossFloor(setup);
  }

  /**
   * What the training PSTH loss (condition set "all") is for held-out data trials used as the model
   * (the floor a perfect model reaches with that many trials) and for a flat PSTH at each unit's mean.
   */
  private static void psthLossFloor(FitSetup setup) {
    NetworkLayout layout = setup.layout;
    int n = layout.nUnits();
    int steps = setup.model.steps();
    PsthLoss psth = PsthLoss.create(setup.unitLayout, setup.trainSplit.trials, setup.trainSplit.conditions, setup.f1);
    FitData.Session s = setup.data.sessions().get(0);
    TrialSet ts = s.trials();
    int[] val = s.split().validation();
    int[] test = s.split().test();
    int[] both = new int[val.length + test.length];
    System.arraycopy(val, 0, both, 0, val.length);
    System.arraycopy(test, 0, both, val.length, test.length);
    for (int[] trials : new int[][] {val, both}) {
      int k = trials.length;
      float[] z = new float[steps * k * n];
      for (int i = 0; i < n; i++) {
        if (layout.isHidden(i)) {
          continue;
        }
        for (int t = 0; t < steps; t++) {
          for (int b = 0; b < k; b++) {
            z[(t * k + b) * n + i] = ts.count(t, trials[b], layout.recordedIndex(i));
          }
        }
      }
      double v = psth.evaluate(0, ModelTrials.wrap(z, null, steps, k, n), null);
      System.out.printf(Locale.ROOT, "PSTH loss (training target, set 'all') of %d held-out data trials as the model: "
          + "%.3f%n", k, v);
    }
    float[] flat = new float[steps * n];
    for (int i = 0; i < n; i++) {
      if (!layout.isHidden(i)) {
        float r = (float) (rateHz(ts, s.split().train(), layout.recordedIndex(i)) * setup.model.dtMs() / 1000.0);
        for (int t = 0; t < steps; t++) {
          flat[t * n + i] = r;
        }
      }
    }
    System.out.printf(Locale.ROOT, "PSTH loss of a flat PSTH at each unit's training mean: %.3f%n",
        psth.evaluate(0, ModelTrials.wrap(flat, null, steps, 1, n), null));
  }

  private static String[] epochNames(List<String> cols) {
    String[] n = new String[cols.size() + 1];
    n[0] = "before_" + cols.get(0);
    for (int e = 1; e < cols.size(); e++) {
      n[e] = cols.get(e - 1) + "_to_" + cols.get(e);
    }
    n[cols.size()] = "after_" + cols.get(cols.size() - 1);
    return n;
  }

  /** The event columns as stored, the loader's relative times and the model's burst steps. */
  private static void events(FitSetup setup, FitData.Session s, Path out) throws IOException {
    RsnnConfig m = setup.model;
    TrialSet ts = s.trials();
    List<String> cols = setup.cfg.data().eventColumns();
    IntervalTable table = s.recording().contents().interval(setup.cfg.data().intervalTable()).orElseThrow();
    NumericColumn start = table.numeric("start_time").orElseThrow();
    String align = setup.cfg.data().alignColumn();
    NumericColumn alignCol = table.numeric(align).orElseThrow();
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("events.tsv")))) {
      StringBuilder h = new StringBuilder("trial\trow\tcondition\toutcome\tstart_time_s\t" + align + "_stored_s"
          + "\talign_abs_s");
      for (String c : cols) {
        h.append('\t').append(c).append("_stored_s\t").append(c).append("_rel_ms\t").append(c)
            .append("_onset_step\t").append(c).append("_burst_steps");
      }
      w.println(h);
      double[][] rel = new double[cols.size()][ts.trials()];
      for (int k = 0; k < ts.trials(); k++) {
        int row = ts.row(k);
        StringBuilder r = new StringBuilder(String.format(Locale.ROOT, "%d\t%d\t%s\t%s\t%.4f\t%.4f\t%.4f", k, row,
            ts.condition(k), ts.outcome(k), start.get(row), alignCol.get(row), ts.alignS(k)));
        for (int e = 0; e < cols.size(); e++) {
          double stored = table.numeric(cols.get(e)).orElseThrow().get(row);
          double ms = s.eventsMs[e][k];
          rel[e][k] = ms;
          int on = m.onsetStep(ms);
          int b0 = on + m.thalamicDelaySteps();
          r.append(String.format(Locale.ROOT, "\t%.4f\t%.1f\t%d\t%d-%d", stored, ms, on, b0,
              b0 + m.stimDurationSteps(0) - 1));
        }
        w.println(r);
        if (k < 4) {
          System.out.println(h.toString().replace('\t', ' '));
          System.out.println(r.toString().replace('\t', ' '));
        }
      }
      for (int e = 0; e < cols.size(); e++) {
        double[] v = rel[e].clone();
        Arrays.sort(v);
        System.out.printf(Locale.ROOT, "%s relative to %s: min %.1f, median %.1f, max %.1f ms (window %.0f..%.0f ms)%n",
            cols.get(e), align, v[0], v[v.length / 2], v[v.length - 1], m.windowStartMs(),
            m.windowStartMs() + m.steps() * m.dtMs());
      }
      double maxErr = 0;
      for (int k = 0; k < ts.trials(); k++) {
        int row = ts.row(k);
        maxErr = Math.max(maxErr, Math.abs(start.get(row) + alignCol.get(row) - ts.alignS(k)));
      }
      System.out.printf(Locale.ROOT, "max |start_time + %s (stored) - alignment used| = %.2e s (0: read as relative "
          + "to start_time)%n", align, maxErr);
    }
  }

  /** Behaviour per condition: raw rate and z-scored value, mean per epoch, peak and its time. */
  private static void behaviour(FitData.Session s, List<String> labels, double[] edges, List<String> cols, Path out)
      throws IOException {
    TrialSet ts = s.trials();
    if (!ts.hasBehaviour()) {
      return;
    }
    int[] train = s.split().train();
    double[] tms = binTimesMs(ts);
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("behaviour_data.tsv")))) {
      w.println("channel\tcondition\toutcome\ttime_ms\trate_hz\tz");
      for (int c = 0; c < ts.behaviourChannels(); c++) {
        System.out.printf(Locale.ROOT, "behaviour channel %d %s: normalisation mean %.3f Hz, scale %.3f Hz%n", c,
            ts.behaviourLabels().get(c), s.behaviourMean(c), s.behaviourScale(c));
        for (String lab : labels) {
          for (String outc : new String[] {"correct", "incorrect", null}) {
            int[] k = only(ts, train, lab);
            if (outc != null) {
              k = Arrays.stream(k).filter(x -> ts.outcome(x).equals(outc)).toArray();
            }
            if (k.length == 0) {
              continue;
            }
            double[] mean = new double[ts.bins()];
            for (int t = 0; t < ts.bins(); t++) {
              for (int x : k) {
                mean[t] += ts.behaviour(t, x, c) / k.length;
              }
            }
            double[] ep = new double[edges.length + 1];
            int[] n = new int[edges.length + 1];
            int peak = 0;
            for (int t = 0; t < ts.bins(); t++) {
              int e = epoch(tms[t], edges);
              ep[e] += mean[t];
              n[e]++;
              peak = mean[t] > mean[peak] ? t : peak;
              if (t % 5 == 0 && outc == null) {
                w.printf(Locale.ROOT, "%d\t%s\tall\t%.1f\t%.4f\t%.4f%n", c, lab, tms[t], mean[t],
                    (mean[t] - s.behaviourMean(c)) / s.behaviourScale(c));
              }
            }
            for (int e = 0; e < ep.length; e++) {
              ep[e] /= Math.max(1, n[e]);
            }
            System.out.printf(Locale.ROOT, "  condition %s, %s (%d train trials): mean rate per epoch %s Hz; peak of "
                + "the trial mean %.2f Hz (z %.2f) at %.0f ms%n", lab, outc == null ? "all" : outc, k.length,
                fmt(ep, "%.2f"), mean[peak], (mean[peak] - s.behaviourMean(c)) / s.behaviourScale(c), tms[peak]);
          }
        }
      }
    }
  }

  private static void ceilingHistogram(Path out, TrialSet ts, BoxFilter f1, int[] train, int[] test)
      throws IOException {
    // rate vs ceiling scatter, for the figure
    List<Double> rate = new ArrayList<>();
    List<Double> ceil = new ArrayList<>();
    for (int u = 0; u < ts.units(); u++) {
      rate.add(rateHz(ts, train, u));
      ceil.add(nz(pearson(f1Psth(ts, f1, train, u), f1Psth(ts, f1, test, u))));
    }
    XYChart c = new XYChartBuilder().width(800).height(500).title("ALM units: rate and train-vs-test PSTH ceiling")
        .xAxisTitle("rate on training trials (Hz)").yAxisTitle("ceiling r (train vs test PSTH)").build();
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    c.addSeries("units", rate, ceil);
    Files.write(out.resolve("units_rate_ceiling.png"), ChartRenderer.png(c));
  }

  // ----------------------------------------------------------------------------------------- model

  private static void model(FitConfig cfg, Path out, Path run) throws IOException {
    FitSetup setup = new FitSetup(cfg, FitData.load(cfg.data()));
    Parameters init = initialParameters(setup);
    Parameters params = init;
    String which = "initial parameters";
    String label = which;
    if (run != null) {
      try (Fit fit = Fit.load(RunDirectory.at(run))) {
        params = fit.parameters().copy();
        which = "run " + run + " (checkpoint step " + fit.step() + ")";
        label = "checkpoint step " + fit.step();
      }
    }
    RsnnConfig m = setup.model;
    NetworkLayout layout = setup.layout;
    System.out.printf(Locale.ROOT, "window %d steps of %.1f ms from %.0f ms; %d units; %s%n", m.steps(), m.dtMs(),
        m.windowStartMs(), layout.nUnits(), which);
    try (ModelTrialSampler sampler = new ModelTrialSampler(setup, params);
        Backward bw = new Backward(m, layout, sampler.batch(), setup.cfg.train().threads())) {
      long draw = Long.getLong("probe.draw", 1L);
      ModelTrials mt = sampler.sample(setup.trainSplit, 0, draw);
      Trace tr = sampler.trace();
      inputs(setup, params, tr, out);
      double[] initRate = null;
      if (run != null) {
        try (ModelTrialSampler s0 = new ModelTrialSampler(setup, init)) {
          s0.sample(setup.trainSplit, 0, draw);
          initRate = unitRates(s0.trace(), m);
        }
      }
      populationFigure(setup, mt, out.resolve("population.png"), label);
      double[] sc = valScores(setup, mt);
      System.out.printf(Locale.ROOT, "this training batch: PSTH r against the validation data %.3f, model split-half PSTH "
          + "r %.3f (time-locked structure of the model itself)%n", sc[0], sc[2]);
      selectivity(setup, mt, tr);
      System.out.printf(Locale.ROOT, "side index of the behaviour after the cue (left-trial minus right-trial mean of "
          + "channel 0 - channel 1): model readout %.3f, data (validation, z) %.3f%n", sideIndex(setup, mt, tr),
          sideIndex(setup, null, null));
      gradients(setup, params, init, initRate, mt, tr, bw, out);
      readout(setup, mt, tr, out);
    }
  }

  /** The inputs of the batch: bursts, input current against the threshold distance, responses. */
  private static void inputs(FitSetup setup, Parameters p, Trace tr, Path out) throws IOException {
    RsnnConfig m = setup.model;
    NetworkLayout layout = setup.layout;
    int n = layout.nUnits();
    int nIn = m.nInputs();
    int per = m.stimInputsPerOnset();
    int onsets = tr.inputs().nOnsets();
    double p0 = m.inputRateHz() * m.dtMs() / 1000.0;
    System.out.printf(Locale.ROOT, "inputs: %d units (%d excitatory), background p = %.4f per step; %d per onset "
        + "block, burst %d steps starting %d steps after the event%n", nIn, layout.nExcInputs(), p0, per,
        m.stimDurationSteps(0), m.thalamicDelaySteps());
    for (int b = 0; b < Math.min(4, tr.batch()); b++) {
      StringBuilder sb = new StringBuilder();
      for (int l = 0; l < onsets; l++) {
        int on = tr.inputs().onsetStep(b, l);
        double g = l == 0 ? Math.log1p(tr.inputs().stimulus(b)) : Math.log(2.0);
        double pb = Math.min(1, p0 * (1 + m.stimValence() * g));
        int b0 = on + m.thalamicDelaySteps();
        int spikes = 0;
        for (int t = Math.max(0, b0); t < Math.min(tr.steps(), b0 + m.stimDurationSteps(0)); t++) {
          int[] idx = tr.inputIndices(b);
          for (int q = tr.inputStart(t, b); q < tr.inputStart(t, b) + tr.inputCount(t, b); q++) {
            spikes += idx[q] >= l * per && idx[q] < (l + 1) * per ? 1 : 0;
          }
        }
        sb.append(String.format(Locale.ROOT, " onset %d: event step %d (%.0f ms), burst steps %d-%d, p %.4f, "
            + "%d input spikes in its block (expected %.1f);", l, on, m.windowStartMs() + on * m.dtMs(), b0,
            b0 + m.stimDurationSteps(0) - 1, pb, spikes, pb * per * m.stimDurationSteps(0)));
      }
      System.out.printf(Locale.ROOT, "model trial %d, stimulus %.2f:%s%n", b, tr.inputs().stimulus(b), sb);
    }
    // input current per unit: I_t = 0.5 * sum_k sign_k W_in[k][i] e_k(t); in units of threshold - rest
    double thr = m.threshold() - m.restPotential();
    float[] win = p.input();
    int steps = tr.steps();
    int batch = tr.batch();
    double[] curMean = new double[steps];
    double[] curExcMean = new double[steps];
    double[] uMean = new double[steps];
    double[] rateMean = new double[steps];
    float[] z = new float[n];
    double[] cur = new double[n];
    int nE = layout.nExc();
    for (int b = 0; b < batch; b++) {
      int[] idx = tr.inputIndices(b);
      for (int t = 0; t < steps; t++) {
        Arrays.fill(cur, 0);
        for (int q = tr.inputStart(t, b); q < tr.inputStart(t, b) + tr.inputCount(t, b); q++) {
          int k = idx[q];
          double sg = 0.5 * layout.inputSign(k);
          for (int i = 0; i < n; i++) {
            cur[i] += sg * win[k * n + i];
          }
        }
        double s = 0;
        double se = 0;
        for (int i = 0; i < n; i++) {
          s += cur[i];
          se += i < nE ? cur[i] : 0;
        }
        curMean[t] += s / n / thr / batch;
        curExcMean[t] += se / nE / thr / batch;
        float[] u = tr.voltage(t);
        tr.spikes(t, b, z);
        double su = 0;
        double sz = 0;
        for (int i = 0; i < n; i++) {
          su += u[b * n + i];
          sz += z[i];
        }
        uMean[t] += (su / n - m.restPotential()) / thr / batch;
        rateMean[t] += sz / n / batch * 1000.0 / m.dtMs();
      }
    }
    // mean over trials of the first trial's onsets (the task's timing is nearly fixed)
    int win20 = (int) Math.round(20 / m.dtMs());
    int win50 = (int) Math.round(50 / m.dtMs());
    double base = mean(curMean);
    double baseE = mean(curExcMean);
    System.out.printf(Locale.ROOT, "mean input current over the window: %.4f (E units %.4f) of threshold - rest%n",
        base, baseE);
    for (int l = 0; l < onsets; l++) {
      int b0 = tr.inputs().onsetStep(0, l) + m.thalamicDelaySteps();
      double cb = 0;
      double cbe = 0;
      int k = 0;
      for (int t = Math.max(0, b0); t < Math.min(steps, b0 + m.stimDurationSteps(0)); t++) {
        cb += curMean[t];
        cbe += curExcMean[t];
        k++;
      }
      double uBefore = windowMean(uMean, b0 - win20, b0);
      double uAfter = windowMax(uMean, b0, b0 + win20);
      double rBefore = windowMean(rateMean, b0 - win50, b0);
      double rAfter = windowMean(rateMean, b0, b0 + win50);
      System.out.printf(Locale.ROOT, "onset %d (trial 0's burst at steps %d..): mean input current during the burst "
          + "%.4f (E units %.4f) of threshold - rest; mean voltage (rest = 0, threshold = 1) %.3f in the 20 ms "
          + "before, max %.3f in the 20 ms after; population rate %.2f Hz in the 50 ms before, %.2f Hz after%n", l, b0,
          k > 0 ? cb / k : Double.NaN, k > 0 ? cbe / k : Double.NaN, uBefore, uAfter, rBefore, rAfter);
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("inputs_timecourse.tsv")))) {
      w.println("step\ttime_ms\tinput_current\tinput_current_exc\tvoltage\trate_hz");
      for (int t = 0; t < steps; t++) {
        w.printf(Locale.ROOT, "%d\t%.1f\t%.5f\t%.5f\t%.4f\t%.3f%n", t, m.windowStartMs() + t * m.dtMs(), curMean[t],
            curExcMean[t], uMean[t], rateMean[t]);
      }
    }
  }

  /** Mean over recorded units of the F1 PSTH (Hz): training data against the model batch, with the events. */
  private static void populationFigure(FitSetup setup, ModelTrials mt, Path png, String which) throws IOException {
    NetworkLayout layout = setup.layout;
    FitData.Session s = setup.data.sessions().get(0);
    TrialSet ts = s.trials();
    int steps = mt.steps();
    int batch = mt.trials();
    int n = layout.nUnits();
    double[] times = setup.f1.times(binTimesMs(ts));
    double[] data = new double[times.length];
    double[] model = new double[times.length];
    double hz = 1000.0 / setup.model.dtMs();
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (layout.isHidden(i)) {
        continue;
      }
      double[] d = f1Psth(ts, setup.f1, s.split().train(), layout.recordedIndex(i));
      double[] raw = new double[steps];
      for (int t = 0; t < steps; t++) {
        for (int b = 0; b < batch; b++) {
          raw[t] += mt.spikes()[(t * batch + b) * n + i] / batch;
        }
      }
      double[] f = setup.f1.apply(raw, steps, 1);
      for (int j = 0; j < times.length; j++) {
        data[j] += d[j] * hz;
        model[j] += f[j] * hz;
      }
      k++;
    }
    for (int j = 0; j < times.length; j++) {
      data[j] /= k;
      model[j] /= k;
    }
    XYChart c = new XYChartBuilder().width(800).height(500).title("Mean PSTH of the " + k + " recorded units; model: "
        + which).xAxisTitle("time from the go cue (ms)").yAxisTitle("rate (Hz)").build();
    c.getStyler().setMarkerSize(0);
    c.addSeries("data (training trials)", times, data);
    c.addSeries("model (" + batch + " trials)", times, model);
    double top = Math.max(max(data), max(model));
    for (double e : medianEdges(s.eventsMs)) {
      c.addSeries("event " + Math.round(e) + " ms", new double[] {e, e}, new double[] {0, top});
    }
    Files.write(png, ChartRenderer.png(c));
  }

  /**
   * Left-right selectivity per epoch: per recorded unit the rate difference (first minus second
   * condition, Hz) of the model batch and of the training data; the mean absolute difference and the
   * correlation of the two over units.
   */
  private static void selectivity(FitSetup setup, ModelTrials mt, Trace tr) {
    List<String> labels = setup.data.conditionLabels();
    if (labels.size() != 2) {
      return;
    }
    NetworkLayout layout = setup.layout;
    FitData.Session s = setup.data.sessions().get(0);
    TrialSet ts = s.trials();
    double[] edges = medianEdges(s.eventsMs);
    double[] tms = binTimesMs(ts);
    int ne = edges.length + 1;
    int n = layout.nUnits();
    int steps = mt.steps();
    int batch = mt.trials();
    double hz = 1000.0 / setup.model.dtMs();
    int[] a = only(ts, s.split().train(), labels.get(0));
    int[] b = only(ts, s.split().train(), labels.get(1));
    List<double[]> dm = new ArrayList<>();
    List<double[]> dd = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (layout.isHidden(i)) {
        continue;
      }
      int u = layout.recordedIndex(i);
      double[] m = new double[ne];
      double[] d = new double[ne];
      double[][] cm = new double[2][ne];
      int[][] km = new int[2][ne];
      for (int bb = 0; bb < batch; bb++) {
        int c = setup.data.stimulus(labels.get(0)) == tr.inputs().stimulus(bb) ? 0 : 1;
        for (int t = 0; t < steps; t++) {
          int e = epoch(tms[t], edges);
          cm[c][e] += mt.spikes()[(t * batch + bb) * n + i];
          km[c][e]++;
        }
      }
      double[][] cd = new double[2][ne];
      int[][] kd = new int[2][ne];
      int[][] sets = {a, b};
      for (int c = 0; c < 2; c++) {
        for (int k : sets[c]) {
          for (int t = 0; t < ts.bins(); t++) {
            int e = epoch(tms[t], edges);
            cd[c][e] += ts.count(t, k, u);
            kd[c][e]++;
          }
        }
      }
      for (int e = 0; e < ne; e++) {
        m[e] = hz * (cm[0][e] / Math.max(1, km[0][e]) - cm[1][e] / Math.max(1, km[1][e]));
        d[e] = hz * (cd[0][e] / Math.max(1, kd[0][e]) - cd[1][e] / Math.max(1, kd[1][e]));
      }
      dm.add(m);
      dd.add(d);
    }
    StringBuilder sb = new StringBuilder();
    for (int e = 0; e < ne; e++) {
      final int ee = e;
      double[] x = dm.stream().mapToDouble(v -> v[ee]).toArray();
      double[] y = dd.stream().mapToDouble(v -> v[ee]).toArray();
      sb.append(String.format(Locale.ROOT, " epoch %d: model %.2f Hz, data %.2f Hz, r %.2f;", e,
          Arrays.stream(x).map(Math::abs).average().orElse(Double.NaN),
          Arrays.stream(y).map(Math::abs).average().orElse(Double.NaN), pearson(x, y)));
    }
    System.out.printf(Locale.ROOT, "left-right selectivity (%s minus %s), mean |rate difference| over recorded units "
        + "and its correlation model vs data (training trials):%s%n", labels.get(0), labels.get(1), sb);
  }

  /** The parameters a fit of this setup starts from: the initialisation, then the rate calibration. */
  private static Parameters initialParameters(FitSetup setup) {
    Parameters p = Parameters.initialise(setup.layout, setup.model, setup.streams);
    try (ModelTrialSampler sampler = new ModelTrialSampler(setup, p)) {
      RateCalibration.run(setup, p, sampler, setup.cfg.train().rateCalibration());
    }
    return p;
  }

  private static double[] unitRates(Trace tr, RsnnConfig m) {
    int n = tr.nUnits();
    double[] rate = new double[n];
    float[] z = new float[n];
    for (int t = 0; t < tr.steps(); t++) {
      for (int b = 0; b < tr.batch(); b++) {
        tr.spikes(t, b, z);
        for (int i = 0; i < n; i++) {
          rate[i] += z[i];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      rate[i] *= 1000.0 / m.dtMs() / ((double) tr.steps() * tr.batch());
    }
    return rate;
  }

  /**
   * Per recorded unit: rates, distance to threshold, pseudo-derivative, the PSTH gradient on its
   * spikes and each term's gradient on its rest; per parameter tensor: both terms' gradient norms.
   */
  private static void gradients(FitSetup setup, Parameters p, Parameters init, double[] initRate, ModelTrials mt,
      Trace tr, Backward bw, Path out) throws IOException {
    RsnnConfig m = setup.model;
    NetworkLayout layout = setup.layout;
    int steps = m.steps();
    int batch = tr.batch();
    int n = layout.nUnits();
    int nc = m.behaviourChannels();
    Split sp = setup.trainSplit;
    PsthLoss psth = PsthLoss.create(setup.unitLayout, sp.trials, sp.conditions, setup.f1);
    TrialFeatures feats = TrialFeatures.create(setup.unitLayout, sp.trials, sp.conditions, setup.f1,
        BoxFilter.resample(setup.cfg.loss().resample()), setup.featureOptions);
    SinkhornOptions r = SinkhornOptions.reference();
    TrialMatchingLoss tm = TrialMatchingLoss.create(feats, MatchingMethod.SINKHORN_ANNEALED,
        new SinkhornOptions(setup.cfg.loss().epsilon(), setup.cfg.loss().scaling(), r.tolerance(), r.maxIterations()));
    // the combined gradient as the trainer forms it (fresh normaliser: first step)
    LossConfig lc = setup.cfg.loss();
    TotalLoss total = TotalLoss.create(psth, tm, new LossWeights(lc.psthWeight(), lc.trialWeight(),
        lc.trialToPsthRatio()), n, nc, lc.gradientNormalisation() ? new GradientNormalizer(2,
        GradientNormalizer.REFERENCE_BETA) : null);
    SpikeGradient gP = total.newGradient(steps, batch);
    SpikeGradient gT = total.newGradient(steps, batch);
    SpikeGradient gC = total.newGradient(steps, batch);
    double vP = psth.evaluate(0, mt, gP);
    double vT = tm.evaluate(0, mt, new SplittableRandom(3), gT);
    LossValues lv = total.evaluate(0, mt, new SplittableRandom(3), gC);
    double nP = Math.sqrt(gP.dot(gP));
    double nT = Math.sqrt(gT.dot(gT));
    System.out.printf(Locale.ROOT, "loss: psth %.4g, trial matching %.4g (weighted total %.4g); spike-space gradient "
        + "norms: psth %.4g, trial matching %.4g, cosine %.3f%n", vP, vT, lv.total(), nP, nT, gP.dot(gT) / (nP * nT));
    double jawT = 0;
    for (double v : gT.toDenseJaw()) {
      jawT += v * v;
    }
    System.out.printf(Locale.ROOT, "trial-matching gradient: %.3f of its squared norm on the readout (jaw), %.3f on the "
        + "spikes%n", jawT / (nT * nT), 1 - jawT / (nT * nT));
    Parameters gradP = backprop(bw, p, tr, gP, layout, m);
    Parameters gradT = backprop(bw, p, tr, gT, layout, m);
    Parameters gradC = backprop(bw, p, tr, gC, layout, m);
    // the normaliser divides each term by its RMS sqrt(|g|^2 / T); at the first step exactly unit RMS
    double rmsP = nP / Math.sqrt(steps);
    double rmsT = nT / Math.sqrt(steps);
    double wP = lc.gradientNormalisation() ? total.weights().normalisedPsth() / rmsP : lc.psthWeight();
    double wT = lc.gradientNormalisation() ? total.weights().normalisedTrial() / rmsT : lc.trialWeight();
    List<NamedTensor> tp = NamedTensor.of(gradP);
    List<NamedTensor> tt = NamedTensor.of(gradT);
    List<NamedTensor> tc = NamedTensor.of(gradC);
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("gradient_balance.tsv")))) {
      w.println("tensor\tentries\tnorm_psth_raw\tnorm_tm_raw\tnorm_psth_weighted\tnorm_tm_weighted\tcosine"
          + "\tnorm_combined\tsign_agree_psth\tsign_agree_tm");
      System.out.println("tensor  entries  |g_psth| raw  |g_tm| raw  |g_psth| as combined  |g_tm| as combined  "
          + "cosine  |combined|  sign(combined)=sign(psth)  =sign(tm)");
      for (int k = 0; k < tp.size(); k++) {
        float[] a = tp.get(k).values();
        float[] bb = tt.get(k).values();
        float[] cc = tc.get(k).values();
        if (a.length == 0) {
          continue;
        }
        double na = norm(a);
        double nb = norm(bb);
        double dot = 0;
        int agreeP = 0;
        int agreeT = 0;
        int nonzero = 0;
        for (int i = 0; i < a.length; i++) {
          dot += (double) a[i] * bb[i];
          if (cc[i] != 0) {
            nonzero++;
            agreeP += Math.signum(cc[i]) == Math.signum(a[i]) ? 1 : 0;
            agreeT += Math.signum(cc[i]) == Math.signum(bb[i]) ? 1 : 0;
          }
        }
        String line = String.format(Locale.ROOT, "%s\t%d\t%.4g\t%.4g\t%.4g\t%.4g\t%.3f\t%.4g\t%.3f\t%.3f",
            tp.get(k).name(), a.length, na, nb, na * wP, nb * wT, dot / (na * nb), norm(cc),
            (double) agreeP / Math.max(1, nonzero), (double) agreeT / Math.max(1, nonzero));
        w.println(line);
        System.out.println(line.replace('\t', ' '));
      }
    }
    // per recorded unit
    double[] rate = new double[n];
    double[] psi = new double[n];
    double[] hMean = new double[n];
    double[] gz = new double[n];
    double[] gzPsi = new double[n];
    float[] z = new float[n];
    float[] gbuf = new float[batch * n];
    for (int t = 0; t < steps; t++) {
      float[] u = tr.voltage(t);
      Arrays.fill(gbuf, 0f);
      gP.addStepInto(t, gbuf);
      for (int b = 0; b < batch; b++) {
        tr.spikes(t, b, z);
        for (int i = 0; i < n; i++) {
          rate[i] += z[i];
          double h = (u[b * n + i] - m.threshold()) / (m.threshold() - m.restPotential());
          hMean[i] += h;
          double ps = tr.isRefractory(t, b, i) ? 0
              : PseudoDerivative.bernoulli(h, m.temperature(), m.dtMs(), m.surrogateDampening());
          psi[i] += ps;
          gz[i] += Math.abs(gbuf[b * n + i]);
          gzPsi[i] += Math.abs(gbuf[b * n + i]) * ps;
        }
      }
    }
    double norm = (double) steps * batch;
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("units_model.tsv")))) {
      w.println("model_unit\trecorded\tdata_rate_hz\tmodel_rate_hz\tinit_rate_hz\tmean_h\tmean_psi\tsum_abs_dLpsth_dz"
          + "\tsum_abs_dLpsth_dz_times_psi\tdLpsth_drest\tdLtm_drest\tdL_drest_combined\trest\trest_init");
      int[] cnt = new int[2];
      double[][] acc = new double[2][6];
      for (int i = 0; i < n; i++) {
        if (layout.isHidden(i)) {
          continue;
        }
        FitData.Session s = setup.data.sessions().get(setup.data.sessionIndex(layout.session(i)));
        double dataHz = rateHz(s.trials(), s.split().train(), layout.recordedIndex(i));
        double hz = rate[i] / norm * 1000.0 / m.dtMs();
        w.printf(Locale.ROOT, "%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3e\t%.3e\t%.3e\t%.3e\t%.3e\t%.3e\t%.4f\t%.4f%n", i,
            layout.recordedIndex(i), dataHz, hz, initRate == null ? hz : initRate[i], hMean[i] / norm, psi[i] / norm,
            gz[i], gzPsi[i], gradP.rest()[i], gradT.rest()[i], gradC.rest()[i], p.rest()[i], init.rest()[i]);
        // groups: 0 = data > 1 Hz but model < 0.5 Hz ("silent"), 1 = model >= 0.5 Hz ("active")
        int g = hz < 0.5 ? (dataHz > 1 ? 0 : -1) : 1;
        if (g >= 0) {
          cnt[g]++;
          acc[g][0] += hMean[i] / norm;
          acc[g][1] += psi[i] / norm;
          acc[g][2] += gz[i];
          acc[g][3] += gzPsi[i];
          acc[g][4] += Math.abs(gradC.rest()[i]);
          acc[g][5] += p.rest()[i] - init.rest()[i];
        }
      }
      String[] names = {"silent (model < 0.5 Hz, data > 1 Hz)", "active (model >= 0.5 Hz)"};
      for (int g = 0; g < 2; g++) {
        double c = Math.max(1, cnt[g]);
        System.out.printf(Locale.ROOT, "%s: %d recorded units; mean h %.3f, mean psi %.3e, sum|dLpsth/dz| %.3e, "
            + "sum|dLpsth/dz|*psi %.3e, |dL/drest| (combined) %.3e, rest - initial rest %.4f%n", names[g], cnt[g],
            acc[g][0] / c, acc[g][1] / c, acc[g][2] / c, acc[g][3] / c, acc[g][4] / c, acc[g][5] / c);
      }
      int silentModel = 0;
      int silentRec = 0;
      for (int i = 0; i < n; i++) {
        double hz = rate[i] / norm * 1000.0 / m.dtMs();
        silentModel += hz < 0.5 ? 1 : 0;
        silentRec += hz < 0.5 && !layout.isHidden(i) ? 1 : 0;
      }
      System.out.printf(Locale.ROOT, "model units below 0.5 Hz: %d of %d (%d of them recorded); mean rate %.2f Hz%n",
          silentModel, n, silentRec, tr.meanRateHz());
    }
  }

  private static Parameters backprop(Backward bw, Parameters p, Trace tr, SpikeGradient g, NetworkLayout layout,
      RsnnConfig m) {
    int steps = tr.steps();
    int batch = tr.batch();
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
    return grad;
  }

  /** The readout against the data's behaviour, per channel and condition; the feature blocks' spread. */
  private static void readout(FitSetup setup, ModelTrials mt, Trace tr, Path out) throws IOException {
    if (!setup.data.hasBehaviour() || mt.jaw() == null) {
      return;
    }
    RsnnConfig m = setup.model;
    FitData.Session s = setup.data.sessions().get(0);
    TrialSet ts = s.trials();
    int nc = m.behaviourChannels();
    int steps = m.steps();
    int batch = tr.batch();
    List<String> labels = setup.data.conditionLabels();
    double[] tms = binTimesMs(ts);
    double[] edges = medianEdges(s.eventsMs);
    // the model's conditions follow from the stimulus values
    String[] cond = new String[batch];
    for (int b = 0; b < batch; b++) {
      for (String l : labels) {
        if (setup.data.stimulus(l) == tr.inputs().stimulus(b)) {
          cond[b] = l;
        }
      }
    }
    XYChart chart = new XYChartBuilder().width(800).height(500).title("Lick rates (z-scored, training trial means) "
        + "and the model's readout").xAxisTitle("time from the go cue (ms)").yAxisTitle("z-scored rate / readout")
        .build();
    chart.getStyler().setMarkerSize(0);
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("behaviour_model.tsv")))) {
      w.println("channel\tcondition\ttime_ms\tdata_z\tmodel");
      for (int c = 0; c < nc; c++) {
        for (String lab : labels) {
          int[] k = only(ts, s.split().train(), lab);
          double[] d = new double[steps];
          double[] md = new double[steps];
          int nb = 0;
          for (int t = 0; t < steps; t++) {
            for (int x : k) {
              d[t] += s.normalisedBehaviour(t, x, c) / k.length;
            }
          }
          for (int b = 0; b < batch; b++) {
            if (lab.equals(cond[b])) {
              nb++;
              for (int t = 0; t < steps; t++) {
                md[t] += tr.jaw(t, b, c);
              }
            }
          }
          for (int t = 0; t < steps; t++) {
            md[t] /= Math.max(1, nb);
            if (t % 5 == 0) {
              w.printf(Locale.ROOT, "%d\t%s\t%.1f\t%.4f\t%.4f%n", c, lab, tms[t], d[t], md[t]);
            }
          }
          double[] tsub = new double[steps / 5];
          double[] dsub = new double[steps / 5];
          double[] msub = new double[steps / 5];
          for (int j = 0; j < tsub.length; j++) {
            tsub[j] = tms[j * 5];
            dsub[j] = d[j * 5];
            msub[j] = md[j * 5];
          }
          chart.addSeries("data z, " + ts.behaviourLabels().get(c).replaceAll(".*/", "") + ", " + lab, tsub, dsub);
          chart.addSeries("model readout " + c + ", " + lab, tsub, msub);
          double[] de = epochMeans(d, tms, edges);
          double[] me = epochMeans(md, tms, edges);
          System.out.printf(Locale.ROOT, "readout channel %d, condition %s (%d model trials): data z per epoch %s, "
              + "range %.2f..%.2f; model per epoch %s, range %.3f..%.3f; r(time course) %.3f%n", c, lab, nb,
              fmt(de, "%.2f"), min(d), max(d), fmt(me, "%.3f"), min(md), max(md), pearson(d, md));
        }
      }
    }
    Files.write(out.resolve("readout.png"), ChartRenderer.png(chart));
    // spread of each feature block: sum over its bins of the across-trial variance (data, condition set 0)
    SinkhornOptions r = SinkhornOptions.reference();
    Split sp = setup.trainSplit;
    TrialFeatures feats = TrialFeatures.create(setup.unitLayout, sp.trials, sp.conditions, setup.f1,
        BoxFilter.resample(setup.cfg.loss().resample()), setup.featureOptions);
    feats.computeModel(0, mt);
    for (int e = 0; e < feats.sessions(); e++) {
      int dim = feats.dimension(e);
      int bins = feats.binsPerBlock();
      int blocks = dim / bins;
      double[] x = feats.dataFeatures(0, e);
      double[] y = feats.modelFeatures(e);
      double[] vx = blockSpread(x, feats.dataTrials(0, e), dim, bins);
      double[] vy = blockSpread(y, batch, dim, bins);
      double tx = Arrays.stream(vx).sum();
      double ty = Arrays.stream(vy).sum();
      StringBuilder sb = new StringBuilder();
      for (int bl = 0; bl < blocks; bl++) {
        sb.append(String.format(Locale.ROOT, " block %d: data %.1f (%.2f of the spread), model %.2f (%.2f);", bl,
            vx[bl], vx[bl] / tx, vy[bl], vy[bl] / ty));
      }
      System.out.printf(Locale.ROOT, "trial features of %s: %d blocks of %d bins (areas, then behaviour channels); "
          + "across-trial variance summed over bins:%s%n", feats.sessionName(e), blocks, bins, sb);
    }
  }

  private static double[] blockSpread(double[] f, int trials, int dim, int bins) {
    int blocks = dim / bins;
    double[] v = new double[blocks];
    for (int j = 0; j < dim; j++) {
      double s = 0;
      double ss = 0;
      for (int k = 0; k < trials; k++) {
        s += f[k * dim + j];
        ss += f[k * dim + j] * f[k * dim + j];
      }
      double mu = s / trials;
      v[j / bins] += trials > 1 ? (ss - trials * mu * mu) / (trials - 1) : 0;
    }
    return v;
  }

  // ----------------------------------------------------------------------------------------- curve

  private static void curve(FitConfig cfg, Path out) throws IOException {
    FitSetup setup = new FitSetup(cfg, FitData.load(cfg.data()));
    RunDirectory run = RunDirectory.at(out.resolve("run"));
    var manifest = run.begin(cfg, "development", List.of("FitProbe", "curve"));
    run.resetMetrics(-1);
    Parameters params = initialParameters(setup);
    RsnnConfig m = setup.model;
    Split val = setup.valSplit;
    List<double[]> rows = new ArrayList<>();
    try (ModelTrialSampler sampler = new ModelTrialSampler(setup, params);
        ModelTrialSampler probe = new ModelTrialSampler(setup, params);
        Trainer trainer = new Trainer(setup, params, sampler);
        PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("curve.tsv")))) {
      w.println("step\tseconds\tval_loss\ttm_distance\tval_t_neuron\tval_ceiling\tsilent_recorded\tmean_rate_hz"
          + "\treadout_max\ttrain_loss_mean\tmodel_split_half_r\treadout_side_index\tdata_side_index");
      long t0 = System.nanoTime();
      double ceiling = valCeiling(setup);
      double dataSide = sideIndex(setup, null, null);
      double[] trainLoss = new double[2];
      TrainingListener l = new TrainingListener() {
        @Override
        public void onStep(long step, long totalSteps, double loss, double lossPsth, double lossTm, double rateHz) {
          trainLoss[0] += loss;
          trainLoss[1]++;
        }

        @Override
        public void onValidation(long step, double valLoss, double tmDistance, boolean best) {
          // the same draw as the trainer's validation: the same model trials
          ModelTrials mt = probe.sample(val, 0, Trainer.VALIDATION_DRAW + step);
          double[] sc = valScores(setup, mt);
          double side = sideIndex(setup, mt, probe.trace());
          double readMax = mt.jaw() == null ? Double.NaN : max(toDouble(mt.jaw()));
          double sec = (System.nanoTime() - t0) / 1e9;
          double[] row = {step, sec, valLoss, tmDistance, sc[0], ceiling, sc[1], probe.trace().meanRateHz(), readMax,
              trainLoss[0] / Math.max(1, trainLoss[1]), sc[2]};
          trainLoss[0] = 0;
          trainLoss[1] = 0;
          rows.add(row);
          w.printf(Locale.ROOT, "%d\t%.1f\t%.4g\t%.4g\t%.4f\t%.4f\t%d\t%.3f\t%.3f\t%.4g\t%.4f\t%.4f\t%.4f%n", step,
              sec, valLoss, tmDistance, sc[0], ceiling, (int) sc[1], row[7], readMax, row[9], sc[2], side, dataSide);
          w.flush();
          System.out.printf(Locale.ROOT, "step %d (%.0f s): val loss %.4g, tm %.4g, val t_neuron %.3f (ceiling %.3f), "
              + "model split-half r %.3f, %d silent recorded units, %.2f Hz, readout max %.2f, side index %.3f (data "
              + "%.3f)%n", step, sec, valLoss, tmDistance, sc[0], ceiling, sc[2], (int) sc[1], row[7], readMax, side,
              dataSide);
        }
      };
      StopReason why = trainer.run(run, l);
      run.finish(manifest);
      System.out.println(why.describe());
    }
    curveFigure(rows, out.resolve("curve.png"));
  }

  /**
   * Validation scores of a run's parameters with a fixed number of model trials (so that runs with
   * different {@code modelTrials} compare): the PSTH correlation against the validation data and the
   * readout's side index, from {@code trials} model trials drawn for the validation split.
   */
  private static void score(FitConfig cfg, Path run, int trials) throws IOException {
    FitSetup setup = new FitSetup(cfg, FitData.load(cfg.data()));
    NetworkLayout layout = setup.layout;
    int n = layout.nUnits();
    int steps = setup.model.steps();
    long step;
    Parameters params;
    try (Fit fit = Fit.load(RunDirectory.at(run))) {
      params = fit.parameters().copy();
      step = fit.step();
    }
    double[] sum = new double[steps * n];
    double side = 0;
    int batches = 0;
    int done = 0;
    try (ModelTrialSampler sampler = new ModelTrialSampler(setup, params)) {
      for (int c = 0; done < trials; c++) {
        ModelTrials mt = sampler.sample(setup.valSplit, 0, (5L << 40) + c);
        int b = mt.trials();
        for (int t = 0; t < steps; t++) {
          for (int k = 0; k < b; k++) {
            for (int i = 0; i < n; i++) {
              sum[t * n + i] += mt.spikes()[(t * b + k) * n + i];
            }
          }
        }
        side += sideIndex(setup, mt, sampler.trace());
        batches++;
        done += b;
      }
    }
    double r = 0;
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (layout.isHidden(i)) {
        continue;
      }
      FitData.Session s = setup.data.sessions().get(setup.data.sessionIndex(layout.session(i)));
      double[] d = f1Psth(s.trials(), setup.f1, s.split().validation(), layout.recordedIndex(i));
      double[] m = new double[steps];
      for (int t = 0; t < steps; t++) {
        m[t] = sum[t * n + i] / done;
      }
      r += nz(pearson(setup.f1.apply(m, steps, 1), d));
      k++;
    }
    System.out.printf(Locale.ROOT, "run %s, checkpoint step %d: %d validation model trials; PSTH r against the "
        + "validation data %.3f (ceiling train vs validation %.3f); readout side index %.3f (data %.3f)%n", run, step,
        done, r / k, valCeiling(setup), side / batches, sideIndex(setup, null, null));
  }

  /** Mean over recorded units of the Pearson r of F1 PSTHs, validation model vs validation data (flat = 0). */
  private static double[] valScores(FitSetup setup, ModelTrials mt) {
    NetworkLayout layout = setup.layout;
    int steps = mt.steps();
    int batch = mt.trials();
    int n = layout.nUnits();
    double sum = 0;
    int k = 0;
    int silent = 0;
    double half = 0;
    for (int i = 0; i < n; i++) {
      if (layout.isHidden(i)) {
        continue;
      }
      FitData.Session s = setup.data.sessions().get(setup.data.sessionIndex(layout.session(i)));
      double[] d = f1Psth(s.trials(), setup.f1, s.split().validation(), layout.recordedIndex(i));
      double[] raw = new double[steps];
      double[] even = new double[steps];
      double[] odd = new double[steps];
      double tot = 0;
      for (int t = 0; t < steps; t++) {
        for (int b = 0; b < batch; b++) {
          float z = mt.spikes()[(t * batch + b) * n + i];
          raw[t] += z / batch;
          if (b % 2 == 0) {
            even[t] += z;
          } else {
            odd[t] += z;
          }
        }
        tot += raw[t];
      }
      silent += tot / steps * 1000.0 / setup.model.dtMs() < 0.5 ? 1 : 0;
      sum += nz(pearson(setup.f1.apply(raw, steps, 1), d));
      half += nz(pearson(setup.f1.apply(even, steps, 1), setup.f1.apply(odd, steps, 1)));
      k++;
    }
    return new double[] {sum / Math.max(1, k), silent, half / Math.max(1, k)};
  }

  /**
   * Side index of the behaviour after the last event: mean (channel 0 - channel 1) on trials of the
   * first condition minus the same on trials of the second (z units for the data, readout units for
   * the model); NaN unless there are 2 channels and 2 conditions. Data: the validation trials.
   *
   * @param mt model trials, or null for the data
   * @param tr their trace (stimulus values tell the condition), or null
   */
  static double sideIndex(FitSetup setup, ModelTrials mt, Trace tr) {
    List<String> labels = setup.data.conditionLabels();
    if (setup.model.behaviourChannels() != 2 || labels.size() != 2 || !setup.data.hasBehaviour()) {
      return Double.NaN;
    }
    FitData.Session s = setup.data.sessions().get(0);
    double[] edges = medianEdges(s.eventsMs);
    double after = edges[edges.length - 1];
    double[] tms = binTimesMs(s.trials());
    double[] sum = new double[2];
    int[] cnt = new int[2];
    if (mt == null) {
      for (int k : s.split().validation()) {
        int c = labels.indexOf(s.trials().condition(k));
        for (int t = 0; t < tms.length; t++) {
          if (tms[t] >= after) {
            sum[c] += s.normalisedBehaviour(t, k, 0) - s.normalisedBehaviour(t, k, 1);
            cnt[c]++;
          }
        }
      }
    } else {
      for (int b = 0; b < mt.trials(); b++) {
        int c = setup.data.stimulus(labels.get(0)) == tr.inputs().stimulus(b) ? 0 : 1;
        for (int t = 0; t < mt.steps(); t++) {
          if (tms[t] >= after) {
            sum[c] += tr.jaw(t, b, 0) - tr.jaw(t, b, 1);
            cnt[c]++;
          }
        }
      }
    }
    return sum[0] / Math.max(1, cnt[0]) - sum[1] / Math.max(1, cnt[1]);
  }

  private static double valCeiling(FitSetup setup) {
    double s = 0;
    int k = 0;
    for (FitData.Session ss : setup.data.sessions()) {
      for (int u = 0; u < ss.trials().units(); u++) {
        s += nz(pearson(f1Psth(ss.trials(), setup.f1, ss.split().train(), u),
            f1Psth(ss.trials(), setup.f1, ss.split().validation(), u)));
        k++;
      }
    }
    return s / k;
  }

  private static void curveFigure(List<double[]> rows, Path png) throws IOException {
    if (rows.isEmpty()) {
      return;
    }
    double[] step = rows.stream().mapToDouble(r -> r[0]).toArray();
    XYChart c = new XYChartBuilder().width(800).height(500).title("Validation scores during the fit")
        .xAxisTitle("training step").yAxisTitle("PSTH correlation (validation)").build();
    c.addSeries("model t_neuron (val)", step, rows.stream().mapToDouble(r -> r[4]).toArray());
    c.addSeries("ceiling (train vs val)", step, rows.stream().mapToDouble(r -> r[5]).toArray());
    c.addSeries("model split-half PSTH r", step, rows.stream().mapToDouble(r -> r[10]).toArray());
    c.addSeries("silent recorded units / 66", step, rows.stream().mapToDouble(r -> r[6] / 66.0).toArray());
    double[] vl = rows.stream().mapToDouble(r -> r[2]).toArray();
    double v0 = vl[0];
    c.addSeries("val loss / first", step, Arrays.stream(vl).map(v -> v / v0).toArray());
    Files.write(png, ChartRenderer.png(c));
  }

  /** Validation PSTH correlation against the step for several curves ({@code label=curve.tsv}). */
  private static void compare(Path png, String[] curves) throws IOException {
    XYChart c = new XYChartBuilder().width(800).height(500).title("Validation PSTH correlation (t_neuron) during fits")
        .xAxisTitle("training step").yAxisTitle("mean PSTH r over the 66 recorded units (validation)").build();
    double last = 0;
    double ceil = Double.NaN;
    for (String a : curves) {
      String[] kv = a.split("=", 2);
      List<String> lines = Files.readAllLines(Path.of(kv[1]));
      List<String> head = Arrays.asList(lines.get(0).split("\t"));
      int is = head.indexOf("step");
      int it = head.indexOf("val_t_neuron");
      int ic = head.indexOf("val_ceiling");
      double[] x = new double[lines.size() - 1];
      double[] y = new double[x.length];
      for (int i = 1; i < lines.size(); i++) {
        String[] f = lines.get(i).split("\t");
        x[i - 1] = Double.parseDouble(f[is]);
        y[i - 1] = Double.parseDouble(f[it]);
        last = Math.max(last, x[i - 1]);
        if (ic >= 0) {
          ceil = Double.parseDouble(f[ic]);
        }
      }
      c.addSeries(kv[0], x, y);
    }
    if (!Double.isNaN(ceil)) {
      c.addSeries("ceiling (train vs validation)", new double[] {0, last}, new double[] {ceil, ceil});
    }
    c.getStyler().setMarkerSize(4);
    Files.write(png, ChartRenderer.png(c));
  }

  // --------------------------------------------------------------------------------------- helpers

  static double[] binTimesMs(TrialSet ts) {
    double[] t = new double[ts.bins()];
    for (int i = 0; i < t.length; i++) {
      t[i] = ts.startS() * 1000.0 + (i + 0.5) * ts.dtMs();
    }
    return t;
  }

  static int epoch(double ms, double[] edges) {
    int e = 0;
    while (e < edges.length && ms >= edges[e]) {
      e++;
    }
    return e;
  }

  /**
   * Share of the cross-covariance of two PSTHs (about their own means) in each epoch; with a == b it
   * is the variance share, with independent halves an estimate of the signal variance share.
   */
  static double[] epochShares(double[] a, double[] b, double[] times, double[] edges) {
    double ma = mean(a);
    double mb = mean(b);
    double[] out = new double[edges.length + 1];
    double total = 0;
    for (int t = 0; t < a.length; t++) {
      double d = (a[t] - ma) * (b[t] - mb);
      out[epoch(times[t], edges)] += d;
      total += d;
    }
    for (int e = 0; e < out.length; e++) {
      out[e] = total > 0 ? out[e] / total : Double.NaN;
    }
    return out;
  }

  /** Like {@link #epochShares} without centring (for differences between conditions). */
  static double[] rawEpochShares(double[] a, double[] b, double[] times, double[] edges) {
    double[] out = new double[edges.length + 1];
    double total = 0;
    for (int t = 0; t < a.length; t++) {
      double d = a[t] * b[t];
      out[epoch(times[t], edges)] += d;
      total += d;
    }
    for (int e = 0; e < out.length; e++) {
      out[e] = total > 0 ? out[e] / total : Double.NaN;
    }
    return out;
  }

  /** Share of the cross-covariance (about the full window's means) that lies in [fromMs, toMs). */
  static double windowShare(double[] a, double[] b, double[] times, double fromMs, double toMs) {
    double ma = mean(a);
    double mb = mean(b);
    double in = 0;
    double total = 0;
    for (int t = 0; t < a.length; t++) {
      double d = (a[t] - ma) * (b[t] - mb);
      total += d;
      in += times[t] >= fromMs && times[t] < toMs ? d : 0;
    }
    return total > 0 ? in / total : Double.NaN;
  }

  private static double windowPearson(double[] a, double[] b, double[] times, double fromMs, double toMs) {
    List<Integer> idx = new ArrayList<>();
    for (int t = 0; t < a.length; t++) {
      if (times[t] >= fromMs && times[t] < toMs) {
        idx.add(t);
      }
    }
    double[] x = idx.stream().mapToDouble(i -> a[i]).toArray();
    double[] y = idx.stream().mapToDouble(i -> b[i]).toArray();
    return pearson(x, y);
  }

  private static double[] epochMeans(double[] x, double[] times, double[] edges) {
    double[] s = new double[edges.length + 1];
    int[] n = new int[edges.length + 1];
    for (int t = 0; t < x.length; t++) {
      int e = epoch(times[t], edges);
      s[e] += x[t];
      n[e]++;
    }
    for (int e = 0; e < s.length; e++) {
      s[e] /= Math.max(1, n[e]);
    }
    return s;
  }

  private static int[] only(TrialSet ts, int[] trials, String condition) {
    return Arrays.stream(trials).filter(k -> ts.condition(k).equals(condition)).toArray();
  }

  private static double rateHz(TrialSet ts, int[] trials, int u) {
    double s = 0;
    for (int k : trials) {
      for (int t = 0; t < ts.bins(); t++) {
        s += ts.count(t, k, u);
      }
    }
    return s / Math.max(1, trials.length) / ts.bins() * 1000.0 / ts.dtMs();
  }

  /** F1-filtered trial-mean counts of one unit. */
  static double[] f1Psth(TrialSet ts, BoxFilter f1, int[] trials, int u) {
    double[] p = new double[ts.bins()];
    for (int k : trials) {
      for (int t = 0; t < ts.bins(); t++) {
        p[t] += ts.count(t, k, u);
      }
    }
    for (int t = 0; t < p.length; t++) {
      p[t] /= Math.max(1, trials.length);
    }
    return f1.apply(p, p.length, 1);
  }

  private static double[] diff(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] - b[i];
    }
    return d;
  }

  private static double windowMean(double[] x, int from, int to) {
    double s = 0;
    int k = 0;
    for (int t = Math.max(0, from); t < Math.min(x.length, to); t++) {
      s += x[t];
      k++;
    }
    return k > 0 ? s / k : Double.NaN;
  }

  private static double windowMax(double[] x, int from, int to) {
    double s = Double.NEGATIVE_INFINITY;
    for (int t = Math.max(0, from); t < Math.min(x.length, to); t++) {
      s = Math.max(s, x[t]);
    }
    return s;
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  private static double norm(float[] a) {
    double s = 0;
    for (float v : a) {
      s += (double) v * v;
    }
    return Math.sqrt(s);
  }

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double min(double[] x) {
    return Arrays.stream(x).min().orElse(Double.NaN);
  }

  private static double max(double[] x) {
    return Arrays.stream(x).max().orElse(Double.NaN);
  }

  private static double nz(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  static double pearson(double[] a, double[] b) {
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

  private static String fmt(double[] v, String f) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, f, v[i]));
    }
    return b.append(']').toString();
  }
}
