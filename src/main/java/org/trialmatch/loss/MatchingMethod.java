package org.trialmatch.loss;

/** How the trial-matching loss compares the model's trials with the data's (reference section 3.4). */
public enum MatchingMethod {
  /** Exact optimal assignment on the mean-squared cost; loss = MSE of matched pairs. */
  HARD,
  /** Debiased Sinkhorn divergence, annealed mode (the training loss of the reference), divided by sqrt(D). */
  SINKHORN_ANNEALED,
  /** Debiased Sinkhorn divergence, converged mode (for reported numbers), divided by sqrt(D). */
  SINKHORN_CONVERGED
}
