package org.trialmatch.loss;

/**
 * Settings of the Sinkhorn divergence.
 *
 * @param epsilon target entropic regularisation (the reference's blur; eps = blur for p = 1), > 0
 * @param scaling eps-annealing factor per update, in (0, 1)
 * @param tolerance marginal L1 error at which the converged mode stops, > 0
 * @param maxIterations iteration cap of the converged mode, >= 1
 */
public record SinkhornOptions(double epsilon, double scaling, double tolerance, int maxIterations) {
  /** Validates the fields. */
  public SinkhornOptions {
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("epsilon must be finite and > 0, was " + epsilon);
    }
    if (!(scaling > 0 && scaling < 1)) {
      throw new IllegalArgumentException("scaling must be in (0, 1), was " + scaling);
    }
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("tolerance must be > 0, was " + tolerance);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, was " + maxIterations);
    }
  }

  /** @return the reference settings: eps 0.01, scaling 0.5, tolerance 1e-9, 100000 iterations */
  public static SinkhornOptions reference() {
    return new SinkhornOptions(
        SinkhornDivergence.REFERENCE_BLUR,
        SinkhornDivergence.REFERENCE_SCALING,
        SinkhornDivergence.DEFAULT_TOLERANCE,
        SinkhornDivergence.DEFAULT_MAX_ITERATIONS);
  }
}
