package org.trialmatch.analysis;

/**
 * A binomial proportion with its 95 % Wilson score interval.
 *
 * @param count successes
 * @param n trials
 * @param p {@code count / n} (NaN when n = 0)
 * @param lo lower end of the interval
 * @param hi upper end of the interval
 */
public record Proportion(int count, int n, double p, double lo, double hi) {
  /** Validates the counts. */
  public Proportion {
    if (n < 0 || count < 0 || count > n) {
      throw new IllegalArgumentException("need 0 <= count <= n, were count " + count + ", n " + n);
    }
  }
}
