package org.trialmatch.analysis;

import java.util.List;

/**
 * t_trial ({@link TrialScore}): the mean over matched pairs of the per-pair Pearson correlation of
 * single-trial feature vectors, test data vs model, and the ceiling, test data vs train data; per area,
 * the correlation over that area's block of the same matched pairs. Also the trial-matching distance
 * (converged Sinkhorn divergence) of test data vs model and test data vs train data, means over sessions.
 */
public final class TrialCorrelations {
  private final Summary overallModel;
  private final Summary overallCeiling;
  private final List<AreaCorrelation> perArea;
  private final List<SessionCorrelation> perSession;
  private final double[] modelPairs;
  private final double[] ceilingPairs;
  private final double tmDistance;
  private final double tmDistanceCeiling;
  private final MatchedPairs modelMatches;
  private final MatchedPairs ceilingMatches;

  TrialCorrelations(Summary overallModel, Summary overallCeiling, List<AreaCorrelation> perArea,
      List<SessionCorrelation> perSession, double[] modelPairs, double[] ceilingPairs, double tmDistance,
      double tmDistanceCeiling, MatchedPairs modelMatches, MatchedPairs ceilingMatches) {
    this.modelMatches = modelMatches;
    this.ceilingMatches = ceilingMatches;
    this.tmDistance = tmDistance;
    this.tmDistanceCeiling = tmDistanceCeiling;
    this.overallModel = overallModel;
    this.overallCeiling = overallCeiling;
    this.perArea = List.copyOf(perArea);
    this.perSession = List.copyOf(perSession);
    this.modelPairs = modelPairs;
    this.ceilingPairs = ceilingPairs;
  }

  /** @return the trial-matching distance of test data and model trials, mean over sessions (NaN without any) */
  public double tmDistance() {
    return tmDistance;
  }

  /** @return the trial-matching distance of test and training data, mean over sessions (NaN without any) */
  public double tmDistanceCeiling() {
    return tmDistanceCeiling;
  }

  /** @return over all matched (test, model) pairs of all sessions */
  public Summary overallModel() {
    return overallModel;
  }

  /** @return over all matched (test, train) pairs of all sessions */
  public Summary overallCeiling() {
    return overallCeiling;
  }

  /** @return per run area, over the sessions where the area entered the features */
  public List<AreaCorrelation> perArea() {
    return perArea;
  }

  /** @return per session */
  public List<SessionCorrelation> perSession() {
    return perSession;
  }

  /** @return every matched (test, model) pair: which trials, and its correlations overall and per area */
  public MatchedPairs modelMatches() {
    return modelMatches;
  }

  /** @return every matched (test, train) pair of the ceiling: which trials, and its correlations */
  public MatchedPairs ceilingMatches() {
    return ceilingMatches;
  }

  /** @return the correlation of every matched (test, model) pair, NaN when undefined (a copy) */
  public double[] modelPairs() {
    return modelPairs.clone();
  }

  /** @return the correlation of every matched (test, train) pair, NaN when undefined (a copy) */
  public double[] ceilingPairs() {
    return ceilingPairs.clone();
  }
}
