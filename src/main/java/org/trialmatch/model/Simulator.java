package org.trialmatch.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Event-driven forward simulation of the RSNN over a batch of trials (method reference §2.7,
 * bptt.md "Forward"), the pre-run included. One algorithm, kept in one file on purpose: the time
 * step, its input sampling and its per-thread scratch share the state that keeps the step free of
 * allocation, so splitting it would pass that state through package-private accessors.
 *
 * <p>Recurrent and input currents are summed over the units (inputs) that spiked: each spike adds its
 * column of signed weights into a ring of current buffers, one slot per future step, at the step its
 * delay group reaches; there is no dense product. Per trial and step:
 *
 * <pre>
 *   I_t = ½ [Σ_g S_g z_{t−d_g} + S_in e_t]
 *   u_t = α v_{t−1} + (1−α)(I_t + o + ρ) + σ ξ_t,   σ_i = noiseLevel·(thr0 − ρ_i)·√dtMs
 *   A_t = thr0 + β b_t (+0.001 if A_t ≤ ρ_i, {@link NeuronModel});   h_t = (u_t − A_t)/(A_t − ρ0)
 *   z_t = [not refractory] · (U_t &lt; sigmoid(temperature·h_t)·dtMs/2   or   h_t &gt; 0)
 *   v_t = u_t − (A_t − ρ) z_t;   b_{t+1} = κ_b b_t + (1−κ_b) z_t
 *   y_t = exp(κ_j ln(y_{t−1} + c) + (1−κ_j) ½ Σ_motor w z_t) − c
 * </pre>
 *
 * A {@link Perturbation} of the inputs adds its currents to {@code I_t} and clamps units by giving
 * them an infinite threshold for the step, in the window only.
 *
 * <p>The pre-run ({@code preSteps} steps of background input, from v = ρ, empty buffers, y = 0) sets the
 * initial state; the trial's latent offset applies to both. Random numbers come from {@link
 * RandomStreams} keyed by (draw, trial, step), so every trial's result is independent of the thread
 * that ran it: trials are split into fixed chunks that a long-lived pool of threads takes in turn.
 *
 * <p>Bernoulli draws: a spike needs {@code U < p}; the cheap upper bound {@code p ≤ (dtMs/2)·e^a}
 * (evaluated with exponent bits, never below the true value) rejects almost all draws before the
 * sigmoid is computed. It changes no decision.
 *
 * <p>Not thread-safe: one forward pass at a time per instance. Close it to stop its threads.
 */
public final class Simulator implements AutoCloseable {
  /** Trials per chunk of work; fixed so the work split does not depend on the thread count. */
  static final int CHUNK = 4;

  private static final float LOG2E = 1.4426950408889634f;

  private final RsnnConfig config;
  private final NetworkLayout layout;
  private final int threads;
  private final ExecutorService pool;

  private final int n;
  private final int nIn;
  private final int groups;
  private final int[] delay;
  private final int ringSlots;
  private final int nRef;
  private final int preSteps;
  private final int steps;
  private final int nAdaptive;
  private final int nMotor;
  private final int latentDim;
  private final boolean bernoulli;
  private final float scale;
  private final float temperature;
  private final float thr0;
  private final float rest0;
  private final float kappaAdapt;
  private final double kappaJaw;
  private final int channels;
  private final float p0;
  private final int nStim;
  private final int nOnsets;
  /** Input blocks of the onsets ({@link RsnnConfig#inputBlocks}). */
  private final int nBlocks;
  private final int thalamic;
  /** Input duration of each onset, steps. */
  private final int[] burst;
  /** Input blocks of the first onset ({@link RsnnConfig#stimBlocks}). */
  private final int stimBlocks;
  /** Burst gain of every onset but a one-block first onset: {@code 1 + valence ln 2}. */
  private final double onsetGain;

  private final float[] alpha;
  private final float[] oneMinusAlpha;
  private final int[] adaptiveUnits;
  private final int[] adaptiveSlot;
  private final int[] motorSlot;

  // prepared from the parameters at each forward pass
  private final float[][][] recSigned;
  private final float[][] inSigned;
  private final float[] rest;
  private final float[] sigma;
  private final float[] thrConst;
  private final float[] gainConst;
  private final float[] resetConst;
  private float[] beta;
  private float[] jawW;
  private float[] jawC;
  private Parameters params;

