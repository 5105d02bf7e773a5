package org.trialmatch.analysis;

/**
 * Population PSTHs per area: the mean over the area's recorded units (all sessions) of each
 * unit's F1-filtered, trial-averaged rate, Hz, on the F1 time axis. Areas without units are NaN.
 */
public final class AreaPsths {
  private final double[][] test;
  private final double[][] train;
  private final double[][] model;
  private final int[] units;

  AreaPsths(double[][] test, double[][] train, double[][] model, int[] units) {
    this.test = test;
    this.train = train;
    this.model = model;
    this.units = units;
  }

  /**
   * @param area area index
   * @return test-data PSTH, Hz (a copy)
   */
  public double[] test(int area) {
    return test[area].clone();
  }

  /**
   * @param area area index
   * @return train-data PSTH, Hz (a copy)
   */
  public double[] train(int area) {
    return train[area].clone();
  }

  /**
   * @param area area index
   * @return model PSTH, Hz (a copy)
   */
  public double[] model(int area) {
    return model[area].clone();
  }

  /**
   * @param area area index
   * @return recorded units in the area (all sessions)
   */
  public int units(int area) {
    return units[area];
  }
}
