package org.trialmatch.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.trialmatch.analysis.PerturbationResult;
import org.trialmatch.analysis.Stats;
import org.trialmatch.analysis.Summary;
import org.trialmatch.data.Perturbations;
import org.trialmatch.data.TrialSet;
import org.trialmatch.data.TrialSetBuilder;
import org.trialmatch.data.TrialSetConfig;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.model.PerturbationSpec;
import org.trialmatch.train.Fit;
import org.trialmatch.train.FitData;

/**
 * The model's prediction against a recorded perturbation: for every session of the run whose trials
 * table marks perturbed trials, each recorded unit's rate in the perturbation window on the perturbed
 * trials against the unperturbed ones (the same trial rules as the fit's data, perturbed trials kept),
 * beside the predicted change of the model unit that stands for it. A unit is compared on the trials
 * inside the span it was recorded over (its first to its last spike) only, so a unit lost before the
 * perturbed trials began has no recorded change (NaN) rather than a spurious drop to 0. Recorded intervals are 95 %
 * (difference of means ± 1.96 Welch s.e.); the window of a recorded trial follows its own events, as the
 * model trials' do.
 */
public final class RecordedPerturbation {
  private RecordedPerturbation() {}

  /**
   * @param session session name
   * @param recordedUnit the unit's row in the session's units table
   * @param area its area
   * @param modelUnit the model unit standing for it, −1 when none
   * @param controlTrials unperturbed trials
   * @param perturbedTrials perturbed trials
   * @param controlHz recorded window rate on unperturbed trials
   * @param perturbedHz on perturbed trials
   * @param change recorded change {@code {mean, lo, hi}}
   * @param predictedControlHz the model unit's control window rate (NaN without one)
   * @param predicted predicted change {@code {mean, lo, hi}} (NaN without a model unit)
   */
  public record UnitComparison(String session, int recordedUnit, String area, int modelUnit, int controlTrials,
      int perturbedTrials, double controlHz, double perturbedHz, double[] change, double predictedControlHz,
      double[] predicted) {}

  /**
   * Compares.
   *
   * @param fit the fitted model (its data configuration and sessions)
   * @param spec the perturbation (its window anchors)
   * @param predicted the experiment's result (per-unit predicted change)
   * @param columns interval-table columns that mark a recorded perturbed trial (e.g. {@code photo_stim_power});
   *     empty: the fit's {@code data.perturbationColumns}; a session without any of them is skipped
   * @return one row per recorded unit of every session with perturbed trials (empty when none has any)
   */
  public static List<UnitComparison> compare(Fit fit, PerturbationSpec spec, PerturbationResult predicted,
      List<String> columns) {
    TrialSetConfig base = fit.config().data();
    List<String> wanted = columns.isEmpty() ? base.perturbations().columns() : columns;
    NetworkLayout layout = fit.layout();
    List<UnitComparison> out = new ArrayList<>();
    for (FitData.Session s : fit.data().sessions()) {
      // a session whose trials table has none of the named columns has no recorded perturbation
      List<String> present = new ArrayList<>();
      var table = s.recording().contents().interval(base.intervalTable());
      for (String c : wanted) {
        if (c.equals("auto") || (table.isPresent() && table.get().column(c).isPresent())) {
          present.add(c);
        }
      }
      if (present.isEmpty()) {
        continue;
      }
      TrialSet ts = TrialSetBuilder.build(s.recording(), base.withPerturbations(new Perturbations(present, true)));
      List<Integer> pert = new ArrayList<>();
      List<Integer> ctrl = new ArrayList<>();
      for (int k = 0; k < ts.trials(); k++) {
        (ts.perturbed(k) ? pert : ctrl).add(k);
      }
      if (pert.size() < 2 || ctrl.size() < 2) {
        continue;
      }
      double[][] window = windows(ts, spec);
      for (int u = 0; u < ts.units(); u++) {
        // only trials inside the span the unit was recorded over (first to last spike): a unit lost before
        // the perturbed block would otherwise look silenced
        double[] times = s.recording().units().spikeTimesView(u);
        double first = times.length == 0 ? Double.NaN : times[0];
        double last = times.length == 0 ? Double.NaN : times[times.length - 1];
        List<Integer> c = inSpan(ts, ctrl, window, first, last);
        List<Integer> p = inSpan(ts, pert, window, first, last);
        double[] rc = rates(ts, c, u, window);
        double[] rp = rates(ts, p, u, window);
        double[] change = welch(rp, rc);
        int mu = modelUnit(layout, s.name(), u);
        PerturbationResult.Unit pu = mu < 0 ? null : predicted.units().get(mu);
        out.add(new UnitComparison(s.name(), u, ts.unitArea(u), mu, rc.length, rp.length, mean(rc), mean(rp),
            change, pu == null ? Double.NaN : pu.controlHz(),
            pu == null ? new double[] {Double.NaN, Double.NaN, Double.NaN}
                : new double[] {pu.change(), pu.lo(), pu.hi()}));
      }
    }
    return out;
  }

