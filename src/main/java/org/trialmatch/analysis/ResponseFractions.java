package org.trialmatch.analysis;

import org.trialmatch.data.TrialTensor;

import java.util.ArrayList;
import java.util.List;

/**
 * How often an area responds, in the test data and in the model trials, by two rules applied
 * identically to both (the hidden mode of the artificial data: area 2 responds on ~80 % of trials).
 *
 * <ul>
 *   <li><b>Window rule</b> ({@link #window()}): per trial, {@code delta} = mean over the session's
 *       recorded units of the area of the rate in the response window minus the rate in the baseline
 *       window; a session's threshold is half the mean {@code delta} of its test-data trials; a trial
 *       responded when its {@code delta} exceeds it. A model trial is scored against each session with
 *       the model units standing for that session's units.
 *   <li><b>Peak rule</b> ({@link #peak()}, the authors' Figure 2 rule): a trial responded when the maximum
 *       over time of the area's F1-filtered population-average rate exceeds
 *       {@link ResponseRule#peakThresholdHz()}; data trials use their session's units, a model trial the
 *       model units standing for every session's units of the area.
 * </ul>
 *
 * <p>Model trials shared by the sessions are counted once: the window rule's model fraction is the
 * mean over sessions of the session's model fraction, weighted by the session's test-data trials (the
 * weights of the data fraction), and its standard error uses the number of distinct model trials.
 */
public final class ResponseFractions {
  private final ResponseRule rule;
  private final Rule window;
  private final Rule peak;
  private final double[] dataIndex;
  private final double[] modelIndex;
  private final double[] dataPeakHz;
  private final double[] modelPeakHz;
  private SplitPsths split;

  /**
   * The counts of one rule.
   *
   * @param dataFraction fraction of test-data trials that responded
   * @param dataTrials test-data trials scored (sessions recording the area)
   * @param modelFraction fraction of model trials that responded
   * @param modelTrials distinct model trials scored
   */
  public record Rule(double dataFraction, int dataTrials, double modelFraction, int modelTrials) {
    /** @return the standard error of the difference of the two fractions (binomial, independent) */
    public double standardError() {
      double p = dataFraction;
      double q = modelFraction;
      return Math.sqrt(p * (1 - p) / dataTrials + q * (1 - q) / modelTrials);
    }

    /** @return (model − data) / {@link #standardError()}: the model's distance from the data in SEs */
    public double distanceInSe() {
      double se = standardError();
      return se > 0 ? (modelFraction - dataFraction) / se : Double.NaN;
    }
  }

  private ResponseFractions(ResponseRule rule, Rule window, Rule peak, double[] dataIndex, double[] modelIndex,
      double[] dataPeakHz, double[] modelPeakHz) {
    this.rule = rule;
    this.window = window;
    this.peak = peak;
    this.dataIndex = dataIndex;
    this.modelIndex = modelIndex;
    this.dataPeakHz = dataPeakHz;
    this.modelPeakHz = modelPeakHz;
  }

  /** @return per area, the PSTHs of data trials by outcome and of model trials by the peak rule, if computed */
  public java.util.Optional<SplitPsths> split() {
    return java.util.Optional.ofNullable(split);
  }

  /** @return the rule's settings */
  public ResponseRule rule() {
    return rule;
  }

  /** @return the window rule's fractions */
  public Rule window() {
    return window;
  }

  /** @return the peak (authors') rule's fractions */
  public Rule peak() {
    return peak;
  }

  /** @return per test-data trial, {@code delta} / its session's threshold (responded when above 1) (a copy) */
  public double[] dataIndex() {
    return dataIndex.clone();
  }

  /**
   * @return per model trial, {@code delta} / threshold averaged over sessions with the data fraction's
   *     weights (a copy)
   */
  public double[] modelIndex() {
    return modelIndex.clone();
  }

  /** @return per test-data trial, the peak population rate, Hz (a copy) */
  public double[] dataPeakHz() {
    return dataPeakHz.clone();
  }

  /** @return per model trial, the peak population rate, Hz (a copy) */
  public double[] modelPeakHz() {
    return modelPeakHz.clone();
  }

