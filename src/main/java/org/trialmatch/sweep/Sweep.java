package org.trialmatch.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.trialmatch.data.ConfigException;
import org.trialmatch.evaluate.Figure2Fits;
import org.trialmatch.pseudo.PseudoDataConfig;
import org.trialmatch.train.FitConfig;
import org.trialmatch.train.RunLock;

/**
 * A sweep from its spec to its outputs: plans the points (every key checked before anything runs), keeps
 * the points an earlier run finished, lists (or, asked to, retries) the ones that failed, hands the rest
 * to an engine (each resumes from its last checkpoint), and writes {@code sweep.json}, {@code sweep.csv},
 * {@code summary.md} and the figures.
 */
public final class Sweep {
  private Sweep() {}

  /** Told what the sweep does. */
  public interface Listener {
    /**
     * @param total points in the sweep
     * @param kept finished earlier and kept
     * @param failedKept failed earlier and not retried
     * @param toRun points handed to the engine
     */
    void planned(int total, int kept, List<PointResult> failedKept, int toRun);

    /**
     * @param finished points with an outcome so far (kept ones included)
     * @param total points in the sweep
     * @param result the point's outcome
     */
    void pointDone(int finished, int total, PointResult result);
  }

  /**
   * @param out the sweep directory asked for
   * @throws ConfigException when it exists and holds something else than a sweep (a run directory, say)
   */
  public static void checkOut(Path out) throws IOException {
    if (!Files.exists(out)) {
      return;
    }
    if (!Files.isDirectory(out)) {
      throw new ConfigException("--out", out + " exists and is not a directory");
    }
    java.util.Set<String> mine = java.util.Set.of("points", "data", "sweep.json", "sweep.csv", "summary.md", "figures",
        RunLock.FILE);
    try (var s = Files.list(out)) {
      List<String> other = s.map(p -> p.getFileName().toString())
          .filter(n -> !mine.contains(n) && !(n.startsWith(".") && n.endsWith(".tmp"))).sorted().toList();
      if (!other.isEmpty()) {
        throw new ConfigException("--out", out + " is not a sweep directory (it holds " + String.join(", ",
            other.subList(0, Math.min(3, other.size()))) + (other.size() > 3 ? ", ..." : "")
            + "); choose a new directory, or the DIR of an earlier sweep to continue it");
      }
    }
  }

  /**
   * The points of a spec with its data ready: a named artificial data set is generated into
   * {@code out/data} first when absent.
   *
   * @param spec the spec
   * @param out the sweep directory
   * @return the points
   * @throws IOException when the data cannot be written
   */
  public static List<SweepPoint> plan(SweepSpec spec, Path out) throws IOException {
    List<String> files = null;
    if (!spec.pseudodata().isEmpty()) {
      PseudoDataConfig cfg = spec.pseudodata().equals("figure2") ? Figure2Fits.figure2Data() : Figure2Fits.demoData();
      files = Figure2Fits.ensureData(cfg, out.resolve("data")).files();
    }
    return SweepPlan.points(spec, files);
  }

  /**
   * @param spec the spec
   * @param p one of its points
   * @return what the point's evaluation depends on
   */
  static String evaluationKey(SweepSpec spec, SweepPoint p) {
    SweepSpec.Evaluation ev = spec.evaluation();
    return PointTask.evaluationKey(ev.modelTrials(), ev.seedFor(p.seed()), ev.response(), ev.minRateHz(), spec.scores());
  }

  /**
   * @param spec the spec
   * @param points its points
   * @param out the sweep directory
   * @param retryFailed whether failed points run again
   * @return the points a run of the sweep hands to the engine (not finished, or failed and retried)
   * @throws IOException when an earlier outcome cannot be read
   */
  public static List<SweepPoint> toRun(SweepSpec spec, List<SweepPoint> points, Path out, boolean retryFailed)
      throws IOException {
    List<SweepPoint> run = new ArrayList<>();
    for (SweepPoint p : points) {
      Optional<PointResult> old = earlier(SweepPlan.runDir(out, p), p, evaluationKey(spec, p));
      if (old.isEmpty() || (!old.get().done() && retryFailed)) {
        run.add(p);
      }
    }
    return run;
  }

  /**
   * @param points the planned points
   * @return the largest fit-memory lower bound among them, bytes
   */
  public static long largestPointBytes(List<SweepPoint> points) {
    long max = 0;
    for (SweepPoint p : points) {
      max = Math.max(max, FitConfig.fromJson(p.config(), Path.of(".")).memoryLowerBound());
    }
    return max;
  }

