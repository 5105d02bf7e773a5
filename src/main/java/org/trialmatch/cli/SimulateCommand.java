package org.trialmatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.trialmatch.data.ConfigException;
import org.trialmatch.evaluate.EvaluationTrials;
import org.trialmatch.evaluate.ModelTrialTypes;
import org.trialmatch.evaluate.SyntheticNwb;
import org.trialmatch.nwb.write.NwbWriteSpec;
import org.trialmatch.nwb.write.NwbWriter;
import org.trialmatch.train.Fit;
import org.trialmatch.train.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trialmatch simulate --run RUN --trials N}: synthetic trials of a fitted model, as an NWB file. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    header = "Simulate trials of a fitted model and write them as NWB.",
    showDefaultValues = true,
    description =
        "Simulate trials of a fitted model (checkpoint 'best', else 'last') and write them as NWB: model units "
            + "with their area, E/I type and the recorded unit each stands for; a trials table laid end to end; "
            + "the model's behaviour readout when it has one. Conditions and event times are drawn from the test split. "
            + "See docs/simulate-analyze.md.")
public final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "RUN", description = "Run directory written by 'fit'.")
  Path run;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The folder that now holds the run's data files, when they moved since the fit (looked up by "
          + "file name and checked against the SHA-256 in the run's manifest).")
  Path dataDir;

  @Option(names = "--trials", required = true, paramLabel = "N", description = "Number of trials to write.",
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER)
  int trials;

  @Option(names = "--condition", paramLabel = "C",
      description = "Only trials of this condition (more trials are drawn and the others dropped).")
  String condition;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the simulation.")
  long seed;

  @Option(names = "--out", paramLabel = "F.nwb", description = "Output file (default RUN/synthetic.nwb).")
  Path out;

  @Option(names = "--dandi-name",
      description = "Name the default output as DANDI does: RUN/sub-model-<run>_ses-synthetic-seed<S>.nwb.")
  boolean dandiName;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (dandiName && out != null) {
      throw new ConfigException("--dandi-name", "names the default output; with --out, name the file yourself");
    }
    Path run0 = run.toAbsolutePath().normalize();
    Path target = out != null ? out : run.resolve(dandiName ? org.trialmatch.nwb.DandiNames.of("model-"
        + (run0.getFileName() == null ? "run" : run0.getFileName().toString()), "synthetic-seed" + seed)
        : "synthetic.nwb");
    RunDirectory dir = RunDirectory.at(run);
    try (Fit fit = Fit.load(dir, dataDir)) {
      var clf = ModelTrialTypes.classifier(fit);
      String provenance = String.format(Locale.ROOT, "run %s, checkpoint step %d, seed %d, %d trials%s",
          run.toAbsolutePath().normalize(), fit.step(), seed, trials,
          condition == null ? "" : " of condition '" + condition + "'");
      NwbWriteSpec nwb;
      try (ProgressBar bar = new ProgressBar(err, "simulating", trials, !quiet && trials > EvaluationTrials.CHUNK)) {
        nwb = SyntheticNwb.simulateSpec(fit, trials, condition, seed, clf.orElse(null), provenance,
            k -> bar.update(k, ""));
      }
      NwbWriter.write(target, nwb);
      spec.commandLine().getOut().println("wrote " + trials + " synthetic trials of " + fit.layout().nUnits()
          + " model units to " + target);
    }
    return ExitCodes.OK;
  }
}
