package org.trialmatch.evaluate;

import java.util.List;

/**
 * What the comparison of fitting variants uses: the same data, network and initialisation for every
 * variant, which differ only in {@code loss.matching}.
 *
 * @param files the NWB files of the artificial data
 * @param steps training steps per variant
 * @param trainTrials model trials per training step
 * @param lr AdamW learning rate
 * @param nUnits network size, or 0 for the {@code figure2} preset's
 * @param validateEvery steps between validations
 * @param evalTrials model trials simulated for the evaluation
 * @param seed seed of the fits (same for every variant); the evaluation trials use {@code seed + 1}
 * @param trialToPsthRatio the trial-matching gradient's weight relative to the PSTH gradient's
 */
public record ComparisonSpec(List<String> files, int steps, int trainTrials, double lr, int nUnits,
    int validateEvery, int evalTrials, long seed, double trialToPsthRatio) {

  /** Validates the counts. */
  public ComparisonSpec {
    files = List.copyOf(files);
    require(steps >= 1, "steps", steps);
    require(trainTrials >= 1, "trainTrials", trainTrials);
    require(validateEvery >= 1, "validateEvery", validateEvery);
    require(evalTrials >= 1, "evalTrials", evalTrials);
    require(nUnits >= 0, "nUnits", nUnits);
  }

  private static void require(boolean ok, String key, Object value) {
    if (!ok) {
      throw new org.trialmatch.data.ConfigException(key, "must be >= 1, was " + value);
    }
  }

  /** @return the seed of the evaluation trials */
  public long evaluationSeed() {
    return seed + 1;
  }

  /**
   * @param newSeed another seed
   * @return a copy with it
   */
  public ComparisonSpec withSeed(long newSeed) {
    return new ComparisonSpec(files, steps, trainTrials, lr, nUnits, validateEvery, evalTrials, newSeed,
        trialToPsthRatio);
  }
}
