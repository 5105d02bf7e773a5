package org.trialmatch.sweep;

/**
 * How many points the local engine runs at once, and with how many threads each: {@code K = min(cores,
 * points, floor(heap / per-point memory))} with at least 1, and {@code threads = max(1, cores / K)}; the
 * memory a point needs is taken as {@link #MEMORY_FACTOR} times the fit's lower-bound estimate, and never
 * less than {@link #MIN_POINT_BYTES} (docs/sweeps.md gives the measurements behind both).
 *
 * @param parallel points at once
 * @param threads threads per point
 */
public record Parallelism(int parallel, int threads) {
  /**
   * Peak memory of a fit and its evaluation over the fit's lower-bound estimate: the Figure 2 fit (estimate
   * 188 MB) peaked at 2.41 GB resident with its evaluation of 500 trials (docs/results.md), 12.8 times.
   */
  public static final int MEMORY_FACTOR = 12;
  /** The least memory taken for one point (the evaluation and report need about this on small fits). */
  public static final long MIN_POINT_BYTES = 1L << 30;

  /** Checks the counts. */
  public Parallelism {
    if (parallel < 1 || threads < 1) {
      throw new IllegalArgumentException("parallel and threads must be >= 1, were " + parallel + ", " + threads);
    }
  }

  /**
   * @param cores processors available
   * @param heapBytes the JVM's maximum heap
   * @param pointBytes the largest point's lower-bound memory estimate
   * @param points points to run
   * @param parallel {@code --parallel}, or null for the rule
   * @param threads {@code --threads}, or null for the rule
   * @return the choice
   */
  public static Parallelism choose(int cores, long heapBytes, long pointBytes, int points, Integer parallel,
      Integer threads) {
    int k;
    if (parallel != null) {
      k = parallel;
    } else {
      long per = Math.max(MIN_POINT_BYTES, pointBytes >= Long.MAX_VALUE / MEMORY_FACTOR ? Long.MAX_VALUE
          : pointBytes * MEMORY_FACTOR);
      long byMemory = Math.max(1, heapBytes / per);
      k = (int) Math.max(1, Math.min(Math.min(cores, Math.max(1, points)), byMemory));
    }
    int t = threads != null ? threads : Math.max(1, cores / k);
    return new Parallelism(k, t);
  }
}
