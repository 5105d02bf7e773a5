package org.trialmatch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OutcomeClassifierTest {
  private static final int BINS = 120;
  private static final int WINDOW = 6;

  /** Trials with their condition and outcome; traces flat channel-major {@code [channel][bin]}. */
  private static final class Trials {
    final List<float[]> x = new ArrayList<>();
    final List<String> c = new ArrayList<>();
    final List<String> y = new ArrayList<>();

    void add(float[] trace, String condition, String outcome) {
      x.add(trace);
      c.add(condition);
      y.add(outcome);
    }

    /** The traces cut to one channel. */
    List<float[]> channel(int channel) {
      List<float[]> out = new ArrayList<>();
      for (float[] t : x) {
        float[] one = new float[BINS];
        System.arraycopy(t, channel * BINS, one, 0, BINS);
        out.add(one);
      }
      return out;
    }

    /** The traces as {@code float[2][BINS]}. */
    List<float[][]> perChannel() {
      List<float[][]> out = new ArrayList<>();
      for (float[] t : x) {
        float[][] two = new float[2][BINS];
        System.arraycopy(t, 0, two[0], 0, BINS);
        System.arraycopy(t, BINS, two[1], 0, BINS);
        out.add(two);
      }
      return out;
    }
  }

  /** One channel of Gaussian noise, with a bump of {@code bump} in bins 60 to 89 when the animal licks. */
  private static float[] trace(Random r, boolean lick, double bump) {
    float[] t = new float[BINS];
    for (int b = 0; b < BINS; b++) {
      t[b] = (float) (r.nextGaussian() + (lick && b >= 60 && b < 90 ? bump : 0));
    }
    return t;
  }

  /**
   * A detection task: half the trials have the stimulus; the animal licks on 60% of stimulus trials
   * (Hit, else Miss) and 30% of no-stimulus trials (FA, else CR).
   */
  private static Trials detection(Random r, int n, double bump) {
    Trials s = new Trials();
    for (int i = 0; i < n; i++) {
      boolean stim = r.nextBoolean();
      boolean lick = r.nextDouble() < (stim ? 0.6 : 0.3);
      String outcome = stim ? (lick ? "Hit" : "Miss") : (lick ? "FA" : "CR");
      s.add(trace(r, lick, bump), stim ? "stim" : "no-stim", outcome);
    }
    return s;
  }

  /**
   * A delayed-response task with left and right lick rates as two channels. A trial is correct iff the
   * animal licks on the instructed side only; it licks there with probability 0.35 and on the other side
   * with probability 0.65, independently, so 0.35² ≈ 12% of trials are correct. Whatever one channel
   * shows, "incorrect" stays the more likely outcome (probability 0.65 or 1), so one channel alone
   * predicts no better than the per-condition majority, and only the pair decides the outcome.
   */
  private static Trials delayedResponse(Random r, int n) {
    Trials s = new Trials();
    for (int i = 0; i < n; i++) {
      boolean left = r.nextBoolean();
      boolean instructed = r.nextDouble() < 0.35;
      boolean other = r.nextDouble() < 0.65;
      boolean lickLeft = left ? instructed : other;
      boolean lickRight = left ? other : instructed;
      float[] t = new float[2 * BINS];
      System.arraycopy(trace(r, lickLeft, 2.0), 0, t, 0, BINS);
      System.arraycopy(trace(r, lickRight, 2.0), 0, t, BINS, BINS);
      boolean correct = left ? lickLeft && !lickRight : lickRight && !lickLeft;
      s.add(t, left ? "lick left" : "lick right", correct ? "correct" : "incorrect");
    }
    return s;
  }

  private static OutcomeClassifier fit(Trials s) {
    return OutcomeClassifier.fit(s.x, s.c, s.y, WINDOW, 1e-3, 300);
  }

  @Test
  void detectionOutcomesAreThoseOfTheCondition() {
    Random r = new Random(1);
    OutcomeClassifier c = fit(detection(r, 200, 1.5));
    assertEquals(Map.of("stim", Set.of("Hit", "Miss"), "no-stim", Set.of("CR", "FA")), c.allowedLabels());
    assertEquals(Set.of("Hit", "Miss"), c.labels("stim"));
    assertEquals(Set.of("CR", "FA"), c.labels("no-stim"));
    float[] lick = trace(r, true, 3.0);
    float[] still = trace(r, false, 3.0);
    assertEquals("FA", c.predict(lick, "no-stim"), "a lick without the stimulus is a false alarm, never a Hit");
    assertEquals("Hit", c.predict(lick, "stim"));
    assertEquals("CR", c.predict(still, "no-stim"));
    assertEquals("Miss", c.predict(still, "stim"));
    Trials test = detection(r, 200, 1.5);
    for (int i = 0; i < test.x.size(); i++) {
      String p = c.predict(test.x.get(i), test.c.get(i));
      assertTrue(c.labels(test.c.get(i)).contains(p), test.c.get(i) + " trial predicted " + p);
    }
  }

  @Test
  void delayedResponseHasCorrectAndIncorrectPerCondition() {
    Trials s = delayedResponse(new Random(2), 200);
    OutcomeClassifier c = OutcomeClassifier.fit(s.x, 2, s.c, s.y, WINDOW, 1e-3, 300);
    Set<String> both = Set.of("correct", "incorrect");
    assertEquals(Map.of("lick left", both, "lick right", both), c.allowedLabels());
    assertEquals(2, c.channels());
    assertEquals(BINS, c.bins());
  }

  @Test
  void aConditionSeenWithOneOutcomeAlwaysPredictsIt() {
    Random r = new Random(3);
    Trials s = detection(r, 100, 1.5);
    for (int i = 0; i < 20; i++) {
      s.add(trace(r, i % 2 == 0, 1.5), "catch", "CR");
    }
    OutcomeClassifier c = fit(s);
    assertEquals(Set.of("CR"), c.labels("catch"));
    assertEquals("CR", c.predict(trace(r, true, 5.0), "catch"));
    assertEquals("CR", c.predict(trace(r, false, 5.0), "catch"));
  }

  @Test
  void separableOutcomesBeatTheBaselineOnHeldOutTrials() {
    Random r = new Random(4);
    Trials train = detection(r, 200, 1.5);
    OutcomeClassifier c = fit(train);
    Trials test = detection(r, 300, 1.5);
    OutcomeClassifier.Evaluation e = c.evaluate(test.x, test.c, test.y);
    assertEquals(300, e.n());
    assertTrue(e.accuracy() > 0.95, "accuracy " + e.accuracy());
    assertTrue(e.beatsBaseline(), e.toString());
    Map<String, Map<String, Integer>> count = new TreeMap<>();
    for (int i = 0; i < train.y.size(); i++) {
      count.computeIfAbsent(train.c.get(i), k -> new TreeMap<>()).merge(train.y.get(i), 1, Integer::sum);
      count.computeIfAbsent("", k -> new TreeMap<>()).merge(train.y.get(i), 1, Integer::sum);
    }
    Map<String, String> majority = new TreeMap<>();
    count.forEach((k, v) -> majority.put(k, Collections.max(v.entrySet(), Map.Entry.comparingByValue()).getKey()));
    assertEquals(Map.of("", "Hit", "stim", "Hit", "no-stim", "CR"), majority, "training majorities (seed 4)");
    int base = 0;
    int global = 0;
    for (int i = 0; i < test.y.size(); i++) {
      base += test.y.get(i).equals(majority.get(test.c.get(i))) ? 1 : 0;
      global += test.y.get(i).equals(majority.get("")) ? 1 : 0;
    }
    assertEquals(base / 300.0, e.baselineAccuracy(), 1e-12);
    assertEquals(global / 300.0, e.globalBaselineAccuracy(), 1e-12);
  }

  @Test
  void uninformativeTracesDoNotBeatTheBaseline() {
    Random r = new Random(5);
    OutcomeClassifier c = fit(detection(r, 200, 0.0));
    Trials test = detection(r, 400, 0.0);
    OutcomeClassifier.Evaluation e = c.evaluate(test.x, test.c, test.y);
    assertFalse(e.beatsBaseline(), e.toString());
    assertTrue(e.accuracy() < e.baselineAccuracy() + 0.05, e.toString());
  }

  @Test
  void twoChannelsDecideWhatNeitherChannelCanAlone() {
    Random r = new Random(6);
    Trials train = delayedResponse(r, 600);
    Trials test = delayedResponse(r, 400);
    OutcomeClassifier pair = OutcomeClassifier.fit(train.x, 2, train.c, train.y, WINDOW, 1e-3, 300);
    OutcomeClassifier.Evaluation e = pair.evaluate(test.x, test.c, test.y);
    assertTrue(e.accuracy() > 0.95, e.toString());
    assertTrue(e.beatsBaseline(), e.toString());
    for (int ch = 0; ch < 2; ch++) {
      OutcomeClassifier one = OutcomeClassifier.fit(train.channel(ch), train.c, train.y, WINDOW, 1e-3, 300);
      OutcomeClassifier.Evaluation e1 = one.evaluate(test.channel(ch), test.c, test.y);
      assertFalse(e1.beatsBaseline(), "channel " + ch + " alone: " + e1);
      assertTrue(e1.accuracy() < e.accuracy() - 0.05, "channel " + ch + " alone: " + e1 + ", both: " + e);
    }
  }

  @Test
  void perChannelAndFlatTracesGiveTheSameClassifier() {
    Random r = new Random(7);
    Trials train = delayedResponse(r, 100);
    Trials test = delayedResponse(r, 50);
    OutcomeClassifier flat = OutcomeClassifier.fit(train.x, 2, train.c, train.y, WINDOW, 1e-3, 100);
    OutcomeClassifier split = OutcomeClassifier.fitChannels(train.perChannel(), train.c, train.y, WINDOW, 1e-3, 100);
    List<float[][]> testSplit = test.perChannel();
    for (int i = 0; i < test.x.size(); i++) {
      assertEquals(flat.predict(test.x.get(i), test.c.get(i)), split.predict(testSplit.get(i), test.c.get(i)));
    }
    assertEquals(flat.evaluate(test.x, test.c, test.y), split.evaluateChannels(testSplit, test.c, test.y));
  }

  @Test
  void fittingIsDeterministic() {
    Trials s = detection(new Random(8), 60, 1.0);
    OutcomeClassifier a = fit(s);
    OutcomeClassifier b = fit(s);
    for (int i = 0; i < s.x.size(); i++) {
      assertEquals(a.predict(s.x.get(i), s.c.get(i)), b.predict(s.x.get(i), s.c.get(i)));
    }
  }

  @Test
  void beatsBaselineNeedsMoreThanOneStandardError() {
    // b = 0.7, n = 100: standard error sqrt(0.21 / 100) = 0.0458
    OutcomeClassifier.Evaluation e = new OutcomeClassifier.Evaluation(0.75, 100, 0.7, 0.5);
    assertEquals(Math.sqrt(0.21 / 100), e.baselineStandardError(), 1e-12);
    assertTrue(e.beatsBaseline());
    assertFalse(new OutcomeClassifier.Evaluation(0.74, 100, 0.7, 0.5).beatsBaseline());
    assertFalse(new OutcomeClassifier.Evaluation(1.0, 100, 1.0, 1.0).beatsBaseline());
    assertThrows(IllegalArgumentException.class, () -> new OutcomeClassifier.Evaluation(0.5, 0, 0.5, 0.5));
    assertThrows(IllegalArgumentException.class, () -> new OutcomeClassifier.Evaluation(Double.NaN, 10, 0.5, 0.5));
  }

  private static String fails(Runnable r) {
    String m = assertThrows(TrialSetException.class, r::run).getMessage();
    assertFalse(m.contains("\n"), "one line: " + m);
    return m;
  }

  private static void assertContains(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), "expected '" + p + "' in: " + message);
    }
  }

  @Test
  void inputProblemsAreNamed() {
    Random r = new Random(9);
    Trials s = detection(r, 10, 1.0);
    List<float[]> none = Collections.emptyList();
    List<String> noLabels = Collections.emptyList();
    assertContains(fails(() -> OutcomeClassifier.fit(none, noLabels, noLabels, WINDOW, 1e-3, 10)),
        "expected at least one training trial, found none");
    assertContains(fails(() -> OutcomeClassifier.fit(s.x, s.c.subList(0, 9), s.y, WINDOW, 1e-3, 10)),
        "found 10 traces, 9 conditions and 10 outcomes");
    List<float[]> ragged = new ArrayList<>(s.x);
    ragged.set(3, new float[BINS - 2]);
    assertContains(fails(() -> OutcomeClassifier.fit(ragged, s.c, s.y, WINDOW, 1e-3, 10)),
        "trace 3 has 118 values, expected 120");
    List<float[]> nan = new ArrayList<>(s.x);
    nan.set(2, s.x.get(2).clone());
    nan.get(2)[17] = Float.NaN;
    assertContains(fails(() -> OutcomeClassifier.fit(nan, s.c, s.y, WINDOW, 1e-3, 10)),
        "trace 2 has NaN at channel 0, bin 17, expected finite values");
    assertContains(fails(() -> OutcomeClassifier.fit(s.x, 7, s.c, s.y, WINDOW, 1e-3, 10)),
        "channels = 7", "found 120 values");
    OutcomeClassifier c = fit(s);
    assertContains(fails(() -> c.predict(s.x.get(0), "catch")),
        "unknown condition 'catch'", "[no-stim, stim]");
    assertContains(fails(() -> c.labels("catch")), "unknown condition 'catch'");
    assertContains(fails(() -> c.predict(new float[BINS + 1], "stim")), "trace has 121 values, expected 120");
    assertContains(fails(() -> c.evaluate(nan, s.c, s.y)), "trace 2 has NaN");
    assertContains(fails(() -> c.evaluate(none, noLabels, noLabels)),
        "expected at least one evaluation trial, found none");
    List<float[][]> split = new ArrayList<>(delayedResponse(r, 3).perChannel());
    split.set(1, new float[][] {new float[BINS], new float[BINS - 1]});
    assertContains(fails(() -> OutcomeClassifier.fitChannels(split, List.of("a", "a", "a"),
        List.of("x", "y", "x"), WINDOW, 1e-3, 10)), "trace 1 channel 1 has 119 bins, expected 120");
    split.set(1, new float[][] {new float[BINS]});
    assertContains(fails(() -> OutcomeClassifier.fitChannels(split, List.of("a", "a", "a"),
        List.of("x", "y", "x"), WINDOW, 1e-3, 10)), "trace 1 has 1 channels, expected 2");
  }
}
