package org.trialmatch.train;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.trialmatch.loss.HardMatching;
import org.trialmatch.loss.LinearAssignment;
import org.trialmatch.loss.SinkhornDivergence;
import org.trialmatch.loss.SinkhornResult;

/**
 * Times the trial-matching kernels of the losses on two K x D Gaussian clouds: data with standard
 * deviation 1, model with 1.1 and shifted by 0.3 (the scale of z-scored features), drawn from one
 * seeded stream per size (data first). Every kernel runs on the calling thread. Each kernel first
 * runs untimed (warm-up), then the timed runs; the best and the median wall time are reported, and
 * for the converged mode its Sinkhorn sweeps, Newton steps and final marginal error. The kernels,
 * in the order they run at each size:
 *
 * <ul>
 *   <li>{@link Kernel#HARD}: {@link HardMatching#evaluate} (mean-squared cost matrix, exact assignment,
 *       gradient with respect to the model cloud);
 *   <li>{@link Kernel#ASSIGNMENT}: {@link LinearAssignment#solve} on that cost matrix (built untimed);
 *   <li>{@link Kernel#ANNEALED}: {@link SinkhornDivergence#annealed} at the blur, scaling
 *       {@link SinkhornDivergence#REFERENCE_SCALING}, value and gradient (the training loss);
 *   <li>{@link Kernel#CONVERGED}: {@link SinkhornDivergence#converged} at each eps to the marginal
 *       tolerance {@link SinkhornDivergence#DEFAULT_TOLERANCE}, value only (the reported value).
 * </ul>
 */
public final class LossBenchmark {
  private LossBenchmark() {}

  /** A kernel the benchmark can time. */
  public enum Kernel {
    /** Hard matching: cost matrix, assignment and gradient. */
    HARD("hard", "hard matching", "(cost + assignment + gradient)"),
    /** The assignment alone, given the cost matrix. */
    ASSIGNMENT("assignment", "assignment only", "(given the cost matrix)"),
    /** Annealed Sinkhorn, value and gradient. */
    ANNEALED("annealed", "Sinkhorn annealed", "(value + gradient)"),
    /** Converged Sinkhorn, value only. */
    CONVERGED("converged", "Sinkhorn converged", "(value)");

    private final String key;
    private final String name;
    private final String computes;

    Kernel(String key, String name, String computes) {
      this.key = key;
      this.name = name;
      this.computes = computes;
    }

    /** @return the name used in the JSON output ({@code hard}, {@code assignment}, ...) */
    public String key() {
      return key;
    }

    /**
     * @param epsilon the eps of a Sinkhorn kernel, NaN for the others
     * @return the kernel and what it computes, in words, e.g. {@code Sinkhorn annealed eps 0.01 (value + gradient)}
     */
    public String description(double epsilon) {
      return Double.isNaN(epsilon) ? name + " " + computes : name + " eps " + epsilon + " " + computes;
    }
  }

  /**
   * The sizes and repetitions of one benchmark.
   *
   * @param trials the trial counts K of both clouds, run in this order (each >= 1, K x K and K x D
   *     below 2^31)
   * @param features the feature length D (>= 1)
   * @param kernels the kernels to time (not empty)
   * @param blur target eps of the annealed mode (> 0, finite)
   * @param convergedEps the eps of the converged mode, each timed in turn (each > 0, finite; not
   *     empty when the converged kernel is timed)
   * @param repeats timed runs of every kernel (>= 1), or empty for the default by size:
   *     {@link #defaultRepeats}
   * @param warmup untimed runs first (>= 0), or empty for a third of the timed runs, at least 1
   * @param seed seed of the clouds
   */
  public record Spec(List<Integer> trials, int features, Set<Kernel> kernels, double blur,
      List<Double> convergedEps, OptionalInt repeats, OptionalInt warmup, long seed) {
    /** Validates every size and freezes the lists. */
    public Spec {
      trials = List.copyOf(trials);
      kernels = Set.copyOf(kernels);
      convergedEps = List.copyOf(convergedEps);
      Objects.requireNonNull(repeats, "repeats");
      Objects.requireNonNull(warmup, "warmup");
      if (trials.isEmpty()) {
        throw new IllegalArgumentException("trials must hold at least one size, was empty");
      }
      if (features < 1) {
        throw new IllegalArgumentException("features must be >= 1, was " + features);
      }
      for (int k : trials) {
        if (k < 1) {
          throw new IllegalArgumentException("trials must be >= 1, was " + k);
        }
        if ((long) k * k > Integer.MAX_VALUE - 8 || (long) k * features > Integer.MAX_VALUE - 8) {
          throw new IllegalArgumentException("trials x trials and trials x features must be below 2^31, were "
              + (long) k * k + " and " + (long) k * features);
        }
      }
      if (kernels.isEmpty()) {
        throw new IllegalArgumentException("kernels must name at least one kernel, was empty");
      }
      if (!(blur > 0) || Double.isInfinite(blur)) {
        throw new IllegalArgumentException("blur must be finite and > 0, was " + blur);
      }
      if (kernels.contains(Kernel.CONVERGED) && convergedEps.isEmpty()) {
        throw new IllegalArgumentException("convergedEps must hold at least one eps when the converged kernel runs");
      }
      for (double e : convergedEps) {
        if (!(e > 0) || Double.isInfinite(e)) {
          throw new IllegalArgumentException("convergedEps must be finite and > 0, was " + e);
        }
      }
      if (repeats.isPresent() && repeats.getAsInt() < 1) {
        throw new IllegalArgumentException("repeats must be >= 1, was " + repeats.getAsInt());
      }
      if (warmup.isPresent() && warmup.getAsInt() < 0) {
        throw new IllegalArgumentException("warmup must be >= 0, was " + warmup.getAsInt());
      }
    }
  }

