package org.trialmatch.model;

/**
 * The RSNN forward pass written plainly in double precision with dense matrix-vector products, for
 * tests only: the reference the event-driven {@link Simulator} is compared with, and (later) the
 * function gradient checks take finite differences of. It reads the same frozen random draws
 * (input uniforms, membrane noise, spike uniforms, latents) from {@link RandomStreams}; everything
 * else is computed here independently from the equations of bptt.md / method reference §2.7.
 */
final class DenseReferenceForward {
  /** Spikes {@code z[trial][H + t][unit]} for steps {@code −H…T−1}. */
  final double[][][] spikes;
  /** Pre-reset voltages {@code u[trial][t][unit]}. */
  final double[][][] voltage;
  /** Input spikes {@code e[trial][t][input]}. */
  final double[][][] inputs;
  /** Jaw {@code y[trial][t][channel]}. */
  final double[][][] jaw;
  /** Offsets {@code o[trial][unit]}. */
  final double[][] offset;
  /** Voltage after the pre-run {@code v0[trial][unit]}. */
  final double[][] initialVoltage;
  final int history;

  DenseReferenceForward(RsnnConfig c, NetworkLayout layout, Parameters p, TrialInputs in, RandomStreams rng,
      long draw) {
    int n = layout.nUnits();
    int nIn = layout.nInputs();
    int groups = c.delayGroups();
    int pre = c.preSteps();
    int steps = c.steps();
    int nRef = c.refractorySteps();
    history = Math.max(c.maxDelaySteps(), nRef);
    int batch = in.batch();
    double dt = c.dtMs();
    // signed dense matrices S[g][post][pre]
    double[][][] s = new double[groups][n][n];
    for (int g = 0; g < groups; g++) {
      float[] w = p.recurrent(g);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double m = layout.allowed(i, j) ? 1.0 : 0.0;
          s[g][i][j] = (layout.isExcitatory(j) ? 1.0 : -1.0) * m * w[j * n + i];
        }
      }
    }
    double[][] sIn = new double[n][nIn];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < nIn; k++) {
        sIn[i][k] = (k < layout.nExcInputs() ? 1.0 : -1.0) * p.input()[k * n + i];
      }
    }
    double[] alpha = new double[n];
    double[] sigma = new double[n];
    double thr0 = c.threshold();
    double rest0 = c.restPotential();
    for (int i = 0; i < n; i++) {
      alpha[i] = Math.exp(-dt / (layout.isExcitatory(i) ? c.tauMemExcMs() : c.tauMemInhMs()));
      sigma[i] = c.noiseLevel() * (thr0 - p.rest()[i]) * Math.sqrt(dt);
    }
    double kappaB = Math.exp(-dt / c.tauAdaptMs());
    double kappaJ = Math.exp(-dt / c.tauJawMs());
    double p0 = c.inputRateHz() * dt / 1000.0;
    int nStim = c.stimInputsPerOnset();
    int dth = c.thalamicDelaySteps();
    int kBlocks = c.stimBlocks();
    int nA = layout.nAdaptive();
    int l = p.latentDim();

    spikes = new double[batch][history + steps][n];
    voltage = new double[batch][steps][n];
    inputs = new double[batch][steps][nIn];
    int nC = c.behaviourChannels();
    jaw = new double[batch][steps][nC];
    offset = new double[batch][n];
    initialVoltage = new double[batch][n];
    RandomStreams.NormalFiller filler = new RandomStreams.NormalFiller();
    float[] xiF = new float[n];

    for (int b = 0; b < batch; b++) {
      double[] o = offset[b];
      if (l > 0) {
        long key = rng.key(RandomStreams.Stream.LATENT, draw, b, 0);
        double[] hid = new double[l];
        for (int q = 0; q < l; q++) {
          double acc = p.latentB0()[q];
          for (int k = 0; k < l; k++) {
            acc += p.latentW0()[q * l + k] * (double) (RandomStreams.uniform(key, k) - 0.5f);
          }
          hid[q] = Math.max(0.0, acc);
        }
        for (int i = 0; i < n; i++) {
          double acc = 0;
          for (int q = 0; q < l; q++) {
            acc += p.latentW1()[i * l + q] * hid[q];
          }
          o[i] = acc;
        }
      }
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = p.rest()[i];
      }
      int[] r = new int[n];
      double[] bAd = new double[nA];
      double[] y = new double[nC];
      double[][] z = new double[pre + steps][n];
      for (int gs = 0; gs < pre + steps; gs++) {
        int t = gs - pre;
        boolean main = t >= 0;
        if (gs == pre) {
          initialVoltage[b] = v.clone();
        }
        // input spikes
        double[] e = new double[nIn];
        long ikey = rng.key(RandomStreams.Stream.INPUT, draw, b, t);
        for (int k = 0; k < nIn; k++) {
          double pk = p0;
          if (main && in.nOnsets() > 0 && k < nStim * (in.nOnsets() - 1 + kBlocks)) {
            int block = k / nStim;
            int on = Math.max(0, block - kBlocks + 1);
            int start = in.onsetStep(b, on) + dth;
            if (t >= start && t < start + c.stimDurationSteps(on)) {
              double g;
              if (on > 0) {
                g = Math.log(2.0);
              } else if (kBlocks == 1) {
                g = Math.log(1.0 + in.stimulus(b));
              } else {
                g = Math.round(in.stimulus(b)) == block + 1 ? Math.log(2.0) : 0.0;
              }
              pk = Math.min(1.0, p0 * (1.0 + c.stimValence() * g));
            }
          }
          e[k] = RandomStreams.uniform(ikey, k) < pk ? 1.0 : 0.0;
        }
        if (main) {
          inputs[b][t] = e;
        }
        filler.fill(rng.key(RandomStreams.Stream.NOISE, draw, b, t), xiF, 0, n);
        long skey = rng.key(RandomStreams.Stream.SPIKE, draw, b, t);
        double[] m = new double[nC];
        for (int i = 0; i < n; i++) {
          double cur = 0;
          for (int g = 0; g < groups; g++) {
            int src = gs - c.delaySteps(g);
            if (src >= 0) {
              for (int j = 0; j < n; j++) {
                cur += s[g][i][j] * z[src][j];
              }
            }
          }
          for (int k = 0; k < nIn; k++) {
            cur += sIn[i][k] * e[k];
          }
          cur *= 0.5;
          if (main) {
            cur += in.perturbation().current(b, t, i);
          }
          int ak = layout.adaptiveSlot(i);
          double a = thr0 + (ak >= 0 ? p.adaptation()[ak] * bAd[ak] : 0.0);
          if (a <= p.rest()[i]) {
            a += 0.001;
          }
          double u = alpha[i] * v[i] + (1 - alpha[i]) * (cur + o[i] + p.rest()[i]) + sigma[i] * xiF[i];
          double h = (u - a) / (a - rest0);
          double zi = 0;
          if (r[i] > 0) {
            r[i]--;
          } else if (main && in.perturbation().clamped(b, t, i)) {
            zi = 0;
          } else {
            boolean fire;
            if (c.spikeFunction() == SpikeFunction.BERNOULLI) {
              double prob = dt / 2.0 / (1.0 + Math.exp(-c.temperature() * h));
              fire = RandomStreams.uniform(skey, i) < prob;
            } else {
              fire = h > 0;
            }
            if (fire) {
              zi = 1;
              r[i] = nRef;
            }
          }
          z[gs][i] = zi;
          v[i] = u - (a - p.rest()[i]) * zi;
          if (main) {
            voltage[b][t][i] = u;
          }
          int ms = layout.motorSlot(i);
          if (ms >= 0) {
            for (int ch = 0; ch < nC; ch++) {
              m[ch] += p.jawWeights()[ms * nC + ch] * zi;
            }
          }
        }
        for (int k = 0; k < nA; k++) {
          bAd[k] = kappaB * bAd[k] + (1 - kappaB) * z[gs][layout.adaptiveUnit(k)];
        }
        if (layout.nMotor() > 0) {
          for (int ch = 0; ch < nC; ch++) {
            double cJaw = p.jawBias()[ch];
            y[ch] = Math.exp(kappaJ * Math.log(y[ch] + cJaw) + (1 - kappaJ) * 0.5 * m[ch]) - cJaw;
            if (main) {
              jaw[b][t][ch] = y[ch];
            }
          }
        }
        if (t >= -history) {
          spikes[b][t + history] = z[gs].clone();
        }
      }
      if (steps == 0) {
        initialVoltage[b] = v.clone();
      }
    }
  }
}
