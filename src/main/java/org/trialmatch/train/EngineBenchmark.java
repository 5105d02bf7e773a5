package org.trialmatch.train;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.trialmatch.grad.Backward;
import org.trialmatch.grad.BackwardTimings;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.model.Parameters;
import org.trialmatch.model.RandomStreams;
import org.trialmatch.model.RsnnConfig;
import org.trialmatch.model.Simulator;
import org.trialmatch.model.Trace;
import org.trialmatch.model.TrialInputs;

/**
 * Times the simulation engine and, optionally, the backward pass on a freshly initialised network of
 * the paper's kind ({@link RsnnConfig#paper()} for everything but the sizes). Half the trials get the
 * stimulus, half not. The forward pass runs {@code warmup} times untimed, then {@code repeats} times;
 * with the backward pass each forward pass is followed by BPTT on seeded random loss gradients for every
 * spike and jaw value.
 */
public final class EngineBenchmark {
  private static final List<String> PAPER_AREAS = List.of("wS1", "wS2", "wM1", "wM2", "ALM", "tjM1");

  private EngineBenchmark() {}

  /**
   * The sizes and repetitions of one benchmark.
   *
   * @param units recurrent units (>= 1)
   * @param areas areas (>= 1; 6 uses the paper's names, the last two are the motor areas)
   * @param steps window steps T, pre-run not counted (>= 1)
   * @param preSteps steps of the background pre-run (>= 0)
   * @param batch trials simulated together (>= 1)
   * @param threads worker threads (>= 1)
   * @param backward whether the backward pass is timed too
   * @param repeats timed passes (>= 1)
   * @param warmup untimed passes first (>= 0)
   * @param seed seed of the random streams
   */
  public record Spec(int units, int areas, int steps, int preSteps, int batch, int threads, boolean backward,
      int repeats, int warmup, long seed) {
    /** Validates every size; with the backward pass steps x batch x units must fit one array. */
    public Spec {
      atLeast("units", units, 1);
      atLeast("areas", areas, 1);
      atLeast("steps", steps, 1);
      atLeast("preSteps", preSteps, 0);
      atLeast("batch", batch, 1);
      atLeast("threads", threads, 1);
      atLeast("repeats", repeats, 1);
      atLeast("warmup", warmup, 0);
      if (backward && (long) steps * batch * units > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("steps x batch x units must be at most " + (Integer.MAX_VALUE - 8)
            + " with the backward pass (one array), was " + (long) steps * batch * units);
      }
    }

    private static void atLeast(String name, int v, int min) {
      if (v < min) {
        throw new IllegalArgumentException(name + " must be >= " + min + ", was " + v);
      }
    }

    /** @return the paper's configuration at these sizes */
    public RsnnConfig config() {
      List<String> names = new ArrayList<>();
      if (areas == PAPER_AREAS.size()) {
        names.addAll(PAPER_AREAS);
      } else {
        for (int a = 1; a <= areas; a++) {
          names.add("area" + a);
        }
      }
      List<String> motor = names.subList(Math.max(0, names.size() - 2), names.size());
      return RsnnConfig.paper().toBuilder()
          .nUnits(units)
          .areas(names)
          .motorAreas(new ArrayList<>(motor))
          .steps(steps)
          .preSteps(preSteps)
          .build();
    }
  }

  /**
   * The timings of the backward pass.
   *
   * @param runsS every timed pass, s, in order
   * @param bestS the fastest of them, s
   * @param skippedColumns fraction of the product columns skipped (pseudo-derivative 0 in every trial)
   * @param phases where the time of the fastest pass went, per thread
   * @param gradientSha256 SHA-256 (hex) of the last pass's gradient, every tensor's floats in checkpoint order
   *     (little-endian IEEE bits): equal digests mean bit-identical gradients
   */
  public record BackwardResult(List<Double> runsS, double bestS, double skippedColumns, BackwardTimings phases,
      String gradientSha256) {
    /** Validates and freezes the runs. */
    public BackwardResult {
      runsS = List.copyOf(runsS);
      if (runsS.isEmpty()) {
        throw new IllegalArgumentException("runsS must hold at least one run, was empty");
      }
      Objects.requireNonNull(phases, "phases");
      Objects.requireNonNull(gradientSha256, "gradientSha256");
    }
  }

