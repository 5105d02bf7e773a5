package org.trialmatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.trialmatch.grad.BackwardTimings;
import org.trialmatch.train.EngineBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code trialmatch bench}: times the engine on a freshly initialised network of the paper's kind
 * (paper defaults for everything but the sizes given); {@code bench loss} ({@link BenchLossCommand})
 * times the trial-matching kernels of the losses.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    header = "Time the simulation engine and the backward pass ('bench loss': the trial-matching losses).",
    showDefaultValues = true,
    subcommands = BenchLossCommand.class,
    description =
        "Time the simulation engine at a given size on a freshly initialised network (paper defaults: "
            + "dt 2 ms, two delay groups, Bernoulli spikes, 300 inputs, 150-step pre-run). Half the trials get "
            + "the stimulus, half not. The forward pass is run --warmup times untimed, then --repeats times; "
            + "the fastest timed run is reported. forward_s includes the pre-run and keeps the full trace "
            + "(voltages and spikes) as training does. With --backward each forward pass is followed by a "
            + "backward pass (BPTT) on seeded random loss gradients for every spike and jaw value; backward_s "
            + "is the fastest, backward_phases_s splits it (per thread: adjoint recursion, dense products, "
            + "weight gradients, waiting), gradient_sha256 fingerprints the last pass's gradient (equal digests: "
            + "bit-identical gradients). peak_rss_mb is the process's peak resident memory (VmHWM, off-heap "
            + "included). 'trialmatch bench loss' times the trial-matching kernels instead (see "
            + "'trialmatch bench loss --help').")
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--units", description = "Recurrent units.")
  int units = 1500;

  @Option(names = "--areas", description = "Areas (6 uses the paper's names; motor areas are the last two).")
  int areas = 6;

  @Option(names = "--steps", description = "Window steps T (2 ms each), pre-run not counted.")
  int steps = 700;

  @Option(names = "--pre-steps", description = "Steps of the background pre-run.")
  int preSteps = 150;

  @Option(names = "--batch", description = "Trials simulated together.")
  int batch = 150;

  @Option(names = "--threads", description = "Worker threads.")
  int threads = 2;

  @Option(names = "--backward", description = "Also time the backward pass (gradients of every parameter).")
  boolean backward;

  @Option(names = "--repeats", description = "Timed passes (the fastest is reported).")
  int repeats = 3;

  @Option(names = "--warmup", description = "Untimed passes first (JIT warm-up).")
  int warmup = 1;

  @Option(names = "--seed", description = "Seed of the random streams.")
  long seed = 1;

  @Option(names = "--json", description = "Print one JSON object instead of a summary.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    requirePositive("--units", units);
    requirePositive("--areas", areas);
    requirePositive("--steps", steps);
    requirePositive("--batch", batch);
    requirePositive("--threads", threads);
    requirePositive("--repeats", repeats);
    if (preSteps < 0 || warmup < 0) {
      throw new ParameterException(spec.commandLine(),
          "--pre-steps and --warmup must be >= 0, were " + preSteps + ", " + warmup);
    }
    if (backward && (long) steps * batch * units > Integer.MAX_VALUE - 8) {
      throw new ParameterException(spec.commandLine(), "--steps x --batch x --units must be at most "
          + (Integer.MAX_VALUE - 8) + " with --backward (one array), was " + (long) steps * batch * units);
    }
    EngineBenchmark.Result r = EngineBenchmark.run(
        new EngineBenchmark.Spec(units, areas, steps, preSteps, batch, threads, backward, repeats, warmup, seed));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().writeValueAsString(r.toJson()));
    } else {
      double best = r.forwardS();
      out.printf(Locale.ROOT, "network   %d units, %d areas, %d inputs; batch %d, T = %d (+%d pre-run) steps, %d threads%n",
          units, areas, r.inputs(), batch, steps, preSteps, threads);
      out.printf(Locale.ROOT, "forward   %.3f s (best of %d; runs %s), %.1f trials/s%n", best, repeats,
          fmt(r.forwardRunsS()), r.trialsPerS());
      if (r.backward().isPresent()) {
        EngineBenchmark.BackwardResult b = r.backward().get();
        BackwardTimings phases = b.phases();
        out.printf(Locale.ROOT, "backward  %.3f s (best of %d; runs %s); forward + backward %.3f s%n", b.bestS(),
            repeats, fmt(b.runsS()), best + b.bestS());
        out.printf(Locale.ROOT, "          %.2f %% of the product columns skipped (pseudo-derivative 0 in every trial)%n",
            100 * b.skippedColumns());
        out.printf(Locale.ROOT, "          per thread: adjoint %.3f s, products %.3f s, weight gradients %.3f s, waiting %.3f s%n",
            phases.adjointS(), phases.productsS(), phases.weightGradientsS(), phases.waitingS());
        out.printf(Locale.ROOT, "          gradient SHA-256 %s (last pass; equal digests = bit-identical gradients)%n",
            b.gradientSha256());
      } else {
        out.printf(Locale.ROOT, "backward  not timed (--backward)%n");
      }
      out.printf(Locale.ROOT, "rate      %.2f Hz mean over units, trials and window steps%n", r.meanRateHz());
      out.printf(Locale.ROOT, "memory    %s MB peak resident (VmHWM)%n", r.peakRssMb().isEmpty() ? "unknown"
          : String.format(Locale.ROOT, "%.0f", r.peakRssMb().getAsDouble()));
      out.printf(Locale.ROOT, "init      %.2f s (not timed above)%n", r.initS());
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static String fmt(List<Double> runs) {
    StringBuilder sb = new StringBuilder();
    for (double d : runs) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(String.format(Locale.ROOT, "%.3f", d));
    }
    return sb.toString();
  }

  private void requirePositive(String name, int v) {
    if (v < 1) {
      throw new ParameterException(spec.commandLine(), name + " must be >= 1, was " + v);
    }
  }
}
