package org.trialmatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.trialmatch.data.ConfigException;
import org.trialmatch.train.Checkpoints;
import org.trialmatch.train.Fit;
import org.trialmatch.train.FitConfig;
import org.trialmatch.train.RunDirectory;
import org.trialmatch.train.RunLock;
import org.trialmatch.train.StopReason;
import org.trialmatch.train.TrainingListener;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trialmatch fit --config C.json --out RUN} or {@code fit --resume RUN}. */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    header = "Fit a spiking network to recordings.",
    showDefaultValues = true,
    description =
        "Fit a spiking network to recordings: the JSON configuration's sections data (which NWB files, "
            + "how trials are aligned and split), model (the network), loss (PSTH and trial matching) and "
            + "train (optimiser, steps, seed) are described in docs/config.md. Writes the run directory: "
            + "config.json (resolved), manifest.json, metrics.csv, stitching.csv (which model unit stands for "
            + "which recorded unit), checkpoints/last and checkpoints/best; the directory is locked while a fit "
            + "writes it (a second fit or --resume on it exits 2, naming the holder's pid). "
            + "A run stopped at any moment continues with --resume RUN exactly as if it had not stopped (from "
            + "step 0 when it stopped before its first checkpoint).")
public final class FitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  static final class Mode {
    @Option(names = "--config", paramLabel = "C.json", required = true, description = "The configuration file.")
    Path config;

    @Option(names = "--resume", paramLabel = "RUN", required = true,
        description = "Continue the run in this directory from its last checkpoint.")
    Path resume;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  @Option(names = "--out", paramLabel = "RUN", description = "The run directory to create (with --config).")
  Path out;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    ObjectMapper m = new ObjectMapper();
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter o = spec.commandLine().getOut();
    boolean resuming = mode.resume != null;
    Path dir = resuming ? mode.resume : out;
    if (!resuming && out == null) {
      throw new ConfigException("--out", "is required with --config: the run directory to create");
    }
    RunDirectory run = RunDirectory.at(dir);
    if (resuming && !Files.isRegularFile(run.config())) {
      throw new ConfigException("--resume", dir + " is not a run directory (no config.json)");
    }
    FitConfig cfg = null;
    if (!resuming) {
      if (Files.exists(out) && !isEmptyDir(out)) {
        throw new ConfigException("--out", out + " exists and is not empty; choose a new directory or --resume it");
      }
      cfg = FitConfig.fromJson(ConfigFiles.read(mode.config), mode.config.toAbsolutePath().getParent());
    }
    try (RunLock lock = RunLock.acquire(dir, resuming ? "--resume" : "--out")) {
      ObjectNode manifest;
      if (resuming) {
        cfg = FitConfig.fromJson(org.trialmatch.train.RunData.locate(run, FitConfig.readJson(run.config()), null,
            "put the data back where config.json says (fit --resume reads those paths; analyze, simulate and perturb "
            + "take --data-dir)"), run.root());
        manifest = Files.isRegularFile(run.manifest()) ? (ObjectNode) m.readTree(run.manifest().toFile())
            : RunDirectory.manifest(version(), "", cfg.train().seed(), commandLine(),
                cfg.data().files().stream().map(Path::of).toList());
      } else {
        if (!isEmptyDir(out)) {
          throw new ConfigException("--out", out + " was filled by another process; choose a new directory");
        }
        manifest = run.begin(cfg, version(), commandLine());
      }
      return fit(run, cfg, manifest, resuming, o, err);
    }
  }

  private Integer fit(RunDirectory run, FitConfig cfg, ObjectNode manifest, boolean resume, PrintWriter o,
      PrintWriter err) throws Exception {
    boolean resuming = resume;
    try (Fit fit = Fit.create(cfg)) {
      o.println(fit.stitching().summary());
      o.flush();
      if (resuming && !Checkpoints.exists(run.checkpoints(), "last")) {
        o.printf(Locale.ROOT, "%s has no checkpoint yet: starting again from step 0 (same configuration and "
            + "seed, so the same result as an uninterrupted run)%n", run.root());
        o.flush();
        resuming = false;
      } else if (resuming) {
        fit.restore(run);
        o.printf(Locale.ROOT, "resuming %s at step %d%n", run.root(), fit.step());
        o.flush();
      }
      run.resetMetrics(resuming ? fit.step() : -1);
      StopReason why;
      try (ProgressBar bar = new ProgressBar(err, "fit", cfg.train().steps(), !quiet)) {
        bar.update(fit.step(), "");
        why = fit.run(run, new TrainingListener() {
          private String val = "";

          @Override
          public void onStep(long step, long total, double loss, double psth, double tm, double rate) {
            bar.update(step, String.format(Locale.ROOT, "loss %.4g (psth %.3g, tm %.3g) %.1f Hz%s", loss, psth, tm,
                rate, val));
          }

          @Override
          public void onValidation(long step, double valLoss, double dist, boolean best) {
            val = String.format(Locale.ROOT, "  val %.4g%s", valLoss, best ? " *" : "");
          }
        });
      }
      run.finish(manifest);
      o.printf(Locale.ROOT, "%s: %s; run in %s%n", "fit", why.describe(), run.root());
      o.flush();
    }
    return ExitCodes.OK;
  }

  /** @return the toolkit version from the jar manifest, or {@code development} */
  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  private List<String> commandLine() {
    List<String> c = new ArrayList<>();
    c.add("trialmatch");
    c.addAll(spec.commandLine().getParseResult().originalArgs());
    return c;
  }

  /** @return true when the directory holds nothing but (perhaps) its lock file */
  private static boolean isEmptyDir(Path p) throws java.io.IOException {
    if (!Files.isDirectory(p)) {
      return false;
    }
    try (Stream<Path> s = Files.list(p)) {
      return s.allMatch(f -> f.getFileName().toString().equals(RunLock.FILE));
    }
  }
}
