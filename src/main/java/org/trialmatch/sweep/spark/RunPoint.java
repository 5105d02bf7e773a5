package org.trialmatch.sweep.spark;

import org.apache.spark.api.java.function.Function;
import org.trialmatch.sweep.PointRunner;
import org.trialmatch.sweep.PointTask;

/**
 * The Spark task of one point: a {@link PointTask} as JSON in, its {@code PointResult} as JSON out. The
 * fit's progress goes to the executor's standard error (the worker's log of the application), a line
 * every tenth of the steps.
 */
final class RunPoint implements Function<String, String> {
  private static final long serialVersionUID = 1L;

  @Override
  public String call(String task) throws Exception {
    return PointRunner.run(PointTask.fromJson(task), PointRunner.Listener.tenths(System.err::println)).toJson();
  }
}
