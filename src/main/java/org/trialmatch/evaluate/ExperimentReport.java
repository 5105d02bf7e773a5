package org.trialmatch.evaluate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.trialmatch.report.ChartRenderer;
import org.trialmatch.report.Figures;

/** Comparisons and experiments as text: the console table, results.md and the per-seed figures. */
public final class ExperimentReport {
  /** The response fraction reported by the paper (Figure 2; Figures/Figure2.ipynb) for the data and each variant. */
  static final String PAPER_ROW = "data 0.80; no_tm 0.902; hard_tm 0.733; soft_tm 0.774 (Figure2.ipynb, peak rule)";

  private ExperimentReport() {}

  /**
   * @param r a comparison
   * @return its table: the data's and each variant's response fractions (both rules), distance from the
   *     data in standard errors, and scores against their ceilings
   */
  public static String table(ComparisonResult r) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-8s %9s %7s %9s %13s %13s %13s %6s%n", "", "response", "(SE)", "peak>30Hz",
        "psth_r/ceil", "trial_r/ceil", "tm_dist/ceil", "best"));
    Scores first = r.variants().values().iterator().next().scores();
    if (first.response() != null) {
      b.append(String.format(Locale.ROOT, "%-8s %9.3f %7s %9.3f%n", "data", first.response().dataFraction(), "",
          first.response().peakDataFraction()));
    }
    for (Map.Entry<String, VariantResult> e : r.variants().entrySet()) {
      Scores s = e.getValue().scores();
      Scores.Response rs = s.response();
      b.append(String.format(Locale.ROOT, "%-8s %9.3f %+7.1f %9.3f %6.3f/%.3f %6.3f/%.3f %6.3f/%.3f %6d%n",
          e.getKey(), rs == null ? Double.NaN : rs.modelFraction(), rs == null ? Double.NaN : rs.distanceInSe(),
          rs == null ? Double.NaN : rs.peakModelFraction(), s.psthCorr(), s.psthCorrCeiling(), s.trialMatchedCorr(),
          s.trialMatchedCorrCeiling(), s.tmDistance(), s.tmDistanceCeiling(), e.getValue().bestStep()));
    }
    if (first.response() != null) {
      b.append(String.format(Locale.ROOT, "test trials %d, model trials %d; 2 SE of a difference = %.3f%n",
          first.response().dataTrials(), first.response().modelTrials(), 2 * first.response().se()));
    }
    return b.toString();
  }

  /** @return the experiment as Markdown: one table per seed, then the means across seeds beside the paper's */
  static String markdown(ExperimentResult e) {
    StringBuilder b = new StringBuilder();
    ComparisonSpec st = e.spec();
    b.append(String.format(Locale.ROOT,
        "# Experiment figure2%n%n%d-unit networks, %d steps per fit, %d model trials per step, lr %s, validation every "
            + "%d steps; evaluation on the test trials with %d model trials.%n",
        st.nUnits(), st.steps(), st.trainTrials(), st.lr(), st.validateEvery(), st.evalTrials()));
    for (ComparisonResult s : e.seeds()) {
      b.append(String.format(Locale.ROOT, "%n## Seed %d%n%n```%n%s```%n", s.seed(), table(s)));
    }
    b.append(String.format(Locale.ROOT, "%n## Across %d seeds (mean ± sd)%n%n", e.seeds().size()));
    b.append("| |");
    for (String k : Experiment.METRICS.keySet()) {
      b.append(' ').append(k).append(" |");
    }
    b.append("\n|---|");
    Experiment.METRICS.keySet().forEach(k -> b.append("---|"));
    b.append(String.format(Locale.ROOT, "%n| data | %.3f |", e.dataResponseFraction()));
    for (int i = 1; i < Experiment.METRICS.size(); i++) {
      b.append(" |");
    }
    b.append('\n');
    e.acrossSeeds().forEach((v, m) -> {
      b.append("| ").append(v);
      m.values().forEach(sp -> b.append(String.format(Locale.ROOT, " | %.3f ± %.3f", sp.mean(), sp.sd())));
      b.append(" |\n");
    });
    b.append(String.format(Locale.ROOT, "%nThe paper's response fractions (Figure 2): %s.%n", PAPER_ROW));
    b.append("\n![response fraction per seed](response_fraction.png)\n\n"
        + "![trial-matched correlation per seed](trial_matched_corr.png)\n");
    return b.toString();
  }

  /** DIR/response_fraction.{png,svg} and DIR/trial_matched_corr.{png,svg}: one bar per seed. */
  static void writeFigures(Path out, ExperimentResult e) throws IOException {
    List<String> names = new ArrayList<>();
    List<double[]> fractions = new ArrayList<>();
    List<double[]> corrs = new ArrayList<>();
    List<String> variants = new ArrayList<>(Comparison.VARIANTS.keySet());
    for (ComparisonResult s : e.seeds()) {
      names.add("seed " + s.seed());
      double[] f = new double[variants.size() + 1];
      double[] c = new double[variants.size()];
      f[0] = Experiment.dataFraction(s);
      for (int i = 0; i < variants.size(); i++) {
        Scores sc = s.variants().get(variants.get(i)).scores();
        f[i + 1] = sc.response() == null ? 0 : sc.response().modelFraction();
        c[i] = Double.isFinite(sc.trialMatchedCorr()) ? sc.trialMatchedCorr() : 0;
      }
      fractions.add(f);
      corrs.add(c);
    }
    List<String> withData = new ArrayList<>(List.of("data (test)"));
    withData.addAll(variants);
    ChartRenderer.write(Figures.groupedBars("response_fraction", "Share of trials in which area 2 responds",
        "response fraction", "Test data and " + e.spec().evalTrials() + " model trials of each fit, one bar per seed.",
        withData, names, fractions, 0, 1), out);
    ChartRenderer.write(Figures.groupedBars("trial_matched_corr", "Trial-matched correlation with the test data",
        "Pearson r", "t_trial of each fit against the test trials, one bar per seed.", variants, names, corrs, 0, 1), out);
  }
}
