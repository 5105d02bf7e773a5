package org.trialmatch.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.trialmatch.evaluate.Scores;

/**
 * The scores a sweep can collect, by name: the evaluation pipeline's headline scores ({@link Scores}) and
 * their train-vs-test ceilings; definitions in docs/analysis.md. A score that does not apply (a response
 * fraction without a response rule) is NaN, written as an empty cell.
 */
final class ScoreNames {
  /** Every score, in table order. */
  static final Map<String, ToDoubleFunction<Scores>> ALL = all();
  /** Collected when the spec names none. */
  static final List<String> DEFAULT = List.copyOf(ALL.keySet());

  private ScoreNames() {}

  private static Map<String, ToDoubleFunction<Scores>> all() {
    Map<String, ToDoubleFunction<Scores>> m = new LinkedHashMap<>();
    m.put("psth_corr", Scores::psthCorr);
    m.put("psth_corr_ceiling", Scores::psthCorrCeiling);
    m.put("trial_matched_corr", Scores::trialMatchedCorr);
    m.put("trial_matched_corr_ceiling", Scores::trialMatchedCorrCeiling);
    m.put("tm_distance", Scores::tmDistance);
    m.put("tm_distance_ceiling", Scores::tmDistanceCeiling);
    m.put("response_fraction", s -> s.response() == null ? Double.NaN : s.response().modelFraction());
    m.put("response_fraction_data", s -> s.response() == null ? Double.NaN : s.response().dataFraction());
    m.put("peak_response_fraction", s -> s.response() == null ? Double.NaN : s.response().peakModelFraction());
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * @param s an evaluation's scores
   * @param names the scores to take
   * @return name to value, in the order of {@code names}
   */
  static Map<String, Double> of(Scores s, List<String> names) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String n : names) {
      m.put(n, ALL.get(n).applyAsDouble(s));
    }
    return m;
  }
}
