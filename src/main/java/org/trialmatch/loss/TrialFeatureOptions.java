package org.trialmatch.loss;

/**
 * How the trial features T_trial are built (reference section 3.3).
 *
 * @param minUnits a session, and an area within it, enters the features only with at least this many
 *     recorded units (reference: 10)
 * @param zScore z-score each area's signal with the data's scalar mean and standard deviation
 * @param areaSpecific one signal per area; otherwise one signal for all the session's units
 * @param behaviour append the filtered jaw trace (data: the session's jaw; model: the model's jaw)
 */
public record TrialFeatureOptions(int minUnits, boolean zScore, boolean areaSpecific, boolean behaviour) {
  /** Validates the fields. */
  public TrialFeatureOptions {
    if (minUnits < 1) {
      throw new IllegalArgumentException("minUnits must be >= 1, was " + minUnits);
    }
  }

  /** @return the reference settings: 10 units, z-scored, per area, with the jaw */
  public static TrialFeatureOptions reference() {
    return new TrialFeatureOptions(10, true, true, true);
  }
}
