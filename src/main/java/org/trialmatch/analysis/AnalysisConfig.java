package org.trialmatch.analysis;

/**
 * Settings of the analysis (docs/analysis.md).
 *
 * @param f1WidthMs width of the first box filter F1, ms (12 in the reference; kernel
 *     {@code round(f1WidthMs / dtMs)} bins, stride half the kernel)
 * @param resample the resampling factor r of the second box filter F2 (kernel 2r, stride r)
 * @param minUnitsPerArea an area of a session enters the trial features (t_trial, embedding) only
 *     with at least this many recorded units (10 in the reference)
 * @param kMin smallest number of clusters tried (at least 2)
 * @param kMax largest number of clusters tried
 * @param kMeansRestarts k-means++ restarts per k; the lowest weighted inertia wins
 * @param clusterPcs number of principal components the clustering runs on (fewer when the
 *     features have fewer non-zero components)
 * @param silhouetteMaxPoints the silhouette of each k is computed on at most this many points (a
 *     seeded subsample beyond it; the silhouette costs n² distances)
 * @param seed seed of every random choice (k-means++ draws, subsamples)
 * @param minRateHz t_neuron keeps only units whose mean training-data rate is above this (0 = every unit;
 *     the paper uses 1 Hz); the filter is reported when used
 * @param response the rule that says whether an area responded on a trial (response fractions), or empty
 */
public record AnalysisConfig(double f1WidthMs, int resample, int minUnitsPerArea, int kMin, int kMax,
    int kMeansRestarts, int clusterPcs, int silhouetteMaxPoints, long seed, double minRateHz,
    java.util.Optional<ResponseRule> response) {

  /** Validates every field. */
  public AnalysisConfig {
    if (!(minRateHz >= 0) || Double.isInfinite(minRateHz)) {
      throw new IllegalArgumentException("minRateHz must be >= 0, was " + minRateHz);
    }
    java.util.Objects.requireNonNull(response, "response");
    if (!(f1WidthMs > 0) || Double.isInfinite(f1WidthMs)) {
      throw new IllegalArgumentException("f1WidthMs must be > 0, was " + f1WidthMs);
    }
    if (resample < 1) {
      throw new IllegalArgumentException("resample must be >= 1, was " + resample);
    }
    if (minUnitsPerArea < 1) {
      throw new IllegalArgumentException("minUnitsPerArea must be >= 1, was " + minUnitsPerArea);
    }
    if (kMin < 2) {
      throw new IllegalArgumentException("kMin must be >= 2, was " + kMin);
    }
    if (kMax < kMin) {
      throw new IllegalArgumentException("kMax must be >= kMin (" + kMin + "), was " + kMax);
    }
    if (kMeansRestarts < 1) {
      throw new IllegalArgumentException("kMeansRestarts must be >= 1, was " + kMeansRestarts);
    }
    if (clusterPcs < 1) {
      throw new IllegalArgumentException("clusterPcs must be >= 1, was " + clusterPcs);
    }
    if (silhouetteMaxPoints < 10) {
      throw new IllegalArgumentException("silhouetteMaxPoints must be >= 10, was " + silhouetteMaxPoints);
    }
  }

  /**
   * The defaults: F1 12 ms, r = 4, 10 units per area, k in 2..6, 10 restarts, 10 components,
   * silhouette on at most 3000 points.
   *
   * @param seed the seed
   * @return the default settings
   */
  public static AnalysisConfig defaults(long seed) {
    return new AnalysisConfig(12.0, 4, 10, 2, 6, 10, 10, 3000, seed, 0.0, java.util.Optional.empty());
  }

  /**
   * @param value new minimum
   * @return a copy with {@code minUnitsPerArea} replaced
   */
  public AnalysisConfig withMinUnitsPerArea(int value) {
    return new AnalysisConfig(f1WidthMs, resample, value, kMin, kMax, kMeansRestarts, clusterPcs,
        silhouetteMaxPoints, seed, minRateHz, response);
  }

  /**
   * @param value new factor
   * @return a copy with {@code resample} replaced
   */
  public AnalysisConfig withResample(int value) {
    return new AnalysisConfig(f1WidthMs, value, minUnitsPerArea, kMin, kMax, kMeansRestarts, clusterPcs,
        silhouetteMaxPoints, seed, minRateHz, response);
  }

  /**
   * @param value new rate filter, Hz (0 = none)
   * @return a copy with {@code minRateHz} replaced
   */
  public AnalysisConfig withMinRateHz(double value) {
    return new AnalysisConfig(f1WidthMs, resample, minUnitsPerArea, kMin, kMax, kMeansRestarts, clusterPcs,
        silhouetteMaxPoints, seed, value, response);
  }

  /**
   * @param rule the response rule
   * @return a copy that computes response fractions with it
   */
  public AnalysisConfig withResponse(ResponseRule rule) {
    return new AnalysisConfig(f1WidthMs, resample, minUnitsPerArea, kMin, kMax, kMeansRestarts, clusterPcs,
        silhouetteMaxPoints, seed, minRateHz, java.util.Optional.of(rule));
  }
}
