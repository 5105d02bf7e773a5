package org.trialmatch.sweep;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the points of a sweep run: {@link LocalEngine} on this machine, or Apache Spark
 * ({@code org.trialmatch.sweep.spark.SparkEngine}, loaded only when asked for).
 */
public interface SweepEngine extends AutoCloseable {
  /** @return the engine's name as {@code --engine} spells it */
  String name();

  /** @return points run at once (slots) */
  int parallel();

  /** @return worker threads each point's fit gets ({@code train.threads}) */
  int threadsPerPoint();

  /**
   * Runs every task; returns when all have an outcome.
   *
   * @param tasks the points to run
   * @param done told each outcome as it comes (from any thread, one call at a time)
   * @throws IOException when the engine itself fails
   */
  void run(List<PointTask> tasks, Consumer<PointResult> done) throws IOException;

  @Override
  default void close() throws IOException {}
}
