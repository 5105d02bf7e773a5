package org.trialmatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.trialmatch.grad.Backward;
import org.trialmatch.grad.BackwardTimings;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.model.Parameters;
import org.trialmatch.model.RandomStreams;
import org.trialmatch.model.RsnnConfig;
import org.trialmatch.model.Simulator;
import org.trialmatch.model.Trace;
import org.trialmatch.model.TrialInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code trialmatch bench}: times the engine on a freshly initialised network of the paper's kind
 * (paper defaults for everything but the sizes given).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    header = "Time the simulation engine and the backward pass.",
    showDefaultValues = true,
    description =
        "Time the simulation engine at a given size on a freshly initialised network (paper defaults: "
            + "dt 2 ms, two delay groups, Bernoulli spikes, 300 inputs, 150-step pre-run). Half the trials get "
            + "the stimulus, half not. The forward pass is run --warmup times untimed, then --repeats times; "
            + "the fastest timed run is reported. forward_s includes the pre-run and keeps the full trace "
            + "(voltages and spikes) as training does. With --backward each forward pass is followed by a "
            + "backward pass (BPTT) on seeded random loss gradients for every spike and jaw value; backward_s "
            + "is the fastest, backward_phases_s splits it (per thread: adjoint recursion, dense products, "
            + "weight gradients, waiting). peak_rss_mb is the process's peak resident memory (VmHWM, off-heap "
            + "included).")
