package org.trialmatch.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.trialmatch.data.TrialSet;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.train.Fit;
import org.trialmatch.train.FitData;

/**
 * Two failures a rate-level look at a fitted model catches before any correlation: recorded units
 * whose model counterpart is silent although the unit fires, and model units firing tonically near
 * the refractory limit. Rates are means over the evaluation window: the recorded unit's over its
 * session's test trials, the model unit's over the evaluation trials.
 *
 * <p>A counterpart is <em>silent</em> when the recorded unit fires above {@link #FIRING_HZ} and its
 * model unit below {@link #SILENT_HZ}. A model unit (recorded or hidden) is <em>tonic</em> when its
 * rate is at least {@link #TONIC_FRACTION} of the refractory limit {@code 1000 / ((r + 1) dt)} Hz,
 * {@code r} the refractory steps: a unit that fires every other step it may fire.
 *
 * @param recordedUnits recorded units with a model counterpart
 * @param firingRecorded those firing above {@link #FIRING_HZ} on the test trials
 * @param silentCounterparts of those, the ones whose model unit fires below {@link #SILENT_HZ}
 * @param silentExamples up to five of them, as {@code session/unit: data Hz → model Hz}
 * @param modelUnits model units
 * @param tonicUnits model units at or above the tonic rate
 * @param tonicRateHz the tonic rate, Hz
 * @param maxModelRateHz the highest model unit rate, Hz
 */
public record UnitActivity(int recordedUnits, int firingRecorded, int silentCounterparts, List<String> silentExamples,
    int modelUnits, int tonicUnits, double tonicRateHz, double maxModelRateHz) {
  /** A recorded unit above this rate fires, Hz. */
  public static final double FIRING_HZ = 1.0;
  /** A model unit below this rate is silent, Hz. */
  public static final double SILENT_HZ = 0.5;
  /** Share of the refractory limit from which a unit counts as tonic. */
  public static final double TONIC_FRACTION = 0.5;

  /** Copies the examples. */
  public UnitActivity {
    silentExamples = List.copyOf(silentExamples);
  }

  /**
   * @param fit the fitted model
   * @param trials its evaluation trials
   * @return the counts
   */
  public static UnitActivity of(Fit fit, EvaluationTrials trials) {
    Fit.Simulated sim = trials.trials();
    NetworkLayout layout = fit.layout();
    int steps = sim.spikes().steps();
    int n = sim.spikes().trials();
    int units = sim.spikes().units();
    double dt = fit.model().dtMs();
    double[] modelHz = new double[units];
    float[] z = sim.spikes().values();
    for (int t = 0; t < steps; t++) {
      for (int k = 0; k < n; k++) {
        int row = (t * n + k) * units;
        for (int i = 0; i < units; i++) {
          modelHz[i] += z[row + i];
        }
      }
    }
    double toHz = 1000.0 / (dt * steps * Math.max(1, n));
    double max = 0;
    double tonicHz = TONIC_FRACTION * 1000.0 / ((fit.model().refractorySteps() + 1) * dt);
    int tonic = 0;
    for (int i = 0; i < units; i++) {
      modelHz[i] *= toHz;
      max = Math.max(max, modelHz[i]);
      tonic += modelHz[i] >= tonicHz ? 1 : 0;
    }
    int recorded = 0;
    int firing = 0;
    int silent = 0;
    List<String> examples = new ArrayList<>();
    for (FitData.Session s : fit.data().sessions()) {
      TrialSet ts = s.trials();
      int[] test = s.split().test();
      if (test.length == 0) {
        continue;
      }
      for (int i = 0; i < units; i++) {
        if (layout.isHidden(i) || !layout.session(i).equals(s.name())) {
          continue;
        }
        recorded++;
        int u = layout.recordedIndex(i);
        double count = 0;
        for (int trial : test) {
          for (int t = 0; t < ts.bins(); t++) {
            count += ts.count(t, trial, u);
          }
        }
        double dataHz = count * 1000.0 / (ts.bins() * ts.dtMs() * test.length);
        if (dataHz > FIRING_HZ) {
          firing++;
          if (modelHz[i] < SILENT_HZ) {
            silent++;
            if (examples.size() < 5) {
              examples.add(String.format(Locale.ROOT, "%s/%s: %.2f Hz -> %.2f Hz", s.name(), ts.unitId(u), dataHz,
                  modelHz[i]));
            }
          }
        }
      }
    }
    return new UnitActivity(recorded, firing, silent, examples, units, tonic, tonicHz, max);
  }
}