  // per-batch state
  private int stateBatch = -1;
  private float[][] v;
  private int[][] ref;
  private float[] adapt;
  private float[][][] ring;
  private float[][] drive;
  private double[] jawY;

  private final Worker[] workers;

  // the current call
  private TrialInputs inputs;
  private RandomStreams streams;
  private long draw;
  private Trace trace;

  /**
   * @param config the model configuration
   * @param layout the layout (built from the same configuration)
   * @param threads worker threads (>= 1); 1 runs on the calling thread
   */
  public Simulator(RsnnConfig config, NetworkLayout layout, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    if (layout.nUnits() != config.nUnits() || layout.nInputs() != config.nInputs()
        || layout.nAreas() != config.areas().size()) {
      throw new IllegalArgumentException("layout does not match the configuration (units "
          + layout.nUnits() + " vs " + config.nUnits() + ")");
    }
    this.config = config;
    this.layout = layout;
    this.threads = threads;
    this.n = layout.nUnits();
    this.nIn = layout.nInputs();
    this.groups = config.delayGroups();
    this.delay = new int[groups];
    for (int g = 0; g < groups; g++) {
      delay[g] = config.delaySteps(g);
    }
    this.ringSlots = config.maxDelaySteps() + 1;
    NeuronModel neuron = NeuronModel.of(config, layout);
    this.nRef = neuron.refractorySteps();
    this.preSteps = config.preSteps();
    this.steps = config.steps();
    this.nAdaptive = layout.nAdaptive();
    this.nMotor = layout.nMotor();
    this.latentDim = config.latentOffset() ? config.latentDim() : 0;
    this.bernoulli = config.spikeFunction() == SpikeFunction.BERNOULLI;
    this.scale = (float) (config.dtMs() / 2.0);
    this.temperature = neuron.temperature();
    this.thr0 = neuron.threshold();
    this.rest0 = neuron.restPotential();
    this.kappaAdapt = neuron.adaptationDecay();
    this.kappaJaw = neuron.behaviourDecay();
    this.channels = config.behaviourChannels();
    this.p0 = (float) (config.inputRateHz() * config.dtMs() / 1000.0);
    this.nStim = config.stimInputsPerOnset();
    this.nOnsets = config.stimOnsetsMs().size();
    this.nBlocks = config.inputBlocks();
    this.thalamic = config.thalamicDelaySteps();
    config.requireDurationPerOnset("model.stimOnsetsMs " + config.stimOnsetsMs());
    this.burst = new int[nOnsets];
    for (int l = 0; l < nOnsets; l++) {
      burst[l] = config.stimDurationSteps(l);
    }
    this.stimBlocks = config.stimBlocks();
    this.onsetGain = 1.0 + config.stimValence() * Math.log(2.0);
    this.alpha = neuron.leak();
    this.oneMinusAlpha = neuron.inputScale();
    this.adaptiveUnits = new int[nAdaptive];
    this.adaptiveSlot = new int[n];
    this.motorSlot = new int[n];
    for (int k = 0; k < nAdaptive; k++) {
      adaptiveUnits[k] = layout.adaptiveUnit(k);
    }
    for (int i = 0; i < n; i++) {
      adaptiveSlot[i] = layout.adaptiveSlot(i);
      motorSlot[i] = layout.motorSlot(i);
    }
    this.recSigned = new float[groups][n][n];
    this.inSigned = new float[nIn][n];
    this.rest = new float[n];
    this.sigma = new float[n];
    this.thrConst = new float[n];
    this.gainConst = new float[n];
    this.resetConst = new float[n];
    this.workers = new Worker[threads];
    for (int w = 0; w < threads; w++) {
      workers[w] = new Worker(n, nIn);
    }
    if (threads > 1) {
      AtomicInteger count = new AtomicInteger();
      ThreadFactory tf = r -> {
        Thread th = new Thread(r, "trialmatch-sim-" + count.incrementAndGet());
        th.setDaemon(true);
        return th;
      };
      this.pool = Executors.newFixedThreadPool(threads, tf);
    } else {
      this.pool = null;
    }
  }

  /** @return the number of worker threads */
  public int threads() {
    return threads;
  }

