package org.trialmatch.model;

/**
 * The smooth forward pass that gradient checks differentiate (tests only): the window of a trial
 * written plainly in double precision with dense products, like {@link DenseReferenceForward}, but
 *
 * <ul>
 *   <li>the spike is the pseudo-derivative's antiderivative, a smooth function of h: Bernoulli
 *       {@code γ (dt/2) σ(τ h)}, deterministic {@code γ F(h)} (F' = max(0, 1 − |h|));
 *   <li>the refractory mask is frozen from a discrete forward pass (a refractory or clamped unit's
 *       spike is 0); a perturbation's currents are those of the discrete pass's inputs;
 *   <li>the draws are frozen: the discrete pass's input spikes, membrane noise and latents;
 *   <li>the initial state is fixed: the discrete pass's state after the pre-run (voltage, adaptation,
 *       jaw, the spikes of the last H pre-run steps).
 * </ul>
 *
 * So the result is a smooth function of the parameters whose exact gradient is what the backward
 * pass computes from a trace of this same pass ({@link #fill}). The functional differentiated is
 * {@code L = Σ gz·z + Σ gy·y} over window steps, trials and units, with fixed weights gz, gy.
 */
public final class SmoothReference {
  private final RsnnConfig c;
  private final NetworkLayout layout;
  private final int batch;
  private final int steps;
  private final int n;
  private final int nIn;
  private final int history;
  private final double[][] v0;
  private final double[][] adapt0;
  private final double[][] y0;
  private final int nC;
  private final double[][][] hist;
  private final double[][][] inputs;
  private final double[][] latent;
  private final double[][][] noise;
  private final double[][][] gate;
  private final double[][][] extra;

