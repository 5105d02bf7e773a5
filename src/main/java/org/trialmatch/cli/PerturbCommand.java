package org.trialmatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.trialmatch.evaluate.PerturbationExperiment;
import org.trialmatch.evaluate.PerturbationRequest;
import org.trialmatch.evaluate.PerturbationRun;
import org.trialmatch.train.Fit;
import org.trialmatch.train.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trialmatch perturb --run RUN --spec P.json}: paired control and perturbed trials of a fitted model. */
@Command(
    name = "perturb",
    mixinStandardHelpOptions = true,
    header = "Perturb a fitted model in silico (photoinhibition, clamp, excitation) and report what changes.",
    showDefaultValues = true,
    description = {
        "Simulates control and perturbed trials of a fitted model (checkpoint 'best', else 'last') from the same "
            + "draws, so every perturbed trial has its own control, at every strength of the spec's sweep. Writes "
            + "DIR/control.nwb and DIR/perturbed.nwb (the perturbation in the trials table), DIR/perturbation.json and "
            + "DIR/report/index.html: per area the control and perturbed PSTHs with the window shaded, the change of "
            + "each unit's window rate with a 95 % interval, the dose-response of each area, the behaviour readout "
            + "and the outcome fractions.",
        "When the run's recordings mark perturbed trials (data.perturbationColumns, or the spec's recordedColumns), "
            + "each recorded unit's change on those trials is put beside the model's prediction.",
        "The spec (JSON): kind (photoinhibition | clamp | excitation), target {area, cells E|I|ALL}, window {start, "
            + "end} each {event: align or a data.eventColumns name, ms}, and strength (units of threshold - rest) or a "
            + "sweep with strengthRule {silenceTo: 0.1}. See docs/perturbation.md."})
public final class PerturbCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "RUN", description = "Run directory written by 'fit'.")
  Path run;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The folder that now holds the run's data files, when they moved since the fit (looked up by "
          + "file name and checked against the SHA-256 in the run's manifest).")
  Path dataDir;

  @Option(names = "--spec", required = true, paramLabel = "P.json", description = "The perturbation (JSON).")
  Path specFile;

  @Option(names = "--trials", defaultValue = "500", paramLabel = "N",
      description = "Paired trials per strength (and for the control).")
  int trials;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the draws.")
  long seed;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output directory (default RUN/perturb/<the spec file's name>).")
  Path out;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PerturbationRequest req = PerturbationRequest.fromJson(ConfigFiles.read(specFile), specFile.toString());
    String stem = specFile.getFileName().toString().replaceAll("\\.json$", "");
    Path target = out != null ? out : run.resolve("perturb").resolve(stem);
    RunDirectory dir = RunDirectory.at(run);
    try (Fit fit = Fit.load(dir, dataDir)) {
      PerturbationExperiment.check(fit, req, specFile.toString());
      long total = (long) trials * (req.sweep().size() + 1);
      PerturbationRun.Written w;
      try (ProgressBar bar = new ProgressBar(err, "perturbing", total, !quiet)) {
        w = PerturbationRun.write(fit, run, req, trials, seed, target, k -> bar.update(k, ""));
      }
      PrintWriter o = spec.commandLine().getOut();
      w.lines().forEach(o::println);
      o.println("wrote " + target.resolve("report").resolve("index.html") + ", perturbation.json, control.nwb and "
          + "perturbed.nwb in " + target);
    }
    return ExitCodes.OK;
  }
}
