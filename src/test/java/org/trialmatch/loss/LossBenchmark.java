package org.trialmatch.loss;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Timing of the trial-matching kernels at given trial counts (a command, not a test). Run after
 * {@code mvn -B -q -DskipTests package}:
 *
 * <pre>
 *   java -cp "target/classes:target/test-classes:target/lib/*" org.trialmatch.loss.LossBenchmark [K ...]
 * </pre>
 *
 * Data and model are K x D Gaussian clouds (D = 174, the paper's largest feature length; the model
 * shifted by 0.3 and scaled by 1.1, the scale of z-scored features), seed 1. Every kernel is
 * single-threaded. Prints one line per kernel and size: best and median wall time over the repetitions
 * after warm-up, and for the converged mode the sweeps and Newton steps used.
 */
public final class LossBenchmark {
  private static final int DIM = 174;

  private LossBenchmark() {}

  /**
   * @param args trial counts K (default 150 500 2000)
   */
  public static void main(String[] args) {
    int[] sizes = args.length == 0 ? new int[] {150, 500, 2000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    System.out.printf(Locale.ROOT, "# java %s, %d available processors, kernels single-threaded, D = %d%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), DIM);
    for (int k : sizes) {
      SplittableRandom rng = new SplittableRandom(1);
      double[] x = LossTesting.gaussian(rng, k * DIM, 1.0);
      double[] y = LossTesting.gaussian(rng, k * DIM, 1.1);
      for (int i = 0; i < y.length; i++) {
        y[i] += 0.3;
      }
      int reps = k <= 150 ? 30 : k <= 500 ? 8 : 2;
      double[] grad = new double[k * DIM];
      HardMatching hard = new HardMatching();
      report("hard matching (cost + assignment + gradient)", k, reps,
          () -> hard.evaluate(x, k, y, k, DIM, null, grad, null), "");
      double[] cost = new double[k * k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          double s = 0;
          for (int d = 0; d < DIM; d++) {
            double diff = y[i * DIM + d] - x[j * DIM + d];
            s += diff * diff;
          }
          cost[i * k + j] = s / DIM;
        }
      }
      LinearAssignment lap = new LinearAssignment();
      int[] cols = new int[k];
      report("assignment only (given the cost matrix)", k, reps, () -> lap.solve(cost, k, k, cols), "");
      SinkhornDivergence s = new SinkhornDivergence();
      report("Sinkhorn annealed eps 0.01 (value + gradient)", k, reps,
          () -> s.annealed(x, k, y, k, DIM, 0.01, 0.5, grad), "");
      for (double eps : new double[] {0.1, 0.01}) {
        SinkhornResult[] last = new SinkhornResult[1];
        report(String.format(Locale.ROOT, "Sinkhorn converged eps %s (value)", eps), k, k <= 500 ? 3 : 1,
            () -> {
              last[0] = s.converged(x, k, y, k, DIM, eps, SinkhornDivergence.DEFAULT_TOLERANCE,
                  SinkhornDivergence.DEFAULT_MAX_ITERATIONS, null);
              return last[0].divergence();
            },
            () -> String.format(Locale.ROOT, "  sweeps %d, Newton steps %d, marginal error %.2g, converged %s",
                last[0].iterations(), last[0].newtonSteps(), last[0].marginalError(), last[0].converged()));
      }
    }
  }

  private interface Kernel {
    double run();
  }

  private interface Note {
    String text();
  }

  private static void report(String name, int k, int reps, Kernel kernel, String note) {
    report(name, k, reps, kernel, () -> note);
  }

  private static void report(String name, int k, int reps, Kernel kernel, Note note) {
    double sink = 0;
    int warm = Math.max(1, reps / 3);
    for (int i = 0; i < warm; i++) {
      sink += kernel.run();
    }
    double[] ms = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      sink += kernel.run();
      ms[i] = (System.nanoTime() - t0) * 1e-6;
    }
    Arrays.sort(ms);
    System.out.printf(Locale.ROOT, "K %5d  %-48s best %10.1f ms  median %10.1f ms  (%d runs)%s%s%n",
        k, name, ms[0], ms[reps / 2], reps, note.text(), Double.isNaN(sink) ? " NaN!" : "");
  }
}
