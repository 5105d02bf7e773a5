package org.trialmatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.trialmatch.nwb.NwbWriter;
import org.trialmatch.pseudo.PseudoDataConfig;
import org.trialmatch.pseudo.PseudoDataGenerator;
import org.trialmatch.pseudo.PseudoDataWriter;
import org.trialmatch.pseudo.PseudoSession;
import org.trialmatch.train.AreaResponse;
import org.trialmatch.train.Fit;
import org.trialmatch.train.FitConfig;
import org.trialmatch.train.RunDirectory;
import org.trialmatch.train.TestEvaluation;
import org.trialmatch.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trialmatch demo [--out DIR]}: the paper's Figure 2 comparison, scaled to a laptop: fits a
 * PSTH-only model and two trial-matching models to the artificial data of data-samples/pseudodata
 * and compares them with the held-out test trials.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "The main job: on the artificial data in data-samples/pseudodata (two areas, a hidden mode: area 2",
      "responds on ~80% of trials), fit DIR/no_tm (PSTH loss only), DIR/hard_tm and DIR/soft_tm (plus",
      "hard or Sinkhorn trial matching) from the same initialisation, evaluate each on the test trials",
      "with --model-trials simulated trials, write DIR/summary.json and each variant's report",
      "(DIR/<variant>/report/index.html, as 'analyze' makes it). The data are generated if absent.",
      "Sizes and the scaling against the paper's Figure 2 models are in docs/demo.md."
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--data", defaultValue = "data-samples/pseudodata", paramLabel = "DIR",
      description = "The artificial data (PS*.nwb); generated here if absent.")
  Path dataDir;

  @Option(names = "--steps", defaultValue = "1500", description = "Training steps per variant.")
  int steps;

  @Option(names = "--model-trials", defaultValue = "500", description = "Model trials simulated for the evaluation.")
  int modelTrials;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the fits (same for every variant).")
  long seed;

  @Option(names = "--quiet", description = "No progress bars.")
  boolean quiet;

  /** The demo's data set: 6 sessions x 100 units x 200 trials of 0.6 s, stimulus at 0.2 s. */
  static PseudoDataConfig demoData() {
    return PseudoDataConfig.figure2().resized(6, 100, 200, 0.6, 0.2).withSeed(0);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long t0 = System.nanoTime();
    List<String> files = ensureData(o);
    Files.createDirectories(out);
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode summary = m.createObjectNode();
    ObjectNode dataNode = summary.putObject("data");
    ObjectNode variants = summary.putObject("variants");
    String[][] plan = {{"no_tm", "none"}, {"hard_tm", "hard"}, {"soft_tm", "sinkhorn"}};
    for (String[] v : plan) {
      long v0 = System.nanoTime();
      Path runDir = out.resolve(v[0]);
      RunDirectory.deleteTree(runDir);
      FitConfig cfg = FitConfig.fromJson(config(m, files, v[1]), Path.of("."));
      RunDirectory run = RunDirectory.at(runDir);
      ObjectNode manifest = run.begin(cfg, FitCommand.version(), List.of("trialmatch", "demo"));
      long trained;
      try (Fit fit = Fit.create(cfg)) {
        run.resetMetrics(-1);
        try (ProgressBar bar = new ProgressBar(err, v[0], steps, !quiet)) {
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
        Fit.Simulated sim = fit.simulateTest(modelTrials, seed + 1);
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
        org.trialmatch.report.Report.write(
            org.trialmatch.analysis.FitAnalysisInputs.of(fit, run, modelTrials, seed + 1, k -> { }),
            org.trialmatch.analysis.AnalysisConfig.defaults(seed), runDir.resolve("report"));
        vn.put("report", runDir.resolve("report").resolve("index.html").toString());
        vn.put("seconds", (System.nanoTime() - v0) / 1e9);
      }
    }
    summary.put("seconds", (System.nanoTime() - t0) / 1e9);
    RunDirectory.writeJson(out.resolve("summary.json"), summary);
    o.printf(Locale.ROOT, "%-8s %9s %9s %9s %9s %6s%n", "variant", "response", "psth_r", "trial_r", "tm_dist", "steps");
    o.printf(Locale.ROOT, "%-8s %9.3f %9s %9s %9s %6s%n", "data", dataNode.get("response_fraction").asDouble(), "", "", "", "");
    for (String[] v : plan) {
      ObjectNode vn = (ObjectNode) variants.get(v[0]);
      o.printf(Locale.ROOT, "%-8s %9.3f %9.3f %9.3f %9.3f %6d%n", v[0], vn.get("response_fraction").asDouble(),
          vn.get("psth_corr").asDouble(), vn.get("trial_matched_corr").asDouble(), vn.get("tm_distance").asDouble(),
          vn.get("steps").asLong());
    }
    o.printf(Locale.ROOT, "summary: %s (%.0f s); reports: %s/<variant>/report/index.html%n", out.resolve("summary.json"),
        summary.get("seconds").asDouble(), out);
    o.flush();
    return ExitCodes.OK;
  }

  private ObjectNode config(ObjectMapper m, List<String> files, String matching) {
    ObjectNode c = m.createObjectNode();
    ObjectNode d = c.putObject("data");
    d.put("preset", "detection");
    files.forEach(d.putArray("files")::add);
    d.put("startS", -0.1);
    d.put("stopS", 0.3);
    ObjectNode model = c.putObject("model");
    model.put("preset", "figure2");
    model.put("nUnits", 200);
    model.put("hiddenUnits", true);
    ObjectNode loss = c.putObject("loss");
    loss.put("matching", matching);
    loss.put("behaviourInFeatures", false);
    loss.put("trialWeight", 100);
    loss.put("psthWeight", 10);
    ObjectNode train = c.putObject("train");
    train.put("steps", steps);
    train.put("modelTrials", 100);
    train.put("validateEvery", 50);
    train.put("lr", 0.001);
    train.put("seed", seed);
    return c;
  }

  private List<String> ensureData(PrintWriter o) throws java.io.IOException {
    PseudoDataConfig cfg = demoData();
    List<String> files = new ArrayList<>();
    boolean all = true;
    for (int s = 0; s < cfg.sessions(); s++) {
      Path f = dataDir.resolve(String.format(Locale.ROOT, "PS%03d.nwb", s));
      files.add(f.toAbsolutePath().toString());
      all &= Files.isRegularFile(f);
    }
    if (!all) {
      Files.createDirectories(dataDir);
      List<PseudoSession> sessions = PseudoDataGenerator.generate(cfg);
      for (PseudoSession s : sessions) {
        NwbWriter.write(dataDir.resolve(s.name() + ".nwb"), PseudoDataWriter.spec(s, cfg));
      }
      o.println("generated the artificial data in " + dataDir);
    }
    return files;
  }
}