  /**
   * A trace sized for this simulator.
   *
   * @param batch number of trials
   * @param keepVoltages whether to keep the voltages (needed by the backward pass)
   * @return a new trace
   */
  public Trace newTrace(int batch, boolean keepVoltages) {
    return new Trace(config, layout, batch, keepVoltages);
  }

  /**
   * Simulates a batch: pre-run, then the T window steps, writing into {@code out}.
   *
   * @param p parameters (read only)
   * @param in per-trial stimulus and onsets; {@code in.batch()} trials
   * @param rng random streams
   * @param draw batch counter (e.g. the training step), part of every random key
   * @param out trace of the same batch size, from {@link #newTrace}
   */
  public void forward(Parameters p, TrialInputs in, RandomStreams rng, long draw, Trace out) {
    int batch = in.batch();
    if (out.batch() != batch || out.nUnits() != n || out.steps() != steps) {
      throw new IllegalArgumentException("trace shape (" + out.batch() + " trials, " + out.nUnits() + " units, "
          + out.steps() + " steps) does not match the call (" + batch + ", " + n + ", " + steps + ")");
    }
    if (in.nOnsets() != nOnsets) {
      throw new IllegalArgumentException("inputs have " + in.nOnsets() + " onsets per trial, the configuration "
          + nOnsets + " (model.stimOnsetsMs)");
    }
    if (p.nUnits() != n || p.nInputs() != nIn || p.groups() != groups || p.latentDim() != latentDim
        || p.adaptation().length != nAdaptive || p.channels() != channels
        || p.jawWeights().length != nMotor * channels) {
      throw new IllegalArgumentException("parameters do not match the layout");
    }
    for (int c = 0; nMotor > 0 && c < channels; c++) {
      if (!(p.jawBias()[c] > 0)) {
        throw new IllegalArgumentException("jaw bias c of channel " + c + " must be > 0 (the jaw starts at y = 0), was "
            + p.jawBias()[c]);
      }
    }
    prepare(p);
    ensureState(batch);
    this.inputs = in;
    this.streams = rng;
    this.draw = draw;
    this.trace = out;
    out.reset(rng, draw, in);
    int nChunks = (batch + CHUNK - 1) / CHUNK;
    try {
      if (pool == null || nChunks == 1) {
        for (int c = 0; c < nChunks; c++) {
          runChunk(workers[0], c * CHUNK, Math.min(batch, (c + 1) * CHUNK));
        }
      } else {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>(threads);
        for (int w = 0; w < threads; w++) {
          final Worker wk = workers[w];
          fs.add(pool.submit(() -> {
            for (int c = next.getAndIncrement(); c < nChunks; c = next.getAndIncrement()) {
              runChunk(wk, c * CHUNK, Math.min(batch, (c + 1) * CHUNK));
            }
          }));
        }
        for (Future<?> f : fs) {
          f.get();
        }
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("forward pass interrupted", ex);
    } catch (ExecutionException ex) {
      throw WorkerFailures.unchecked(ex.getCause());
    } finally {
      this.params = null;
      this.trace = null;
      this.inputs = null;
    }
  }

  private void prepare(Parameters p) {
    this.params = p;
    for (int g = 0; g < groups; g++) {
      float[] w = p.recurrent(g);
      for (int j = 0; j < n; j++) {
        float sg = 0.5f * layout.sign(j);
        int off = j * n;
        float[] col = recSigned[g][j];
        for (int i = 0; i < n; i++) {
          col[i] = layout.allowed(i, j) ? sg * w[off + i] : 0f;
        }
      }
    }
    float[] wi = p.input();
    for (int k = 0; k < nIn; k++) {
      float sg = 0.5f * layout.inputSign(k);
      int off = k * n;
      float[] col = inSigned[k];
      for (int i = 0; i < n; i++) {
        col[i] = sg * wi[off + i];
      }
    }
    float[] r = p.rest();
    double sqrtDt = Math.sqrt(config.dtMs());
    for (int i = 0; i < n; i++) {
      rest[i] = r[i];
      sigma[i] = (float) (config.noiseLevel() * (config.threshold() - r[i]) * sqrtDt);
      float a = NeuronModel.threshold(thr0, r[i]);
      thrConst[i] = a;
      gainConst[i] = temperature / (a - rest0);
      resetConst[i] = a - r[i];
    }
    this.beta = p.adaptation();
    this.jawW = p.jawWeights();
    this.jawC = p.jawBias();
    for (Worker w : workers) {
      System.arraycopy(thrConst, 0, w.thr, 0, n);
      System.arraycopy(gainConst, 0, w.gain, 0, n);
      System.arraycopy(resetConst, 0, w.reset, 0, n);
    }
  }

  private void ensureState(int batch) {
    if (stateBatch == batch) {
      return;
    }
    v = new float[batch][n];
    ref = new int[batch][n];
    adapt = new float[batch * nAdaptive];
    ring = new float[batch][ringSlots][n];
    drive = new float[batch][n];
    jawY = new double[batch * channels];
    stateBatch = batch;
  }

  private void runChunk(Worker w, int b0, int b1) {
    for (int b = b0; b < b1; b++) {
      initTrial(b);
    }
    int total = preSteps + steps;
    for (int gs = 0; gs < total; gs++) {
      if (gs == preSteps) {
        for (int b = b0; b < b1; b++) {
          saveInitialState(b);
        }
      }
      for (int b = b0; b < b1; b++) {
        step(w, b, gs);
      }
    }
  }

  private void initTrial(int b) {
    int vo = b * n;
    System.arraycopy(rest, 0, v[b], 0, n);
    java.util.Arrays.fill(ref[b], 0);
    java.util.Arrays.fill(adapt, b * nAdaptive, (b + 1) * nAdaptive, 0f);
    for (float[] slot : ring[b]) {
      java.util.Arrays.fill(slot, 0f);
    }
    java.util.Arrays.fill(jawY, b * channels, (b + 1) * channels, 0.0);
    float[] o = trace.offset;
    if (latentDim > 0) {
      int l = latentDim;
      long key = streams.key(RandomStreams.Stream.LATENT, draw, b, 0);
      float[] w0 = params.latentW0();
      float[] b0 = params.latentB0();
      float[] w1 = params.latentW1();
      double[] hid = new double[l];
      for (int k = 0; k < l; k++) {
        trace.latent[b * l + k] = RandomStreams.uniform(key, k) - 0.5f;
      }
      for (int q = 0; q < l; q++) {
        double s = b0[q];
        for (int k = 0; k < l; k++) {
          s += (double) w0[q * l + k] * trace.latent[b * l + k];
        }
        trace.latentHidden[b * l + q] = (float) s;
        hid[q] = Math.max(0.0, (float) s);
      }
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int q = 0; q < l; q++) {
          s += (double) w1[i * l + q] * hid[q];
        }
        o[vo + i] = (float) s;
      }
    } else {
      java.util.Arrays.fill(o, vo, vo + n, 0f);
    }
    float[] d = drive[b];
    for (int i = 0; i < n; i++) {
      d[i] = oneMinusAlpha[i] * (o[vo + i] + rest[i]);
    }
  }

  private void saveInitialState(int b) {
    int vo = b * n;
    System.arraycopy(v[b], 0, trace.initialVoltage, vo, n);
    System.arraycopy(ref[b], 0, trace.initialRefractory, vo, n);
    System.arraycopy(adapt, b * nAdaptive, trace.initialAdaptation, b * nAdaptive, nAdaptive);
    for (int c = 0; c < channels; c++) {
      trace.initialJaw[b * channels + c] = (float) jawY[b * channels + c];
    }
  }

  /** One step of one trial; {@code gs} counts from the start of the pre-run. */
  private void step(Worker w, int b, int gs) {
    final int nn = n;
    final int t = gs - preSteps;
    final boolean main = t >= 0;
    final float[] cur = ring[b][gs % ringSlots];
    final float[] vb = v[b];

    // 1. input spikes, added to this step's current
    int nInSp = sampleInputs(w, b, t, main);
    final int[] inFired = w.inFired;
    for (int q = 0; q < nInSp; q++) {
      addInPlace(cur, inSigned[inFired[q]], nn);
    }
    if (main) {
      trace.appendInputs(b, t, inFired, nInSp);
    }
    final Perturbation pert = inputs.perturbation();
    final boolean perturbed = main && pert.hasPulses(b);
    if (perturbed) {
      pert.addCurrents(b, t, cur);
    }

    // 2. membrane noise
    final float[] xi = w.xi;
    w.normals.fill(streams.key(RandomStreams.Stream.NOISE, draw, b, t), xi, 0, nn);

    // 3. membrane update: v <- u (pre-reset); the current slot is cleared for reuse
    membrane(vb, cur, drive[b], xi, nn);
    if (main && trace.voltage != null) {
      System.arraycopy(vb, 0, trace.voltage[t], b * nn, nn);
    }

    // 4. adaptive thresholds
    final float[] thr = w.thr;
    final float[] gain = w.gain;
    final float[] reset = w.reset;
    if (nAdaptive > 0) {
      int ao = b * nAdaptive;
      for (int k = 0; k < nAdaptive; k++) {
        int i = adaptiveUnits[k];
        float a = NeuronModel.threshold(thr0 + beta[k] * adapt[ao + k], rest[i]);
        thr[i] = a;
        gain[i] = temperature / (a - rest0);
        reset[i] = a - rest[i];
      }
      if (main) {
        System.arraycopy(adapt, ao, trace.adaptation[t], ao, nAdaptive);
      }
    }

    // clamped units cannot spike: threshold +∞ for this step
    final boolean clamped = perturbed && pert.clampThresholds(b, t, thr);

    // 5. spikes, refractoriness, reset
    final int[] rf = ref[b];
    final int[] fired = w.fired;
    int nsp = 0;
    if (bernoulli) {
      final long[] bits = w.bits;
      RandomStreams.fillBits(streams.key(RandomStreams.Stream.SPIKE, draw, b, t), w.weyl, bits, nn);
      final float sc = scale;
      final float sc24 = scale * 16777216f;
      for (int i = 0; i < nn; i++) {
        int r = rf[i];
        if (r > 0) {
          rf[i] = r - 1;
          continue;
        }
        float a = (vb[i] - thr[i]) * gain[i];
        // upper bound of 2^(a·log2 e): exponent bits, linear between powers of two, so never below
        // the true value; clamped to [0, 1]. Rejects nearly every draw without computing the sigmoid.
        float e = a * LOG2E + 0.01f;
        int eb = (int) ((e > 0f ? 0f : e) * 8388608f) + (127 << 23);
        eb = eb < 0 ? 0 : eb;
        // u = (m + 0.5)·2^-24 < bound implies m <= (int) (bound·2^24): integer test first
        if ((int) (bits[i] >>> 40) <= (int) (sc24 * Float.intBitsToFloat(eb))) {
          float u = RandomStreams.toUniform(bits[i]);
          double prob = sc / (1.0 + Math.exp(-a));
          if (u < prob) {
            rf[i] = nRef;
            vb[i] -= reset[i];
            fired[nsp++] = i;
          }
        }
      }
    } else {
      for (int i = 0; i < nn; i++) {
        if (rf[i] > 0) {
          rf[i]--;
          continue;
        }
        if (vb[i] > thr[i]) {
          rf[i] = nRef;
          vb[i] -= reset[i];
          fired[nsp++] = i;
        }
      }
    }

    if (clamped) {
      pert.restoreThresholds(b, t, thr, thrConst);
    }

    // 6. adaptation trace b_{t+1} = κ b_t + (1-κ) z_t
    if (nAdaptive > 0) {
      int ao = b * nAdaptive;
      for (int k = 0; k < nAdaptive; k++) {
        adapt[ao + k] *= kappaAdapt;
      }
      float inc = 1f - kappaAdapt;
      for (int q = 0; q < nsp; q++) {
        int s = adaptiveSlot[fired[q]];
        if (s >= 0) {
          adapt[ao + s] += inc;
        }
      }
    }

    // 7. push recurrent currents to the steps their delays reach
    if (groups == 2) {
      // both groups in one pass: two independent streams keep more loads in flight
      float[] to0 = ring[b][(gs + delay[0]) % ringSlots];
      float[] to1 = ring[b][(gs + delay[1]) % ringSlots];
      float[][] cols0 = recSigned[0];
      float[][] cols1 = recSigned[1];
      for (int q = 0; q < nsp; q++) {
        addInPlace2(to0, cols0[fired[q]], to1, cols1[fired[q]], nn);
      }
    } else {
      for (int g = 0; g < groups; g++) {
        float[] to = ring[b][(gs + delay[g]) % ringSlots];
        float[][] cols = recSigned[g];
        for (int q = 0; q < nsp; q++) {
          addInPlace(to, cols[fired[q]], nn);
        }
      }
    }

    // 8. jaw readout
    if (nMotor > 0) {
      final int cc = channels;
      for (int c = 0; c < cc; c++) {
        double m = 0;
        for (int q = 0; q < nsp; q++) {
          int s = motorSlot[fired[q]];
          if (s >= 0) {
            m += jawW[s * cc + c];
          }
        }
        m *= 0.5;
        int yo = b * cc + c;
        double jc = jawC[c];
        double y = Math.exp(kappaJaw * Math.log(jawY[yo] + jc) + (1.0 - kappaJaw) * m) - jc;
        jawY[yo] = y;
        if (main) {
          trace.jaw[(t * trace.batch() + b) * cc + c] = (float) y;
        }
      }
    }

    // 9. record spikes (window and the last H pre-run steps)
    if (t >= -trace.history()) {
      trace.appendSpikes(b, t, fired, nsp);
    }
  }

  /** {@code v = α v + (1−α) cur + drive + σ ξ}; clears {@code cur}. Zero-offset arrays: vectorised. */
  private void membrane(float[] vb, float[] cur, float[] dr, float[] xi, int nn) {
    final float[] al = alpha;
    final float[] oma = oneMinusAlpha;
    final float[] sg = sigma;
    for (int i = 0; i < nn; i++) {
      vb[i] = al[i] * vb[i] + oma[i] * cur[i] + dr[i] + sg[i] * xi[i];
      cur[i] = 0f;
    }
  }

  /** Samples the input units that fire at (trial b, step t); returns their count. */
  private int sampleInputs(Worker w, int b, int t, boolean main) {
    final int[] out = w.inFired;
    final long[] bits = w.inBits;
    RandomStreams.fillBits(streams.key(RandomStreams.Stream.INPUT, draw, b, t), w.weyl, bits, nIn);
    int c = 0;
    int k = 0;
    if (main && nStim > 0) {
      for (int j = 0; j < nBlocks; j++) {
        int l = j < stimBlocks ? 0 : j - stimBlocks + 1;
        int start = inputs.onsetStep(b, l) + thalamic;
        float p = p0;
        if (t >= start && t < start + burst[l]) {
          if (l > 0) {
            p = (float) Math.min(1.0, p0 * onsetGain);
          } else if (stimBlocks == 1) {
            p = (float) Math.min(1.0, p0 * (1.0 + config.stimValence() * Math.log1p(inputs.stimulus(b))));
          } else if (Math.rint(inputs.stimulus(b)) == j + 1) {
            p = (float) Math.min(1.0, p0 * onsetGain);
          }
        }
        int end = (j + 1) * nStim;
        for (; k < end; k++) {
          if (RandomStreams.toUniform(bits[k]) < p) {
            out[c++] = k;
          }
        }
      }
    }
    for (; k < nIn; k++) {
      if (RandomStreams.toUniform(bits[k]) < p0) {
        out[c++] = k;
      }
    }
    return c;
  }

  /** {@code dst += src}; zero-offset arrays so the JIT vectorises the loop. */
  private static void addInPlace(float[] dst, float[] src, int len) {
    for (int i = 0; i < len; i++) {
      dst[i] += src[i];
    }
  }

  /** {@code d0 += s0; d1 += s1} in one loop. */
  private static void addInPlace2(float[] d0, float[] s0, float[] d1, float[] s1, int len) {
    for (int i = 0; i < len; i++) {
      d0[i] += s0[i];
      d1[i] += s1[i];
    }
  }

  /** Stops the worker threads. */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /** Per-thread scratch. */
  private static final class Worker {
    final float[] xi;
    final float[] thr;
    final float[] gain;
    final float[] reset;
    final int[] fired;
    final int[] inFired;
    final long[] bits;
    final long[] inBits;
    final long[] weyl;
    final RandomStreams.NormalFiller normals = new RandomStreams.NormalFiller();

    Worker(int n, int nIn) {
      xi = new float[n];
      thr = new float[n];
      gain = new float[n];
      reset = new float[n];
      fired = new int[n];
      inFired = new int[nIn];
      bits = new long[n];
      inBits = new long[nIn];
      weyl = RandomStreams.weyl(Math.max(n, nIn));
    }
  }
}