  /**
   * @param run the filtered inputs (F1 population averages)
   * @param rule the rule
   * @return the fractions, or null when no session records the area
   */
  static ResponseFractions compute(FilteredInputs run, ResponseRule rule) {
    AnalysisInputs in = run.inputs();
    List<FilteredSession> sessions = run.sessions();
    int area = in.areaNames().indexOf(rule.area());
    if (area < 0) {
      throw new IllegalArgumentException("response area '" + rule.area() + "' is not one of " + in.areaNames());
    }
    double dtMs = in.dtMs();
    int r0 = (int) Math.round((rule.responseFromMs() - in.windowStartMs()) / dtMs);
    int r1 = (int) Math.round((rule.responseToMs() - in.windowStartMs()) / dtMs);
    int b1 = (int) Math.round(-in.windowStartMs() / dtMs);
    int b0 = Math.max(0, b1 - (int) Math.round(rule.baselineMs() / dtMs));
    int bins = in.sessions().get(0).bins();
    if (b0 >= b1 || r0 >= r1 || r1 > bins || r0 < 0) {
      throw new IllegalArgumentException("response window " + rule.responseFromMs() + "–" + rule.responseToMs()
          + " ms or baseline " + rule.baselineMs() + " ms lies outside the trial window");
    }
    boolean shared = in.modelTrialsShared();
    List<Double> dIndex = new ArrayList<>();
    List<Double> dPeak = new ArrayList<>();
    int dResponded = 0;
    int dPeakResponded = 0;
    int dTrials = 0;
    int nModel = -1;
    double[] mIndexSum = null;
    double[] mPeakSum = null;
    double mWeighted = 0;
    int mResponded = 0;
    int mTotal = 0;
    int mUnits = 0;
    List<Double> mIndexAll = new ArrayList<>();
    List<Double> mPeakAll = new ArrayList<>();
    for (int s = 0; s < sessions.size(); s++) {
      FilteredSession p = sessions.get(s);
      SessionInputs si = in.sessions().get(s);
      int units = p.unitsInArea[area];
      if (units == 0 || p.test.trials == 0 || p.model.trials == 0) {
        continue;
      }
      double[] dDelta = deltas(si.test(), p.unitArea, area, r0, r1, b0, b1, dtMs);
      double[] mDelta = deltas(si.model(), p.unitArea, area, r0, r1, b0, b1, dtMs);
      double mean = 0;
      for (double d : dDelta) {
        mean += d / dDelta.length;
      }
      double threshold = 0.5 * mean;
      double[] dPk = peaks(p.test.popF1[area], p.test.trials);
      double[] mPk = peaks(p.model.popF1[area], p.model.trials);
      for (int k = 0; k < dDelta.length; k++) {
        dResponded += dDelta[k] > threshold ? 1 : 0;
        dIndex.add(dDelta[k] / threshold);
        dPeakResponded += dPk[k] > rule.peakThresholdHz() ? 1 : 0;
        dPeak.add(dPk[k]);
      }
      dTrials += dDelta.length;
      int respondedHere = 0;
      for (double d : mDelta) {
        respondedHere += d > threshold ? 1 : 0;
      }
      if (shared) {
        if (nModel < 0) {
          nModel = mDelta.length;
          mIndexSum = new double[nModel];
          mPeakSum = new double[nModel];
        }
        mWeighted += dDelta.length * (respondedHere / (double) mDelta.length);
        for (int k = 0; k < nModel; k++) {
          mIndexSum[k] += dDelta.length * mDelta[k] / threshold;
          mPeakSum[k] += units * mPk[k];
        }
        mUnits += units;
      } else {
        mResponded += respondedHere;
        mTotal += mDelta.length;
        for (int k = 0; k < mDelta.length; k++) {
          mIndexAll.add(mDelta[k] / threshold);
          mPeakAll.add(mPk[k]);
        }
      }
    }
    if (dTrials == 0) {
      return null;
    }
    double[] mIndex;
    double[] mPeak;
    double modelFraction;
    int modelTrials;
    if (shared) {
      mIndex = new double[nModel];
      mPeak = new double[nModel];
      for (int k = 0; k < nModel; k++) {
        mIndex[k] = mIndexSum[k] / dTrials;
        mPeak[k] = mPeakSum[k] / mUnits;
      }
      modelFraction = mWeighted / dTrials;
      modelTrials = nModel;
    } else {
      mIndex = TrialScore.unbox(mIndexAll);
      mPeak = TrialScore.unbox(mPeakAll);
      modelFraction = mResponded / (double) mTotal;
      modelTrials = mTotal;
    }
    int mPeakResponded = 0;
    for (double v : mPeak) {
      mPeakResponded += v > rule.peakThresholdHz() ? 1 : 0;
    }
    Rule window = new Rule(dResponded / (double) dTrials, dTrials, modelFraction, modelTrials);
    Rule peak = new Rule(dPeakResponded / (double) dTrials, dTrials, mPeakResponded / (double) mPeak.length,
        mPeak.length);
    ResponseFractions rf = new ResponseFractions(rule, window, peak, TrialScore.unbox(dIndex), mIndex,
        TrialScore.unbox(dPeak), mPeak);
    rf.split = SplitPsths.compute(run, rf);
    return rf;
  }

  /**
   * Per trial: the mean over the units of {@code area} of the rate in [r0, r1) minus the rate in
   * [b0, b1), spikes / s.
   */
  static double[] deltas(TrialTensor c, int[] unitArea, int area, int r0, int r1, int b0, int b1, double dtMs) {
    int nK = c.trials();
    double[] out = new double[nK];
    int units = 0;
    for (int a : unitArea) {
      units += a == area ? 1 : 0;
    }
    double respS = (r1 - r0) * dtMs / 1000;
    double baseS = (b1 - b0) * dtMs / 1000;
    for (int k = 0; k < nK; k++) {
      double d = 0;
      for (int n = 0; n < unitArea.length; n++) {
        if (unitArea[n] != area) {
          continue;
        }
        double resp = 0;
        for (int t = r0; t < r1; t++) {
          resp += c.get(t, k, n);
        }
        double base = 0;
        for (int t = b0; t < b1; t++) {
          base += c.get(t, k, n);
        }
        d += resp / respS - base / baseS;
      }
      out[k] = d / units;
    }
    return out;
  }

  /** Per trial, the maximum over time of a population average {@code [t][trial]}. */
  private static double[] peaks(double[] pop, int trials) {
    double[] out = new double[trials];
    java.util.Arrays.fill(out, Double.NEGATIVE_INFINITY);
    int t1 = pop.length / trials;
    for (int t = 0; t < t1; t++) {
      for (int k = 0; k < trials; k++) {
        out[k] = Math.max(out[k], pop[t * trials + k]);
      }
    }
    return out;
  }
}
