package org.trialmatch.evaluate;

import java.util.List;
import java.util.function.LongConsumer;
import org.trialmatch.data.ConfigException;
import org.trialmatch.data.TrialTensor;
import org.trialmatch.model.RandomStreams;
import org.trialmatch.train.Fit;

/**
 * Model trials of a fitted run, simulated once for evaluation and export. Trials are drawn in chunks of
 * {@link #CHUNK} with {@link Fit#simulateTest(int, long)}: each takes the condition and event times of a
 * random test trial, chunk {@code c} seeded by {@code mix64(seed + φ (c + 1))}; with a condition, only
 * trials of that condition are kept and further chunks are drawn until there are enough. The same
 * (run, n, condition, seed) always gives the same trials.
 */
public final class EvaluationTrials {
  /** Trials simulated per call of {@link Fit#simulateTest(int, long)}. */
  public static final int CHUNK = 100;
  /** Chunks drawn at most per requested trial of a condition before giving up. */
  private static final int MAX_CHUNKS_PER_TRIAL = 50;

  private final Fit.Simulated trials;
  private final long seed;
  private final String condition;

  private EvaluationTrials(Fit.Simulated trials, long seed, String condition) {
    this.trials = trials;
    this.seed = seed;
    this.condition = condition;
  }

  /** Receives one kept trial: trial {@code b} of the chunk {@code s} becomes trial {@code k}. */
  @FunctionalInterface
  interface TrialSink {
    void accept(Fit.Simulated s, int b, int k);
  }

  /**
   * Simulates {@code n} model trials of the test split.
   *
   * @param fit the fitted model
   * @param n trials wanted (>= 1)
   * @param condition keep only trials of this condition label, or null for all
   * @param seed seed of the draws
   * @param progress told the number of trials kept so far after each chunk (may be null)
   * @return the trials
   * @throws ConfigException if n < 1 or the condition is not one of the data's
   */
  public static EvaluationTrials simulate(Fit fit, int n, String condition, long seed, LongConsumer progress) {
    int steps = fit.model().steps();
    int units = fit.layout().nUnits();
    check(fit, n, condition);
    float[] spikes = new float[steps * n * units];
    int nch = fit.model().behaviourChannels();
    float[] jaw = new float[steps * n * nch];
    String[] conditions = new String[n];
    draw(fit, n, condition, seed, progress, (s, b, k) -> {
      int m = s.spikes().trials();
      for (int t = 0; t < steps; t++) {
        System.arraycopy(s.spikes().values(), (t * m + b) * units, spikes, (t * n + k) * units, units);
        System.arraycopy(s.behaviour().values(), (t * m + b) * nch, jaw, (t * n + k) * nch, nch);
      }
      conditions[k] = s.condition(b);
    });
    Fit.Simulated all = new Fit.Simulated(TrialTensor.wrap(spikes, steps, n, units),
        TrialTensor.wrap(jaw, steps, n, nch), conditions);
    return new EvaluationTrials(all, seed, condition);
  }

  static void check(Fit fit, int n, String condition) {
    if (n < 1) {
      throw new ConfigException("trials", "must be >= 1, was " + n);
    }
    List<String> labels = fit.data().conditionLabels();
    if (condition != null && !labels.contains(condition)) {
      throw new ConfigException("condition", "must be one of " + labels + ", was '" + condition + "'");
    }
  }

  /** Draws chunks until {@code n} trials (of the condition, when given) went to the sink. */
  static void draw(Fit fit, int n, String condition, long seed, LongConsumer progress, TrialSink sink) {
    int kept = 0;
    long maxChunks = (long) MAX_CHUNKS_PER_TRIAL * n;
    for (long chunk = 0; kept < n; chunk++) {
      if (chunk >= maxChunks) {
        throw new ConfigException("condition", "'" + condition + "': only " + kept + " of " + n
            + " trials found in " + maxChunks + " chunks of " + CHUNK + " draws");
      }
      int m = condition == null ? Math.min(CHUNK, n - kept) : CHUNK;
      Fit.Simulated s = fit.simulateTest(m, RandomStreams.mix64(seed + 0x9E3779B97F4A7C15L * (chunk + 1)));
      for (int b = 0; b < m && kept < n; b++) {
        if (condition != null && !condition.equals(s.condition(b))) {
          continue;
        }
        sink.accept(s, b, kept);
        kept++;
      }
      if (progress != null) {
        progress.accept(kept);
      }
    }
  }

  /** @return the trials: spikes {@code [t][trial][unit]}, jaw {@code [t][trial][channel]}, conditions */
  public Fit.Simulated trials() {
    return trials;
  }

  /** @return the seed they were drawn with */
  public long seed() {
    return seed;
  }

  /** @return number of trials */
  public int size() {
    return trials.spikes().trials();
  }

  /** @return the condition kept, or null for all */
  public String condition() {
    return condition;
  }
}