  /**
   * The timings of one kernel at one size (and, for the converged mode, one eps).
   *
   * @param trials the trial count K
   * @param kernel the kernel
   * @param epsilon the eps of a Sinkhorn kernel, NaN for the others
   * @param warmup untimed runs before the timed ones
   * @param runsS every timed run, s, in order
   * @param value what the last run returned (loss value, assignment cost or divergence)
   * @param converged the last converged run's report, for the converged kernel
   */
  public record Timing(int trials, Kernel kernel, double epsilon, int warmup, List<Double> runsS, double value,
      Optional<SinkhornResult> converged) {
    /** Validates and freezes the runs. */
    public Timing {
      Objects.requireNonNull(kernel, "kernel");
      runsS = List.copyOf(runsS);
      if (runsS.isEmpty()) {
        throw new IllegalArgumentException("runsS must hold at least one run, was empty");
      }
      Objects.requireNonNull(converged, "converged");
    }

    /** @return the fastest run, s */
    public double bestS() {
      return sorted()[0];
    }

    /** @return the median run, s (the upper one of an even count) */
    public double medianS() {
      double[] s = sorted();
      return s[s.length / 2];
    }

    private double[] sorted() {
      double[] s = new double[runsS.size()];
      for (int i = 0; i < s.length; i++) {
        s[i] = runsS.get(i);
      }
      Arrays.sort(s);
      return s;
    }

    /**
     * @return {@code trials}, {@code kernel}, {@code epsilon} (null for hard and assignment),
     *     {@code best_s}, {@code median_s}, {@code runs_s}, {@code warmup}, {@code value} and, for the
     *     converged kernel, {@code sweeps}, {@code newton_steps}, {@code marginal_error}, {@code converged}
     */
    public ObjectNode toJson() {
      ObjectNode j = JsonNodeFactory.instance.objectNode();
      j.put("trials", trials);
      j.put("kernel", kernel.key());
      if (Double.isNaN(epsilon)) {
        j.putNull("epsilon");
      } else {
        j.put("epsilon", epsilon);
      }
      j.put("best_s", bestS());
      j.put("median_s", medianS());
      ArrayNode a = j.putArray("runs_s");
      runsS.forEach(a::add);
      j.put("warmup", warmup);
      j.put("value", value);
      converged.ifPresent(r -> {
        j.put("sweeps", r.iterations());
        j.put("newton_steps", r.newtonSteps());
        j.put("marginal_error", r.marginalError());
        j.put("converged", r.converged());
      });
      return j;
    }

    /**
     * @return one line: K, the kernel, best and median in ms, the runs, and for the converged kernel
     *     its sweeps, Newton steps, marginal error and whether it converged
     */
    public String summary() {
      String name = kernel.description(epsilon);
      String note = converged.map(r -> String.format(Locale.ROOT,
          "  sweeps %d, Newton steps %d, marginal error %.2g, converged %s",
          r.iterations(), r.newtonSteps(), r.marginalError(), r.converged())).orElse("");
      return String.format(Locale.ROOT, "K %5d  %-48s best %10.1f ms  median %10.1f ms  (%d runs)%s%s",
          trials, name, bestS() * 1e3, medianS() * 1e3, runsS.size(), note, Double.isFinite(value) ? "" : " not finite!");
    }
  }

  /**
   * What one benchmark measured.
   *
   * @param spec the sizes
   * @param timings one entry per kernel, size and eps, in the order they ran
   * @param javaVersion the JVM's version
   * @param processors processors available to the JVM
   */
  public record Result(Spec spec, List<Timing> timings, String javaVersion, int processors) {
    /** Validates and freezes the timings. */
    public Result {
      Objects.requireNonNull(spec, "spec");
      timings = List.copyOf(timings);
      Objects.requireNonNull(javaVersion, "javaVersion");
    }

