package org.trialmatch.analysis;

import java.util.List;

/**
 * t_trial: the Pearson correlation of hard-matched pairs of single-trial feature vectors
 * (docs/analysis.md): test data vs model, and the ceiling, test data vs train data. Per area: the
 * correlation over that area's block of the same matched pairs.
 */
public final class TrialCorrelations {
  private final Summary overallModel;
  private final Summary overallCeiling;
  private final List<AreaCorrelation> perArea;
  private final List<SessionCorrelation> perSession;
  private final double[] modelPairs;
  private final double[] ceilingPairs;

  TrialCorrelations(Summary overallModel, Summary overallCeiling, List<AreaCorrelation> perArea,
      List<SessionCorrelation> perSession, double[] modelPairs, double[] ceilingPairs) {
    this.overallModel = overallModel;
    this.overallCeiling = overallCeiling;
    this.perArea = List.copyOf(perArea);
    this.perSession = List.copyOf(perSession);
    this.modelPairs = modelPairs;
    this.ceilingPairs = ceilingPairs;
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

  /** @return the correlation of every matched (test, model) pair, NaN when undefined (a copy) */
  public double[] modelPairs() {
    return modelPairs.clone();
  }

  /** @return the correlation of every matched (test, train) pair, NaN when undefined (a copy) */
  public double[] ceilingPairs() {
    return ceilingPairs.clone();
  }
}
