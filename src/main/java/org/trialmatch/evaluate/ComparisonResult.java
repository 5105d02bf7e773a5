package org.trialmatch.evaluate;

import java.util.Map;

/**
 * The variants of one comparison (one seed), as written to {@code summary.json}.
 *
 * @param seed seed of the fits
 * @param evaluationSeed seed of the evaluation trials (the same trials score the summary and the reports)
 * @param evaluationTrials model trials per variant's evaluation
 * @param spec what was run
 * @param variants by name ({@code no_tm}, {@code hard_tm}, {@code soft_tm}), in order
 * @param seconds total time, s
 */
public record ComparisonResult(long seed, long evaluationSeed, int evaluationTrials, ComparisonSpec spec,
    Map<String, VariantResult> variants, double seconds) {
  /** Copies the map, keeping its order. */
  public ComparisonResult {
    variants = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variants));
  }
}
