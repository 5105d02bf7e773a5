package org.trialmatch.grad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.model.NeuronModel;
import org.trialmatch.model.Parameters;
import org.trialmatch.model.RandomStreams;
import org.trialmatch.model.RsnnConfig;
import org.trialmatch.model.SpikeFunction;
import org.trialmatch.model.Trace;
import org.trialmatch.model.WorkerFailures;

/**
 * Backpropagation through time over the window of a {@link org.trialmatch.model.Simulator} forward
 * pass: the exact adjoint equations of {@code bptt.md}, from the losses' gradients with respect to
 * spikes and jaw to the gradients of every trained parameter. One algorithm in one file on purpose:
 * the adjoint step and its workers share the preallocated state that keeps the step free of allocation.
 *
 * <p>Per step t = T−1 … 0 and trial (bptt.md's step t+1), with the trace's pre-reset voltage u_t,
 * spikes z_t, adaptation b_t and jaw y_t:
 *
 * <pre>
 *   z̄_t = ∂L/∂z_t + Σ_g ½ S_gᵀ Ī_{t+d_g} − (A_t − ρ) v̄_t + (1−κ_b) b̄_{t+1} + ½ Σ_c w_c m̄_{t,c}
 *   h̄_t = ψ_t z̄_t;   ū_t = v̄_t + h̄_t/(A_t − ρ0);   v̄_{t−1} = α ū_t;   Ī_t = (1−α) ū_t
 *   Ā_t = −h̄_t (u_t − ρ0)/(A_t − ρ0)² − z_t v̄_t;   b̄_t = β Ā_t + κ_b b̄_{t+1}
 *   jaw, per channel: k̄_t = ȳ_t (y_t + c);  m̄_t = (1−κ_j) k̄_t;  ȳ_{t−1} += k̄_t κ_j/(y_{t−1} + c)
 * </pre>
 *
 * and the parameter gradients accumulated over steps and trials (recurrent and input weights per
 * presynaptic spike; ρ, β, w, c, the offset network). The window's initial state (the pre-run's
 * result) is a constant, as in the reference; its spikes still enter the weight gradients through the
 * delays.
 *
 * <p><b>Cost.</b> The dense products {@code Σ_g ½ S_gᵀ Ī} of a step are one single-precision GEMM per
 * group over the whole batch ({@code (B × N)·(N × N)}, OpenBLAS), cut into fixed blocks of presynaptic
 * units: a block's product is computed only over the postsynaptic units its units may reach (an
 * inhibitory unit reaches its own area only), and presynaptic columns whose pseudo-derivative is
 * exactly 0 in every trial (refractory steps; outside the triangle's support) are skipped: their z̄ is
 * only ever multiplied by that 0. Weight gradients are added per presynaptic spike (a row of the
 * {@code [pre][post]} gradient), like the forward pass's currents.
 *
 * <p><b>Threads.</b> Each step runs in two phases separated by barriers: (A) per trial, the adjoint
 * recursion (trials split across threads); (B) the products for the next step (blocks taken in turn)
 * and the weight gradients (presynaptic rows split across threads, trials added in order). Every
 * number is computed by one thread in an order that does not depend on the thread count, and
 * per-trial partial sums are reduced in trial order, so results are identical for any number of
 * threads. OpenBLAS runs single-threaded inside the workers.
 *
 * <p><b>Layouts.</b> {@code dLdSpikes} is {@code [t][trial][unit]} ({@code (t·B + b)·N + i}),
 * {@code dLdJaw} {@code [t][trial][channel]}; the gradients are written into a {@link Parameters} of the model's
 * shapes, so recurrent and input gradients are {@code [pre][post]}, like the weights (element {@code
 * j·N + i} is ∂L/∂W for the synapse j → i, 0 where no synapse may exist).
 *
 * <p>Workspaces (native buffers included) are allocated once per (configuration, layout, batch). Not
 * thread-safe: one backward pass at a time per instance. Close it to free the native buffers and stop
 * the threads.
 */
public final class Backward implements AutoCloseable {
  /** Presynaptic units per block of the dense product (fixed, so the split is thread-count free). */
  static final int BLOCK = 128;
  /** Gaps of inactive columns shorter than this are computed anyway (fewer, larger products). */
  static final int MIN_GAP = 8;
  /**
   * Steps whose gradient terms are summed in float before they are added to the double
   * accumulators (weight-gradient rows and per-trial sums): at most a few dozen terms per element,
   * so float keeps ~1e-6 relative accuracy, halves the memory traffic of the per-spike row updates
   * and lets the per-unit loop of the adjoint recursion run in float only (vectorised).
   */
  static final int FLUSH_STEPS = 32;

  private final int blockWidth;
  private final int minGap;
  private final int batch;
  private final int threads;
  private final int n;
  private final int nIn;
  private final int groups;
  private final int steps;
  private final int ringSlots;
  private final int nAdaptive;
  private final int nMotor;
  private final int latentDim;
  private final int[] delay;
  private final boolean bernoulli;
  private final float temperature;
  private final float dtMs;
  private final float dampening;
  private final float thr0;
  private final float rest0;
  private final float kappaAdapt;
  private final double kappaJaw;
  private final int channels;
  private final double noiseScale;
  private final float[] alpha;
  private final float[] oneMinusAlpha;
  private final int[] adaptiveUnits;
  private final int[] motorUnits;
  private final int[] unitSign;
  private final int[] inputSign;
  private final NetworkLayout layout;

