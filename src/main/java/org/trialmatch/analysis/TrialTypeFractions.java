package org.trialmatch.analysis;

import java.util.List;

/**
 * Trial-type fractions of the test data and of the model (method reference §4.3, §6.4), with 95 %
 * Wilson score intervals; labels sorted.
 *
 * @param rows one row per trial type found in the data or the model
 * @param dataTrials test trials counted (all sessions)
 * @param modelTrials model trials counted (all sessions, or the first session's when the model
 *     trials are shared by all sessions)
 * @param modelNote empty when the model's fractions are meaningful; otherwise why they are not (no
 *     classifier, or one that does not beat the majority-class baseline), and the rows' model fractions
 *     are not to be shown
 */
public record TrialTypeFractions(List<TrialTypeRow> rows, int dataTrials, int modelTrials, String modelNote) {
  /** Copies the list. */
  public TrialTypeFractions {
    rows = List.copyOf(rows);
  }

  /** @return whether the model's fractions can be compared with the data's */
  public boolean modelComparable() {
    return modelNote.isEmpty();
  }
}
