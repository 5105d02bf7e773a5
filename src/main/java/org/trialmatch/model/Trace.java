package org.trialmatch.model;

import java.util.Arrays;

/**
 * What a forward pass keeps for the backward pass (bptt.md), compactly. Allocated once per batch
 * size and reused by every {@link Simulator#forward} call.
 *
 * <p>Time: window steps {@code t = 0…T−1} are bptt.md's steps 1…T; the state after the pre-run is
 * bptt.md's step 0. Layouts (row-major):
 *
 * <ul>
 *   <li>{@link #voltage(int)}: pre-reset membrane voltage {@code u_t}, {@code [t][trial][unit]} as
 *       one float array per step (element {@code b·N + i}); present only if kept.
 *   <li>Spikes {@code z_t}: per trial, the indices of the units that fired at each step, for steps
 *       {@code −H…T−1} where the {@code H = max(max delay, refractory steps)} negative steps are the
 *       end of the pre-run (read by the first window steps' delayed currents and refractoriness).
 *   <li>Input spikes {@code e_t}: per trial, the input indices that fired at each window step.
 *   <li>{@link #adaptation(int)}: adaptation trace {@code b_t} of the adaptive units (the value that
 *       sets the threshold at step t), {@code [t][trial][adaptive unit]}.
 *   <li>{@link #jaw(int, int, int)}: jaw (behaviour readout) output {@code y_t}, {@code
 *       [t][trial][channel]}; {@link #initialJaw} = y_0.
 *   <li>Per trial: latent {@code q} and first-layer pre-activation {@code W0 q + b0} ({@code
 *       [trial][L]}), offset {@code o} ({@code [trial][unit]}), state after the pre-run: voltage,
 *       refractory counters, adaptation.
 * </ul>
 *
 * Membrane noise is not stored: {@link #noise} regenerates ξ_t of any (step, trial). The thresholds
 * {@code A_t} follow from the adaptation trace; refractory steps from the spikes ({@link
 * #isRefractory}, {@link #gate}).
 *
 * <p><b>Smooth traces.</b> Gradient checks differentiate a smooth forward pass (real-valued spikes,
 * a refractory mask frozen from a discrete run). Such a trace ({@link #isSmooth()}) lists, at each
 * window step, every unit whose spike value is non-zero, with the value in {@link #spikeValues(int)};
 * its refractory mask is the frozen one. The {@link Simulator} never writes smooth traces (only test
 * code does) and every forward pass makes a trace ordinary again.
 */
public final class Trace {
  private final int batch;
  private final int steps;
  private final int nUnits;
  private final int nInputs;
  private final int history;
  private final int refractorySteps;
  private final int nAdaptive;
  private final int latentDim;
  private final double dtMs;
  private final boolean keepVoltages;

  final float[][] voltage;
  final float[][] adaptation;
  final int channels;
  final float[] jaw;
  final float[] initialJaw;
  final float[] initialVoltage;
  final int[] initialRefractory;
  final float[] initialAdaptation;
  final float[] latent;
  final float[] latentHidden;
  final float[] offset;

  /** Spike indices per trial (grown when needed). */
  final int[][] spikeIdx;
  /** Spike offsets, {@code [trial][H + T + 1]}. */
  final int[] spikeOff;
  final int[][] inputIdx;
  final int[] inputOff;

  /** Smooth traces only: the value of each spike event, parallel to {@link #spikeIdx}; else null. */
  float[][] spikeValue;
  /** Smooth traces only: frozen mask {@code [t][b·N + i]}, 1 where the unit may spike, 0 if refractory. */
  float[][] frozenGate;

  private RandomStreams streams;
  private long draw;
  private TrialInputs inputs;

