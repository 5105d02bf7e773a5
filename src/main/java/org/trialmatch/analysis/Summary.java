package org.trialmatch.analysis;

/**
 * Mean of a set of values with its standard error (sample standard deviation / sqrt(n)).
 *
 * @param mean mean of the values used (NaN when none)
 * @param sem standard error of the mean (NaN when fewer than 2)
 * @param n values used
 * @param excluded values left out (undefined, e.g. a correlation of a constant vector)
 */
public record Summary(double mean, double sem, int n, int excluded) {
  /** Validates the counts. */
  public Summary {
    if (n < 0 || excluded < 0) {
      throw new IllegalArgumentException("n and excluded must be >= 0, were " + n + ", " + excluded);
    }
  }
}
