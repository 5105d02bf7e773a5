package org.trialmatch.evaluate;

import java.util.List;
import java.util.Map;

/**
 * The Figure 2 comparison over seeds, as written to {@code experiment.json}.
 *
 * @param experiment its name
 * @param spec the comparison of the first seed (the others differ only in the seed)
 * @param seeds one comparison per seed, in order
 * @param acrossSeeds per variant, per score: mean and sample standard deviation across seeds
 * @param dataResponseFraction the test data's response fraction (window rule), mean across seeds
 * @param seconds total time, s
 */
public record ExperimentResult(String experiment, ComparisonSpec spec, List<ComparisonResult> seeds,
    Map<String, Map<String, Spread>> acrossSeeds, double dataResponseFraction, double seconds) {

  /** Copies the collections. */
  public ExperimentResult {
    seeds = List.copyOf(seeds);
    acrossSeeds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(acrossSeeds));
  }

  /**
   * @param mean mean across seeds
   * @param sd sample standard deviation across seeds (NaN for one seed)
   */
  public record Spread(double mean, double sd) {
    /**
     * @param x one value per seed
     * @return their spread
     */
    public static Spread of(double[] x) {
      double mu = 0;
      for (double v : x) {
        mu += v / x.length;
      }
      double ss = 0;
      for (double v : x) {
        ss += (v - mu) * (v - mu);
      }
      return new Spread(mu, x.length < 2 ? Double.NaN : Math.sqrt(ss / (x.length - 1)));
    }
  }
}
