package org.trialmatch.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The trial-type fractions ({@link TrialTypeFractions}): every test trial of every session counts once
 * for the data; the model trials likewise, counted once (those of the first session) when every session
 * shares them. Whether the model's fractions can be shown is the outcome classifier's verdict.
 */
final class TrialTypes {
  private TrialTypes() {}

  /**
   * @param run the filtered inputs (only their trial types and classifier quality are read)
   * @return the fractions with 95 % Wilson intervals, one row per type, sorted
   */
  static TrialTypeFractions compute(FilteredInputs run) {
    AnalysisInputs in = run.inputs();
    Map<String, Integer> data = new HashMap<>();
    Map<String, Integer> model = new HashMap<>();
    TreeSet<String> labels = new TreeSet<>();
    int nData = 0;
    int nModel = 0;
    List<SessionInputs> ss = in.sessions();
    for (int s = 0; s < ss.size(); s++) {
      for (String t : ss.get(s).testTypes()) {
        data.merge(t, 1, Integer::sum);
        labels.add(t);
        nData++;
      }
      if (!in.modelTrialsShared() || s == 0) {
        for (String t : ss.get(s).modelTypes()) {
          model.merge(t, 1, Integer::sum);
          labels.add(t);
          nModel++;
        }
      }
    }
    List<TrialTypeRow> rows = new ArrayList<>();
    for (String l : labels) {
      rows.add(new TrialTypeRow(l, Stats.wilson95(data.getOrDefault(l, 0), nData),
          Stats.wilson95(model.getOrDefault(l, 0), nModel)));
    }
    String note = in.modelTypes().map(q -> q.beatsBaseline() ? "" : String.format(Locale.ROOT,
        "model trial types are not shown: the classifier (%s) is right on %.1f %% of %d held-out data trials, "
            + "no better than the majority-class baseline's %.1f %%", q.method(), 100 * q.accuracy(), q.trials(),
        100 * q.baseline()))
        .orElse("model trial types are not shown: no classifier could read them (the data have no behaviour "
            + "trace the model reproduces)");
    return new TrialTypeFractions(rows, nData, nModel, note);
  }
}
