package org.trialmatch.analysis;

/**
 * The population PSTHs per area ({@link AreaPsths}): per area, the mean over its recorded units of all
 * sessions of each unit's F1-filtered, trial-averaged rate, for the test data, the training data and
 * the model; NaN for an area without units.
 */
final class PopulationPsths {
  private PopulationPsths() {}

  /**
   * @param run the filtered inputs
   * @return the PSTHs, Hz on the F1 time axis
   */
  static AreaPsths compute(FilteredInputs run) {
    int nAreas = run.areas();
    int t1 = run.t1();
    double[][] test = new double[nAreas][t1];
    double[][] train = new double[nAreas][t1];
    double[][] model = new double[nAreas][t1];
    int[] units = new int[nAreas];
    for (FilteredSession p : run.sessions()) {
      int nN = p.unitArea.length;
      for (int n = 0; n < nN; n++) {
        int a = p.unitArea[n];
        units[a]++;
        for (int t = 0; t < t1; t++) {
          test[a][t] += p.test.psthHz[t * nN + n];
          train[a][t] += p.train.psthHz[t * nN + n];
          model[a][t] += p.model.psthHz[t * nN + n];
        }
      }
    }
    for (int a = 0; a < nAreas; a++) {
      double inv = units[a] > 0 ? 1.0 / units[a] : Double.NaN;
      for (int t = 0; t < t1; t++) {
        test[a][t] *= inv;
        train[a][t] *= inv;
        model[a][t] *= inv;
      }
    }
    return new AreaPsths(test, train, model, units);
  }
}