  /**
   * @param config the model configuration (T, dt, delays, refractoriness, latent)
   * @param layout the layout
   * @param batch number of trials
   * @param keepVoltages whether to keep {@code u_t} (needed by the backward pass; {@code T·B·N}
   *     floats)
   */
  public Trace(RsnnConfig config, NetworkLayout layout, int batch, boolean keepVoltages) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, was " + batch);
    }
    this.batch = batch;
    this.steps = config.steps();
    this.nUnits = layout.nUnits();
    this.nInputs = layout.nInputs();
    this.refractorySteps = config.refractorySteps();
    this.history = Math.max(config.maxDelaySteps(), refractorySteps);
    this.nAdaptive = layout.nAdaptive();
    this.latentDim = config.latentOffset() ? config.latentDim() : 0;
    this.dtMs = config.dtMs();
    this.keepVoltages = keepVoltages;
    if ((long) batch * nUnits > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("batch x nUnits too large, was " + batch + " x " + nUnits);
    }
    this.voltage = keepVoltages ? new float[steps][batch * nUnits] : null;
    this.adaptation = new float[steps][batch * nAdaptive];
    this.channels = config.behaviourChannels();
    this.jaw = new float[steps * batch * channels];
    this.initialJaw = new float[batch * channels];
    this.initialVoltage = new float[batch * nUnits];
    this.initialRefractory = new int[batch * nUnits];
    this.initialAdaptation = new float[batch * nAdaptive];
    this.latent = new float[batch * latentDim];
    this.latentHidden = new float[batch * latentDim];
    this.offset = new float[batch * nUnits];
    int cap = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(1024L, (long) (history + steps) * nUnits / 50));
    this.spikeIdx = new int[batch][cap];
    this.spikeOff = new int[batch * (history + steps + 1)];
    int icap = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(256L, (long) steps * nInputs / 50));
    this.inputIdx = new int[batch][icap];
    this.inputOff = new int[batch * (steps + 1)];
  }

  /** Clears the spike lists and records what the coming forward pass draws from. */
  void reset(RandomStreams streams, long draw, TrialInputs inputs) {
    this.streams = streams;
    this.draw = draw;
    this.inputs = inputs;
    Arrays.fill(spikeOff, 0);
    Arrays.fill(inputOff, 0);
    this.spikeValue = null;
    this.frozenGate = null;
  }

  /**
   * Makes this trace smooth (test code): clears the spike lists (the input spikes stay), gives every
   * trial a spike-value array and allocates the frozen gate. The caller then appends the spikes of
   * steps −H…T−1 in order with {@link #appendSpikes(int, int, int[], float[], int)} and fills {@link
   * #frozenGate}.
   */
  void beginSmooth() {
    Arrays.fill(spikeOff, 0);
    spikeValue = new float[batch][];
    for (int b = 0; b < batch; b++) {
      spikeValue[b] = new float[spikeIdx[b].length];
    }
    frozenGate = new float[steps][batch * nUnits];
  }

  /** Appends spikes with values (smooth traces; steps in increasing order). */
  void appendSpikes(int b, int t, int[] units, float[] values, int count) {
    int start = spikeStart(t, b);
    appendSpikes(b, t, units, count);
    if (spikeValue[b].length < spikeIdx[b].length) {
      spikeValue[b] = Arrays.copyOf(spikeValue[b], spikeIdx[b].length);
    }
    System.arraycopy(values, 0, spikeValue[b], start, count);
  }

  /** Appends the spikes of one step of trial b (steps must come in increasing order). */
  void appendSpikes(int b, int t, int[] units, int count) {
    int s = t + history;
    int base = b * (history + steps + 1);
    int pos = spikeOff[base + s];
    int[] dst = spikeIdx[b];
    if (pos + count > dst.length) {
      dst = Arrays.copyOf(dst, Math.max(dst.length * 2, pos + count));
      spikeIdx[b] = dst;
    }
    System.arraycopy(units, 0, dst, pos, count);
    spikeOff[base + s + 1] = pos + count;
  }

  /** Appends the input spikes of one window step of trial b. */
  void appendInputs(int b, int t, int[] inputsFired, int count) {
    int base = b * (steps + 1);
    int pos = inputOff[base + t];
    int[] dst = inputIdx[b];
    if (pos + count > dst.length) {
      dst = Arrays.copyOf(dst, Math.max(dst.length * 2, pos + count));
      inputIdx[b] = dst;
    }
    System.arraycopy(inputsFired, 0, dst, pos, count);
    inputOff[base + t + 1] = pos + count;
  }

  /** @return number of trials */
  public int batch() {
    return batch;
  }

  /** @return window steps T */
  public int steps() {
    return steps;
  }

  /** @return number of units N */
  public int nUnits() {
    return nUnits;
  }

  /** @return number of input units */
  public int nInputs() {
    return nInputs;
  }

  /** @return H, the number of pre-run steps whose spikes are kept (steps −H…−1) */
  public int history() {
    return history;
  }

  /** @return refractory period in steps */
  public int refractorySteps() {
    return refractorySteps;
  }

  /** @return number of adaptive units */
  public int nAdaptive() {
    return nAdaptive;
  }

  /** @return latent dimension, 0 when off */
  public int latentDim() {
    return latentDim;
  }

  /** @return whether voltages are kept */
  public boolean keepsVoltages() {
    return keepVoltages;
  }

  /** @return the random streams of the last forward pass */
  public RandomStreams streams() {
    return streams;
  }

  /** @return the batch counter of the last forward pass */
  public long draw() {
    return draw;
  }

  /** @return the trial inputs of the last forward pass */
  public TrialInputs inputs() {
    return inputs;
  }

  /**
   * @param t window step
   * @return pre-reset voltages {@code u_t}, element {@code b·N + i} (live; do not modify)
   * @throws IllegalStateException if voltages were not kept
   */
  public float[] voltage(int t) {
    if (voltage == null) {
      throw new IllegalStateException("voltages were not kept (Trace built with keepVoltages = false)");
    }
    return voltage[t];
  }

  /**
   * @param t window step
   * @return adaptation trace {@code b_t}, element {@code b·nAdaptive + k} (live; do not modify)
   */
  public float[] adaptation(int t) {
    return adaptation[t];
  }

  /** @return behaviour channels C of the readout */
  public int channels() {
    return channels;
  }

  /**
   * @param t window step
   * @param b trial
   * @param c channel
   * @return jaw output y_t of that channel
   */
  public float jaw(int t, int b, int c) {
    return jaw[(t * batch + b) * channels + c];
  }

  /**
   * @param b trial
   * @param c channel
   * @return jaw state of that channel after the pre-run, y_0
   */
  public float initialJaw(int b, int c) {
    return initialJaw[b * channels + c];
  }

  /**
   * @param b trial
   * @param i unit
   * @return voltage after the pre-run (post-reset), v_0
   */
  public float initialVoltage(int b, int i) {
    return initialVoltage[b * nUnits + i];
  }

  /**
   * @param b trial
   * @param i unit
   * @return refractory counter after the pre-run
   */
  public int initialRefractory(int b, int i) {
    return initialRefractory[b * nUnits + i];
  }

  /**
   * @param b trial
   * @param k adaptive unit index
   * @return adaptation trace after the pre-run (equal to the value at window step 0)
   */
  public float initialAdaptation(int b, int k) {
    return initialAdaptation[b * nAdaptive + k];
  }

  /**
   * @param b trial
   * @param l latent dimension
   * @return the trial's latent q
   */
  public float latent(int b, int l) {
    return latent[b * latentDim + l];
  }

  /**
   * @param b trial
   * @param l hidden unit of the offset network
   * @return its pre-activation {@code (W0 q + b0)_l}
   */
  public float latentHidden(int b, int l) {
    return latentHidden[b * latentDim + l];
  }

  /**
   * @param b trial
   * @param i unit
   * @return the trial offset o (0 when the latent offset is off)
   */
  public float offset(int b, int i) {
    return offset[b * nUnits + i];
  }

  /**
   * @param t step, {@code −H…T−1}
   * @param b trial
   * @return number of units that fired
   */
  public int spikeCount(int t, int b) {
    int base = b * (history + steps + 1) + t + history;
    return spikeOff[base + 1] - spikeOff[base];
  }

  /**
   * @param t step, {@code −H…T−1}
   * @param b trial
   * @return start of that step's indices in {@link #spikeIndices(int)}
   */
  public int spikeStart(int t, int b) {
    return spikeOff[b * (history + steps + 1) + t + history];
  }

  /**
   * @param b trial
   * @return the trial's spike indices, all steps concatenated (live; read with {@link #spikeStart}
   *     and {@link #spikeCount})
   */
  public int[] spikeIndices(int b) {
    return spikeIdx[b];
  }

  /**
   * The values of trial b's spike events, parallel to {@link #spikeIndices(int)}, or null when every
   * event is a spike of value 1 (every trace the {@link Simulator} writes).
   *
   * @param b trial
   * @return live values or null
   */
  public float[] spikeValues(int b) {
    return spikeValue == null ? null : spikeValue[b];
  }

  /** @return whether this is a smooth trace (real-valued spikes, frozen refractory mask) */
  public boolean isSmooth() {
    return spikeValue != null;
  }

  /**
   * The gate of one window step and trial: 1 where the unit could spike (a spike there carries
   * gradient), 0 where it was refractory or clamped by a perturbation (its spike was forced to 0).
   * From the spikes of the {@code refractorySteps} steps before t and the inputs' perturbation, or
   * the frozen mask of a smooth trace.
   *
   * @param t window step
   * @param b trial
   * @param out {@code [unit]}, overwritten with 0/1
   */
  public void gate(int t, int b, float[] out) {
    if (frozenGate != null) {
      System.arraycopy(frozenGate[t], b * nUnits, out, 0, nUnits);
      return;
    }
    Arrays.fill(out, 0, nUnits, 1f);
    int[] idx = spikeIdx[b];
    for (int s = t - refractorySteps; s < t; s++) {
      int st = spikeStart(s, b);
      int e = st + spikeCount(s, b);
      for (int k = st; k < e; k++) {
        out[idx[k]] = 0f;
      }
    }
    if (inputs != null) {
      inputs.perturbation().clampGate(b, t, out);
    }
  }

  /**
   * Whether unit i was clamped by the inputs' perturbation at window step t (its spike was forced to
   * 0, no gradient).
   *
   * @param t window step
   * @param b trial
   * @param i unit
   * @return true if clamped
   */
  public boolean isClamped(int t, int b, int i) {
    return inputs != null && inputs.perturbation().clamped(b, t, i);
  }

  /**
   * Dense spikes of one step.
   *
   * @param t step, {@code −H…T−1}
   * @param b trial
   * @param out {@code [unit]}, overwritten with 0/1 (with the spike values on a smooth trace)
   */
  public void spikes(int t, int b, float[] out) {
    Arrays.fill(out, 0, nUnits, 0f);
    int s = spikeStart(t, b);
    int e = s + spikeCount(t, b);
    int[] idx = spikeIdx[b];
    float[] val = spikeValue == null ? null : spikeValue[b];
    for (int k = s; k < e; k++) {
      out[idx[k]] = val == null ? 1f : val[k];
    }
  }

  /**
   * @param t window step
   * @param b trial
   * @return number of input units that fired
   */
  public int inputCount(int t, int b) {
    int base = b * (steps + 1) + t;
    return inputOff[base + 1] - inputOff[base];
  }

  /**
   * @param t window step
   * @param b trial
   * @return start of that step's indices in {@link #inputIndices(int)}
   */
  public int inputStart(int t, int b) {
    return inputOff[b * (steps + 1) + t];
  }

  /**
   * @param b trial
   * @return the trial's input spike indices, all window steps concatenated (live)
   */
  public int[] inputIndices(int b) {
    return inputIdx[b];
  }

  /**
   * Whether unit i was refractory at window step t (its spike was forced to 0, no gradient): it
   * fired in one of the {@code refractorySteps} steps before t.
   *
   * @param t window step
   * @param b trial
   * @param i unit
   * @return true if refractory (on a smooth trace: in the frozen mask)
   */
  public boolean isRefractory(int t, int b, int i) {
    if (frozenGate != null) {
      return frozenGate[t][b * nUnits + i] == 0f;
    }
    int[] idx = spikeIdx[b];
    for (int s = t - refractorySteps; s < t; s++) {
      int st = spikeStart(s, b);
      int e = st + spikeCount(s, b);
      for (int k = st; k < e; k++) {
        if (idx[k] == i) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Regenerates the membrane noise ξ_t of one window step and trial (the numbers the forward pass
   * used).
   *
   * @param t window step
   * @param b trial
   * @param filler a per-thread normal generator
   * @param out destination, N values from {@code off}
   * @param off first index written
   */
  public void noise(int t, int b, RandomStreams.NormalFiller filler, float[] out, int off) {
    filler.fill(streams.key(RandomStreams.Stream.NOISE, draw, b, t), out, off, nUnits);
  }

  /** @return total number of spikes in the window (pre-run excluded) */
  public long windowSpikes() {
    long total = 0;
    for (int b = 0; b < batch; b++) {
      int base = b * (history + steps + 1);
      total += spikeOff[base + history + steps] - spikeOff[base + history];
    }
    return total;
  }

  /** @return mean firing rate over units, trials and window steps, Hz */
  public double meanRateHz() {
    return windowSpikes() / ((double) batch * nUnits * steps * dtMs / 1000.0);
  }
}