public final class BenchCommand implements Callable<Integer> {
  private static final List<String> PAPER_AREAS = List.of("wS1", "wS2", "wM1", "wM2", "ALM", "tjM1");

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
    List<String> names = new ArrayList<>();
    if (areas == PAPER_AREAS.size()) {
      names.addAll(PAPER_AREAS);
    } else {
      for (int a = 1; a <= areas; a++) {
        names.add("area" + a);
      }
    }
    List<String> motor = names.subList(Math.max(0, names.size() - 2), names.size());
    RsnnConfig config = RsnnConfig.paper().toBuilder()
        .nUnits(units)
        .areas(names)
        .motorAreas(new ArrayList<>(motor))
        .steps(steps)
        .preSteps(preSteps)
        .build();
    RandomStreams streams = new RandomStreams(seed);
    NetworkLayout layout = NetworkLayout.fromSizes(config);
    long t0 = System.nanoTime();
    Parameters params = Parameters.initialise(layout, config, streams);
    double initS = (System.nanoTime() - t0) / 1e9;
    float[] stim = new float[batch];
    for (int b = 0; b < batch; b++) {
      stim[b] = b % 2;
    }
    TrialInputs inputs = TrialInputs.fixedOnsets(config, stim);
    List<Double> runs = new ArrayList<>();
    List<Double> backRuns = new ArrayList<>();
    double best = Double.POSITIVE_INFINITY;
    double bestBack = Double.POSITIVE_INFINITY;
    double rate;
    double skipped = 0;
    BackwardTimings phases = null;
    BackwardTimings bestPhases = null;
    try (Simulator sim = new Simulator(config, layout, threads);
        Backward bw = backward ? new Backward(config, layout, batch, threads) : null) {
      Trace trace = sim.newTrace(batch, true);
      float[] dLdSpikes = null;
      float[] dLdJaw = null;
      Parameters grad = null;
      if (backward) {
        dLdSpikes = lossGradient((long) steps * batch * units, streams, 1);
        dLdJaw = lossGradient((long) steps * batch, streams, 2);
        grad = Parameters.zeros(layout, config);
      }
      long draw = 0;
      for (int r = -warmup; r < repeats; r++) {
        long s = System.nanoTime();
        sim.forward(params, inputs, streams, draw++, trace);
        double sec = (System.nanoTime() - s) / 1e9;
        double back = Double.NaN;
        if (backward) {
          s = System.nanoTime();
          bw.backward(params, trace, dLdSpikes, dLdJaw, grad);
          back = (System.nanoTime() - s) / 1e9;
        }
        if (r < 0) {
          continue;
        }
        runs.add(sec);
        best = Math.min(best, sec);
        if (backward) {
          backRuns.add(back);
          if (back < bestBack) {
            bestBack = back;
            bestPhases = bw.timings();
          }
        }
      }
      rate = trace.meanRateHz();
      if (backward) {
        skipped = bw.skippedColumnFraction();
        phases = bestPhases;
      }
    }
    Double rss = peakRssMb();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper om = new ObjectMapper();
      ObjectNode j = om.createObjectNode();
      j.put("forward_s", best);
      if (backward) {
        j.put("backward_s", bestBack);
        j.put("skipped_columns", skipped);
        ObjectNode ph = j.putObject("backward_phases_s");
        ph.put("adjoint", phases.adjointS());
        ph.put("products", phases.productsS());
        ph.put("weight_gradients", phases.weightGradientsS());
        ph.put("waiting", phases.waitingS());
      } else {
        j.putNull("backward_s");
      }
      j.put("trials_per_s", batch / best);
      j.put("mean_rate_hz", rate);
      if (rss == null) {
        j.putNull("peak_rss_mb");
      } else {
        j.put("peak_rss_mb", rss);
      }
      j.put("units", units);
      j.put("areas", areas);
      j.put("steps", steps);
      j.put("pre_steps", preSteps);
      j.put("batch", batch);
      j.put("threads", threads);
      j.put("init_s", initS);
      ArrayNode a = j.putArray("forward_runs_s");
      for (double d : runs) {
        a.add(d);
      }
      if (backward) {
        ArrayNode ba = j.putArray("backward_runs_s");
        for (double d : backRuns) {
          ba.add(d);
        }
      }
      out.println(om.writeValueAsString(j));
    } else {
      out.printf(Locale.ROOT, "network   %d units, %d areas, %d inputs; batch %d, T = %d (+%d pre-run) steps, %d threads%n",
          units, areas, config.nInputs(), batch, steps, preSteps, threads);
      out.printf(Locale.ROOT, "forward   %.3f s (best of %d; runs %s), %.1f trials/s%n", best, repeats,
          fmt(runs), batch / best);
      if (backward) {
        out.printf(Locale.ROOT, "backward  %.3f s (best of %d; runs %s); forward + backward %.3f s%n", bestBack,
            repeats, fmt(backRuns), best + bestBack);
        out.printf(Locale.ROOT, "          %.2f %% of the product columns skipped (pseudo-derivative 0 in every trial)%n",
            100 * skipped);
        out.printf(Locale.ROOT, "          per thread: adjoint %.3f s, products %.3f s, weight gradients %.3f s, waiting %.3f s%n",
            phases.adjointS(), phases.productsS(), phases.weightGradientsS(), phases.waitingS());
      } else {
        out.printf(Locale.ROOT, "backward  not timed (--backward)%n");
      }
      out.printf(Locale.ROOT, "rate      %.2f Hz mean over units, trials and window steps%n", rate);
      out.printf(Locale.ROOT, "memory    %s MB peak resident (VmHWM)%n",
          rss == null ? "unknown" : String.format(Locale.ROOT, "%.0f", rss));
      out.printf(Locale.ROOT, "init      %.2f s (not timed above)%n", initS);
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** Seeded loss gradients in (−1, 1)·10⁻³ (their values do not change the work done). */
  private static float[] lossGradient(long count, RandomStreams streams, long draw) {
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("steps x batch x units too large for one array, was " + count);
    }
    float[] g = new float[(int) count];
    long key = streams.key(RandomStreams.Stream.INIT, 1000 + draw, 0, 0);
    for (int k = 0; k < g.length; k++) {
      g[k] = (RandomStreams.uniform(key, k) - 0.5f) * 2e-3f;
    }
    return g;
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

  /** @return VmHWM of this process in MB, or null where /proc is not available */
  static Double peakRssMb() {
    Path p = Path.of("/proc/self/status");
    if (!Files.isReadable(p)) {
      return null;
    }
    try {
      for (String line : Files.readAllLines(p, StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmHWM:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException ex) {
      return null;
    }
    return null;
  }
}
