package org.trialmatch.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a trial's outcome from its condition and its behaviour trace (method reference §4.5, a
 * multinomial logistic regression instead of its MLP; the label of a model trial is then
 * {@code condition/outcome} as in §4.5 and §6.4).
 *
 * <p><b>Allowed outcomes.</b> The outcomes a condition allows are those observed with it in the
 * training trials, and a prediction for a trial of that condition is always one of them: in a detection
 * task a stimulus trial is Hit or Miss and a no-stimulus trial CR or FA, whatever its trace looks like.
 * This is done with one model per condition, fitted on that condition's training trials only, so that a
 * label means whatever it means in that condition ("correct" after "lick left" is read from other
 * evidence than "correct" after "lick right"). A condition seen with a single outcome always predicts it.
 *
 * <p><b>Features.</b> A trace has {@code channels} behaviour channels of {@code bins} time bins each,
 * flat and channel-major ({@code [channel][bin]}, length {@code channels * bins}) or as
 * {@code float[channels][bins]}; one channel is the plain trace. Each channel is averaged in
 * {@code max(1, bins / windowBins)} consecutive windows of {@code windowBins} bins (the box filter F1
 * without padding; trailing bins that fill no whole window are dropped, and a window longer than the
 * trace averages all of it), and each window is z-scored with the mean and standard deviation over the
 * condition's training trials (a constant window keeps scale 1).
 *
 * <p><b>Fitting.</b> Per condition with K ≥ 2 outcomes: K linear scores plus biases, softmax, and
 * full-batch gradient descent on the mean cross-entropy plus {@code l2} times the squared weights (not
 * the biases), from zero, for {@code iterations} steps of size 1/L, where L = ½·λ + 2·l2 bounds the
 * curvature of the objective (λ is the largest eigenvalue of the second-moment matrix of the
 * z-scored features with the bias input, found by a fixed number of power iterations, and ½ bounds the
 * softmax's curvature). The result is a deterministic function of the training trials and the
 * arguments. The predicted outcome is the allowed one with the largest score; ties go to the first in
 * sorted order.
 *
 * <p>One algorithm in one file: the feature windows, their z-scoring and the per-condition fit share the
 * fitted state ({@code ConditionModel}) that prediction reads, and the input checks name the same
 * windows; split, each part would pass that state through package-private accessors.
 */
public final class OutcomeClassifier {
  private static final int POWER_ITERATIONS = 100;
  private static final int PROBLEMS_LISTED = 5;

  private final int channels;
  private final int bins;
  private final int windowBins;
  private final SortedMap<String, ConditionModel> models;
  private final String globalMajority;

  /** The fitted model of one condition; weights is null when the condition allows one outcome. */
  private static final class ConditionModel {
    final String[] labels;
    final String majority;
    final double[] mean;
    final double[] scale;
    final double[] weights;

    ConditionModel(String[] labels, String majority, double[] mean, double[] scale, double[] weights) {
      this.labels = labels;
      this.majority = majority;
      this.mean = mean;
      this.scale = scale;
      this.weights = weights;
    }
  }

  /**
   * Held-out performance of a classifier on a set of trials.
   *
   * <p>{@code baselineAccuracy} is the <b>per-condition majority-class baseline</b>: the accuracy, on
   * the same trials, of predicting for each trial the most frequent training outcome of its condition
   * (ties to the first in sorted order). {@code globalBaselineAccuracy} predicts the most frequent
   * training outcome over all conditions for every trial. A trial whose true outcome its condition never
   * had in training counts as wrong for the classifier and both baselines.
   *
   * @param accuracy fraction of the trials whose outcome the classifier predicts, in [0, 1]
   * @param n number of trials evaluated (>= 1)
   * @param baselineAccuracy accuracy of the per-condition majority-class baseline, in [0, 1]
   * @param globalBaselineAccuracy accuracy of the global majority-class baseline, in [0, 1]
   */
  public record Evaluation(double accuracy, int n, double baselineAccuracy, double globalBaselineAccuracy) {
    /** Validates the fields. */
    public Evaluation {
      if (n < 1) {
        throw new IllegalArgumentException("n must be >= 1, was " + n);
      }
      checkFraction("accuracy", accuracy);
      checkFraction("baselineAccuracy", baselineAccuracy);
      checkFraction("globalBaselineAccuracy", globalBaselineAccuracy);
    }

    private static void checkFraction(String name, double v) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(name + " must be in [0, 1], was " + v);
      }
    }

    /**
     * The binomial standard error of the baseline: √(b·(1 − b)/n) with b = {@link #baselineAccuracy},
     * the spread of the accuracy on n trials of a classifier that is right with probability b.
     *
     * @return the standard error, >= 0
     */
    public double baselineStandardError() {
      return Math.sqrt(baselineAccuracy * (1 - baselineAccuracy) / n);
    }

    /**
     * Whether the classifier does better than guessing each condition's most frequent outcome:
     * {@code accuracy − baselineAccuracy > baselineStandardError()}, that is a lead over the
     * per-condition majority-class baseline of more than √(b·(1 − b)/n). Always false when the baseline
     * is 1 (nothing can beat it).
     *
     * @return whether the accuracy exceeds the per-condition baseline by more than its standard error
     */
    public boolean beatsBaseline() {
      return accuracy - baselineAccuracy > baselineStandardError();
    }
  }

  private OutcomeClassifier(int channels, int bins, int windowBins, SortedMap<String, ConditionModel> models,
      String globalMajority) {
    this.channels = channels;
    this.bins = bins;
    this.windowBins = windowBins;
    this.models = models;
    this.globalMajority = globalMajority;
  }

  /**
   * Fits the classifier on one-channel traces.
   *
   * @param traces behaviour trace of each training trial, all of the same length (bins)
   * @param conditions the condition of each trial
   * @param outcomes the outcome of each trial
   * @param windowBins bins averaged into one feature (>= 1)
   * @param l2 L2 penalty on the weights (>= 0)
   * @param iterations gradient-descent iterations (>= 1)
   * @return the fitted classifier
   * @throws TrialSetException if there are no trials, the list lengths differ, a trace, condition or
   *     outcome is missing, the traces differ in length or a trace holds a non-finite value
   */
  public static OutcomeClassifier fit(List<float[]> traces, List<String> conditions, List<String> outcomes,
      int windowBins, double l2, int iterations) {
    return fit(traces, 1, conditions, outcomes, windowBins, l2, iterations);
  }

  /**
   * Fits the classifier on flat multi-channel traces.
   *
   * @param traces behaviour of each training trial, channel-major {@code [channel][bin]}, all of the
   *     same length {@code channels * bins}
   * @param channels behaviour channels per trace (>= 1)
   * @param conditions the condition of each trial
   * @param outcomes the outcome of each trial
   * @param windowBins bins of one channel averaged into one feature (>= 1)
   * @param l2 L2 penalty on the weights (>= 0)
   * @param iterations gradient-descent iterations (>= 1)
   * @return the fitted classifier
   * @throws TrialSetException if there are no trials, the list lengths differ, a trace, condition or
   *     outcome is missing, the traces differ in length or do not split into {@code channels} equal
   *     channels, or a trace holds a non-finite value
   */
  public static OutcomeClassifier fit(List<float[]> traces, int channels, List<String> conditions,
      List<String> outcomes, int windowBins, double l2, int iterations) {
    if (channels < 1) {
      throw new IllegalArgumentException("channels must be >= 1, was " + channels);
    }
    if (windowBins < 1) {
      throw new IllegalArgumentException("windowBins must be >= 1, was " + windowBins);
    }
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new IllegalArgumentException("l2 must be finite and >= 0, was " + l2);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be >= 1, was " + iterations);
    }
    List<String> problems = new ArrayList<>();
    int length = checkTrials(traces, conditions, outcomes, "training", -1, channels, problems);
    if (length >= 0 && (length < channels || length % channels != 0)) {
      problems.add("expected traces of channels × bins values with channels = " + channels + ", found "
          + length + " values");
    }
    throwIfAny(problems);
    int bins = length / channels;
    int n = traces.size();
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = features(traces.get(i), channels, bins, windowBins);
    }
    SortedMap<String, List<Integer>> rows = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      rows.computeIfAbsent(conditions.get(i), c -> new ArrayList<>()).add(i);
    }
    SortedMap<String, ConditionModel> models = new TreeMap<>();
    for (Map.Entry<String, List<Integer>> e : rows.entrySet()) {
      models.put(e.getKey(), fitCondition(x, e.getValue(), outcomes, l2, iterations));
    }
    List<Integer> all = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    return new OutcomeClassifier(channels, bins, windowBins, Collections.unmodifiableSortedMap(models),
        majority(new TreeSet<>(outcomes).toArray(new String[0]), all, outcomes));
  }

  /**
   * Fits the classifier on traces given per channel.
   *
   * @param traces behaviour of each training trial as {@code float[channels][bins]}, the same shape for
   *     every trial
   * @param conditions the condition of each trial
   * @param outcomes the outcome of each trial
   * @param windowBins bins of one channel averaged into one feature (>= 1)
   * @param l2 L2 penalty on the weights (>= 0)
   * @param iterations gradient-descent iterations (>= 1)
   * @return the fitted classifier
   * @throws TrialSetException as {@link #fit(List, int, List, List, int, double, int)}, and if the
   *     trials differ in their number of channels or a trial's channels differ in length
   */
  public static OutcomeClassifier fitChannels(List<float[][]> traces, List<String> conditions,
      List<String> outcomes, int windowBins, double l2, int iterations) {
    int c = channelCount(traces);
    return fit(flatten(traces, c), c, conditions, outcomes, windowBins, l2, iterations);
  }

  /**
   * @param trace behaviour of one trial, channel-major {@code [channel][bin]}, of the training shape
   * @param condition its condition, one seen in training
   * @return the predicted outcome, one of {@link #labels(String) labels(condition)}
   * @throws TrialSetException if the condition was not seen in training, or the trace has the wrong
   *     length or a non-finite value
   */
  public String predict(float[] trace, String condition) {
    ConditionModel m = model(condition);
    List<String> problems = new ArrayList<>();
    checkTrace(trace, "trace", channels * bins, bins, problems);
    throwIfAny(problems);
    return predict(m, features(trace));
  }

  /**
   * @param trace behaviour of one trial as {@code float[channels][bins]}, of the training shape
   * @param condition its condition, one seen in training
   * @return the predicted outcome, one of {@link #labels(String) labels(condition)}
   * @throws TrialSetException if the condition was not seen in training, or the trace has the wrong
   *     shape or a non-finite value
   */
  public String predict(float[][] trace, String condition) {
    return predict(flatten(Collections.singletonList(trace), channels).get(0), condition);
  }

  /**
   * Measures the classifier on trials not used to fit it.
   *
   * @param traces behaviour of each trial, channel-major {@code [channel][bin]}, of the training shape
   * @param conditions the condition of each trial, each seen in training
   * @param outcomes the true outcome of each trial
   * @return accuracy, number of trials and both majority-class baselines on these trials
   * @throws TrialSetException for the input problems of {@link #fit(List, int, List, List, int, double,
   *     int)}, a trace not of the training length, or a condition not seen in training
   */
  public Evaluation evaluate(List<float[]> traces, List<String> conditions, List<String> outcomes) {
    List<String> problems = new ArrayList<>();
    checkTrials(traces, conditions, outcomes, "evaluation", channels * bins, channels, problems);
    throwIfAny(problems);
    int n = traces.size();
    int right = 0;
    int base = 0;
    int global = 0;
    for (int i = 0; i < n; i++) {
      ConditionModel m = model(conditions.get(i));
      String y = outcomes.get(i);
      right += predict(m, features(traces.get(i))).equals(y) ? 1 : 0;
      base += m.majority.equals(y) ? 1 : 0;
      global += globalMajority.equals(y) ? 1 : 0;
    }
    return new Evaluation(right / (double) n, n, base / (double) n, global / (double) n);
  }

  /**
   * {@link #evaluate} for traces given per channel.
   *
   * @param traces behaviour of each trial as {@code float[channels][bins]}, of the training shape
   * @param conditions the condition of each trial, each seen in training
   * @param outcomes the true outcome of each trial
   * @return accuracy, number of trials and both majority-class baselines on these trials
   * @throws TrialSetException as {@link #evaluate}, and for a trial of the wrong shape
   */
  public Evaluation evaluateChannels(List<float[][]> traces, List<String> conditions, List<String> outcomes) {
    return evaluate(flatten(traces, channels), conditions, outcomes);
  }

  /**
   * @param condition a condition seen in training
   * @return the outcomes it allows (those seen with it in training), sorted, unmodifiable
   * @throws TrialSetException if the condition was not seen in training
   */
  public SortedSet<String> labels(String condition) {
    return Collections.unmodifiableSortedSet(new TreeSet<>(Arrays.asList(model(condition).labels)));
  }

  /** @return each training condition, sorted, with the outcomes it allows, sorted; unmodifiable */
  public SortedMap<String, SortedSet<String>> allowedLabels() {
    SortedMap<String, SortedSet<String>> out = new TreeMap<>();
    for (String c : models.keySet()) {
      out.put(c, labels(c));
    }
    return Collections.unmodifiableSortedMap(out);
  }

  /** @return behaviour channels per trace */
  public int channels() {
    return channels;
  }

  /** @return time bins per channel */
  public int bins() {
    return bins;
  }

  private ConditionModel model(String condition) {
    ConditionModel m = condition == null ? null : models.get(condition);
    if (m == null) {
      throw new TrialSetException("outcome classifier: unknown condition "
          + (condition == null ? "null" : "'" + condition + "'") + "; expected one of the training conditions "
          + models.keySet());
    }
    return m;
  }

  private double[] features(float[] trace) {
    return features(trace, channels, bins, windowBins);
  }

  /** Window means of each channel, {@code [channel][window]}, not yet z-scored. */
  private static double[] features(float[] trace, int channels, int bins, int windowBins) {
    int windows = Math.max(1, bins / windowBins);
    double[] out = new double[channels * windows];
    int span = Math.min(windowBins, bins);
    for (int c = 0; c < channels; c++) {
      int base = c * bins;
      for (int j = 0; j < windows; j++) {
        double s = 0;
        int from = base + j * span;
        for (int b = from; b < from + span; b++) {
          s += trace[b];
        }
        out[c * windows + j] = s / span;
      }
    }
    return out;
  }

  private static String predict(ConditionModel m, double[] raw) {
    if (m.weights == null) {
      return m.labels[0];
    }
    int f = raw.length;
    double[] z = new double[f];
    for (int j = 0; j < f; j++) {
      z[j] = (raw[j] - m.mean[j]) / m.scale[j];
    }
    double[] p = new double[m.labels.length];
    scores(m.weights, z, f, p);
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      best = p[k] > p[best] ? k : best;
    }
    return m.labels[best];
  }

  private static ConditionModel fitCondition(double[][] x, List<Integer> rows, List<String> outcomes, double l2,
      int iterations) {
    TreeSet<String> seen = new TreeSet<>();
    for (int i : rows) {
      seen.add(outcomes.get(i));
    }
    String[] labels = seen.toArray(new String[0]);
    String majority = majority(labels, rows, outcomes);
    if (labels.length == 1) {
      return new ConditionModel(labels, majority, null, null, null);
    }
    int n = rows.size();
    int f = x[0].length;
    double[][] z = new double[n][];
    int[] y = new int[n];
    for (int r = 0; r < n; r++) {
      z[r] = x[rows.get(r)].clone();
      y[r] = Arrays.binarySearch(labels, outcomes.get(rows.get(r)));
    }
    double[] mean = new double[f];
    double[] scale = new double[f];
    for (int j = 0; j < f; j++) {
      double s = 0;
      for (double[] v : z) {
        s += v[j];
      }
      mean[j] = s / n;
      double q = 0;
      for (double[] v : z) {
        q += (v[j] - mean[j]) * (v[j] - mean[j]);
      }
      scale[j] = Math.sqrt(q / n);
      if (!(scale[j] > 1e-12)) {
        scale[j] = 1;
      }
    }
    for (double[] v : z) {
      for (int j = 0; j < f; j++) {
        v[j] = (v[j] - mean[j]) / scale[j];
      }
    }
    double lr = 1 / (0.5 * largestEigenvalue(z) + 2 * l2);
    int c = labels.length;
    double[] w = new double[c * (f + 1)];
    double[] g = new double[w.length];
    double[] p = new double[c];
    for (int it = 0; it < iterations; it++) {
      Arrays.fill(g, 0);
      for (int r = 0; r < n; r++) {
        double[] v = z[r];
        scores(w, v, f, p);
        for (int k = 0; k < c; k++) {
          double d = (p[k] - (y[r] == k ? 1 : 0)) / n;
          int o = k * (f + 1);
          for (int j = 0; j < f; j++) {
            g[o + j] += d * v[j];
          }
          g[o + f] += d;
        }
      }
      for (int k = 0; k < c; k++) {
        int o = k * (f + 1);
        for (int j = 0; j < f; j++) {
          g[o + j] += 2 * l2 * w[o + j];
        }
      }
      for (int j = 0; j < w.length; j++) {
        w[j] -= lr * g[j];
      }
    }
    return new ConditionModel(labels, majority, mean, scale, w);
  }

  /**
   * Largest eigenvalue of (1/n)·Σ x̃x̃ᵀ with x̃ = (z, 1). The z-scored features have mean zero, so the
   * bias input is an eigenvector of eigenvalue 1 and the rest is the features' second-moment matrix,
   * whose top eigenvalue is found by power iteration from the all-ones vector.
   */
  private static double largestEigenvalue(double[][] z) {
    int n = z.length;
    int f = z[0].length;
    double[] m = new double[f * f];
    for (double[] v : z) {
      for (int a = 0; a < f; a++) {
        int o = a * f;
        for (int b = 0; b < f; b++) {
          m[o + b] += v[a] * v[b] / n;
        }
      }
    }
    double[] u = new double[f];
    double[] next = new double[f];
    Arrays.fill(u, 1 / Math.sqrt(f));
    double lambda = 0;
    for (int it = 0; it < POWER_ITERATIONS; it++) {
      double norm = 0;
      for (int a = 0; a < f; a++) {
        int o = a * f;
        double s = 0;
        for (int b = 0; b < f; b++) {
          s += m[o + b] * u[b];
        }
        next[a] = s;
        norm += s * s;
      }
      norm = Math.sqrt(norm);
      if (!(norm > 1e-300)) {
        break;
      }
      lambda = norm;
      for (int a = 0; a < f; a++) {
        u[a] = next[a] / norm;
      }
    }
    return Math.max(1, lambda);
  }

  /** Softmax of the linear scores, {@code w} row-major {@code [label][feature + bias]}, into p. */
  private static void scores(double[] w, double[] x, int f, double[] p) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < p.length; k++) {
      int o = k * (f + 1);
      double s = w[o + f];
      for (int j = 0; j < f; j++) {
        s += w[o + j] * x[j];
      }
      p[k] = s;
      max = Math.max(max, s);
    }
    double sum = 0;
    for (int k = 0; k < p.length; k++) {
      p[k] = Math.exp(p[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < p.length; k++) {
      p[k] /= sum;
    }
  }

  /** The most frequent outcome among the rows, ties to the first of the sorted labels. */
  private static String majority(String[] labels, List<Integer> rows, List<String> outcomes) {
    int[] count = new int[labels.length];
    for (int i : rows) {
      count[Arrays.binarySearch(labels, outcomes.get(i))]++;
    }
    int best = 0;
    for (int k = 1; k < labels.length; k++) {
      best = count[k] > count[best] ? k : best;
    }
    return labels[best];
  }

  /**
   * Checks the lists of a training or evaluation set into {@code problems}.
   *
   * @param length the required trace length, or -1 for that of the first trace
   * @return the trace length found (that of the first trace when none is required), or -1 if none
   */
  private static int checkTrials(List<float[]> traces, List<String> conditions, List<String> outcomes,
      String set, int length, int channels, List<String> problems) {
    if (traces.isEmpty()) {
      problems.add("expected at least one " + set + " trial, found none");
      return -1;
    }
    if (traces.size() != conditions.size() || traces.size() != outcomes.size()) {
      problems.add("expected one condition and one outcome per trace, found " + traces.size() + " traces, "
          + conditions.size() + " conditions and " + outcomes.size() + " outcomes");
    }
    int expected = length;
    for (int i = 0; i < traces.size(); i++) {
      float[] t = traces.get(i);
      if (expected < 0 && t != null) {
        expected = t.length;
      }
      int bins = expected >= channels && expected % channels == 0 ? expected / channels : 0;
      checkTrace(t, "trace " + i, expected, bins, problems);
      if (i < conditions.size() && conditions.get(i) == null) {
        problems.add("condition " + i + " is missing, expected a label");
      }
      if (i < outcomes.size() && outcomes.get(i) == null) {
        problems.add("outcome " + i + " is missing, expected a label");
      }
    }
    return expected;
  }

  /** @param bins bins per channel, to name the place of a bad value, or 0 to give its flat index */
  private static void checkTrace(float[] t, String name, int length, int bins, List<String> problems) {
    if (t == null) {
      problems.add(name + " is missing, expected " + length + " values");
      return;
    }
    if (t.length != length) {
      problems.add(name + " has " + t.length + " values, expected " + length);
      return;
    }
    for (int b = 0; b < t.length; b++) {
      if (!Float.isFinite(t[b])) {
        String at = bins > 0 ? "channel " + b / bins + ", bin " + b % bins : "value " + b;
        problems.add(name + " has " + t[b] + " at " + at + ", expected finite values");
        return;
      }
    }
  }

  private static void throwIfAny(List<String> problems) {
    if (problems.isEmpty()) {
      return;
    }
    StringBuilder s = new StringBuilder("outcome classifier: ");
    int shown = Math.min(PROBLEMS_LISTED, problems.size());
    s.append(String.join("; ", problems.subList(0, shown)));
    if (problems.size() > shown) {
      s.append("; and ").append(problems.size() - shown).append(" more");
    }
    throw new TrialSetException(s.toString());
  }

  private static int channelCount(List<float[][]> traces) {
    for (float[][] t : traces) {
      if (t != null) {
        return t.length;
      }
    }
    return 1;
  }

  /** Flattens {@code [channel][bin]} trials channel-major; checks each has {@code channels} equal rows. */
  private static List<float[]> flatten(List<float[][]> traces, int channels) {
    List<String> problems = new ArrayList<>();
    List<float[]> out = new ArrayList<>(traces.size());
    for (int i = 0; i < traces.size(); i++) {
      float[][] t = traces.get(i);
      if (t == null) {
        out.add(null);
        continue;
      }
      if (t.length < 1) {
        problems.add("trace " + i + " has no channels, expected at least one");
        continue;
      }
      if (t.length != channels) {
        problems.add("trace " + i + " has " + t.length + " channels, expected " + channels);
        continue;
      }
      int bins = t.length == 0 || t[0] == null ? 0 : t[0].length;
      float[] flat = new float[channels * bins];
      boolean ok = true;
      for (int c = 0; c < channels && ok; c++) {
        if (t[c] == null || t[c].length != bins) {
          problems.add("trace " + i + " channel " + c + " has "
              + (t[c] == null ? "no" : String.valueOf(t[c].length)) + " bins, expected " + bins + " as channel 0");
          ok = false;
        } else {
          System.arraycopy(t[c], 0, flat, c * bins, bins);
        }
      }
      out.add(flat);
    }
    throwIfAny(problems);
    return out;
  }
}
