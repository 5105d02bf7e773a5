package org.trialmatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.trialmatch.data.ConfigException;
import org.trialmatch.pseudo.PseudoDataConfig;
import org.trialmatch.report.AtomicFiles;
import org.trialmatch.report.ChartRenderer;
import org.trialmatch.report.Figures;
import org.trialmatch.train.RunDirectory;
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
            + "not fitted again, so an interrupted experiment continues where it stopped. See docs/results.md.")
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

  /** Model trials per training step (the shipped Figure 2 models' batch). */
  static final int TRAIN_TRIALS = 150;

  /** AdamW learning rate (the public artificial-data configuration's). */
  static final double LR = 1e-3;

  /** Steps between validations. */
  static final int VALIDATE_EVERY = 100;

  /** The response fraction reported by the paper (Figure 2) for the data and each variant. */
  static final String PAPER_ROW = "data 0.80; no_tm 0.90–0.97; hard_tm 0.84; soft_tm 0.79";

  /** @return the Figure 2 data set at the paper's size, generator seed 0 */
  static PseudoDataConfig figure2Data() {
    return PseudoDataConfig.figure2().withSeed(0);
  }

  @Override
  public Integer call() throws Exception {
    if (!"figure2".equals(name)) {
      throw new ConfigException("experiment", "the only experiment is 'figure2', was '" + name + "'");
    }
    if (seeds < 1) {
      throw new ConfigException("--seeds", "must be >= 1, was " + seeds);
    }
    if (steps < 1) {
      throw new ConfigException("--steps", "must be >= 1, was " + steps);
    }
    if (units < 2) {
      throw new ConfigException("--units", "must be >= 2, was " + units);
    }
    if (modelTrials < 1) {
      throw new ConfigException("--model-trials", "must be >= 1, was " + modelTrials);
    }
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long t0 = System.nanoTime();
    PseudoDataConfig dataCfg = figure2Data();
    List<String> files = dataDir != null ? sessionFiles(dataDir) : DemoCommand.ensureData(dataCfg, out.resolve("data"), o);
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode experiment = m.createObjectNode();
    experiment.put("experiment", "figure2");
    ObjectNode settings = experiment.putObject("settings");
    settings.put("units", units);
    settings.put("steps", steps);
    settings.put("trainTrials", TRAIN_TRIALS);
    settings.put("lr", LR);
    settings.put("validateEvery", VALIDATE_EVERY);
    settings.put("modelTrials", modelTrials);
    settings.set("files", m.valueToTree(files));
    if (dataDir == null) {
      experiment.set("dataGenerator", m.valueToTree(dataCfg));
    }
    ArrayNode perSeed = experiment.putArray("seeds");
    for (int k = 0; k < seeds; k++) {
      long seed = firstSeed + k;
      Path seedDir = out.resolve("seed-" + seed);
      ObjectNode summary = reusable(m, seedDir.resolve("summary.json"), settings);
      if (summary != null) {
        o.println("seed " + seed + ": reusing " + seedDir.resolve("summary.json"));
      } else {
        VariantComparison.Settings s = new VariantComparison.Settings(steps, TRAIN_TRIALS, LR, units, VALIDATE_EVERY,
            modelTrials, seed, !quiet);
        summary = VariantComparison.run(files, seedDir, s, err,
            List.of("trialmatch", "experiment", "figure2", "--seed", Long.toString(seed)));
        summary.set("settings", settings.deepCopy());
        RunDirectory.writeJson(seedDir.resolve("summary.json"), summary);
      }
      summary.put("seed", seed);
      perSeed.add(summary);
      o.println("seed " + seed + ":");
      VariantComparison.printTable(o, summary);
      o.flush();
    }
    experiment.set("acrossSeeds", acrossSeeds(m, perSeed));
    experiment.put("seconds", (System.nanoTime() - t0) / 1e9);
    RunDirectory.writeJson(out.resolve("experiment.json"), experiment);
    writeFigures(out, perSeed);
    AtomicFiles.write(out.resolve("results.md"), markdown(experiment));
    o.printf(Locale.ROOT, "wrote %s and %s (%.0f s)%n", out.resolve("experiment.json"), out.resolve("results.md"),
        experiment.get("seconds").asDouble());
    o.flush();
    return ExitCodes.OK;
  }

  /** The PS*.nwb files of a data directory, sorted by name; none is an input error. */
  static List<String> sessionFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "expected a directory of PS*.nwb files");
    }
    List<String> files = new ArrayList<>();
    try (var stream = Files.newDirectoryStream(dir, "PS*.nwb")) {
      stream.forEach(f -> files.add(f.toAbsolutePath().toString()));
    }
    if (files.isEmpty()) {
      throw new NoSuchFileException(dir.toString(), null, "expected PS*.nwb files, found none");
    }
    files.sort(null);
    return files;
  }

  /** DIR/response_fraction.{png,svg} and DIR/trial_matched_corr.{png,svg}: one bar per seed. */
  private static void writeFigures(Path out, ArrayNode perSeed) throws IOException {
    List<String> names = new ArrayList<>();
    List<double[]> fractions = new ArrayList<>();
    List<double[]> corrs = new ArrayList<>();
    List<String> variants = new ArrayList<>();
    for (String[] v : VariantComparison.VARIANTS) {
      variants.add(v[0]);
    }
    for (JsonNode s : perSeed) {
      names.add("seed " + s.get("seed").asLong());
      double[] f = new double[variants.size() + 1];
      double[] c = new double[variants.size()];
      f[0] = s.at("/data/response_fraction").asDouble();
      for (int i = 0; i < variants.size(); i++) {
        f[i + 1] = s.at("/variants/" + variants.get(i) + "/response_fraction").asDouble();
        c[i] = s.at("/variants/" + variants.get(i) + "/trial_matched_corr").asDouble();
      }
      fractions.add(f);
      corrs.add(c);
    }
    List<String> withData = new ArrayList<>(List.of("data (test)"));
    withData.addAll(variants);
    ChartRenderer.write(Figures.groupedBars("response_fraction", "Share of trials in which area 2 responds",
        "response fraction", "Test data and 500 model trials of each fit, one bar per seed.", withData, names,
        fractions, 0, 1), out);
    ChartRenderer.write(Figures.groupedBars("trial_matched_corr", "Trial-matched correlation with the test data",
        "Pearson r", "t_trial of each fit against the test trials, one bar per seed.", variants, names, corrs, 0, 1), out);
  }

  /** A seed's earlier summary when it is complete and was made with the same settings, else null. */
  static ObjectNode reusable(ObjectMapper m, Path summaryFile, ObjectNode settings) throws IOException {
    if (!Files.isRegularFile(summaryFile)) {
      return null;
    }
    JsonNode s = m.readTree(summaryFile.toFile());
    if (!(s instanceof ObjectNode) || !settings.equals(s.get("settings"))) {
      return null;
    }
    for (String[] v : VariantComparison.VARIANTS) {
      if (!s.at("/variants/" + v[0]).has("response_fraction")) {
        return null;
      }
    }
    return (ObjectNode) s;
  }

  private static final List<String> METRICS =
      List.of("response_fraction", "psth_corr", "trial_matched_corr", "tm_distance");

  /** Mean and sample standard deviation across seeds of every metric of every variant. */
  static ObjectNode acrossSeeds(ObjectMapper m, ArrayNode perSeed) {
    ObjectNode r = m.createObjectNode();
    for (String[] v : VariantComparison.VARIANTS) {
      ObjectNode vn = r.putObject(v[0]);
      for (String k : METRICS) {
        double[] x = new double[perSeed.size()];
        for (int i = 0; i < x.length; i++) {
          x[i] = perSeed.get(i).at("/variants/" + v[0] + "/" + k).asDouble();
        }
        ObjectNode kn = vn.putObject(k);
        kn.put("mean", mean(x));
        kn.put("sd", sd(x));
      }
    }
    double[] d = new double[perSeed.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = perSeed.get(i).at("/data/response_fraction").asDouble();
    }
    r.putObject("data").put("response_fraction", mean(d));
    return r;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double sd(double[] x) {
    if (x.length < 2) {
      return Double.NaN;
    }
    double mu = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - mu) * (v - mu);
    }
    return Math.sqrt(s / (x.length - 1));
  }

  /** The experiment as Markdown: one table per seed, then the means across seeds beside the paper's. */
  static String markdown(ObjectNode e) {
    StringBuilder b = new StringBuilder();
    JsonNode st = e.get("settings");
    b.append(String.format(Locale.ROOT,
        "# Experiment figure2%n%n%d-unit networks, %d steps per fit, %d model trials per step, lr %s, validation every %d steps; "
            + "evaluation on the test trials with %d model trials.%n",
        st.get("units").asInt(), st.get("steps").asInt(), st.get("trainTrials").asInt(), st.get("lr").asText(),
        st.get("validateEvery").asInt(), st.get("modelTrials").asInt()));
    for (JsonNode s : e.get("seeds")) {
      b.append(String.format(Locale.ROOT, "%n## Seed %d%n%n", s.get("seed").asLong()));
      b.append("| | response_fraction | 2 SE of the difference | psth_corr | trial_matched_corr | tm_distance | "
          + "best step | minutes |\n|---|---|---|---|---|---|---|---|\n");
      b.append(String.format(Locale.ROOT, "| data (test, n = %d) | %.3f | | | | | | |%n",
          s.at("/data/n_trials").asInt(), s.at("/data/response_fraction").asDouble()));
      for (String[] v : VariantComparison.VARIANTS) {
        JsonNode n = s.at("/variants/" + v[0]);
        b.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %d | %.1f |%n", v[0],
            n.get("response_fraction").asDouble(), 2 * n.get("response_fraction_se_of_difference").asDouble(),
            n.get("psth_corr").asDouble(), n.get("trial_matched_corr").asDouble(),
            n.get("tm_distance").asDouble(), n.get("best_step").asLong(), n.get("seconds").asDouble() / 60));
      }
    }
    JsonNode a = e.get("acrossSeeds");
    b.append(String.format(Locale.ROOT, "%n## Across %d seeds (mean ± sd)%n%n", e.get("seeds").size()));
    b.append("| | response_fraction | psth_corr | trial_matched_corr | tm_distance |\n|---|---|---|---|---|\n");
    b.append(String.format(Locale.ROOT, "| data | %.3f | | | |%n", a.at("/data/response_fraction").asDouble()));
    for (String[] v : VariantComparison.VARIANTS) {
      b.append("| ").append(v[0]);
      for (String k : METRICS) {
        JsonNode kn = a.at("/" + v[0] + "/" + k);
        b.append(String.format(Locale.ROOT, " | %.3f ± %.3f", kn.get("mean").asDouble(), kn.get("sd").asDouble()));
      }
      b.append(" |\n");
    }
    b.append(String.format(Locale.ROOT, "%nThe paper's response fractions (Figure 2): %s.%n", PAPER_ROW));
    b.append("\n![response fraction per seed](response_fraction.png)\n\n"
        + "![trial-matched correlation per seed](trial_matched_corr.png)\n");
    return b.toString();
  }
}
