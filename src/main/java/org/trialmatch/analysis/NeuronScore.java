package org.trialmatch.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * t_neuron (method reference §6.1), computed on the same units for the model and for its ceiling: per
 * recorded unit, the Pearson correlation over time of its F1-filtered trial-averaged PSTH in the test
 * data with that of the model, and the ceiling, the same with the training data's PSTH in place of the
 * model's. Which units count is decided by the data alone, and once for both: a unit is left out of both
 * when its test or training PSTH is constant (the correlation is undefined), or, when
 * {@code minRateHz > 0}, when its mean training-data rate is at most {@code minRateHz} (the paper keeps
 * units above 1 Hz). A unit whose model PSTH is constant scores 0 ({@link Stats#score}): a silent model
 * unit is a failure of the model, not a reason to drop the unit.
 */
final class NeuronScore {
  private NeuronScore() {}

  /**
   * @param run the filtered inputs
   * @param minRateHz units at or below this mean training-data rate are left out (0 = none)
   * @return t_neuron and its ceiling per unit, per area and overall
   */
  static NeuronCorrelations compute(FilteredInputs run, double minRateHz) {
    AnalysisInputs in = run.inputs();
    List<FilteredSession> sessions = run.sessions();
    int nAreas = in.areaNames().size();
    int total = 0;
    for (FilteredSession p : sessions) {
      total += p.unitArea.length;
    }
    int[] sess = new int[total];
    int[] unit = new int[total];
    int[] area = new int[total];
    double[] model = new double[total];
    double[] ceiling = new double[total];
    int byData = 0;
    int byRate = 0;
    int flat = 0;
    int i = 0;
    for (int s = 0; s < sessions.size(); s++) {
      FilteredSession p = sessions.get(s);
      int nN = p.unitArea.length;
      int t1 = nN == 0 ? 0 : p.test.psthHz.length / nN;
      double[] x = new double[t1];
      double[] y = new double[t1];
      double[] z = new double[t1];
      for (int n = 0; n < nN; n++) {
        double rate = 0;
        for (int t = 0; t < t1; t++) {
          x[t] = p.test.psthHz[t * nN + n];
          y[t] = p.model.psthHz[t * nN + n];
          z[t] = p.train.psthHz[t * nN + n];
          rate += z[t];
        }
        rate /= Math.max(1, t1);
        sess[i] = s;
        unit[i] = n;
        area[i] = p.unitArea[n];
        boolean undefined = t1 < 2 || Stats.isConstant(x, 0, t1) || Stats.isConstant(z, 0, t1)
            || p.model.trials == 0 || p.train.trials == 0;
        boolean slow = !undefined && minRateHz > 0 && !(rate > minRateHz);
        if (undefined || slow) {
          byData += undefined ? 1 : 0;
          byRate += slow ? 1 : 0;
          model[i] = Double.NaN;
          ceiling[i] = Double.NaN;
        } else {
          model[i] = Stats.score(x, 0, y, 0, t1);
          ceiling[i] = Stats.pearson(z, x);
          flat += Stats.isConstant(y, 0, t1) ? 1 : 0;
        }
        i++;
      }
    }
    List<AreaCorrelation> perArea = new ArrayList<>();
    for (int a = 0; a < nAreas; a++) {
      final int inArea = a;
      perArea.add(new AreaCorrelation(in.areaNames().get(a),
          Stats.summarize(Stats.select(model, k -> area[k] == inArea)),
          Stats.summarize(Stats.select(ceiling, k -> area[k] == inArea))));
    }
    return new NeuronCorrelations(perArea, Stats.summarize(model), Stats.summarize(ceiling), sess, unit, area,
        model, ceiling, new NeuronCorrelations.Exclusions(minRateHz, byData, byRate, flat));
  }
}
