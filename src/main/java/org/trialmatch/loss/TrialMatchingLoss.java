package org.trialmatch.loss;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The trial-matching loss of the method (reference section 3.4): for every session with trial
 * features and at least one data trial in the condition set, the distance between the data's and the
 * model's T_trial clouds, averaged over those sessions:
 *
 * <ul>
 *   <li>{@link MatchingMethod#HARD}: {@link HardMatching} (MSE of matched pairs, no sqrt(D) scaling);
 *   <li>{@link MatchingMethod#SINKHORN_ANNEALED}: {@link SinkhornDivergence#annealed} / sqrt(D);
 *   <li>{@link MatchingMethod#SINKHORN_CONVERGED}: {@link SinkhornDivergence#converged} / sqrt(D).
 * </ul>
 *
 * The gradient reaches the spikes (per-group part of {@link SpikeGradient}) and the jaw through
 * {@link TrialFeatures#backward}. Not thread-safe.
 */
public final class TrialMatchingLoss {
  private final TrialFeatures features;
  private final MatchingMethod method;
  private final SinkhornOptions sinkhorn;
  private final HardMatching hard = new HardMatching();
  private final SinkhornDivergence soft = new SinkhornDivergence();
  private final double[] sessionValues;
  private boolean lastConverged = true;

  private TrialMatchingLoss(TrialFeatures features, MatchingMethod method, SinkhornOptions sinkhorn) {
    this.features = features;
    this.method = method;
    this.sinkhorn = sinkhorn;
    this.sessionValues = new double[features.sessions()];
  }

  /**
   * @param features the trial features (data side precomputed)
   * @param method hard or Sinkhorn (annealed for training, converged for reported numbers)
   * @param sinkhorn Sinkhorn settings (ignored by the hard method)
   * @return the loss
   */
  public static TrialMatchingLoss create(
      TrialFeatures features, MatchingMethod method, SinkhornOptions sinkhorn) {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(sinkhorn, "sinkhorn");
    return new TrialMatchingLoss(features, method, sinkhorn);
  }

  /** @return the trial features this loss compares */
  public TrialFeatures features() {
    return features;
  }

  /** @return the matching method */
  public MatchingMethod method() {
    return method;
  }

  /**
   * The loss and, if {@code gradient} is not null, its gradient.
   *
   * @param condition index of the condition set the model trials were simulated for
   * @param model model trials (with the jaw when the features use behaviour)
   * @param random draws the subsets of hard matching when trial counts differ (may be null otherwise)
   * @param gradient receives dL/dz (per-group part) and dL/djaw, overwritten; its groups must be
   *     {@code features().groups()}; or {@code null}
   * @return the mean over the sessions used (0 when none is)
   */
  public double evaluate(int condition, ModelTrials model, RandomGenerator random, SpikeGradient gradient) {
    features.computeModel(condition, model);
    int b = model.trials();
    int used = 0;
    for (int e = 0; e < features.sessions(); e++) {
      if (features.dataTrials(condition, e) > 0) {
        used++;
      }
    }
    Arrays.fill(sessionValues, Double.NaN);
    lastConverged = true;
    double total = 0;
    for (int e = 0; e < features.sessions(); e++) {
      int nx = features.dataTrials(condition, e);
      if (nx == 0) {
        continue;
      }
      int dim = features.dimension(e);
      double[] x = features.dataFeaturesLive(condition, e);
      double[] y = features.modelFeaturesLive(e);
      double[] dy = gradient == null ? null : features.featureGradientLive(e);
      double v;
      double scale;
      switch (method) {
        case HARD -> {
          v = hard.evaluate(x, nx, y, b, dim, random, dy, null);
          scale = 1.0;
        }
        case SINKHORN_ANNEALED -> {
          scale = 1.0 / Math.sqrt(dim);
          v = soft.annealed(x, nx, y, b, dim, sinkhorn.epsilon(), sinkhorn.scaling(), dy) * scale;
        }
        case SINKHORN_CONVERGED -> {
          scale = 1.0 / Math.sqrt(dim);
          SinkhornResult r = soft.converged(
              x, nx, y, b, dim, sinkhorn.epsilon(), sinkhorn.tolerance(), sinkhorn.maxIterations(), dy);
          lastConverged &= r.converged();
          v = r.divergence() * scale;
        }
        default -> throw new IllegalStateException("unknown method " + method);
      }
      sessionValues[e] = v;
      total += v;
      if (dy != null) {
        double s = scale / used;
        for (int i = 0; i < b * dim; i++) {
          dy[i] *= s;
        }
      }
    }
    if (gradient != null) {
      features.backward(condition, b, gradient);
    }
    return used == 0 ? 0.0 : total / used;
  }

  /**
   * @param index index among the sessions with features
   * @return that session's term in the last evaluation (already divided by sqrt(D) for Sinkhorn),
   *     NaN if it was skipped
   */
  public double sessionValue(int index) {
    return sessionValues[index];
  }

  /** @return whether every converged-mode Sinkhorn of the last evaluation met its tolerance (true for other methods) */
  public boolean lastConverged() {
    return lastConverged;
  }
}
