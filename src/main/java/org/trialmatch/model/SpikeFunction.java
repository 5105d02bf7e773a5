package org.trialmatch.model;

/** How a unit turns its normalised distance to threshold {@code h} into a spike. */
public enum SpikeFunction {
  /**
   * Stochastic: spike with probability {@code sigmoid(temperature * h) * dtMs / 2}; pseudo-derivative
   * {@code dampening * (dtMs / 2) * temperature * sigmoid'(temperature * h)}.
   */
  BERNOULLI,
  /** Heaviside: spike when {@code h > 0}; pseudo-derivative {@code dampening * max(0, 1 - |h|)}. */
  DETERMINISTIC
}
