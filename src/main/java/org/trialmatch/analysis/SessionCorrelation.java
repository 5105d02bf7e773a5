package org.trialmatch.analysis;

import java.util.List;

/**
 * The trial-matched correlation t_trial of one session.
 *
 * @param session session name
 * @param note empty when the session was used; otherwise why it was skipped or what was left out
 * @param areas areas whose population averages formed the trial features
 * @param behaviour whether the behaviour trace was part of the features
 * @param model summary over matched (test, model) pairs
 * @param ceiling summary over matched (test, train) pairs
 * @param tmDistance trial-matching distance of test data and model trials (NaN when skipped)
 * @param tmDistanceCeiling trial-matching distance of test and training data (NaN when skipped)
 */
public record SessionCorrelation(String session, String note, List<String> areas, boolean behaviour,
    Summary model, Summary ceiling, double tmDistance, double tmDistanceCeiling) {
  /** Copies the list. */
  public SessionCorrelation {
    areas = List.copyOf(areas);
  }
}
