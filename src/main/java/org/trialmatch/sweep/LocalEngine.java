package org.trialmatch.sweep;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs K points at once in this JVM, each fit with its share of the threads; a point that throws (an I/O
 * failure of its directory) is recorded as failed, and the others go on.
 */
public final class LocalEngine implements SweepEngine {
  private final Parallelism p;
  private final PointRunner.Listener listener;

  /**
   * @param p points at once and threads per point
   * @param listener told of every fit's steps
   */
  public LocalEngine(Parallelism p, PointRunner.Listener listener) {
    this.p = p;
    this.listener = listener;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public int parallel() {
    return p.parallel();
  }

  @Override
  public int threadsPerPoint() {
    return p.threads();
  }

  @Override
  public void run(List<PointTask> tasks, Consumer<PointResult> done) throws IOException {
    if (tasks.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(p.parallel(), tasks.size()), r -> {
      Thread t = new Thread(r, "sweep-point");
      t.setDaemon(true);
      return t;
    });
    try {
      CompletionService<PointResult> cs = new ExecutorCompletionService<>(pool);
      for (PointTask t : tasks) {
        cs.submit(() -> {
          long t0 = System.nanoTime();
          PointResult failed;
          try {
            return PointRunner.run(t, listener);
          } catch (OutOfMemoryError e) {
            failed = PointResult.failed(t.name(), "out of memory with " + p.parallel() + " points at once: run with "
                + "--parallel 1, or give java more heap (-Xmx)", 0, (System.nanoTime() - t0) / 1e9, t.evaluationKey());
          } catch (IOException | RuntimeException e) {
            failed = PointResult.failed(t.name(), e.getClass().getSimpleName() + ": " + e.getMessage(), 0,
                (System.nanoTime() - t0) / 1e9, t.evaluationKey());
          }
          try {
            PointRunner.recordFailure(t, failed);
          } catch (IOException | RuntimeException e) {
            // the outcome still reaches the sweep's tables
          }
          return failed;
        });
      }
      for (int i = 0; i < tasks.size(); i++) {
        done.accept(cs.take().get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while points were running", e);
    } catch (ExecutionException e) {
      throw new IOException("a point failed outside its own error handling: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
