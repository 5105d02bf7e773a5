package org.trialmatch.analysis;

import java.util.List;

/**
 * t_neuron: per recorded unit, the Pearson correlation over time of its F1-filtered,
 * trial-averaged PSTH in the model with that of the test data, and the ceiling, train data vs test
 * data, over the same units ({@link NeuronScore}): a unit left out of one is left out of both (NaN
 * here), and {@link #exclusions()} says how many and why.
 */
public final class NeuronCorrelations {
  private final List<AreaCorrelation> perArea;
  private final Summary overallModel;
  private final Summary overallCeiling;
  private final int[] session;
  private final int[] unit;
  private final int[] area;
  private final double[] model;
  private final double[] ceiling;
  private final Exclusions exclusions;

  /**
   * Which units were left out.
   *
   * @param minRateHz the rate filter used (0 = none): units at or below it in the training data are left out
   * @param constantData units whose test or training PSTH is constant (correlation undefined)
   * @param belowRate units left out by the rate filter
   * @param modelFlat units kept whose model PSTH is constant (scored 0)
   */
  public record Exclusions(double minRateHz, int constantData, int belowRate, int modelFlat) {}

  NeuronCorrelations(List<AreaCorrelation> perArea, Summary overallModel, Summary overallCeiling, int[] session,
      int[] unit, int[] area, double[] model, double[] ceiling, Exclusions exclusions) {
    this.exclusions = exclusions;
    this.perArea = List.copyOf(perArea);
    this.overallModel = overallModel;
    this.overallCeiling = overallCeiling;
    this.session = session;
    this.unit = unit;
    this.area = area;
    this.model = model;
    this.ceiling = ceiling;
  }

  /** @return one entry per run area (areas without units have n = 0) */
  public List<AreaCorrelation> perArea() {
    return perArea;
  }

  /** @return model-vs-test over all units */
  public Summary overallModel() {
    return overallModel;
  }

  /** @return train-vs-test over all units */
  public Summary overallCeiling() {
    return overallCeiling;
  }

  /** @return how many units were left out of both the model score and the ceiling, and why */
  public Exclusions exclusions() {
    return exclusions;
  }

  /** @return number of units (all sessions) */
  public int units() {
    return model.length;
  }

  /** @return session index of each unit (a copy) */
  public int[] sessionOfUnit() {
    return session.clone();
  }

  /** @return index of each unit within its session (a copy) */
  public int[] unitInSession() {
    return unit.clone();
  }

  /** @return area index of each unit (a copy) */
  public int[] areaOfUnit() {
    return area.clone();
  }

  /** @return model-vs-test correlation per unit, NaN when excluded (a copy) */
  public double[] model() {
    return model.clone();
  }

  /** @return train-vs-test correlation per unit, NaN when excluded (a copy) */
  public double[] ceiling() {
    return ceiling.clone();
  }
}
