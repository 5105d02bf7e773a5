package org.trialmatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.trialmatch.data.ConfigException;
import org.trialmatch.sweep.Engines;
import org.trialmatch.sweep.LocalEngine;
import org.trialmatch.sweep.Parallelism;
import org.trialmatch.sweep.PointResult;
import org.trialmatch.sweep.PointRunner;
import org.trialmatch.sweep.Sweep;
import org.trialmatch.sweep.SweepEngine;
import org.trialmatch.sweep.SweepPoint;
import org.trialmatch.sweep.SweepResult;
import org.trialmatch.sweep.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trialmatch sweep --spec S.json --out DIR [--engine local|spark]}: many fits from one spec. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    header = "Fit and evaluate many configurations (a grid of settings, seeds) on this machine or on Spark.",
    showDefaultValues = true,
    description =
        "Fit and evaluate every point of a sweep spec: a base configuration, a grid and/or list of overrides by "
            + "dotted key (\"train.lr\": [5e-4, 1e-3]), seeds, the evaluation and the scores (docs/sweeps.md). "
            + "Every key is checked before anything runs. Each point is an ordinary run directory DIR/points/<name>/ "
            + "(fitted as 'fit' does, evaluated and reported as 'analyze' does) with its outcome in "
            + "DIR/points/<name>.json; DIR/sweep.json, DIR/sweep.csv, DIR/summary.md (mean ± sd over seeds per "
            + "setting) and DIR/figures/ collect them. Run it again to continue: finished points are kept, "
            + "unfinished ones resume from their last checkpoint, failed ones are listed (and run again with "
            + "--retry-failed). Engine 'local' runs K points at once here; 'spark' runs each point as a Spark "
            + "task (Spark must be on the class path: spark-submit, or target/spark-lib).")
public final class SweepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--spec", required = true, paramLabel = "S.json", description = "The sweep spec.")
  Path specFile;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "The sweep directory (created; an existing sweep there is continued).")
  Path out;

  @Option(names = "--engine", defaultValue = "local", paramLabel = "local|spark",
      description = "Where points run: local (this machine) or spark.")
  String engine;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master URL (spark://host:7077, local[K]); default: spark-submit's, else local[*].")
  String master;

  @Option(names = "--parallel", paramLabel = "K",
      description = "Points at once (local engine); default: min(cores, points, heap / memory per point).")
  Integer parallel;

  @Option(names = "--threads", paramLabel = "T",
      description = "Threads per point; default: cores / K (local), spark.task.cpus (spark).")
  Integer threads;

  @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
      description = "A Spark setting (repeatable), e.g. spark.executor.memory=4g.")
  List<String> sparkConf = new ArrayList<>();

  @Option(names = "--retry-failed", description = "Run the points that failed in an earlier run again.")
  boolean retryFailed;

  @Option(names = "--quiet", description = "No per-point progress lines (finished points are still listed).")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    if (!engine.equals("local") && !engine.equals("spark")) {
      throw new ConfigException("--engine", "must be local or spark, was '" + engine + "'");
    }
    if (parallel != null && parallel < 1) {
      throw new ConfigException("--parallel", "must be >= 1, was " + parallel);
    }
    if (threads != null && (threads < 1 || threads > 256)) {
      throw new ConfigException("--threads", "must be in [1, 256], was " + threads);
    }
    if (engine.equals("local") && (master != null || !sparkConf.isEmpty())) {
      throw new ConfigException(master != null ? "--master" : "--spark-conf", "is for --engine spark");
    }
    if (engine.equals("spark") && parallel != null) {
      throw new ConfigException("--parallel", "is for --engine local; Spark runs as many points as it has cores "
          + "for (spark.task.cpus each)");
    }
    Sweep.checkOut(out);
    Map<String, String> conf = new LinkedHashMap<>();
    for (String kv : sparkConf) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("--spark-conf", "must be KEY=VALUE, was '" + kv + "'");
      }
      conf.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    SweepSpec s = SweepSpec.read(specFile);
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<SweepPoint> points = Sweep.plan(s, out);
    PointRunner.Listener steps = quiet ? PointRunner.Listener.NONE : PointRunner.Listener.tenths(line -> {
      synchronized (err) {
        err.println(line);
        err.flush();
      }
    });
    try (SweepEngine e = engine.equals("spark") ? Engines.spark(master, threads, conf)
        : new LocalEngine(Parallelism.choose(Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().maxMemory(), Sweep.largestPointBytes(points),
            Sweep.toRun(s, points, out, retryFailed).size(), parallel, threads),
            steps)) {
      List<String> command = new ArrayList<>();
      command.add("trialmatch");
      command.addAll(spec.commandLine().getParseResult().originalArgs());
      SweepResult r = Sweep.run(s, points, out, e, retryFailed, FitCommand.version(), command, new Sweep.Listener() {
        @Override
        public void planned(int total, int kept, List<PointResult> failedKept, int toRun) {
          o.printf(Locale.ROOT, "sweep %s: %d points; %d finished earlier (kept), %d failed earlier%s, %d to run "
              + "(engine %s, %d at once, %d thread%s each)%n", s.name(), total, kept, failedKept.size(),
              failedKept.isEmpty() ? "" : " (listed, not retried: --retry-failed)", toRun, e.name(), e.parallel(),
              e.threadsPerPoint(), e.threadsPerPoint() == 1 ? "" : "s");
          failedKept.forEach(f -> o.println("  failed earlier: " + f.name() + ": " + f.error()));
          o.flush();
        }

        @Override
        public void pointDone(int finished, int total, PointResult p) {
          o.println(line(finished, total, p));
          o.flush();
        }
      });
      o.printf(Locale.ROOT, "%d of %d points done; wrote %s, %s and %s (%.0f s)%n", r.done(), r.points().size(),
          out.resolve("sweep.json"), out.resolve("sweep.csv"), out.resolve("summary.md"), r.seconds());
      o.flush();
      return r.done() == r.points().size() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }

  static String line(int finished, int total, PointResult p) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "[%d/%d] %s %s", finished, total, p.name(),
        p.status()));
    if (p.done()) {
      b.append(String.format(Locale.ROOT, " in %.0f s%s:", p.seconds(),
          p.resumedFromStep() > 0 ? " (resumed at step " + p.resumedFromStep() + ")" : ""));
      p.scores().forEach((k, v) -> {
        if (v != null && !k.endsWith("_ceiling") && !k.endsWith("_data")) {
          b.append(String.format(Locale.ROOT, " %s %.3g", k, v));
        }
      });
    } else {
      b.append(": ").append(p.error());
    }
    return b.toString();
  }
}
