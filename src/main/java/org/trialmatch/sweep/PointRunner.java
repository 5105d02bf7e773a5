package org.trialmatch.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.trialmatch.analysis.AnalysisConfig;
import org.trialmatch.analysis.ResponseRule;
import org.trialmatch.errors.InputException;
import org.trialmatch.evaluate.ResultJson;
import org.trialmatch.evaluate.RunEvaluation;
import org.trialmatch.report.AtomicFiles;
import org.trialmatch.train.Checkpoints;
import org.trialmatch.train.Fit;
import org.trialmatch.train.FitConfig;
import org.trialmatch.train.RunDirectory;
import org.trialmatch.train.RunLock;
import org.trialmatch.train.TrainingListener;
import org.trialmatch.train.TrainingStoppedException;

/**
 * Runs one point where it is called (a thread of the local engine, a Spark executor): the fit into the
 * point's run directory — begun, or resumed from its last checkpoint when an earlier attempt stopped — and
 * then the evaluation and report exactly as {@code analyze} writes them ({@code report/}, with
 * {@code targets.json}). The directory is locked while it runs. The outcome goes to
 * {@code DIR/points/<name>.json} and is returned. A failure of the point itself (a stopped fit, bad input)
 * is a {@code failed} result, not an exception: retrying it would fail the same way. An I/O failure of the
 * directory is thrown, so that an engine may retry the point elsewhere.
 */
public final class PointRunner {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Told how a point's fit advances. */
  public interface Listener {
    /**
     * @param point the point's name
     * @param step the step reached
     * @param total the fit's steps
     * @param loss the training loss at that step
     */
    void onStep(String point, long step, long total, double loss);

    /** Hears nothing. */
    Listener NONE = (p, s, t, l) -> { };

    /**
     * @param lines told each line
     * @return a listener making one plain line per tenth of a fit's steps
     */
    static Listener tenths(java.util.function.Consumer<String> lines) {
      return (p, s, t, l) -> {
        long tenth = Math.max(1, t / 10);
        if (s > 0 && s % tenth == 0) {
          lines.accept(String.format(java.util.Locale.ROOT, "  %s: step %d/%d, loss %.4g", p, s, t, l));
        }
      };
    }
  }

  private PointRunner() {}

  /**
   * @param t the task
   * @param listener told of the fit's steps
   * @return the outcome (also written to {@code <runDir>.json})
   * @throws IOException when the run directory cannot be written
   */
  public static PointResult run(PointTask t, Listener listener) throws IOException {
    long t0 = System.nanoTime();
    Path dir = Path.of(t.runDir());
    Files.createDirectories(dir);
    RunLock lock;
    try {
      lock = RunLock.acquire(dir, "sweep point " + t.name());
    } catch (org.trialmatch.data.ConfigException busy) {
      // another attempt (a lost executor still exiting) holds the point: an error the engine may retry
      throw new IOException(busy.getMessage(), busy);
    }
    try (lock) {
      PointResult r;
      long from = 0;
      try {
        RunDirectory run = RunDirectory.at(dir);
        FitConfig cfg = FitConfig.fromJson(MAPPER.readTree(t.config()), dir);
        from = Checkpoints.exists(run.checkpoints(), "last") && Files.isRegularFile(run.config())
            ? Checkpoints.step(run.checkpoints(), "last") : 0;
        r = fitAndEvaluate(t, run, cfg, listener, from, t0);
      } catch (TrainingStoppedException | InputException e) {
        r = PointResult.failed(t.name(), oneLine(e), from, seconds(t0), t.evaluationKey());
      }
      write(dir, r);
      return r;
    }
  }

  /**
   * Records a point that could not be run at all (its outcome file, beside the run directory).
   *
   * @param t the task
   * @param r its failed outcome
   * @throws IOException when it cannot be written
   */
  static void recordFailure(PointTask t, PointResult r) throws IOException {
    write(Path.of(t.runDir()), r);
  }

  private static PointResult fitAndEvaluate(PointTask t, RunDirectory run, FitConfig cfg, Listener listener,
      long from, long t0) throws IOException {
    ObjectNode manifest;
    boolean fitted = false;
    if (Files.isRegularFile(run.config())) {
      JsonNode stored = FitConfig.readJson(run.config());
      if (!SweepPlan.canonical(stored).equals(SweepPlan.canonical(cfg.toJson()))) {
        return PointResult.failed(t.name(), run.config() + " holds another configuration than the spec gives this "
            + "point (" + SweepPlan.firstDifference(stored, cfg.toJson()) + "); delete " + run.root() + " and "
            + resultFile(run.root()).getFileName() + " to fit it again, or sweep into a new directory", from, seconds(t0),
            t.evaluationKey());
      }
      manifest = Files.isRegularFile(run.manifest()) ? (ObjectNode) MAPPER.readTree(run.manifest().toFile())
          : run.begin(cfg, t.version(), t.command());
      fitted = manifest.hasNonNull("finished");
      RunDirectory.writeJson(run.config(), cfg.toJson());
    } else {
      manifest = run.begin(cfg, t.version(), t.command());
    }
    String why = null;
    long trained;
    if (!fitted) {
      try (Fit fit = Fit.create(cfg)) {
        boolean resume = from > 0;
        if (resume) {
          fit.restore(run);
        }
        run.resetMetrics(resume ? fit.step() : -1);
        why = fit.run(run, new TrainingListener() {
          @Override
          public void onStep(long step, long total, double loss, double psth, double tm, double rate) {
            listener.onStep(t.name(), step, total, loss);
          }
        }).describe();
        trained = fit.step();
      }
      manifest.put("stop_reason", why);
      run.finish(manifest);
    } else {
      trained = Checkpoints.step(run.checkpoints(), "last");
      from = 0;
      why = manifest.path("stop_reason").asText(null);
    }
    try (Fit fit = Fit.load(run)) {
      AnalysisConfig acfg = AnalysisConfig.defaults(t.evalSeed()).withMinUnitsPerArea(cfg.loss().minUnits())
          .withMinRateHz(t.minRateHz());
      if ("figure2".equals(t.response())) {
        acfg = acfg.withResponse(ResponseRule.figure2());
      }
      RunEvaluation ev = RunEvaluation.of(fit, run, t.evalTrials(), t.evalSeed(), acfg, null);
      Path report = run.root().resolve("report");
      ev.writeReport(report);
      ResultJson.write(report.resolve("targets.json"), ev.targets());
      Map<String, Double> scores = new LinkedHashMap<>();
      ScoreNames.of(ev.scores(), t.scores()).forEach((k, v) -> scores.put(k, Double.isFinite(v) ? v : null));
      return new PointResult(t.name(), PointResult.DONE, null, why, trained, ev.checkpointStep(), from, seconds(t0),
          scores, t.evaluationKey());
    }
  }

  /**
   * @param runDir a point's run directory
   * @return the file its outcome is written to: {@code <runDir>.json}
   */
  static Path resultFile(Path runDir) {
    return runDir.resolveSibling(runDir.getFileName() + ".json");
  }

  private static void write(Path runDir, PointResult r) throws IOException {
    AtomicFiles.write(resultFile(runDir), (r.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replace('\n', ' ').strip();
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