  /**
   * Runs a sweep.
   *
   * @param spec the spec
   * @param points its points ({@link #plan})
   * @param out the sweep directory
   * @param engine where the points run
   * @param retryFailed whether points that failed earlier run again
   * @param version the toolkit version for manifests
   * @param command the command line for manifests
   * @param listener told of progress
   * @return the outcome of every point, in plan order
   * @throws IOException when the sweep directory cannot be written or the engine fails
   */
  public static SweepResult run(SweepSpec spec, List<SweepPoint> points, Path out, SweepEngine engine,
      boolean retryFailed, String version, List<String> command, Listener listener) throws IOException {
    long t0 = System.nanoTime();
    Files.createDirectories(out.resolve("points"));
    try (RunLock lock = RunLock.acquire(out, "--out")) {
      Map<String, PointResult> results = new LinkedHashMap<>();
      List<PointResult> failedKept = new ArrayList<>();
      List<PointTask> tasks = new ArrayList<>();
      for (SweepPoint p : points) {
        Path dir = SweepPlan.runDir(out, p);
        Optional<PointResult> old = earlier(dir, p, evaluationKey(spec, p));
        if (old.isPresent() && (old.get().done() || !retryFailed)) {
          results.put(p.name(), old.get());
          if (!old.get().done()) {
            failedKept.add(old.get());
          }
          continue;
        }
        ObjectNode cfg = p.config().deepCopy();
        ((ObjectNode) cfg.get("train")).put("threads", engine.threadsPerPoint());
        SweepSpec.Evaluation ev = spec.evaluation();
        List<String> cmd = new ArrayList<>(command);
        cmd.add("(point " + p.name() + ")");
        tasks.add(new PointTask(p.name(), dir.toAbsolutePath().toString(), cfg.toString(), ev.modelTrials(),
            ev.seedFor(p.seed()), ev.response(), ev.minRateHz(), spec.scores(), version, cmd));
      }
      listener.planned(points.size(), results.size() - failedKept.size(), failedKept, tasks.size());
      int[] finished = {results.size()};
      engine.run(tasks, r -> {
        synchronized (results) {
          results.put(r.name(), r);
          finished[0]++;
          listener.pointDone(finished[0], points.size(), r);
        }
      });
      List<PointResult> ordered = new ArrayList<>();
      for (SweepPoint p : points) {
        PointResult r = results.get(p.name());
        ordered.add(r != null ? r : PointResult.failed(p.name(), "the engine returned no outcome", 0, 0, ""));
      }
      SweepResult res = new SweepResult(spec, points, ordered, engine.name(), engine.parallel(),
          engine.threadsPerPoint(), (System.nanoTime() - t0) / 1e9);
      SweepOutputs.write(out, res);
      return res;
    }
  }

  /**
   * @param dir a point's run directory
   * @param p the point as planned
   * @return its outcome from an earlier run, if any
   * @throws ConfigException when the directory was made with another configuration
   */
  static Optional<PointResult> earlier(Path dir, SweepPoint p, String evaluation) throws IOException {
    Path f = PointRunner.resultFile(dir);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    PointResult r;
    try {
      r = PointResult.fromJson(Files.readString(f, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Path cfg = dir.resolve("config.json");
    if (!Files.isRegularFile(cfg)) {
      // the point's directory was deleted (or never begun): its outcome no longer stands
      return r.done() ? Optional.empty() : Optional.of(r);
    }
    com.fasterxml.jackson.databind.JsonNode stored = FitConfig.readJson(cfg);
    if (!SweepPlan.canonical(stored).equals(SweepPlan.canonical(p.config()))) {
      if (r.done()) {
        throw new ConfigException("--out", dir + " was fitted with another configuration than the spec now gives "
            + "point " + p.name() + " (" + SweepPlan.firstDifference(stored, p.config()) + "); sweep into a new "
            + "directory, or delete " + dir + " and " + f.getFileName());
      }
      // a failed point whose setting changed: put its directory aside and fit the new setting
      Path aside = dir.resolveSibling(dir.getFileName() + ".replaced-" + System.currentTimeMillis());
      Files.move(dir, aside);
      Files.delete(f);
      return Optional.empty();
    }
    if (r.done() && !evaluation.equals(r.evaluation())) {
      return Optional.empty(); // evaluated otherwise: the fit is kept and only the evaluation runs again
    }
    return Optional.of(r);
  }
}