  // blocks of presynaptic units and the postsynaptic ranges they may reach
  private final int nBlocks;
  private final int[] blockStart;
  private final int[] blockEnd;
  private final int[][] blockRanges;
  private final int[] blockOf;

  // native buffers: signed halved weights [g][pre][post], the ring of Ī over the last steps, the product
  private final FloatPointer[] weights;
  private final FloatPointer ring;
  private final FloatPointer product;
  private final long ringSlotSize;

  // adjoint state and per-trial partial sums
  private final float[] ibar;
  private final float[] vbar;
  private final float[][] psi;
  private final float[] bbar;
  private final double[] ybar;
  private final double[] sumU;
  private final double[] sumZv;
  private final double[] sumXiU;
  // their float sums over the current run of FLUSH_STEPS steps
  private final float[] stepU;
  private final float[] stepZv;
  private final float[] stepXiU;
  private final double[] sumBetaA;
  private final double[] sumJaw;
  private final double[] sumC;
  private final double[][] recAcc;
  private final float[][] recStep;
  private final int[] preSplit;
  private final double[] inAcc;
  private final float[] inStep;

  // per-call constants
  private final float[] rest;
  private final float[] thrConst;
  private final float[] invDenConst;
  private final float[] resetConst;

  private final Worker[] workers;
  private final StepBarrier barrier;
  private final AtomicInteger nextBlock = new AtomicInteger();
  private final ExecutorService pool;
  private boolean closed;

  // the current call
  private Parameters params;
  private Trace trace;
  private float[] dLdSpikes;
  private float[] dLdJaw;
  private Parameters grad;

  /**
   * @param config the model configuration
   * @param layout the layout (built from the same configuration)
   * @param batch number of trials of every trace this instance will read
   * @param threads worker threads (>= 1), normally the simulator's; 1 runs on the calling thread
   * @throws IllegalStateException if the OpenBLAS natives cannot be loaded on this platform
   */
  public Backward(RsnnConfig config, NetworkLayout layout, int batch, int threads) {
    this(config, layout, batch, threads, BLOCK, MIN_GAP);
  }

  /**
   * With a given block width and gap bridging (tests exercise the block logic on small networks).
   *
   * @param blockWidth presynaptic units per block of the dense product (>= 1)
   * @param minGap inactive gaps shorter than this are computed anyway (>= 1)
   */
  Backward(RsnnConfig config, NetworkLayout layout, int batch, int threads, int blockWidth, int minGap) {
    if (blockWidth < 1 || minGap < 1) {
      throw new IllegalArgumentException("blockWidth and minGap must be >= 1, were " + blockWidth + ", " + minGap);
    }
    this.blockWidth = blockWidth;
    this.minGap = minGap;
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, was " + batch);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    if (layout.nUnits() != config.nUnits() || layout.nInputs() != config.nInputs()) {
      throw new IllegalArgumentException("layout (" + layout.nUnits() + " units, " + layout.nInputs()
          + " inputs) does not match the configuration (" + config.nUnits() + ", " + config.nInputs() + ")");
    }
    NativeBlas.init();
    this.layout = layout;
    this.batch = batch;
    this.threads = threads;
    this.n = layout.nUnits();
    this.nIn = layout.nInputs();
    this.groups = config.delayGroups();
    this.steps = config.steps();
    this.ringSlots = config.maxDelaySteps();
    this.nAdaptive = layout.nAdaptive();
    this.nMotor = layout.nMotor();
    this.latentDim = config.latentOffset() ? config.latentDim() : 0;
    this.delay = new int[groups];
    for (int g = 0; g < groups; g++) {
      delay[g] = config.delaySteps(g);
    }
    this.bernoulli = config.spikeFunction() == SpikeFunction.BERNOULLI;
    NeuronModel neuron = NeuronModel.of(config, layout);
    this.temperature = neuron.temperature();
    this.dtMs = (float) config.dtMs();
    this.dampening = (float) config.surrogateDampening();
    this.thr0 = neuron.threshold();
    this.rest0 = neuron.restPotential();
    this.kappaAdapt = neuron.adaptationDecay();
    this.kappaJaw = neuron.behaviourDecay();
    this.channels = config.behaviourChannels();
    this.noiseScale = config.noiseLevel() * Math.sqrt(config.dtMs());
    long bn = (long) batch * n;
    if (bn > Integer.MAX_VALUE - 8 || (long) n * n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("batch x nUnits too large, was " + batch + " x " + n);
    }
    alpha = neuron.leak();
    oneMinusAlpha = neuron.adjointInputScale();
    unitSign = new int[n];
    for (int i = 0; i < n; i++) {
      unitSign[i] = layout.sign(i);
    }
    inputSign = new int[nIn];
    for (int k = 0; k < nIn; k++) {
      inputSign[k] = layout.inputSign(k);
    }
    adaptiveUnits = new int[nAdaptive];
    for (int k = 0; k < nAdaptive; k++) {
      adaptiveUnits[k] = layout.adaptiveUnit(k);
    }
    motorUnits = new int[nMotor];
    for (int k = 0; k < nMotor; k++) {
      motorUnits[k] = layout.motorUnit(k);
    }

