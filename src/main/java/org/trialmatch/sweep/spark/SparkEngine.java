package org.trialmatch.sweep.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.trialmatch.data.ConfigException;
import org.trialmatch.sweep.PointResult;
import org.trialmatch.sweep.PointTask;
import org.trialmatch.sweep.SweepEngine;

/**
 * Runs each point as one Spark task (one job per point, so each point's outcome is reported when it comes
 * and a lost executor costs only its points): the executor runs {@link PointRunner} in its own JVM on the
 * point's run directory, which must be on a path every worker sees. A task lost with its worker is retried
 * by Spark ({@code spark.task.maxFailures}) and resumes from the point's last checkpoint. Each task claims
 * {@code spark.task.cpus} cores and gives the fit as many threads.
 */
public final class SparkEngine implements SweepEngine {
  /** How often finished jobs are looked for, ms. */
  private static final long POLL_MS = 100;
  private final JavaSparkContext sc;
  private final int threads;

  /**
   * @param master the master URL, or null for the one spark-submit set (else {@code local[*]})
   * @param threads threads per point, or null for {@code spark.task.cpus} (default 1)
   * @param conf further settings ({@code --spark-conf})
   */
  public SparkEngine(String master, Integer threads, Map<String, String> conf) {
    SparkConf c = new SparkConf().setAppName("trialmatch sweep");
    conf.forEach(c::set);
    if (master != null) {
      c.setMaster(master);
    } else if (!c.contains("spark.master")) {
      c.setMaster("local[*]");
    }
    if (!c.contains("spark.log.level")) {
      c.set("spark.log.level", "WARN");
    }
    if (threads != null) {
      c.set("spark.task.cpus", Integer.toString(threads));
    }
    int t;
    try {
      t = Integer.parseInt(c.get("spark.task.cpus", "1"));
    } catch (NumberFormatException e) {
      throw new ConfigException("--spark-conf spark.task.cpus", "must be a whole number, was " + c.get("spark.task.cpus"));
    }
    if (t < 1) {
      throw new ConfigException(threads != null ? "--threads" : "--spark-conf spark.task.cpus", "must be >= 1, was " + t);
    }
    this.threads = t;
    try {
      this.sc = new JavaSparkContext(c);
    } catch (RuntimeException e) {
      String m = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
      throw new ConfigException(master != null ? "--master" : "--spark-conf", "Spark did not start: " + m);
    }
  }

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public int parallel() {
    return Math.max(1, sc.defaultParallelism() / threads);
  }

  @Override
  public int threadsPerPoint() {
    return threads;
  }

  @Override
  public void run(List<PointTask> tasks, Consumer<PointResult> done) throws IOException {
    List<JavaFutureAction<List<String>>> jobs = new ArrayList<>();
    for (PointTask t : tasks) {
      sc.setJobGroup("point-" + t.name(), "trialmatch sweep point " + t.name(), false);
      jobs.add(sc.parallelize(List.of(t.toJson()), 1).map(new RunPoint()).collectAsync());
    }
    sc.clearJobGroup();
    boolean[] reported = new boolean[jobs.size()];
    int left = jobs.size();
    try {
      while (left > 0) {
        boolean any = false;
        for (int i = 0; i < jobs.size(); i++) {
          if (reported[i] || !jobs.get(i).isDone()) {
            continue;
          }
          PointResult r;
          try {
            r = PointResult.fromJson(jobs.get(i).get().get(0));
          } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            r = new PointResult(tasks.get(i).name(), PointResult.FAILED, "Spark gave up on the point: "
                + String.valueOf(c.getMessage()).lines().findFirst().orElse(c.toString()), null, 0, 0, 0, 0, Map.of(),
                tasks.get(i).evaluationKey());
          }
          reported[i] = true;
          left--;
          any = true;
          done.accept(r);
        }
        if (!any && left > 0) {
          Thread.sleep(POLL_MS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      jobs.forEach(j -> j.cancel(true));
      throw new IOException("interrupted while Spark ran the points", e);
    }
  }

  @Override
  public void close() {
    sc.close();
  }
}
