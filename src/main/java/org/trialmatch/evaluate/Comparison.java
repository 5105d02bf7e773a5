package org.trialmatch.evaluate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.trialmatch.analysis.AnalysisConfig;
import org.trialmatch.analysis.ResponseFractions;
import org.trialmatch.analysis.ResponseRule;
import org.trialmatch.analysis.SplitPsths;
import org.trialmatch.report.ChartRenderer;
import org.trialmatch.report.ComparisonPage;
import org.trialmatch.report.Report;
import org.trialmatch.report.ResponseFigures;
import org.trialmatch.train.Fit;
import org.trialmatch.train.FitConfig;
import org.trialmatch.train.RunDirectory;
import org.trialmatch.train.TrainingListener;

/**
 * The comparison behind {@code demo} and {@code experiment figure2}: a PSTH-only fit and two
 * trial-matching fits (hard, Sinkhorn) of the same artificial data from the same initialisation, each
 * evaluated once on the held-out test trials ({@link RunEvaluation}); its report and the summary are
 * written from that one evaluation.
 */
public final class Comparison {
  /** The variants: directory name to {@code loss.matching}. */
  public static final Map<String, String> VARIANTS = variants();

  private Comparison() {}

  private static Map<String, String> variants() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("no_tm", "none");
    m.put("hard_tm", "hard");
    m.put("soft_tm", "sinkhorn");
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * The analysis settings of the comparison: the defaults with the Figure 2 response rule (area 2).
   *
   * @param seed the evaluation seed
   * @return the settings
   */
  public static AnalysisConfig analysisConfig(long seed) {
    return AnalysisConfig.defaults(seed).withResponse(ResponseRule.figure2());
  }

  /**
   * Fits and evaluates the three variants into {@code out/<variant>} and writes {@code out/summary.json}.
   *
   * @param spec what to run
   * @param out the output directory
   * @param progress where the fits report progress
   * @param command the command line recorded in each run's manifest
   * @param version the toolkit version recorded in each run's manifest
   * @return the result
   * @throws IOException when a file cannot be written
   */
  public static ComparisonResult run(ComparisonSpec spec, Path out, Progress progress, List<String> command,
      String version) throws IOException {
    long t0 = System.nanoTime();
    Files.createDirectories(out);
    Map<String, VariantResult> results = new LinkedHashMap<>();
    Map<String, SplitPsths> splits = new LinkedHashMap<>();
    double[] times = null;
    for (Map.Entry<String, String> v : VARIANTS.entrySet()) {
      Done d = variant(spec, out.resolve(v.getKey()), v.getKey(), v.getValue(), progress, command, version);
      results.put(v.getKey(), d.result());
      d.evaluation().result().response().flatMap(ResponseFractions::split).ifPresent(sp -> splits.put(v.getKey(), sp));
      times = d.evaluation().result().f1TimesMs();
    }
    writeSplitFigures(out, splits, times);
    ComparisonResult r = new ComparisonResult(spec.seed(), spec.evaluationSeed(), spec.evalTrials(), spec, results,
        (System.nanoTime() - t0) / 1e9);
    ResultJson.write(out.resolve("summary.json"), r);
    writePage(out, r);
    return r;
  }

  /** DIR/index.html: the headline and every variant's scores, linking each run's report. */
  static void writePage(Path out, ComparisonResult r) throws IOException {
    List<ComparisonPage.Row> rows = new java.util.ArrayList<>();
    Scores.Response first = null;
    for (Map.Entry<String, VariantResult> e : r.variants().entrySet()) {
      Scores s = e.getValue().scores();
      Scores.Response rs = s.response();
      if (first == null) {
        first = rs;
      }
      rows.add(new ComparisonPage.Row(e.getKey(), e.getValue().matching(), rs == null ? Double.NaN : rs.modelFraction(),
          rs == null ? Double.NaN : rs.distanceInSe(), s.psthCorr(), s.psthCorrCeiling(), s.trialMatchedCorr(),
          s.trialMatchedCorrCeiling(), s.tmDistance(), s.tmDistanceCeiling(), e.getValue().bestStep(),
          e.getKey() + "/report/index.html"));
    }
    List<String> figures = new java.util.ArrayList<>();
    try (var files = Files.list(out)) {
      files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("split_psth_") && f.endsWith(".png"))
          .sorted().forEach(f -> figures.add(f.substring(0, f.length() - 4)));
    }
    ComparisonPage.write(out, "trialmatch comparison: PSTH-only against trial matching (seed " + r.seed() + ")",
        first == null ? "the readout area" : first.area(), first == null ? Double.NaN : first.dataFraction(),
        first == null ? 0 : first.dataTrials(), first == null ? 0 : first.modelTrials(),
        first == null ? Double.NaN : first.se(), rows, figures);
  }

  /** A fitted and evaluated variant. */
  private record Done(VariantResult result, RunEvaluation evaluation) {}

  /** DIR/split_psth_&lt;area&gt;.{png,svg}: the data's PSTH by outcome beside every variant's model trials. */
  private static void writeSplitFigures(Path out, Map<String, SplitPsths> splits, double[] times) throws IOException {
    if (splits.isEmpty()) {
      return;
    }
    SplitPsths first = splits.values().iterator().next();
    for (int a = 0; a < first.areas().size(); a++) {
      ChartRenderer.write(ResponseFigures.split(first.areas().get(a), times, first, splits, a), out);
    }
  }

  private static Done variant(ComparisonSpec spec, Path runDir, String name, String matching,
      Progress progress, List<String> command, String version) throws IOException {
    long v0 = System.nanoTime();
    RunDirectory.deleteTree(runDir);
    FitConfig cfg = FitConfig.fromJson(Figure2Fits.config(spec, matching), Path.of("."));
    RunDirectory run = RunDirectory.at(runDir);
    ObjectNode manifest = run.begin(cfg, version, command);
    long trained;
    String why;
    try (Fit fit = Fit.create(cfg)) {
      run.resetMetrics(-1);
      String label = spec.seed() == 0 ? name : name + " seed " + spec.seed();
      try (Progress.Task bar = progress.start(label, spec.steps())) {
        why = fit.run(run, new TrainingListener() {
          @Override
          public void onStep(long step, long total, double loss, double psth, double tm, double rate) {
            bar.update(step, String.format(Locale.ROOT, "loss %.4g %.1f Hz", loss, rate));
          }
        }).describe();
      }
      trained = fit.step();
    }
    run.finish(manifest);
    try (Fit fit = Fit.load(run)) {
      RunEvaluation ev = RunEvaluation.of(fit, run, spec.evalTrials(), spec.evaluationSeed(),
          analysisConfig(spec.evaluationSeed()), null);
      RunEvaluation linked = new RunEvaluation(ev.inputs().withMetadata(Report.COMPARISON_KEY, "../../index.html"),
          ev.result(), ev.scores(), ev.modelTrials(), ev.seed(), ev.checkpointStep(), ev.targets());
      Path report = linked.writeReport(runDir.resolve("report")).indexHtml();
      return new Done(new VariantResult(matching, trained, ev.checkpointStep(), why, ev.scores(), report.toString(),
          (System.nanoTime() - v0) / 1e9), ev);
    }
  }
}