    /**
     * @return {@code features}, {@code seed}, {@code blur}, {@code threads} (1: every kernel is
     *     single-threaded), {@code java_version}, {@code processors}, and {@code results}: one object
     *     per kernel, size and eps ({@link Timing#toJson})
     */
    public ObjectNode toJson() {
      ObjectNode j = JsonNodeFactory.instance.objectNode();
      j.put("features", spec.features());
      j.put("seed", spec.seed());
      j.put("blur", spec.blur());
      j.put("threads", 1);
      j.put("java_version", javaVersion);
      j.put("processors", processors);
      ArrayNode a = j.putArray("results");
      timings.forEach(t -> a.add(t.toJson()));
      return j;
    }
  }

  /**
   * The timed runs per kernel when none are given: 30 at K <= 150, 8 at K <= 500, 2 above; the
   * converged mode 3 at K <= 500, 1 above.
   *
   * @param kernel the kernel
   * @param trials K
   * @return the number of timed runs
   */
  public static int defaultRepeats(Kernel kernel, int trials) {
    if (kernel == Kernel.CONVERGED) {
      return trials <= 500 ? 3 : 1;
    }
    return trials <= 150 ? 30 : trials <= 500 ? 8 : 2;
  }

  /**
   * Runs the benchmark on the calling thread.
   *
   * @param spec the sizes and repetitions
   * @return the timings
   */
  public static Result run(Spec spec) {
    int dim = spec.features();
    List<Timing> timings = new ArrayList<>();
    for (int k : spec.trials()) {
      SplittableRandom rng = new SplittableRandom(spec.seed());
      double[] x = gaussian(rng, k * dim, 1.0);
      double[] y = gaussian(rng, k * dim, 1.1);
      for (int i = 0; i < y.length; i++) {
        y[i] += 0.3;
      }
      double[] grad = new double[k * dim];
      if (spec.kernels().contains(Kernel.HARD)) {
        HardMatching hard = new HardMatching();
        timings.add(time(spec, k, Kernel.HARD, Double.NaN,
            () -> hard.evaluate(x, k, y, k, dim, null, grad, null), null));
      }
      if (spec.kernels().contains(Kernel.ASSIGNMENT)) {
        double[] cost = meanSquaredCost(x, y, k, dim);
        LinearAssignment lap = new LinearAssignment();
        int[] cols = new int[k];
        timings.add(time(spec, k, Kernel.ASSIGNMENT, Double.NaN, () -> lap.solve(cost, k, k, cols), null));
      }
      SinkhornDivergence s = new SinkhornDivergence();
      if (spec.kernels().contains(Kernel.ANNEALED)) {
        double blur = spec.blur();
        timings.add(time(spec, k, Kernel.ANNEALED, blur,
            () -> s.annealed(x, k, y, k, dim, blur, SinkhornDivergence.REFERENCE_SCALING, grad), null));
      }
      if (spec.kernels().contains(Kernel.CONVERGED)) {
        for (double eps : spec.convergedEps()) {
          SinkhornResult[] last = new SinkhornResult[1];
          timings.add(time(spec, k, Kernel.CONVERGED, eps, () -> {
            last[0] = s.converged(x, k, y, k, dim, eps, SinkhornDivergence.DEFAULT_TOLERANCE,
                SinkhornDivergence.DEFAULT_MAX_ITERATIONS, null);
            return last[0].divergence();
          }, last));
        }
      }
    }
    return new Result(spec, timings, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
  }

  /** Warm-up, then the timed runs of one kernel; {@code last} (converged kernel) holds its last report. */
  private static Timing time(Spec spec, int k, Kernel kernel, double eps, DoubleSupplier run, SinkhornResult[] last) {
    int reps = spec.repeats().orElse(defaultRepeats(kernel, k));
    int warm = spec.warmup().orElse(Math.max(1, reps / 3));
    double value = Double.NaN;
    for (int i = 0; i < warm; i++) {
      value = run.getAsDouble();
    }
    List<Double> runs = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      value = run.getAsDouble();
      runs.add((System.nanoTime() - t0) * 1e-9);
    }
    return new Timing(k, kernel, eps, warm, runs, value,
        last == null ? Optional.empty() : Optional.of(last[0]));
  }

  /** The K x K cost of hard matching: row i model trial, column j data trial, mean over D of squared differences. */
  private static double[] meanSquaredCost(double[] x, double[] y, int k, int dim) {
    double[] cost = new double[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double s = 0;
        for (int d = 0; d < dim; d++) {
          double diff = y[i * dim + d] - x[j * dim + d];
          s += diff * diff;
        }
        cost[i * k + j] = s / dim;
      }
    }
    return cost;
  }

  /** n standard normal draws (Box–Muller, one draw per pair of uniforms) times scale. */
  private static double[] gaussian(SplittableRandom rng, int n, double scale) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      double u = 1.0 - rng.nextDouble();
      double v = rng.nextDouble();
      a[i] = scale * (Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v));
    }
    return a;
  }
}
