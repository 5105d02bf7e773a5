package org.trialmatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.trialmatch.data.ConfigException;
import org.trialmatch.evaluate.ComparisonSpec;
import org.trialmatch.evaluate.Experiment;
import org.trialmatch.evaluate.ExperimentReport;
import org.trialmatch.evaluate.ExperimentResult;
import org.trialmatch.evaluate.Figure2Fits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
/**
 * {@code trialmatch experiment figure2 --seeds 3 --out DIR}: the demo's comparison at the size of the
 * paper's Figure 2 models, repeated over seeds, with a per-seed table and the spread across seeds.
 */
@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    header = "Run a named experiment (figure2: the Figure 2 comparison at full size, over seeds).",
    showDefaultValues = true,
    description =
        "Run a named experiment. 'figure2': the paper's Figure 2 comparison at full size. The artificial "
            + "data (10 sessions x 100 units x 200 trials of 4 s, generator seed 0) are written to DIR/data "
            + "unless --data names them; for each seed, a PSTH-only fit (no_tm) and two trial-matching fits "
            + "(hard_tm, soft_tm) of the 500-unit 'figure2' network start from the same initialisation, are "
            + "evaluated on the test trials, and are written to DIR/seed-<k>/ (runs, reports, summary.json). "
            + "DIR/experiment.json collects every seed with the mean and standard deviation across seeds, "
            + "DIR/results.md shows them as tables. A seed whose summary.json exists with the same settings is "
            + "not fitted again, so an interrupted experiment continues where it stopped. See docs/results.md. The "
            + "same nine fits as a sweep (one run directory per fit, resumable mid-fit, also on Spark): "
            + "'sweep --spec data-samples/sweeps/figure2.json' (docs/sweeps.md).")
public final class ExperimentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The experiment: figure2.")
  String name;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--seeds", defaultValue = "3", description = "Number of seeds (fits per variant).")
  int seeds;

  @Option(names = "--first-seed", defaultValue = "0", description = "The first seed; seeds run first, first+1, ...")
  long firstSeed;

  @Option(names = "--data", paramLabel = "DIR",
      description = "A directory of artificial data (its PS*.nwb files, e.g. written by 'pseudodata'); "
          + "default DIR/data, where the Figure 2 data are generated if absent.")
  Path dataDir;

  @Option(names = "--steps", defaultValue = "" + DEFAULT_STEPS, description = "Training steps per fit.")
  int steps;

  @Option(names = "--units", defaultValue = "500",
      description = "Network size (the 'figure2' preset's is 500); smaller networks fit faster.")
  int units;

  @Option(names = "--model-trials", defaultValue = "500", description = "Model trials simulated for the evaluation.")
  int modelTrials;

  @Option(names = "--quiet", description = "No progress bars.")
  boolean quiet;

  /** Training steps per fit by default. */
  static final int DEFAULT_STEPS = 1500;

  @Override
  public Integer call() throws Exception {
    if (!"figure2".equals(name)) {
      throw new ConfigException("experiment", "the only experiment is 'figure2', was '" + name + "'");
    }
    if (seeds < 1) {
      throw new ConfigException("--seeds", "must be >= 1, was " + seeds);
    }
    if (units < 2) {
      throw new ConfigException("--units", "must be >= 2, was " + units);
    }
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> files;
    if (dataDir != null) {
      files = Figure2Fits.sessionFiles(dataDir);
    } else {
      Figure2Fits.DataFiles d = Figure2Fits.ensureData(Figure2Fits.figure2Data(), out.resolve("data"));
      if (d.generated()) {
        o.println("generated the artificial data in " + out.resolve("data"));
      }
      files = d.files();
    }
    ComparisonSpec first = Figure2Fits.figure2(files, steps, units, modelTrials, firstSeed);
    ExperimentResult e = Experiment.run(first, seeds, out, new ProgressBars(err, !quiet), (r, reused) -> {
      o.println("seed " + r.seed() + (reused ? ": reusing " + out.resolve("seed-" + r.seed()).resolve("summary.json")
          : ":"));
      o.print(ExperimentReport.table(r));
      o.flush();
    }, FitCommand.version());
    o.printf(Locale.ROOT, "wrote %s and %s (%.0f s)%n", out.resolve("experiment.json"), out.resolve("results.md"),
        e.seconds());
    o.flush();
    return ExitCodes.OK;
  }
}
