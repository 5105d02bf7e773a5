package org.trialmatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.trialmatch.analysis.AnalysisConfig;
import org.trialmatch.data.ConfigException;
import org.trialmatch.evaluate.ResultJson;
import org.trialmatch.evaluate.RunEvaluation;
import org.trialmatch.report.ReportOutput;
import org.trialmatch.train.Fit;
import org.trialmatch.train.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trialmatch analyze --run RUN}: the report of a fitted run (analysis.json, figures, index.html). */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    header = "Compare a fitted model with the test data and write the report.",
    showDefaultValues = true,
    description =
        "Simulate model trials of a fitted run for the test split and compare them with the test data: "
            + "PSTH and trial-matched correlations with their train-vs-test ceilings, trial-type fractions, modes "
            + "of variability, connectivity and training curves. Writes analysis.json, the figures and index.html. "
            + "See docs/analysis.md and docs/simulate-analyze.md.")
public final class AnalyzeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "RUN", description = "Run directory written by 'fit'.")
  Path run;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The folder that now holds the run's data files, when they moved since the fit (looked up by "
          + "file name and checked against the SHA-256 in the run's manifest).")
  Path dataDir;

  @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default RUN/report).")
  Path out;

  @Option(names = "--trials", defaultValue = "500", description = "Model trials to simulate (shared by all sessions).")
  int trials;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the simulation and of the analysis.")
  long seed;

  @Option(names = "--min-units",
      description = "Minimum units of an area in a session for trial features (analysis minUnitsPerArea); "
          + "default: the run's loss.minUnits, so the analysis scores the sessions the fit matched.")
  Integer minUnits;

  @Option(names = "--min-rate-hz", defaultValue = "0",
      description = "t_neuron keeps only units whose training-data rate is above this (0 = all units; the paper "
          + "uses 1); the filter and the units it removes are reported.")
  double minRateHz;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    if (trials < 1) {
      throw new ConfigException("--trials", "must be >= 1, was " + trials);
    }
    if (minUnits != null && minUnits < 1) {
      throw new ConfigException("--min-units", "must be >= 1, was " + minUnits);
    }
    PrintWriter err = spec.commandLine().getErr();
    Path target = out != null ? out : run.resolve("report");
    RunDirectory dir = RunDirectory.at(run);
    RunEvaluation ev;
    try (Fit fit = Fit.load(dir, dataDir)) {
      int units = minUnits != null ? minUnits : fit.config().loss().minUnits();
      AnalysisConfig cfg = AnalysisConfig.defaults(seed).withMinUnitsPerArea(units).withMinRateHz(minRateHz);
      try (ProgressBar bar = new ProgressBar(err, "simulating", trials, !quiet)) {
        ev = RunEvaluation.of(fit, dir, trials, seed, cfg, k -> bar.update(k, ""));
      }
    }
    ReportOutput o = ev.writeReport(target);
    ResultJson.write(target.resolve("targets.json"), ev.targets());
    PrintWriter out = spec.commandLine().getOut();
    out.printf(java.util.Locale.ROOT, "test trials, %d model trials (seed %d), checkpoint of step %d:%n", trials, seed,
        ev.checkpointStep());
    for (String line : ev.targets().lines()) {
      out.println("  " + line);
    }
    out.println("wrote " + o.indexHtml() + ", " + o.analysisJson() + " and " + target.resolve("targets.json"));
    return ExitCodes.OK;
  }
}
