package org.trialmatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.trialmatch.analysis.AnalysisConfig;
import org.trialmatch.analysis.FitAnalysisInputs;
import org.trialmatch.report.Report;
import org.trialmatch.train.AreaResponse;
import org.trialmatch.train.Fit;
import org.trialmatch.train.FitConfig;
import org.trialmatch.train.RunDirectory;
import org.trialmatch.train.TestEvaluation;
import org.trialmatch.train.TrainingListener;

/**
 * The comparison behind {@code demo} and {@code experiment figure2}: a PSTH-only fit and two
 * trial-matching fits (hard, Sinkhorn) of the same artificial data from the same initialisation, each
 * evaluated on the held-out test trials.
 */
final class VariantComparison {
  /** The variants: directory name and {@code loss.matching}. */
  static final List<String[]> VARIANTS =
      List.of(new String[] {"no_tm", "none"}, new String[] {"hard_tm", "hard"}, new String[] {"soft_tm", "sinkhorn"});

  /**
   * What the fits and the evaluation use.
   *
   * @param steps training steps per variant
   * @param trainTrials model trials per training step
   * @param lr AdamW learning rate
   * @param nUnits network size, or 0 for the {@code figure2} preset's
   * @param validateEvery steps between validations
   * @param evalTrials model trials simulated for the evaluation
   * @param seed seed of the fits (same for every variant)
   * @param progress whether to draw progress bars
   */
  record Settings(int steps, int trainTrials, double lr, int nUnits, int validateEvery, int evalTrials, long seed,
      boolean progress) {}

  private VariantComparison() {}

  /**
   * Fits and evaluates the three variants into {@code out/<variant>} and returns the summary (also
   * written to {@code out/summary.json}).
   *
   * @param files the NWB files of the artificial data
   * @param out the output directory
   * @param s the settings
   * @param err where the progress bars go
   * @param command the command line recorded in each run's manifest
   * @return the summary
   * @throws IOException when a file cannot be written
   */
  static ObjectNode run(List<String> files, Path out, Settings s, PrintWriter err, List<String> command)
      throws IOException {
    long t0 = System.nanoTime();
    Files.createDirectories(out);
    ObjectMapper m = new ObjectMapper();
    ObjectNode summary = m.createObjectNode();
    ObjectNode dataNode = summary.putObject("data");
    ObjectNode variants = summary.putObject("variants");
    for (String[] v : VARIANTS) {
      long v0 = System.nanoTime();
      Path runDir = out.resolve(v[0]);
      RunDirectory.deleteTree(runDir);
      FitConfig cfg = FitConfig.fromJson(config(m, files, v[1], s), Path.of("."));
      RunDirectory run = RunDirectory.at(runDir);
      ObjectNode manifest = run.begin(cfg, FitCommand.version(), command);
      long trained;
      try (Fit fit = Fit.create(cfg)) {
        run.resetMetrics(-1);
        String label = s.seed() == 0 ? v[0] : v[0] + " seed " + s.seed();
        try (ProgressBar bar = new ProgressBar(err, label, s.steps(), s.progress())) {
          fit.run(run, new TrainingListener() {
            @Override
            public void onStep(long step, long total, double loss, double psth, double tm, double rate) {
              bar.update(step, String.format(Locale.ROOT, "loss %.4g %.1f Hz", loss, rate));
            }
          });
        }
        trained = fit.step();
      }
      run.finish(manifest);
      try (Fit fit = Fit.load(run)) {
        Fit.Simulated sim = fit.simulateTest(s.evalTrials(), s.seed() + 1);
        TestEvaluation ev = TestEvaluation.of(fit, sim);
        AreaResponse ar = AreaResponse.of(fit, sim, "area2", 10, 60, 100);
        if (!dataNode.has("response_fraction")) {
          dataNode.put("response_fraction", ar.dataFraction());
          dataNode.put("n_trials", ar.dataTrials());
        }
        ObjectNode vn = variants.putObject(v[0]);
        vn.put("response_fraction", ar.modelFraction());
        vn.put("response_fraction_se_of_difference", ar.standardErrorOfDifference());
        vn.put("n_trials", ar.modelTrials());
        vn.put("psth_corr", ev.psthCorr());
        vn.put("trial_matched_corr", ev.trialMatchedCorr());
        vn.put("tm_distance", ev.tmDistance());
        vn.put("steps", trained);
        vn.put("best_step", fit.step());
        Report.write(FitAnalysisInputs.of(fit, run, s.evalTrials(), s.seed() + 1, k -> { }),
            AnalysisConfig.defaults(s.seed()), runDir.resolve("report"));
        vn.put("report", runDir.resolve("report").resolve("index.html").toString());
        vn.put("seconds", (System.nanoTime() - v0) / 1e9);
      }
    }
    summary.put("seconds", (System.nanoTime() - t0) / 1e9);
    RunDirectory.writeJson(out.resolve("summary.json"), summary);
    return summary;
  }

  /**
   * Prints the summary as a table.
   *
   * @param o where to
   * @param summary a summary of {@link #run}
   */
  static void printTable(PrintWriter o, ObjectNode summary) {
    o.printf(Locale.ROOT, "%-8s %9s %9s %9s %9s %6s%n", "variant", "response", "psth_r", "trial_r", "tm_dist", "steps");
    o.printf(Locale.ROOT, "%-8s %9.3f %9s %9s %9s %6s%n", "data", summary.at("/data/response_fraction").asDouble(),
        "", "", "", "");
    for (String[] v : VARIANTS) {
      var vn = summary.at("/variants/" + v[0]);
      o.printf(Locale.ROOT, "%-8s %9.3f %9.3f %9.3f %9.3f %6d%n", v[0], vn.get("response_fraction").asDouble(),
          vn.get("psth_corr").asDouble(), vn.get("trial_matched_corr").asDouble(), vn.get("tm_distance").asDouble(),
          vn.get("steps").asLong());
    }
  }

  private static ObjectNode config(ObjectMapper m, List<String> files, String matching, Settings s) {
    ObjectNode c = m.createObjectNode();
    ObjectNode d = c.putObject("data");
    d.put("preset", "detection");
    files.forEach(d.putArray("files")::add);
    d.put("startS", -0.1);
    d.put("stopS", 0.3);
    ObjectNode model = c.putObject("model");
    model.put("preset", "figure2");
    if (s.nUnits() > 0) {
      model.put("nUnits", s.nUnits());
    }
    model.put("hiddenUnits", true);
    ObjectNode loss = c.putObject("loss");
    loss.put("matching", matching);
    loss.put("behaviourInFeatures", false);
    loss.put("trialWeight", 100);
    loss.put("psthWeight", 10);
    ObjectNode train = c.putObject("train");
    train.put("steps", s.steps());
    train.put("modelTrials", s.trainTrials());
    train.put("validateEvery", s.validateEvery());
    train.put("lr", s.lr());
    train.put("seed", s.seed());
    return c;
  }
}
