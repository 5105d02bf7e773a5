package org.trialmatch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.trialmatch.data.ConfigException;
import org.trialmatch.nwb.NwbWriter;
import org.trialmatch.pseudo.PseudoDataConfig;
import org.trialmatch.pseudo.PseudoDataGenerator;
import org.trialmatch.pseudo.PseudoDataWriter;
import org.trialmatch.pseudo.PseudoSession;
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
            + "responds on ~80%% of trials), fit DIR/no_tm (PSTH loss only), DIR/hard_tm and DIR/soft_tm (plus "
            + "hard or Sinkhorn trial matching) from the same initialisation, evaluate each on the test trials "
            + "with --model-trials simulated trials, write DIR/summary.json and each variant's report "
            + "(DIR/<variant>/report/index.html, as 'analyze' makes it). The data are generated if absent. "
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
    if (steps < 1) {
      throw new ConfigException("--steps", "must be >= 1, was " + steps);
    }
    if (modelTrials < 1) {
      throw new ConfigException("--model-trials", "must be >= 1, was " + modelTrials);
    }
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> files = ensureData(demoData(), dataDir, o);
    VariantComparison.Settings s = new VariantComparison.Settings(steps, 100, 0.001, 200, 50, modelTrials, seed,
        !quiet);
    ObjectNode summary = VariantComparison.run(files, out, s, err, List.of("trialmatch", "demo"));
    VariantComparison.printTable(o, summary);
    o.printf(Locale.ROOT, "summary: %s (%.0f s); reports: %s/<variant>/report/index.html%n", out.resolve("summary.json"),
        summary.get("seconds").asDouble(), out);
    o.flush();
    return ExitCodes.OK;
  }

  /**
   * The files of an artificial data set in {@code dataDir}, generated there first if any is missing.
   *
   * @param cfg the data set
   * @param dataDir its directory
   * @param o where to say that it was generated
   * @return absolute paths of PS000.nwb, PS001.nwb, ...
   * @throws java.io.IOException when a file cannot be written
   */
  static List<String> ensureData(PseudoDataConfig cfg, Path dataDir, PrintWriter o) throws java.io.IOException {
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