  /**
   * What one benchmark measured.
   *
   * @param spec the sizes
   * @param inputs input channels of the network
   * @param initS seconds the parameter initialisation took (not part of the timed passes)
   * @param forwardRunsS every timed forward pass, s, in order (pre-run and full trace included)
   * @param meanRateHz mean rate over units, trials and window steps of the last pass, Hz
   * @param backward the backward timings, if they were taken
   * @param peakRssMb the process's peak resident memory (VmHWM), MB, where /proc tells it
   */
  public record Result(Spec spec, int inputs, double initS, List<Double> forwardRunsS, double meanRateHz,
      Optional<BackwardResult> backward, OptionalDouble peakRssMb) {
    /** Validates and freezes the runs. */
    public Result {
      Objects.requireNonNull(spec, "spec");
      forwardRunsS = List.copyOf(forwardRunsS);
      if (forwardRunsS.size() != spec.repeats()) {
        throw new IllegalArgumentException(
            "forwardRunsS must hold " + spec.repeats() + " runs, held " + forwardRunsS.size());
      }
      Objects.requireNonNull(backward, "backward");
      Objects.requireNonNull(peakRssMb, "peakRssMb");
    }

    /** @return the fastest forward pass, s */
    public double forwardS() {
      double best = Double.POSITIVE_INFINITY;
      for (double d : forwardRunsS) {
        best = Math.min(best, d);
      }
      return best;
    }

    /** @return trials per second of the fastest forward pass */
    public double trialsPerS() {
      return spec.batch() / forwardS();
    }

    /**
     * @return {@code forward_s}, {@code backward_s} (null without the backward pass; with it also
     *     {@code skipped_columns}, {@code backward_phases_s} and {@code gradient_sha256}), {@code trials_per_s},
     *     {@code mean_rate_hz}, {@code peak_rss_mb} (null if unknown), the sizes, {@code init_s},
     *     {@code forward_runs_s} and, with the backward pass, {@code backward_runs_s}
     */
    public ObjectNode toJson() {
      ObjectNode j = JsonNodeFactory.instance.objectNode();
      j.put("forward_s", forwardS());
      if (backward.isPresent()) {
        BackwardResult b = backward.get();
        j.put("backward_s", b.bestS());
        j.put("skipped_columns", b.skippedColumns());
        ObjectNode ph = j.putObject("backward_phases_s");
        ph.put("adjoint", b.phases().adjointS());
        ph.put("products", b.phases().productsS());
        ph.put("weight_gradients", b.phases().weightGradientsS());
        ph.put("waiting", b.phases().waitingS());
        j.put("gradient_sha256", b.gradientSha256());
      } else {
        j.putNull("backward_s");
      }
      j.put("trials_per_s", trialsPerS());
      j.put("mean_rate_hz", meanRateHz);
      if (peakRssMb.isPresent()) {
        j.put("peak_rss_mb", peakRssMb.getAsDouble());
      } else {
        j.putNull("peak_rss_mb");
      }
      j.put("units", spec.units());
      j.put("areas", spec.areas());
      j.put("steps", spec.steps());
      j.put("pre_steps", spec.preSteps());
      j.put("batch", spec.batch());
      j.put("threads", spec.threads());
      j.put("init_s", initS);
      ArrayNode a = j.putArray("forward_runs_s");
      forwardRunsS.forEach(a::add);
      backward.ifPresent(b -> b.runsS().forEach(j.putArray("backward_runs_s")::add));
      return j;
    }
  }

  /**
   * Runs the benchmark.
   *
   * @param spec the sizes and repetitions
   * @return the timings
   */
  public static Result run(Spec spec) {
    RsnnConfig config = spec.config();
    RandomStreams streams = new RandomStreams(spec.seed());
    NetworkLayout layout = NetworkLayout.fromSizes(config);
    long t0 = System.nanoTime();
    Parameters params = Parameters.initialise(layout, config, streams);
    double initS = (System.nanoTime() - t0) / 1e9;
    int batch = spec.batch();
    float[] stim = new float[batch];
    for (int b = 0; b < batch; b++) {
      stim[b] = b % 2;
    }
    TrialInputs inputs = TrialInputs.fixedOnsets(config, stim);
    List<Double> runs = new ArrayList<>();
    List<Double> backRuns = new ArrayList<>();
    double bestBack = Double.POSITIVE_INFINITY;
    double rate;
    Optional<BackwardResult> backward = Optional.empty();
    try (Simulator sim = new Simulator(config, layout, spec.threads());
        Backward bw = spec.backward() ? new Backward(config, layout, batch, spec.threads()) : null) {
      Trace trace = sim.newTrace(batch, true);
      float[] dLdSpikes = null;
      float[] dLdJaw = null;
      Parameters grad = null;
      BackwardTimings bestPhases = null;
      if (bw != null) {
        dLdSpikes = lossGradient((long) spec.steps() * batch * spec.units(), streams, 1);
        dLdJaw = lossGradient((long) spec.steps() * batch, streams, 2);
        grad = Parameters.zeros(layout, config);
      }
      long draw = 0;
      for (int r = -spec.warmup(); r < spec.repeats(); r++) {
        long s = System.nanoTime();
        sim.forward(params, inputs, streams, draw++, trace);
        double sec = (System.nanoTime() - s) / 1e9;
        double back = Double.NaN;
        if (bw != null) {
          s = System.nanoTime();
          bw.backward(params, trace, dLdSpikes, dLdJaw, grad);
          back = (System.nanoTime() - s) / 1e9;
        }
        if (r < 0) {
          continue;
        }
        runs.add(sec);
        if (bw != null) {
          backRuns.add(back);
          if (back < bestBack) {
            bestBack = back;
            bestPhases = bw.timings();
          }
        }
      }
      rate = trace.meanRateHz();
      if (bw != null) {
        backward = Optional.of(new BackwardResult(backRuns, bestBack, bw.skippedColumnFraction(), bestPhases,
            digest(grad)));
      }
    }
    return new Result(spec, config.nInputs(), initS, runs, rate, backward, peakRssMb());
  }

  /** SHA-256 of every gradient tensor's float bits, little-endian, in checkpoint order. */
  static String digest(Parameters grad) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (NamedTensor t : NamedTensor.of(grad)) {
        ByteBuffer buf = ByteBuffer.allocate(t.values().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(t.values());
        md.update(t.name().getBytes(StandardCharsets.UTF_8));
        md.update(buf.array());
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
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

  /** @return VmHWM of this process in MB, or empty where /proc is not available */
  public static OptionalDouble peakRssMb() {
    Path p = Path.of("/proc/self/status");
    if (!Files.isReadable(p)) {
      return OptionalDouble.empty();
    }
    try {
      for (String line : Files.readAllLines(p, StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmHWM:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return OptionalDouble.of(Long.parseLong(parts[0]) / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException ex) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.empty();
  }
}
