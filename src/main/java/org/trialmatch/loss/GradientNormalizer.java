package org.trialmatch.loss;

/**
 * Balances the gradients of several loss terms that act on the same model output (reference section
 * 3.8, by its intent rather than its letter):
 *
 * <ol>
 *   <li>each term's gradient g_k (spikes and jaw together) is divided by its running RMS:
 *       {@code q_k = |g_k|^2 / T}, {@code m_k <- beta m_k + (1 - beta) q_k} from {@code m_k = 0},
 *       {@code v_k = m_k / (1 - beta^t_k)}, {@code g_k <- g_k / max(sqrt(v_k), 1e-16)}; the bias correction
 *       makes the first step exactly unit RMS (the reference started m_k at q_k and still corrected,
 *       over-scaling early steps). A zero gradient passes unchanged and leaves m_k and t_k alone;
 *   <li>conflicts are removed: for every k, for every j in order (itself included), if
 *       {@code <g_k, g_j> < 0} then {@code g_k <- g_k - <g_k, g_j> g_j / |g_j|^2} (g_j the normalised, not yet
 *       projected gradient). Inner products are over the whole gradient, not per time step as in the
 *       reference;
 *   <li>the results are summed with the weights passed to {@link #combine}, so a weight sets a term's
 *       share of the step ({@link TotalLoss} passes {@link LossWeights#normalisedPsth()} and {@link
 *       LossWeights#normalisedTrial()}, whose ratio is the configured {@code trialToPsthRatio}; in the
 *       reference the weights cancelled for the spike path, ratio 1).
 * </ol>
 *
 * Works on {@link SpikeGradient}s exactly (all operations are linear combinations and inner
 * products). Holds the running state, which a checkpoint must save ({@link #moment}, {@link #steps},
 * {@link #restore}).
 */
public final class GradientNormalizer {
  /** The reference's decay of the running second moment. */
  public static final double REFERENCE_BETA = 0.999;
  private static final double MIN_RMS = 1e-16;

  private final int terms;
  private final double beta;
  private final double[] moment;
  private final long[] steps;
  private final double[] scale;
  private final double[] gram;
  private final double[] coefficients;
  private final double[] combined;

  /**
   * @param terms number of loss terms (>= 1)
   * @param beta decay of the running second moment, in [0, 1)
   */
  public GradientNormalizer(int terms, double beta) {
    if (terms < 1) {
      throw new IllegalArgumentException("terms must be >= 1, was " + terms);
    }
    if (!(beta >= 0 && beta < 1)) {
      throw new IllegalArgumentException("beta must be in [0, 1), was " + beta);
    }
    this.terms = terms;
    this.beta = beta;
    this.moment = new double[terms];
    this.steps = new long[terms];
    this.scale = new double[terms];
    this.gram = new double[terms * terms];
    this.coefficients = new double[terms];
    this.combined = new double[terms];
  }

  /** @return number of terms */
  public int terms() {
    return terms;
  }

  /**
   * @param term term index
   * @return its running second moment m (before bias correction)
   */
  public double moment(int term) {
    return moment[term];
  }

  /**
   * @param term term index
   * @return how many non-zero gradients it has seen
   */
  public long steps(int term) {
    return steps[term];
  }

  /**
   * Restores a term's state from a checkpoint.
   *
   * @param term term index
   * @param moment running second moment (>= 0)
   * @param steps non-zero gradients seen (>= 0)
   */
  public void restore(int term, double moment, long steps) {
    if (!(moment >= 0) || Double.isInfinite(moment)) {
      throw new IllegalArgumentException("moment must be finite and >= 0, was " + moment);
    }
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be >= 0, was " + steps);
    }
    this.moment[term] = moment;
    this.steps[term] = steps;
  }

  /**
   * Normalises, de-conflicts and sums the terms' gradients, updating the running moments.
   *
   * @param gradients one gradient per term (same shape and grouping); not modified
   * @param weights one weight per term (>= 0)
   * @param out receives the combined gradient (overwritten); must not be one of {@code gradients}
   */
  public void combine(SpikeGradient[] gradients, double[] weights, SpikeGradient out) {
    if (gradients.length != terms || weights.length != terms) {
      throw new IllegalArgumentException(
          "expected " + terms + " gradients and weights, got " + gradients.length + " and " + weights.length);
    }
    for (int i = 0; i < terms; i++) {
      for (int j = i; j < terms; j++) {
        double d = gradients[i].dot(gradients[j]);
        gram[i * terms + j] = d;
        gram[j * terms + i] = d;
      }
    }
    for (int k = 0; k < terms; k++) {
      double q = gram[k * terms + k] / gradients[k].steps();
      if (q == 0.0) {
        scale[k] = 0.0;
        continue;
      }
      moment[k] = beta * moment[k] + (1 - beta) * q;
      steps[k]++;
      double v = moment[k] / (1 - Math.pow(beta, steps[k]));
      scale[k] = 1.0 / Math.max(Math.sqrt(v), MIN_RMS);
    }
    // the Gram matrix of the normalised gradients
    for (int i = 0; i < terms; i++) {
      for (int j = 0; j < terms; j++) {
        gram[i * terms + j] *= scale[i] * scale[j];
      }
    }
    java.util.Arrays.fill(combined, 0.0);
    for (int k = 0; k < terms; k++) {
      if (scale[k] == 0.0 || weights[k] == 0.0) {
        continue;
      }
      java.util.Arrays.fill(coefficients, 0.0);
      coefficients[k] = 1.0;
      for (int j = 0; j < terms; j++) {
        double njj = gram[j * terms + j];
        if (njj <= 0) {
          continue;
        }
        double d = 0;
        for (int i = 0; i < terms; i++) {
          d += coefficients[i] * gram[i * terms + j];
        }
        if (d < 0) {
          coefficients[j] -= d / njj;
        }
      }
      for (int i = 0; i < terms; i++) {
        combined[i] += weights[k] * coefficients[i];
      }
    }
    out.clear();
    for (int i = 0; i < terms; i++) {
      if (combined[i] != 0.0) {
        out.addScaled(combined[i] * scale[i], gradients[i]);
      }
    }
  }
}