    // blocks: runs of presynaptic units that reach the same areas, at most blockWidth wide
    int nAreas = layout.nAreas();
    boolean[][] reach = new boolean[n][nAreas];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        if (layout.allowed(i, j)) {
          reach[j][layout.area(i)] = true;
        }
      }
    }
    List<int[]> bl = new ArrayList<>();
    int start = 0;
    for (int j = 1; j <= n; j++) {
      if (j == n || j - start == blockWidth || !Arrays.equals(reach[j], reach[start])) {
        bl.add(new int[] {start, j});
        start = j;
      }
    }
    nBlocks = bl.size();
    blockStart = new int[nBlocks];
    blockEnd = new int[nBlocks];
    blockRanges = new int[nBlocks][];
    blockOf = new int[n];
    for (int q = 0; q < nBlocks; q++) {
      blockStart[q] = bl.get(q)[0];
      blockEnd[q] = bl.get(q)[1];
      boolean[] r = reach[blockStart[q]];
      List<Integer> ranges = new ArrayList<>();
      int i = 0;
      while (i < n) {
        if (!r[layout.area(i)]) {
          i++;
          continue;
        }
        int i0 = i;
        while (i < n && r[layout.area(i)]) {
          i++;
        }
        ranges.add(i0);
        ranges.add(i);
      }
      blockRanges[q] = ranges.stream().mapToInt(Integer::intValue).toArray();
      for (int j = blockStart[q]; j < blockEnd[q]; j++) {
        blockOf[j] = q;
      }
    }

    long nn = (long) n * n;
    weights = new FloatPointer[groups];
    ringSlotSize = bn;
    FloatPointer rg = null;
    FloatPointer pr = null;
    try {
      for (int g = 0; g < groups; g++) {
        weights[g] = new FloatPointer(nn);
      }
      rg = new FloatPointer(ringSlotSize * ringSlots);
      pr = new FloatPointer(bn);
    } catch (RuntimeException | OutOfMemoryError ex) {
      for (FloatPointer w : weights) {
        if (w != null) {
          w.close();
        }
      }
      if (rg != null) {
        rg.close();
      }
      throw ex;
    }
    ring = rg;
    product = pr;

    int ibn = (int) bn;
    ibar = new float[ibn];
    vbar = new float[ibn];
    psi = new float[][] {new float[ibn], new float[ibn]};
    bbar = new float[batch * nAdaptive];
    ybar = new double[batch * channels];
    sumU = new double[ibn];
    sumZv = new double[ibn];
    sumXiU = new double[ibn];
    stepU = new float[ibn];
    stepZv = new float[ibn];
    stepXiU = new float[ibn];
    sumBetaA = new double[batch * nAdaptive];
    sumJaw = new double[batch * nMotor * channels];
    sumC = new double[batch * channels];
    recAcc = new double[groups][(int) nn];
    recStep = new float[groups][(int) nn];
    // presynaptic rows split across threads by the width of the rows they update
    long[] cost = new long[n + 1];
    for (int j = 0; j < n; j++) {
      int[] r = blockRanges[blockOf[j]];
      long w = 0;
      for (int k = 0; k < r.length; k += 2) {
        w += r[k + 1] - r[k];
      }
      cost[j + 1] = cost[j] + w + 1;
    }
    preSplit = new int[threads + 1];
    for (int w = 1; w < threads; w++) {
      long target = cost[n] * w / threads;
      int j = preSplit[w - 1];
      while (j < n && cost[j] < target) {
        j++;
      }
      preSplit[w] = j;
    }
    preSplit[threads] = n;
    inAcc = new double[nIn * n];
    inStep = new float[nIn * n];
    rest = new float[n];
    thrConst = new float[n];
    invDenConst = new float[n];
    resetConst = new float[n];

    workers = new Worker[threads];
    for (int w = 0; w < threads; w++) {
      workers[w] = new Worker(w);
    }
    barrier = new StepBarrier(threads);
    if (threads > 1) {
      AtomicInteger count = new AtomicInteger();
      ThreadFactory tf = r -> {
        Thread th = new Thread(r, "trialmatch-bptt-" + count.incrementAndGet());
        th.setDaemon(true);
        return th;
      };
      pool = Executors.newFixedThreadPool(threads - 1, tf);
    } else {
      pool = null;
    }
  }

  /** @return the number of worker threads */
  public int threads() {
    return threads;
  }

  /**
   * @return the fraction of presynaptic columns of the dense products that the last backward pass
   *     skipped because their pseudo-derivative was exactly 0 in every trial (0 before any call)
   */
  public double skippedColumnFraction() {
    long skipped = 0;
    long total = 0;
    for (Worker w : workers) {
      skipped += w.skippedColumns;
      total += w.columns;
    }
    return total == 0 ? 0.0 : (double) skipped / total;
  }

  /**
   * Where the last backward pass's time went, in wall-clock seconds per worker thread, averaged over
   * the threads (each thread's four parts add up to its time in the step loop).
   *
   * @return the timings (zeros before any call)
   */
  public BackwardTimings timings() {
    double a = 0;
    double p = 0;
    double w = 0;
    double s = 0;
    for (Worker wk : workers) {
      a += wk.nsAdjoint;
      p += wk.nsProducts;
      w += wk.nsWeights;
      s += wk.nsWaiting;
    }
    double f = 1e-9 / workers.length;
    return new BackwardTimings(a * f, p * f, w * f, s * f);
  }

  /** @return the number of trials this instance reads */
  public int batch() {
    return batch;
  }

  /**
   * Backpropagates through the window of the forward pass recorded in {@code trace} and writes the
   * gradients of {@code L} into {@code gradOut} (overwritten, not accumulated).
   *
   * @param p the parameters the forward pass ran with (read only)
   * @param trace its trace, with voltages kept, of this instance's batch size
   * @param dLdSpikes ∂L/∂z, {@code [t][trial][unit]}, {@code T·B·N} values (read only)
   * @param dLdJaw ∂L/∂y, {@code [t][trial]}, {@code T·B} values; null means 0 (read only)
   * @param gradOut gradients of the parameters' shapes ({@code Parameters.zeros(layout, config)})
   */
  public void backward(Parameters p, Trace trace, float[] dLdSpikes, float[] dLdJaw, Parameters gradOut) {
    if (closed) {
      throw new IllegalStateException("backward pass already closed");
    }
    check(p, trace, dLdSpikes, dLdJaw, gradOut);
    this.params = p;
    this.trace = trace;
    this.dLdSpikes = dLdSpikes;
    this.dLdJaw = dLdJaw;
    this.grad = gradOut;
    try {
      prepare(p);
      run();
      reduce();
    } finally {
      this.params = null;
      this.trace = null;
      this.dLdSpikes = null;
      this.dLdJaw = null;
      this.grad = null;
    }
  }

  private void check(Parameters p, Trace tr, float[] dz, float[] dy, Parameters g) {
    if (tr.batch() != batch || tr.nUnits() != n || tr.steps() != steps || tr.nInputs() != nIn
        || tr.nAdaptive() != nAdaptive || tr.latentDim() != latentDim) {
      throw new IllegalArgumentException("trace shape (" + tr.batch() + " trials, " + tr.nUnits() + " units, "
          + tr.steps() + " steps) does not match this backward pass (" + batch + ", " + n + ", " + steps + ")");
    }
    if (!tr.keepsVoltages()) {
      throw new IllegalArgumentException("the trace kept no voltages: build it with keepVoltages = true");
    }
    long tbn = (long) steps * batch * n;
    if (dz == null || dz.length != tbn) {
      throw new IllegalArgumentException("dLdSpikes must hold T*B*N = " + tbn + " values, had "
          + (dz == null ? "null" : String.valueOf(dz.length)));
    }
    if (dy != null && dy.length != steps * batch * channels) {
      throw new IllegalArgumentException("dLdJaw must hold T*B*C = " + steps * batch * channels + " values, had "
          + dy.length);
    }
    for (Parameters q : new Parameters[] {p, g}) {
      if (q.nUnits() != n || q.nInputs() != nIn || q.groups() != groups || q.latentDim() != latentDim
          || q.adaptation().length != nAdaptive || q.channels() != channels
          || q.jawWeights().length != nMotor * channels) {
        throw new IllegalArgumentException((q == p ? "parameters" : "gradOut") + " do not match the layout");
      }
    }
    if (p == g) {
      throw new IllegalArgumentException("gradOut must not be the parameters themselves");
    }
    for (int c = 0; nMotor > 0 && c < channels; c++) {
      if (!(p.jawBias()[c] > 0)) {
        throw new IllegalArgumentException("jaw bias c of channel " + c + " must be > 0, was " + p.jawBias()[c]);
      }
    }
  }

  /** Signed halved weights to native memory, per-unit constants, accumulators cleared. */
  private void prepare(Parameters p) {
    float[] row = workers[0].prod;
    for (int g = 0; g < groups; g++) {
      float[] w = p.recurrent(g);
      FloatPointer dst = workers[0].weightView[g];
      for (int j = 0; j < n; j++) {
        float sg = 0.5f * unitSign[j];
        int off = j * n;
        for (int i = 0; i < n; i++) {
          row[i] = layout.allowed(i, j) ? sg * w[off + i] : 0f;
        }
        dst.position(off).put(row, 0, n);
      }
    }
    float[] r = p.rest();
    for (int i = 0; i < n; i++) {
      rest[i] = r[i];
      float a = NeuronModel.threshold(thr0, r[i]);
      thrConst[i] = a;
      invDenConst[i] = 1f / (a - rest0);
      resetConst[i] = a - r[i];
    }
    for (Worker w : workers) {
      System.arraycopy(thrConst, 0, w.thr, 0, n);
      System.arraycopy(invDenConst, 0, w.invDen, 0, n);
      System.arraycopy(resetConst, 0, w.reset, 0, n);
    }
    Arrays.fill(vbar, 0f);
    Arrays.fill(bbar, 0f);
    Arrays.fill(ybar, 0.0);
    Arrays.fill(sumU, 0.0);
    Arrays.fill(sumZv, 0.0);
    Arrays.fill(sumXiU, 0.0);
    Arrays.fill(stepU, 0f);
    Arrays.fill(stepZv, 0f);
    Arrays.fill(stepXiU, 0f);
    Arrays.fill(sumBetaA, 0.0);
    Arrays.fill(sumJaw, 0.0);
    Arrays.fill(sumC, 0.0);
    for (double[] a : recAcc) {
      Arrays.fill(a, 0.0);
    }
    for (float[] a : recStep) {
      Arrays.fill(a, 0f);
    }
    Arrays.fill(inAcc, 0.0);
    Arrays.fill(inStep, 0f);
    Pointer.memset(product.position(0), 0, (long) batch * n * Float.BYTES);
  }

  private void run() {
    barrier.reset();
    if (pool == null) {
      workers[0].loop();
      return;
    }
    List<Future<?>> fs = new ArrayList<>(threads - 1);
    for (int w = 1; w < threads; w++) {
      final Worker wk = workers[w];
      fs.add(pool.submit(() -> {
        try {
          wk.loop();
        } catch (RuntimeException | Error ex) {
          barrier.abort();
          throw ex;
        }
      }));
    }
    Throwable failure = null;
    try {
      workers[0].loop();
    } catch (RuntimeException | Error ex) {
      barrier.abort();
      failure = ex;
    }
    for (Future<?> f : fs) {
      try {
        f.get();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        barrier.abort();
        if (failure == null) {
          failure = new IllegalStateException("backward pass interrupted", ex);
        }
      } catch (ExecutionException ex) {
        Throwable c = ex.getCause();
        // the first real failure wins over the other workers' "aborted" exceptions
        if (failure == null || isAbort(failure) && !isAbort(c)) {
          failure = c;
        }
      }
    }
    if (failure != null) {
      throw WorkerFailures.unchecked(failure);
    }
  }

  private static boolean isAbort(Throwable t) {
    return t instanceof IllegalStateException && t.getMessage() != null && t.getMessage().startsWith("backward pass aborted");
  }

  /** Per-unit and latent gradients: per-trial partial sums added in trial order. */
  private void reduce() {
    Parameters p = params;
    Parameters g = grad;
    float[] gr = g.rest();
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int b = 0; b < batch; b++) {
        int o = b * n + i;
        s += oneMinusAlpha[i] * sumU[o] + sumZv[o] - noiseScale * sumXiU[o];
      }
      gr[i] = (float) s;
    }
    float[] gb = g.adaptation();
    for (int k = 0; k < nAdaptive; k++) {
      double s = 0;
      for (int b = 0; b < batch; b++) {
        s += sumBetaA[b * nAdaptive + k];
      }
      gb[k] = (float) s;
    }
    float[] gw = g.jawWeights();
    int mc = nMotor * channels;
    for (int k = 0; k < mc; k++) {
      double s = 0;
      for (int b = 0; b < batch; b++) {
        s += sumJaw[b * mc + k];
      }
      gw[k] = (float) s;
    }
    for (int ch = 0; ch < channels; ch++) {
      double c = 0;
      if (nMotor > 0) {
        for (int b = 0; b < batch; b++) {
          c += sumC[b * channels + ch];
        }
      }
      g.jawBias()[ch] = (float) c;
    }
    int l = latentDim;
    if (l > 0) {
      // o = W1 · ReLU(W0 q + b0), per trial; ō = (1 − α) Σ_t ū_t
      float[] w1 = p.latentW1();
      double[] gw0 = new double[l * l];
      double[] gb0 = new double[l];
      double[] gw1 = new double[n * l];
      double[] rbar = new double[l];
      for (int b = 0; b < batch; b++) {
        Arrays.fill(rbar, 0.0);
        for (int i = 0; i < n; i++) {
          double ob = oneMinusAlpha[i] * sumU[b * n + i];
          for (int q = 0; q < l; q++) {
            double pre = trace.latentHidden(b, q);
            gw1[i * l + q] += ob * (pre > 0 ? pre : 0.0);
            rbar[q] += w1[i * l + q] * ob;
          }
        }
        for (int q = 0; q < l; q++) {
          if (trace.latentHidden(b, q) > 0) {
            gb0[q] += rbar[q];
            for (int k = 0; k < l; k++) {
              gw0[q * l + k] += rbar[q] * trace.latent(b, k);
            }
          }
        }
      }
      copy(gw0, g.latentW0());
      copy(gb0, g.latentB0());
      copy(gw1, g.latentW1());
    }
  }

  private static void copy(double[] src, float[] dst) {
    for (int k = 0; k < src.length; k++) {
      dst[k] = (float) src[k];
    }
  }

  /** Frees the native buffers and stops the worker threads. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (pool != null) {
      pool.shutdownNow();
    }
    for (FloatPointer w : weights) {
      w.close();
    }
    ring.close();
    product.close();
  }

  /** One thread's share of the work and its scratch. */
  private final class Worker {
    final int id;
    final int trial0;
    final int trial1;
    final int pre0;
    final int pre1;
    final int in0;
    final int in1;
    final float[] prod = new float[n];
    final float[] mHalf = new float[channels];
    final float[] z = new float[n];
    final float[] xi = new float[n];
    final float[] gate = new float[n];
    final float[] abar = new float[n];
    final float[] thr = new float[n];
    final float[] invDen = new float[n];
    final float[] reset = new float[n];
    final float[] zeros = new float[n];
    final boolean[] active = new boolean[blockWidth];
    long columns;
    long skippedColumns;
    long nsAdjoint;
    long nsProducts;
    long nsWeights;
    long nsWaiting;
    final RandomStreams.NormalFiller filler = new RandomStreams.NormalFiller();
    // private views of the native buffers (their positions are per thread)
    final FloatPointer[] weightView = new FloatPointer[groups];
    final FloatPointer ringView;
    final FloatPointer productView;

    Worker(int id) {
      this.id = id;
      trial0 = (int) ((long) batch * id / threads);
      trial1 = (int) ((long) batch * (id + 1) / threads);
      pre0 = preSplit[id];
      pre1 = preSplit[id + 1];
      in0 = (int) ((long) nIn * id / threads);
      in1 = (int) ((long) nIn * (id + 1) / threads);
      for (int g = 0; g < groups; g++) {
        weightView[g] = new FloatPointer(weights[g]);
      }
      ringView = new FloatPointer(ring);
      productView = new FloatPointer(product);
    }

    /** The time loop (all threads run it in step, separated by the barrier). */
    void loop() {
      columns = 0;
      skippedColumns = 0;
      nsAdjoint = 0;
      nsProducts = 0;
      nsWeights = 0;
      nsWaiting = 0;
      final int tLast = steps - 1;
      long c0 = System.nanoTime();
      for (int b = trial0; b < trial1; b++) {
        pseudoDerivative(tLast, b, psi[tLast & 1]);
      }
      long c1 = System.nanoTime();
      barrier.await();
      long c2 = System.nanoTime();
      nsAdjoint += c1 - c0;
      nsWaiting += c2 - c1;
      for (int t = tLast; t >= 0; t--) {
        final float[] psiT = psi[t & 1];
        final float[] psiPrev = psi[(t + 1) & 1];
        c0 = System.nanoTime();
        for (int b = trial0; b < trial1; b++) {
          adjointStep(t, b, psiT);
          if (t > 0) {
            pseudoDerivative(t - 1, b, psiPrev);
          }
        }
        if (id == 0) {
          nextBlock.set(0);
        }
        c1 = System.nanoTime();
        barrier.await();
        c2 = System.nanoTime();
        if (t > 0) {
          for (int q = nextBlock.getAndIncrement(); q < nBlocks; q = nextBlock.getAndIncrement()) {
            productBlock(t - 1, q, psiPrev);
          }
        }
        long c3 = System.nanoTime();
        weightGradients(t);
        if (t == 0 || (tLast - t) % FLUSH_STEPS == FLUSH_STEPS - 1) {
          flushWeightGradients();
        }
        long c4 = System.nanoTime();
        barrier.await();
        long c5 = System.nanoTime();
        nsAdjoint += c1 - c0;
        nsProducts += c3 - c2;
        nsWeights += c4 - c3;
        nsWaiting += (c2 - c1) + (c5 - c4);
      }
      c0 = System.nanoTime();
      writeWeightGradients();
      nsWeights += System.nanoTime() - c0;
    }

    /** Thresholds A_t, 1/(A_t − ρ0) and reset sizes A_t − ρ of trial b at step t (adaptive units). */
    private void thresholds(int t, int b) {
      if (nAdaptive == 0) {
        return;
      }
      final float[] bt = trace.adaptation(t);
      final float[] beta = params.adaptation();
      final int ao = b * nAdaptive;
      for (int k = 0; k < nAdaptive; k++) {
        int i = adaptiveUnits[k];
        float a = NeuronModel.threshold(thr0 + beta[k] * bt[ao + k], rest[i]);
        thr[i] = a;
        invDen[i] = 1f / (a - rest0);
        reset[i] = a - rest[i];
      }
    }

    /** ψ_t of trial b into {@code out[b·N …]}: 0 on refractory steps. */
    private void pseudoDerivative(int t, int b, float[] out) {
      thresholds(t, b);
      trace.gate(t, b, gate);
      final float[] u = trace.voltage(t);
      final int o = b * n;
      final float[] th = thr;
      final float[] inv = invDen;
      final float[] gt = gate;
      if (bernoulli) {
        final float tau = temperature;
        final float dt = dtMs;
        final float gam = dampening;
        for (int i = 0; i < n; i++) {
          float h = (u[o + i] - th[i]) * inv[i];
          out[o + i] = gt[i] * PseudoDerivative.bernoulli(h, tau, dt, gam);
        }
      } else {
        final float gam = dampening;
        for (int i = 0; i < n; i++) {
          float h = (u[o + i] - th[i]) * inv[i];
          out[o + i] = gt[i] * PseudoDerivative.triangle(h, gam);
        }
      }
    }

    /** Phase A: the adjoint recursion of trial b at step t; writes Ī_t (Java and native). */
    private void adjointStep(int t, int b, float[] psiT) {
      final int nn = n;
      final int o = b * nn;
      thresholds(t, b);
      productView.position(o).get(prod, 0, nn);
      final float[] pr = prod;
      // jaw: ȳ_t, k̄_t = ȳ_t (y_t + c), m̄_t, and ȳ_{t−1}
      final float[] mh = mHalf;
      if (nMotor > 0) {
        final int cc = channels;
        for (int ch = 0; ch < cc; ch++) {
          int yo = b * cc + ch;
          double c = params.jawBias()[ch];
          double yb = ybar[yo] + (dLdJaw == null ? 0.0 : dLdJaw[(t * batch + b) * cc + ch]);
          double yt = trace.jaw(t, b, ch);
          double yp = t > 0 ? trace.jaw(t - 1, b, ch) : trace.initialJaw(b, ch);
          double kb = yb * (yt + c);
          double gk = kappaJaw / (yp + c);
          sumC[yo] += kb * gk - yb;
          ybar[yo] = kb * gk;
          mh[ch] = (float) (0.5 * (1.0 - kappaJaw) * kb);
        }
        final float[] jw = params.jawWeights();
        if (cc == 1) {
          final float m0 = mh[0];
          for (int k = 0; k < nMotor; k++) {
            pr[motorUnits[k]] += m0 * jw[k];
          }
        } else {
          for (int k = 0; k < nMotor; k++) {
            float s = 0f;
            for (int ch = 0; ch < cc; ch++) {
              s += mh[ch] * jw[k * cc + ch];
            }
            pr[motorUnits[k]] += s;
          }
        }
      }
      if (nAdaptive > 0) {
        final int ao = b * nAdaptive;
        final float inc = 1f - kappaAdapt;
        for (int k = 0; k < nAdaptive; k++) {
          pr[adaptiveUnits[k]] += inc * bbar[ao + k];
        }
      }
      trace.spikes(t, b, z);
      trace.noise(t, b, filler, xi, 0);
      final float[] u = trace.voltage(t);
      final float[] dl = dLdSpikes;
      final int dlo = (t * batch + b) * nn;
      final float[] zz = z;
      final float[] x = xi;
      final float[] ab = abar;
      final float[] inv = invDen;
      final float[] rs = reset;
      final float[] al = alpha;
      final float[] oma = oneMinusAlpha;
      final float[] vb = vbar;
      final float[] ib = ibar;
      final float[] su = stepU;
      final float[] szv = stepZv;
      final float[] sxu = stepXiU;
      final float r0 = rest0;
      for (int i = 0; i < nn; i++) {
        float v = vb[o + i];
        float zb = dl[dlo + i] + pr[i] - rs[i] * v;
        float hb = psiT[o + i] * zb;
        float ub = v + hb * inv[i];
        float zi = zz[i];
        ab[i] = -hb * (u[o + i] - r0) * inv[i] * inv[i] - zi * v;
        su[o + i] += ub;
        szv[o + i] += zi * v;
        sxu[o + i] += x[i] * ub;
        vb[o + i] = al[i] * ub;
        ib[o + i] = oma[i] * ub;
      }
      if (t == 0 || (steps - 1 - t) % FLUSH_STEPS == FLUSH_STEPS - 1) {
        final double[] du = sumU;
        final double[] dzv = sumZv;
        final double[] dxu = sumXiU;
        for (int i = o; i < o + nn; i++) {
          du[i] += su[i];
          dzv[i] += szv[i];
          dxu[i] += sxu[i];
          su[i] = 0f;
          szv[i] = 0f;
          sxu[i] = 0f;
        }
      }
      if (nAdaptive > 0) {
        final float[] bt = trace.adaptation(t);
        final float[] beta = params.adaptation();
        final int ao = b * nAdaptive;
        for (int k = 0; k < nAdaptive; k++) {
          float a = ab[adaptiveUnits[k]];
          sumBetaA[ao + k] += (double) bt[ao + k] * a;
          bbar[ao + k] = beta[k] * a + kappaAdapt * bbar[ao + k];
        }
      }
      if (nMotor > 0) {
        final int cc = channels;
        final int mo = b * nMotor * cc;
        if (cc == 1) {
          final double m0 = mh[0];
          for (int k = 0; k < nMotor; k++) {
            sumJaw[mo + k] += m0 * zz[motorUnits[k]];
          }
        } else {
          for (int k = 0; k < nMotor; k++) {
            float zk = zz[motorUnits[k]];
            for (int ch = 0; ch < cc; ch++) {
              sumJaw[mo + k * cc + ch] += (double) mh[ch] * zk;
            }
          }
        }
      }
      ringView.position((t % ringSlots) * ringSlotSize + o).put(ib, o, nn);
    }

    /**
     * Phase B: the product {@code Σ_g ½ S_gᵀ Ī_{s+d_g}} for step s on block q's presynaptic units,
     * skipping columns whose ψ_s is 0 in every trial.
     */
    private void productBlock(int s, int q, float[] psiS) {
      final int j0 = blockStart[q];
      final int j1 = blockEnd[q];
      final int w = j1 - j0;
      columns += w;
      final boolean[] act = active;
      Arrays.fill(act, 0, w, false);
      int remaining = w;
      for (int b = 0; b < batch && remaining > 0; b++) {
        final int o = b * n + j0;
        for (int c = 0; c < w; c++) {
          if (!act[c] && psiS[o + c] != 0f) {
            act[c] = true;
            remaining--;
          }
        }
      }
      int c = 0;
      while (c < w) {
        int e = c;
        while (e < w && !act[e]) {
          e++;
        }
        if (e > c) {
          skippedColumns += e - c;
          zeroColumns(j0 + c, j0 + e);
          c = e;
          continue;
        }
        // a run of active columns, bridging gaps shorter than minGap
        for (; ; ) {
          while (e < w && act[e]) {
            e++;
          }
          int g = e;
          while (g < w && !act[g]) {
            g++;
          }
          if (g < w && g - e < minGap) {
            e = g;
          } else {
            break;
          }
        }
        gemmRun(s, q, j0 + c, j0 + e);
        c = e;
      }
    }

    private void gemmRun(int s, int q, int r0, int r1) {
      final int[] ranges = blockRanges[q];
      boolean first = true;
      for (int g = 0; g < groups; g++) {
        int src = s + delay[g];
        if (src >= steps) {
          continue;
        }
        long slot = (long) (src % ringSlots) * ringSlotSize;
        for (int r = 0; r < ranges.length; r += 2) {
          int k0 = ranges[r];
          int k1 = ranges[r + 1];
          ringView.position(slot + k0);
          weightView[g].position((long) r0 * n + k0);
          productView.position(r0);
          NativeBlas.gemmNt(batch, r1 - r0, k1 - k0, ringView, n, weightView[g], n, first ? 0f : 1f, productView, n);
          first = false;
        }
      }
      if (first) {
        zeroColumns(r0, r1);
      }
    }

    private void zeroColumns(int c0, int c1) {
      // FloatPointer.put counts in floats (Pointer.memset would count the position in bytes)
      for (int b = 0; b < batch; b++) {
        productView.position((long) b * n + c0).put(zeros, 0, c1 - c0);
      }
    }

    /**
     * Phase B: for every spike of a presynaptic unit of this thread's range that step t reads through
     * a delay (and every input spike at t), add its value times Ī_t into its gradient row. Trials in
     * order, so each row's sum has a fixed order.
     */
    private void weightGradients(int t) {
      final int nn = n;
      final float[] ib = ibar;
      for (int g = 0; g < groups; g++) {
        final int s = t - delay[g];
        final float[] acc = recStep[g];
        for (int b = 0; b < batch; b++) {
          final int st = trace.spikeStart(s, b);
          final int end = st + trace.spikeCount(s, b);
          final int[] idx = trace.spikeIndices(b);
          final float[] val = trace.spikeValues(b);
          final int io = b * nn;
          for (int k = st; k < end; k++) {
            final int j = idx[k];
            if (j < pre0 || j >= pre1) {
              continue;
            }
            final float zv = val == null ? 1f : val[k];
            final int row = j * nn;
            final int[] ranges = blockRanges[blockOf[j]];
            for (int r = 0; r < ranges.length; r += 2) {
              final int i1 = ranges[r + 1];
              for (int i = ranges[r]; i < i1; i++) {
                acc[row + i] += zv * ib[io + i];
              }
            }
          }
        }
      }
      for (int b = 0; b < batch; b++) {
        final int st = trace.inputStart(t, b);
        final int end = st + trace.inputCount(t, b);
        final int[] idx = trace.inputIndices(b);
        final int io = b * nn;
        for (int k = st; k < end; k++) {
          final int j = idx[k];
          if (j < in0 || j >= in1) {
            continue;
          }
          final int row = j * nn;
          final float[] acc = inStep;
          for (int i = 0; i < nn; i++) {
            acc[row + i] += ib[io + i];
          }
        }
      }
    }

    /** Adds this thread's rows of the float step sums into the double accumulators and clears them. */
    private void flushWeightGradients() {
      for (int k = in0 * n; k < in1 * n; k++) {
        inAcc[k] += inStep[k];
        inStep[k] = 0f;
      }
      for (int g = 0; g < groups; g++) {
        final double[] acc = recAcc[g];
        final float[] st = recStep[g];
        for (int j = pre0; j < pre1; j++) {
          final int row = j * n;
          final int[] ranges = blockRanges[blockOf[j]];
          for (int r = 0; r < ranges.length; r += 2) {
            final int i1 = row + ranges[r + 1];
            for (int i = row + ranges[r]; i < i1; i++) {
              acc[i] += st[i];
              st[i] = 0f;
            }
          }
        }
      }
    }

    /** This thread's rows of the weight gradients: ½ sign(pre) × mask × the accumulated sums. */
    private void writeWeightGradients() {
      for (int g = 0; g < groups; g++) {
        final double[] acc = recAcc[g];
        final float[] out = grad.recurrent(g);
        for (int j = pre0; j < pre1; j++) {
          final double sg = 0.5 * unitSign[j];
          final int row = j * n;
          for (int i = 0; i < n; i++) {
            out[row + i] = layout.allowed(i, j) ? (float) (sg * acc[row + i]) : 0f;
          }
        }
      }
      final float[] out = grad.input();
      for (int k = in0; k < in1; k++) {
        final double sg = 0.5 * inputSign[k];
        final int row = k * n;
        for (int i = 0; i < n; i++) {
          out[row + i] = (float) (sg * inAcc[row + i]);
        }
      }
    }
  }
}
