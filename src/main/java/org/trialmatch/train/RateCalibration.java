package org.trialmatch.train;

import org.trialmatch.loss.ModelTrials;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.model.Parameters;
import org.trialmatch.model.RsnnConfig;

/**
 * A data-informed start (docs/alm.md, diagnosis): before the first training step, each recorded
 * unit's rest potential ρ is moved so that its rate, simulated with the training trials' inputs,
 * approaches the unit's recorded rate on the training trials. A unit initialised far below threshold
 * receives almost no surrogate gradient (its pseudo-derivative is ~10⁻³ of a unit's near threshold), so
 * it would stay silent; this puts every recorded unit where the gradient reaches it.
 *
 * <p>Each iteration simulates one batch and takes, per recorded unit, the damped Newton step of the
 * low-rate regime of the Bernoulli spike function (rate ∝ exp(temperature · h), h = (u − A)/(A − ρ0)):
 * {@code Δρ = ½ (threshold − restPotential) · clamp(ln((r* + ε)/(r + ε)), ±3) / temperature}, with
 * r* the recorded and r the simulated spikes per step and ε = 0.1 Hz. Hidden units keep their rest.
 * Draws are keyed by their own range, so a fit is still a deterministic function of its seed.
 */
final class RateCalibration {
  /** Draws of the calibration batches: {@code CALIBRATION_DRAW + iteration}. */
  static final long CALIBRATION_DRAW = 3L << 40;
  private static final double FLOOR_HZ = 0.1;
  private static final double MAX_LOG_RATIO = 3.0;
  private static final double DAMPING = 0.5;

  private RateCalibration() {}

  /**
   * @param setup the fit's setup (data, layout, training split)
   * @param params the initial parameters; their rests are changed in place
   * @param sampler simulates with {@code params}
   * @param iterations number of batches (0: nothing happens)
   */
  static void run(FitSetup setup, Parameters params, ModelTrialSampler sampler, int iterations) {
    if (iterations == 0) {
      return;
    }
    RsnnConfig m = setup.model;
    NetworkLayout layout = setup.layout;
    int n = layout.nUnits();
    double[] target = targets(setup.trainSplit, n);
    double floor = FLOOR_HZ * m.dtMs() / 1000.0;
    double scale = DAMPING * (m.threshold() - m.restPotential()) / m.temperature();
    double[] rate = new double[n];
    for (int it = 0; it < iterations; it++) {
      ModelTrials mt = sampler.sample(setup.trainSplit, 0, CALIBRATION_DRAW + it);
      rates(mt, rate);
      float[] rest = params.rest();
      for (int i = 0; i < n; i++) {
        if (layout.isHidden(i) || Double.isNaN(target[i])) {
          continue;
        }
        double ratio = Math.log((target[i] + floor) / (rate[i] + floor));
        ratio = Math.max(-MAX_LOG_RATIO, Math.min(MAX_LOG_RATIO, ratio));
        rest[i] = (float) (rest[i] + scale * ratio);
      }
    }
  }

  /** Recorded spikes per step of each model unit over the split's trials (NaN padding skipped; NaN for hidden). */
  static double[] targets(Split sp, int n) {
    float[] x = sp.trials.spikes();
    int rows = x.length / n;
    double[] sum = new double[n];
    long[] cnt = new long[n];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < n; i++) {
        float v = x[r * n + i];
        if (!Float.isNaN(v)) {
          sum[i] += v;
          cnt[i]++;
        }
      }
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = cnt[i] > 0 ? sum[i] / cnt[i] : Double.NaN;
    }
    return out;
  }

  /** Spikes per step of each unit in a batch. */
  static void rates(ModelTrials mt, double[] out) {
    int n = mt.units();
    java.util.Arrays.fill(out, 0.0);
    float[] z = mt.spikes();
    int rows = z.length / n;
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < n; i++) {
        out[i] += z[r * n + i];
      }
    }
    for (int i = 0; i < n; i++) {
      out[i] /= rows;
    }
  }
}
