package org.trialmatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.trialmatch.data.ConfigException;
import org.trialmatch.evaluate.Comparison;
import org.trialmatch.evaluate.ComparisonResult;
import org.trialmatch.evaluate.ExperimentReport;
import org.trialmatch.evaluate.Figure2Fits;
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
    header = "The main job: the paper's Figure 2 comparison at laptop scale.",
    showDefaultValues = true,
    description =
        "The main job: on the artificial data in data-samples/pseudodata (two areas, a hidden mode: area 2 "
            + "responds on ~80%% of trials; 6 sessions x 400 trials, 30%% held out for testing), fit DIR/no_tm (PSTH loss only), DIR/hard_tm and DIR/soft_tm (plus "
            + "hard or Sinkhorn trial matching) from the same initialisation, evaluate each on the test trials "
            + "with --model-trials simulated trials (seed + 1), write DIR/summary.json and each variant's report "
            + "(DIR/<variant>/report/index.html) from the same evaluation, so both hold the same numbers. The data are generated if absent. "
            + "Sizes and the scaling against the paper's Figure 2 models are in docs/demo.md.")
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--data", defaultValue = "data-samples/pseudodata", paramLabel = "DIR",
      description = "The artificial data (PS*.nwb); generated here if absent.")
  Path dataDir;

  @Option(names = "--steps", defaultValue = "1500", description = "Training steps per variant.")
  int steps;

  @Option(names = "--model-trials", defaultValue = "1000", description = "Model trials simulated for the evaluation.")
  int modelTrials;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the fits (same for every variant).")
  long seed;

  @Option(names = "--trial-to-psth-ratio", defaultValue = "1",
      description = "Weight of the trial-matching gradient relative to the PSTH gradient after each is normalised "
          + "(loss.trialToPsthRatio; 1 is the authors' balance). docs/losses.md compares both.")
  double ratio;

  @Option(names = "--quiet", description = "No progress bars.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    if (steps < 1) {
      throw new ConfigException("--steps", "must be >= 1, was " + steps);
    }
    if (modelTrials < 1) {
      throw new ConfigException("--model-trials", "must be >= 1, was " + modelTrials);
    }
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Figure2Fits.DataFiles data = Figure2Fits.ensureData(Figure2Fits.demoData(), dataDir);
    if (data.generated()) {
      o.println("generated the artificial data in " + dataDir);
    }
    ComparisonResult r = Comparison.run(Figure2Fits.demo(data.files(), steps, modelTrials, seed, ratio), out,
        new ProgressBars(err, !quiet), List.of("trialmatch", "demo"), FitCommand.version());
    o.print(ExperimentReport.table(r));
    o.printf(Locale.ROOT, "summary: %s (%.0f s); reports: %s/<variant>/report/index.html%n", out.resolve("summary.json"),
        r.seconds(), out);
    o.flush();
    return ExitCodes.OK;
  }
}
