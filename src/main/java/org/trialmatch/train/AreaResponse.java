package org.trialmatch.train;

import org.trialmatch.data.TrialSet;
import org.trialmatch.model.NetworkLayout;

/**
 * The rule that says whether an area responded on a trial, applied identically to data and model
 * trials (the demo's {@code response_fraction}): for each session, take the recorded units of the
 * area that a model unit stands for; per trial, {@code delta} = the mean over those units of the
 * rate (spikes / s) in {@code [responseFromMs, responseToMs)} after the alignment event minus the rate
 * in the {@code baselineMs} before it. The session's threshold is half the mean {@code delta} of its
 * test-data trials; a trial responded when its {@code delta} exceeds it. The same units (data) and
 * the model units standing for them (model) are used, so unit counts do not bias the comparison.
 *
 * @param dataResponded data test trials that responded, summed over sessions
 * @param dataTrials data test trials, summed over sessions
 * @param modelResponded model trials that responded, summed over sessions
 * @param modelTrials model trials, summed over sessions
 */
public record AreaResponse(int dataResponded, int dataTrials, int modelResponded, int modelTrials) {

  /** @return the data's response fraction */
  public double dataFraction() {
    return dataTrials == 0 ? Double.NaN : dataResponded / (double) dataTrials;
  }

  /** @return the model's response fraction */
  public double modelFraction() {
    return modelTrials == 0 ? Double.NaN : modelResponded / (double) modelTrials;
  }

  /** @return the standard error of the difference of the two fractions */
  public double standardErrorOfDifference() {
    double p = dataFraction();
    double q = modelFraction();
    return Math.sqrt(p * (1 - p) / dataTrials + q * (1 - q) / modelTrials);
  }

  /**
   * @param fit a loaded fit
   * @param sim model trials simulated for the test split
   * @param area the area, e.g. {@code area2}
   * @param responseFromMs start of the response window after the alignment event, ms
   * @param responseToMs end of the response window, ms
   * @param baselineMs length of the baseline window before the alignment event, ms
   * @return the counts
   */
  public static AreaResponse of(Fit fit, Fit.Simulated sim, String area, double responseFromMs, double responseToMs,
      double baselineMs) {
    NetworkLayout layout = fit.layout();
    double dtMs = fit.model().dtMs();
    double startMs = fit.model().windowStartMs();
    int r0 = (int) Math.round((responseFromMs - startMs) / dtMs);
    int r1 = (int) Math.round((responseToMs - startMs) / dtMs);
    int b1 = (int) Math.round(-startMs / dtMs);
    int b0 = Math.max(0, b1 - (int) Math.round(baselineMs / dtMs));
    if (b0 >= b1 || r0 >= r1 || r1 > sim.steps() || r0 < 0) {
      throw new IllegalArgumentException("response or baseline window outside the trial window");
    }
    int areaIndex = layout.areaNames().indexOf(area);
    int dr = 0;
    int dn = 0;
    int mr = 0;
    int mn = 0;
    int n = sim.trials();
    int units = sim.units();
    for (int s = 0; s < fit.data().sessions().size(); s++) {
      FitData.Session ses = fit.data().sessions().get(s);
      java.util.List<Integer> model = new java.util.ArrayList<>();
      for (int i = 0; i < units; i++) {
        if (fit.unitLayout().sessionOf(i) == s && layout.area(i) == areaIndex) {
          model.add(i);
        }
      }
      int[] test = ses.split().test();
      if (model.isEmpty() || test.length == 0) {
        continue;
      }
      TrialSet ts = ses.trials();
      double[] dDelta = new double[test.length];
      double mean = 0;
      for (int k = 0; k < test.length; k++) {
        double d = 0;
        for (int i : model) {
          int r = layout.recordedIndex(i);
          double resp = 0;
          for (int t = r0; t < r1; t++) {
            resp += ts.count(t, test[k], r);
          }
          double base = 0;
          for (int t = b0; t < b1; t++) {
            base += ts.count(t, test[k], r);
          }
          d += resp / ((r1 - r0) * dtMs / 1000) - base / ((b1 - b0) * dtMs / 1000);
        }
        dDelta[k] = d / model.size();
        mean += dDelta[k] / test.length;
      }
      double threshold = 0.5 * mean;
      for (double d : dDelta) {
        dr += d > threshold ? 1 : 0;
      }
      dn += test.length;
      for (int k = 0; k < n; k++) {
        double d = 0;
        for (int i : model) {
          double resp = 0;
          for (int t = r0; t < r1; t++) {
            resp += sim.spikes()[(t * n + k) * units + i];
          }
          double base = 0;
          for (int t = b0; t < b1; t++) {
            base += sim.spikes()[(t * n + k) * units + i];
          }
          d += resp / ((r1 - r0) * dtMs / 1000) - base / ((b1 - b0) * dtMs / 1000);
        }
        mr += d / model.size() > threshold ? 1 : 0;
      }
      mn += n;
    }
    return new AreaResponse(dr, dn, mr, mn);
  }
}
