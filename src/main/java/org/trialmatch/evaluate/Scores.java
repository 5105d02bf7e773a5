package org.trialmatch.evaluate;

import org.trialmatch.analysis.AnalysisResult;
import org.trialmatch.analysis.ResponseFractions;

/**
 * The headline scores of an evaluation, each beside its data ceiling (the same measure between the
 * training and the test trials); definitions in docs/analysis.md. Taken from one
 * {@link AnalysisResult}, so they equal the report's {@code analysis.json}.
 *
 * @param psthCorr t_neuron, mean over units
 * @param psthCorrCeiling its ceiling over the same units
 * @param units units in both
 * @param trialMatchedCorr t_trial, mean over matched pairs of the per-pair correlation
 * @param trialMatchedCorrCeiling its ceiling
 * @param pairs matched (test, model) pairs
 * @param tmDistance trial-matching distance, test data vs model
 * @param tmDistanceCeiling the same, test vs train data
 * @param response the response fractions, or null when the analysis has no response rule
 */
public record Scores(double psthCorr, double psthCorrCeiling, int units, double trialMatchedCorr,
    double trialMatchedCorrCeiling, int pairs, double tmDistance, double tmDistanceCeiling, Response response) {

  /**
   * Response fractions by the two rules of {@link ResponseFractions}.
   *
   * @param area the area
   * @param dataFraction test-data fraction (window rule)
   * @param modelFraction model fraction (window rule)
   * @param se standard error of the difference (window rule; distinct model trials)
   * @param distanceInSe (model − data) / se
   * @param dataTrials test-data trials
   * @param modelTrials distinct model trials
   * @param peakDataFraction test-data fraction by the authors' peak rule
   * @param peakModelFraction model fraction by the authors' peak rule
   * @param peakDistanceInSe (model − data) / se by the peak rule
   */
  public record Response(String area, double dataFraction, double modelFraction, double se, double distanceInSe,
      int dataTrials, int modelTrials, double peakDataFraction, double peakModelFraction, double peakDistanceInSe) {}

  /**
   * @param r an analysis
   * @return its headline scores
   */
  public static Scores of(AnalysisResult r) {
    Response resp = r.response().map(rf -> new Response(rf.rule().area(), rf.window().dataFraction(),
        rf.window().modelFraction(), rf.window().standardError(), rf.window().distanceInSe(),
        rf.window().dataTrials(), rf.window().modelTrials(), rf.peak().dataFraction(), rf.peak().modelFraction(),
        rf.peak().distanceInSe())).orElse(null);
    return new Scores(r.tNeuron().overallModel().mean(), r.tNeuron().overallCeiling().mean(),
        r.tNeuron().overallModel().n(), r.tTrial().overallModel().mean(), r.tTrial().overallCeiling().mean(),
        r.tTrial().overallModel().n(), r.tTrial().tmDistance(), r.tTrial().tmDistanceCeiling(), resp);
  }
}