  private static List<Integer> inSpan(TrialSet ts, List<Integer> trials, double[][] window, double first,
      double last) {
    List<Integer> out = new ArrayList<>();
    for (int k : trials) {
      double a = ts.alignS(k) + window[k][0];
      double b = ts.alignS(k) + window[k][1];
      if (a >= first && b <= last) {
        out.add(k);
      }
    }
    return out;
  }

  /** Per trial, {@code {from, to}} of the window, s from the window start of the trial set's bins. */
  private static double[][] windows(TrialSet ts, PerturbationSpec spec) {
    var events = ts.eventsS();
    double[][] w = new double[ts.trials()][2];
    for (int k = 0; k < ts.trials(); k++) {
      w[k][0] = at(events, spec.start(), k);
      w[k][1] = at(events, spec.end(), k);
    }
    return w;
  }

  private static double at(java.util.Map<String, double[]> events, PerturbationSpec.Anchor a, int k) {
    double base = 0;
    if (!PerturbationSpec.ALIGN.equals(a.event())) {
      double[] e = events.get(a.event());
      if (e == null) {
        throw new org.trialmatch.data.ConfigException("perturbation spec", "event '" + a.event()
            + "' is not one of the recorded trials' events " + events.keySet());
      }
      base = e[k];
    }
    return base + a.offsetMs() / 1000.0;
  }

  /** Window rate (Hz) of unit u on each listed trial; trials with a NaN or empty window are skipped. */
  private static double[] rates(TrialSet ts, List<Integer> trials, int u, double[][] window) {
    double dt = ts.dtMs() / 1000.0;
    List<Double> r = new ArrayList<>();
    for (int k : trials) {
      double from = window[k][0];
      double to = window[k][1];
      if (!(to > from)) {
        continue;
      }
      int b0 = (int) Math.max(0, Math.ceil((from - ts.startS()) / dt - 1e-9));
      int b1 = (int) Math.min(ts.bins(), Math.ceil((to - ts.startS()) / dt - 1e-9));
      if (b1 <= b0) {
        continue;
      }
      double n = 0;
      for (int t = b0; t < b1; t++) {
        n += ts.count(t, k, u);
      }
      r.add(n / ((b1 - b0) * dt));
    }
    return r.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static int modelUnit(NetworkLayout layout, String session, int row) {
    for (int i = 0; i < layout.nUnits(); i++) {
      if (!layout.isHidden(i) && layout.session(i).equals(session) && layout.recordedIndex(i) == row) {
        return i;
      }
    }
    return -1;
  }

  private static double mean(double[] x) {
    return Stats.summarize(x).mean();
  }

  /** {@code {mean(a) − mean(b), lo, hi}} with ± 1.96 Welch s.e. ({@link Stats#summarize}). */
  static double[] welch(double[] a, double[] b) {
    Summary sa = Stats.summarize(a);
    Summary sb = Stats.summarize(b);
    double d = sa.mean() - sb.mean();
    double se = Math.sqrt(sa.sem() * sa.sem() + sb.sem() * sb.sem());
    return new double[] {d, d - Stats.Z95 * se, d + Stats.Z95 * se};
  }

  /**
   * @param rows the comparison
   * @return a text table, one line per unit with a model unit, and a summary line
   */
  public static String table(List<UnitComparison> rows) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-40s %4s %-10s %6s %7s %9s %-28s %9s %-28s%n", "session", "unit", "area",
        "model", "trials", "ctrl Hz", "recorded change [95% CI]", "model Hz", "predicted change [95% CI]"));
    int agree = 0;
    int both = 0;
    for (UnitComparison r : rows) {
      b.append(String.format(Locale.ROOT, "%-40s %4d %-10s %6d %3d/%-3d %9.2f %+7.2f [%+7.2f, %+7.2f]    %9.2f "
          + "%+7.2f [%+7.2f, %+7.2f]%n", r.session(), r.recordedUnit(), r.area(), r.modelUnit(), r.perturbedTrials(),
          r.controlTrials(), r.controlHz(), r.change()[0], r.change()[1], r.change()[2], r.predictedControlHz(),
          r.predicted()[0], r.predicted()[1], r.predicted()[2]));
      if (Double.isFinite(r.predicted()[0]) && Double.isFinite(r.change()[0])) {
        both++;
        agree += Math.signum(r.predicted()[0]) == Math.signum(r.change()[0]) ? 1 : 0;
      }
    }
    b.append(String.format(Locale.ROOT, "sign of the change agrees for %d of %d units with a model unit%n", agree,
        both));
    return b.toString();
  }
}
