package org.trialmatch.loss;

/**
 * The outcome of a converged Sinkhorn computation ({@link SinkhornDivergence#converged}).
 *
 * @param divergence debiased divergence {@code OT(X,Y) - (OT(X,X) + OT(Y,Y))/2}
 * @param otXY entropic transport cost {@code OT_eps(X,Y) = <P,C> + eps KL(P | a x b)} at the optimum
 * @param otXX {@code OT_eps(X,X)}
 * @param otYY {@code OT_eps(Y,Y)}
 * @param epsilon the entropic regularisation eps
 * @param iterations the most Sinkhorn sweeps any of the three problems needed after the warm start
 * @param newtonSteps Newton steps taken in total (0 unless Sinkhorn was slow, at small eps)
 * @param marginalError the largest final L1 error of a marginal over the three problems
 * @param converged whether every marginal error is below the tolerance
 */
public record SinkhornResult(
    double divergence,
    double otXY,
    double otXX,
    double otYY,
    double epsilon,
    int iterations,
    int newtonSteps,
    double marginalError,
    boolean converged) {
  /** Validates the fields. */
  public SinkhornResult {
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon must be > 0, was " + epsilon);
    }
    if (iterations < 0) {
      throw new IllegalArgumentException("iterations must be >= 0, was " + iterations);
    }
    if (newtonSteps < 0) {
      throw new IllegalArgumentException("newtonSteps must be >= 0, was " + newtonSteps);
    }
  }
}
