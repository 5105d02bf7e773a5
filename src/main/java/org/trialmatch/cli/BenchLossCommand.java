package org.trialmatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import org.trialmatch.train.LossBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code trialmatch bench loss}: times the trial-matching kernels of the losses ({@link LossBenchmark}). */
@Command(
    name = "loss",
    mixinStandardHelpOptions = true,
    header = "Time the trial-matching kernels (hard matching, assignment, Sinkhorn).",
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Time the trial-matching kernels of the losses on two K x D clouds of Gaussian points: data with "
          + "standard deviation 1, model with 1.1 and shifted by 0.3 (the scale of z-scored features), "
          + "seeded (--seed; the same clouds at every run of one size). D = 174 is the paper's largest "
          + "feature length. Every kernel is single-threaded. The sizes of --trials run in order, and at "
          + "each size the kernels of --kernels in this order:",
      "  hard: HardMatching.evaluate (K x K mean-squared cost, exact assignment, gradient);",
      "  assignment: LinearAssignment.solve on that cost matrix (built untimed);",
      "  annealed: SinkhornDivergence.annealed at --blur, scaling 0.5, value and gradient (the training loss);",
      "  converged: SinkhornDivergence.converged at each --eps to a marginal L1 error below 1e-9, value only "
          + "(the reported value).",
      "Each kernel first runs --warmup times untimed (default: a third of the timed runs, at least 1), "
          + "then --repeats timed runs (default by size: 30 at K <= 150, 8 at K <= 500, 2 above; the "
          + "converged mode 3 at K <= 500, 1 above). Wall time; the best and the median are reported.",
      "",
      "Output: one line per kernel, size and eps (best and median in ms; for converged also its Sinkhorn "
          + "sweeps, Newton steps, marginal error and whether it converged). With --json one object: "
          + "features, seed, blur, threads (1), java_version, processors, and results, one object per "
          + "kernel, size and eps with trials, kernel, epsilon (null for hard and assignment), best_s, "
          + "median_s, runs_s (every timed run, s), warmup, value (the last run's loss value, assignment "
          + "cost or divergence) and, for converged, sweeps, newton_steps, marginal_error, converged.",
      ""
    })
public final class BenchLossCommand implements Callable<Integer> {
  /** The kernels as spelled on the command line. */
  enum KernelName {
    /** Hard matching. */
    hard(LossBenchmark.Kernel.HARD),
    /** The assignment alone. */
    assignment(LossBenchmark.Kernel.ASSIGNMENT),
    /** Annealed Sinkhorn. */
    annealed(LossBenchmark.Kernel.ANNEALED),
    /** Converged Sinkhorn. */
    converged(LossBenchmark.Kernel.CONVERGED);

    private final LossBenchmark.Kernel kernel;

    KernelName(LossBenchmark.Kernel kernel) {
      this.kernel = kernel;
    }
  }

  @Spec CommandSpec spec;

  @Option(names = "--trials", split = ",", paramLabel = "K", splitSynopsisLabel = ",", defaultValue = "150",
      description = "Trials K in each cloud (data and model alike); several sizes run one after the other.")
  List<Integer> trials;

  @Option(names = "--features", paramLabel = "D", defaultValue = "174", description = "Feature length D.")
  int features;

  @Option(names = "--kernels", split = ",", paramLabel = "KERNEL", splitSynopsisLabel = ",",
      defaultValue = "hard,assignment,annealed,converged",
      description = "Kernels to time: ${COMPLETION-CANDIDATES}.")
  List<KernelName> kernels;

  @Option(names = "--blur", paramLabel = "EPS", defaultValue = "0.01",
      description = "Target eps of the annealed mode (the reference's blur).")
  double blur;

  @Option(names = "--eps", split = ",", paramLabel = "EPS", splitSynopsisLabel = ",", defaultValue = "0.1,0.01",
      description = "Eps of the converged mode, each timed in turn.")
  List<Double> eps;

  @Option(names = "--repeats", paramLabel = "N",
      description = "Timed runs of every kernel (default: by size, see above).")
  Integer repeats;

  @Option(names = "--warmup", paramLabel = "N",
      description = "Untimed runs first (default: a third of the timed runs, at least 1).")
  Integer warmup;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the clouds.")
  long seed;

  @Option(names = "--json", description = "Print one JSON object instead of one line per kernel.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    for (int k : trials) {
      requirePositive("--trials", k);
    }
    requirePositive("--features", features);
    if (repeats != null) {
      requirePositive("--repeats", repeats);
    }
    if (warmup != null && warmup < 0) {
      throw new ParameterException(spec.commandLine(), "--warmup must be >= 0, was " + warmup);
    }
    if (!(blur > 0) || Double.isInfinite(blur)) {
      throw new ParameterException(spec.commandLine(), "--blur must be finite and > 0, was " + blur);
    }
    for (double e : eps) {
      if (!(e > 0) || Double.isInfinite(e)) {
        throw new ParameterException(spec.commandLine(), "--eps must be finite and > 0, was " + e);
      }
    }
    Set<LossBenchmark.Kernel> chosen = EnumSet.noneOf(LossBenchmark.Kernel.class);
    for (KernelName n : kernels) {
      chosen.add(n.kernel);
    }
    LossBenchmark.Spec s;
    try {
      s = new LossBenchmark.Spec(trials, features, chosen, blur, eps,
          repeats == null ? OptionalInt.empty() : OptionalInt.of(repeats),
          warmup == null ? OptionalInt.empty() : OptionalInt.of(warmup), seed);
    } catch (IllegalArgumentException ex) {
      throw new ParameterException(spec.commandLine(), ex.getMessage());
    }
    LossBenchmark.Result r = LossBenchmark.run(s);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().writeValueAsString(r.toJson()));
    } else {
      out.printf(Locale.ROOT, "# java %s, %d available processors, kernels single-threaded, D = %d%n",
          r.javaVersion(), r.processors(), features);
      for (LossBenchmark.Timing t : r.timings()) {
        out.println(t.summary());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private void requirePositive(String name, int v) {
    if (v < 1) {
      throw new ParameterException(spec.commandLine(), name + " must be >= 1, was " + v);
    }
  }
}