  private SmoothReference(RsnnConfig c, NetworkLayout layout, Trace tr) {
    this.c = c;
    this.layout = layout;
    this.batch = tr.batch();
    this.steps = tr.steps();
    this.n = tr.nUnits();
    this.nIn = tr.nInputs();
    this.history = tr.history();
    int nA = tr.nAdaptive();
    int l = tr.latentDim();
    v0 = new double[batch][n];
    adapt0 = new double[batch][nA];
    nC = c.behaviourChannels();
    y0 = new double[batch][nC];
    hist = new double[batch][history][n];
    inputs = new double[batch][steps][nIn];
    latent = new double[batch][l];
    noise = new double[batch][steps][n];
    gate = new double[batch][steps][n];
    extra = new double[batch][steps][n];
    float[] buf = new float[n];
    RandomStreams.NormalFiller filler = new RandomStreams.NormalFiller();
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < n; i++) {
        v0[b][i] = tr.initialVoltage(b, i);
      }
      for (int k = 0; k < nA; k++) {
        adapt0[b][k] = tr.initialAdaptation(b, k);
      }
      for (int ch = 0; ch < nC; ch++) {
        y0[b][ch] = tr.initialJaw(b, ch);
      }
      for (int s = -history; s < 0; s++) {
        tr.spikes(s, b, buf);
        for (int i = 0; i < n; i++) {
          hist[b][s + history][i] = buf[i];
        }
      }
      for (int t = 0; t < steps; t++) {
        for (int k = tr.inputStart(t, b); k < tr.inputStart(t, b) + tr.inputCount(t, b); k++) {
          inputs[b][t][tr.inputIndices(b)[k]] = 1.0;
        }
        tr.noise(t, b, filler, buf, 0);
        for (int i = 0; i < n; i++) {
          noise[b][t][i] = buf[i];
          gate[b][t][i] = tr.isRefractory(t, b, i) || tr.isClamped(t, b, i) ? 0.0 : 1.0;
          extra[b][t][i] = tr.inputs().perturbation().current(b, t, i);
        }
      }
      for (int q = 0; q < l; q++) {
        latent[b][q] = tr.latent(b, q);
      }
    }
  }

  /**
   * Freezes what a discrete forward pass drew and where its units were refractory.
   *
   * @param c configuration
   * @param layout layout
   * @param discrete an ordinary trace from {@link Simulator#forward}, voltages kept
   * @return the smooth reference
   */
  public static SmoothReference capture(RsnnConfig c, NetworkLayout layout, Trace discrete) {
    if (discrete.isSmooth()) {
      throw new IllegalArgumentException("capture needs an ordinary (discrete) trace");
    }
    return new SmoothReference(c, layout, discrete);
  }

  /** @return number of units frozen refractory over all window steps and trials */
  public int refractoryCount() {
    int k = 0;
    for (double[][] gb : gate) {
      for (double[] gt : gb) {
        for (double x : gt) {
          k += x == 0 ? 1 : 0;
        }
      }
    }
    return k;
  }

  /**
   * @param p parameters (double)
   * @param gz weights of the spikes, {@code [t][trial][unit]}
   * @param gy weights of the jaw, {@code [t][trial][channel]}
   * @return {@code Σ gz·z + Σ gy·y} of the smooth pass
   */
  public double loss(DoubleParams p, double[] gz, double[] gy) {
    return run(p, gz, gy, null);
  }

  /**
   * Runs the smooth pass and writes it into {@code out} as a smooth trace (voltages, real-valued
   * spikes, adaptation, jaw, offsets, frozen refractory mask); the input spikes, the pre-run's state
   * and the random keys stay those of the captured trace.
   *
   * @param p parameters (double)
   * @param out the captured trace (or one of the same forward pass)
   */
  public void fill(DoubleParams p, Trace out) {
    run(p, null, null, out);
  }

  private double run(DoubleParams p, double[] gz, double[] gy, Trace out) {
    int groups = c.delayGroups();
    int nA = layout.nAdaptive();
    int nM = layout.nMotor();
    int l = p.latentB0.length;
    double dt = c.dtMs();
    double thr0 = c.threshold();
    double rest0 = c.restPotential();
    double gam = c.surrogateDampening();
    double tau = c.temperature();
    boolean bern = c.spikeFunction() == SpikeFunction.BERNOULLI;
    double kB = Math.exp(-dt / c.tauAdaptMs());
    double kJ = Math.exp(-dt / c.tauJawMs());
    double[][][] s = new double[groups][n][n];
    for (int g = 0; g < groups; g++) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          s[g][i][j] = layout.allowed(i, j) ? layout.sign(j) * p.recurrent[g][j * n + i] : 0.0;
        }
      }
    }
    double[] alpha = new double[n];
    double[] sigma = new double[n];
    for (int i = 0; i < n; i++) {
      alpha[i] = Math.exp(-dt / (layout.isExcitatory(i) ? c.tauMemExcMs() : c.tauMemInhMs()));
      sigma[i] = c.noiseLevel() * (thr0 - p.rest[i]) * Math.sqrt(dt);
    }
    if (out != null) {
      out.beginSmooth();
    }
    double total = 0;
    int[] idx = new int[n];
    float[] val = new float[n];
    for (int b = 0; b < batch; b++) {
      double[] o = new double[n];
      if (l > 0) {
        double[] hid = new double[l];
        for (int q = 0; q < l; q++) {
          double acc = p.latentB0[q];
          for (int k = 0; k < l; k++) {
            acc += p.latentW0[q * l + k] * latent[b][k];
          }
          hid[q] = Math.max(0.0, acc);
          if (out != null) {
            out.latentHidden[b * l + q] = (float) acc;
          }
        }
        for (int i = 0; i < n; i++) {
          double acc = 0;
          for (int q = 0; q < l; q++) {
            acc += p.latentW1[i * l + q] * hid[q];
          }
          o[i] = acc;
        }
      }
      if (out != null) {
        for (int i = 0; i < n; i++) {
          out.offset[b * n + i] = (float) o[i];
        }
        for (int t = -history; t < 0; t++) {
          int cnt = 0;
          for (int i = 0; i < n; i++) {
            if (hist[b][t + history][i] != 0) {
              idx[cnt] = i;
              val[cnt++] = 1f;
            }
          }
          out.appendSpikes(b, t, idx, val, cnt);
        }
      }
      double[][] z = new double[history + steps][];
      for (int t = 0; t < history; t++) {
        z[t] = hist[b][t];
      }
      double[] v = v0[b].clone();
      double[] ad = adapt0[b].clone();
      double[] y = y0[b].clone();
      for (int t = 0; t < steps; t++) {
        double[] zt = new double[n];
        double[] e = inputs[b][t];
        double[] m = new double[nC];
        for (int i = 0; i < n; i++) {
          double cur = 0;
          for (int g = 0; g < groups; g++) {
            double[] src = z[history + t - c.delaySteps(g)];
            for (int j = 0; j < n; j++) {
              cur += s[g][i][j] * src[j];
            }
          }
          for (int k = 0; k < nIn; k++) {
            cur += layout.inputSign(k) * p.input[k * n + i] * e[k];
          }
          cur = 0.5 * cur + extra[b][t][i];
          int ak = layout.adaptiveSlot(i);
          double a = thr0 + (ak >= 0 ? p.adaptation[ak] * ad[ak] : 0.0);
          if (a <= p.rest[i]) {
            a += 0.001;
          }
          double u = alpha[i] * v[i] + (1 - alpha[i]) * (cur + o[i] + p.rest[i]) + sigma[i] * noise[b][t][i];
          double h = (u - a) / (a - rest0);
          double f = bern ? gam * 0.5 * dt / (1.0 + Math.exp(-tau * h)) : gam * ramp(h);
          zt[i] = gate[b][t][i] * f;
          v[i] = u - (a - p.rest[i]) * zt[i];
          int ms = layout.motorSlot(i);
          if (ms >= 0) {
            for (int ch = 0; ch < nC; ch++) {
              m[ch] += p.jawWeights[ms * nC + ch] * zt[i];
            }
          }
          if (out != null) {
            out.voltage[t][b * n + i] = (float) u;
          }
        }
        if (out != null) {
          for (int k = 0; k < nA; k++) {
            out.adaptation[t][b * nA + k] = (float) ad[k];
          }
        }
        for (int k = 0; k < nA; k++) {
          ad[k] = kB * ad[k] + (1 - kB) * zt[layout.adaptiveUnit(k)];
        }
        if (nM > 0) {
          for (int ch = 0; ch < nC; ch++) {
            double cj = p.jawBias[ch];
            y[ch] = Math.exp(kJ * Math.log(y[ch] + cj) + (1 - kJ) * 0.5 * m[ch]) - cj;
            if (out != null) {
              out.jaw[(t * batch + b) * nC + ch] = (float) y[ch];
            }
            if (gy != null) {
              total += gy[(t * batch + b) * nC + ch] * y[ch];
            }
          }
        }
        if (gz != null) {
          int off = (t * batch + b) * n;
          for (int i = 0; i < n; i++) {
            total += gz[off + i] * zt[i];
          }
        }
        z[history + t] = zt;
        if (out != null) {
          int cnt = 0;
          for (int i = 0; i < n; i++) {
            if (zt[i] != 0) {
              idx[cnt] = i;
              val[cnt++] = (float) zt[i];
            }
            out.frozenGate[t][b * n + i] = (float) gate[b][t][i];
          }
          out.appendSpikes(b, t, idx, val, cnt);
        }
      }
    }
    return total;
  }

  /** F with F' = max(0, 1 − |h|), F(−1) = 0. */
  private static double ramp(double h) {
    if (h <= -1) {
      return 0;
    }
    if (h <= 0) {
      return 0.5 * (h + 1) * (h + 1);
    }
    if (h < 1) {
      return 1 - 0.5 * (1 - h) * (1 - h);
    }
    return 1;
  }
}
