package org.trialmatch.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;
import org.trialmatch.data.TrialTensor;
import org.trialmatch.testing.Tolerances;

class AnalysisTest {
  private static final int BINS = 60;
  private static final double DT = 2.0;

  /** Random counts [t][trial][unit] with a per-unit, per-trial time course so nothing is constant. */
  private static float[] randomCounts(int trials, int units, SplittableRandom rng) {
    float[] v = new float[BINS * trials * units];
    for (int t = 0; t < BINS; t++) {
      for (int k = 0; k < trials; k++) {
        for (int n = 0; n < units; n++) {
          double p = 0.05 + 0.3 * Math.abs(Math.sin(0.1 * t * (1 + n % 3) + k));
          v[(t * trials + k) * units + n] = rng.nextDouble() < p ? 1f : 0f;
        }
      }
    }
    return v;
  }

  /** The same trials in another order: out trial k = in trial perm[k]. */
  private static float[] permuteTrials(float[] in, int trials, int units, int[] perm) {
    float[] out = new float[in.length];
    for (int t = 0; t < BINS; t++) {
      for (int k = 0; k < trials; k++) {
        System.arraycopy(in, (t * trials + perm[k]) * units, out, (t * trials + k) * units, units);
      }
    }
    return out;
  }

  private static List<String> areas(int units) {
    List<String> a = new ArrayList<>();
    for (int n = 0; n < units; n++) {
      a.add(n < units / 2 ? "A" : "B");
    }
    return a;
  }

  private static AnalysisInputs inputs(float[] test, float[] train, float[] model, int trials, int units) {
    List<String> types = new ArrayList<>();
    for (int k = 0; k < trials; k++) {
      types.add(k % 3 == 0 ? "Miss" : "Hit");
    }
    List<String> cond = Collections.nCopies(trials, "stim");
    SessionInputs s = SessionInputs.builder("s1", areas(units))
        .test(TrialTensor.counts(test, BINS, trials, units), types, cond)
        .train(TrialTensor.counts(train, BINS, trials, units), cond)
        .model(TrialTensor.counts(model, BINS, trials, units), types, cond).build();
    return AnalysisInputs.builder("r", List.of("A", "B"), DT).session(s).build();
  }

  private static AnalysisConfig cfg() {
    return AnalysisConfig.defaults(1).withMinUnitsPerArea(3).withResample(2);
  }

  @Test
  void identicalDataAndModelCorrelatePerfectly() {
    int trials = 12;
    int units = 8;
    float[] c = randomCounts(trials, units, new SplittableRandom(1));
    AnalysisResult r = Analysis.run(inputs(c, c, c, trials, units), cfg());
    assertEquals(1.0, r.tTrial().overallModel().mean(), Tolerances.PATH);
    assertEquals(trials, r.tTrial().overallModel().n());
    assertEquals(1.0, r.tTrial().overallCeiling().mean(), Tolerances.PATH);
    assertEquals(1.0, r.tNeuron().overallModel().mean(), Tolerances.PATH);
    for (AreaCorrelation ac : r.tTrial().perArea()) {
      assertEquals(1.0, ac.model().mean(), Tolerances.PATH, ac.area());
    }
  }

  @Test
  void matchingFindsPermutedTrials() {
    int trials = 10;
    int units = 8;
    SplittableRandom rng = new SplittableRandom(2);
    float[] c = randomCounts(trials, units, rng);
    int[] perm = {3, 7, 0, 9, 1, 4, 8, 2, 6, 5};
    float[] model = permuteTrials(c, trials, units, perm);
    float[] train = randomCounts(trials, units, rng);
    AnalysisResult r = Analysis.run(inputs(c, train, model, trials, units), cfg());
    for (double v : r.tTrial().modelPairs()) {
      assertEquals(1.0, v, Tolerances.PATH);
    }
    assertTrue(r.tTrial().overallCeiling().mean() < 0.99, "independent train trials should not match perfectly");
  }

  /** t_neuron against a direct computation: filter every trial with a naive box average, average, Pearson. */
  @Test
  void tNeuronAgainstADirectComputation() {
    int trials = 7;
    int units = 6;
    SplittableRandom rng = new SplittableRandom(3);
    float[] test = randomCounts(trials, units, rng);
    float[] train = randomCounts(trials, units, rng);
    float[] model = randomCounts(trials, units, rng);
    AnalysisResult r = Analysis.run(inputs(test, train, model, trials, units), cfg());
    double[] got = r.tNeuron().model();
    double[] gotCeil = r.tNeuron().ceiling();
    for (int n = 0; n < units; n++) {
      double[] pt = naivePsth(test, trials, units, n);
      double[] pm = naivePsth(model, trials, units, n);
      double[] pr = naivePsth(train, trials, units, n);
      assertEquals(new PearsonsCorrelation().correlation(pt, pm), got[n], Tolerances.PATH);
      assertEquals(new PearsonsCorrelation().correlation(pr, pt), gotCeil[n], Tolerances.PATH);
    }
    double mean = 0;
    for (int n = 0; n < units / 2; n++) {
      mean += got[n];
    }
    assertEquals(mean / (units / 2), r.tNeuron().perArea().get(0).model().mean(), Tolerances.PATH);
  }

  /** F1 at 2 ms = windows [3j-2, 3j+4) clipped; each trial filtered, then averaged, in Hz. */
  private static double[] naivePsth(float[] c, int trials, int units, int n) {
    int out = (BINS + 4 - 6) / 3 + 1;
    double[] p = new double[out];
    for (int j = 0; j < out; j++) {
      int lo = Math.max(0, 3 * j - 2);
      int hi = Math.min(BINS, 3 * j + 4);
      for (int k = 0; k < trials; k++) {
        double s = 0;
        for (int t = lo; t < hi; t++) {
          s += c[(t * trials + k) * units + n];
        }
        p[j] += s / (hi - lo) / (DT / 1000) / trials;
      }
    }
    return p;
  }

  @Test
  void aSilentModelUnitScoresZeroAndASilentDataUnitIsLeftOutOfBoth() {
    int trials = 5;
    int units = 6;
    float[] c = randomCounts(trials, units, new SplittableRandom(4));
    float[] model = c.clone();
    float[] train = c.clone();
    for (int t = 0; t < BINS; t++) {
      for (int k = 0; k < trials; k++) {
        model[(t * trials + k) * units] = 0f;
        train[(t * trials + k) * units + 1] = 0f;
      }
    }
    AnalysisResult r = Analysis.run(inputs(c, train, model, trials, units), cfg());
    assertEquals(0.0, r.tNeuron().model()[0], "a silent model unit scores 0");
    assertTrue(Double.isNaN(r.tNeuron().model()[1]) && Double.isNaN(r.tNeuron().ceiling()[1]),
        "a unit whose train PSTH is constant is left out of the model score and the ceiling alike");
    assertEquals(1, r.tNeuron().perArea().get(0).model().excluded());
    assertEquals(1, r.tNeuron().perArea().get(0).ceiling().excluded());
    assertEquals(2, r.tNeuron().perArea().get(0).model().n());
    assertEquals(r.tNeuron().overallModel().n(), r.tNeuron().overallCeiling().n(), "the same units");
    assertEquals(1, r.tNeuron().exclusions().constantData());
    assertEquals(1, r.tNeuron().exclusions().modelFlat());
  }

  @Test
  void trialTypeFractionsCountTrials() {
    int trials = 9;
    int units = 6;
    float[] c = randomCounts(trials, units, new SplittableRandom(5));
    AnalysisResult r = Analysis.run(inputs(c, c, c, trials, units), cfg());
    TrialTypeFractions f = r.trialTypes();
    assertEquals(List.of("Hit", "Miss"), List.of(f.rows().get(0).label(), f.rows().get(1).label()));
    assertEquals(Stats.wilson95(6, 9), f.rows().get(0).data());
    assertEquals(Stats.wilson95(3, 9), f.rows().get(1).model());
  }

  @Test
  void trialsOfAConditionTheModelLacksAreLeftUnmatchedAndSaid() {
    int trials = 6;
    int units = 6;
    float[] c = randomCounts(trials, units, new SplittableRandom(6));
    List<String> types = Collections.nCopies(trials, "Hit");
    List<String> dataCond = List.of("stim", "stim", "stim", "nostim", "nostim", "nostim");
    SessionInputs s = SessionInputs.builder("s1", areas(units))
        .test(TrialTensor.counts(c, BINS, trials, units), types, dataCond)
        .train(TrialTensor.counts(c, BINS, trials, units), dataCond)
        .model(TrialTensor.counts(c, BINS, trials, units), types, Collections.nCopies(trials, "stim")).build();
    AnalysisResult r = Analysis.run(AnalysisInputs.builder("r", List.of("A", "B"), DT).session(s).build(), cfg());
    // 3 stim test trials each matched to a distinct one of the 6 stim model trials; the 3 nostim test trials
    // have no model trial of their condition
    assertEquals(3, r.tTrial().overallModel().n());
    assertEquals(6, r.tTrial().overallCeiling().n());
    String note = r.tTrial().perSession().get(0).note();
    assertTrue(note.contains("vs model: 3 test trials unmatched"), note);
    assertFalse(note.contains("vs train"), note);
  }

  @Test
  void sessionsWithoutEnoughUnitsAreSkippedWithAReason() {
    int trials = 4;
    int units = 6;
    float[] c = randomCounts(trials, units, new SplittableRandom(7));
    AnalysisResult r = Analysis.run(inputs(c, c, c, trials, units), AnalysisConfig.defaults(0));
    assertTrue(r.tTrial().perSession().get(0).note().startsWith("skipped: no area with at least 10 units"));
    assertEquals(0, r.tTrial().overallModel().n());
    assertFalse(r.modes().computed());
    assertFalse(r.notes().isEmpty());
  }

  @Test
  void inputProblemsAreReportedTogether() {
    List<String> cond = Collections.nCopies(2, "c");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionInputs
        .builder("s", List.of("A", "B"))
        .test(TrialTensor.counts(new float[BINS * 2 * 2], BINS, 2, 2), List.of("x"), cond)
        .train(TrialTensor.counts(new float[(BINS - 1) * 2 * 2], BINS - 1, 2, 2), cond)
        .model(TrialTensor.counts(new float[BINS * 2 * 3], BINS, 2, 3), List.of("x", "y"), cond).build());
    assertTrue(e.getMessage().contains("test has 1 trial types for 2 trials"), e.getMessage());
    assertTrue(e.getMessage().contains("train has 59 bins"), e.getMessage());
    assertTrue(e.getMessage().contains("model has 3 units"), e.getMessage());
    SessionInputs ok = SessionInputs.builder("s", List.of("A", "C"))
        .test(TrialTensor.counts(new float[BINS * 2 * 2], BINS, 2, 2), List.of("x", "x"), cond)
        .train(TrialTensor.counts(new float[BINS * 2 * 2], BINS, 2, 2), cond)
        .model(TrialTensor.counts(new float[BINS * 2 * 2], BINS, 2, 2), List.of("x", "y"), cond).build();
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
        () -> AnalysisInputs.builder("r", List.of("A", "B"), -1).session(ok).session(ok).build());
    assertTrue(e2.getMessage().contains("dtMs must be > 0, was -1.0"), e2.getMessage());
    assertTrue(e2.getMessage().contains("session name repeats: s"), e2.getMessage());
    assertTrue(e2.getMessage().contains("areas [C]"), e2.getMessage());
  }

  @Test
  void negativeCountsAreRejected() {
    float[] v = new float[BINS];
    v[5] = -1f;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrialTensor.counts(v, BINS, 1, 1));
    assertTrue(e.getMessage().contains("[t 5][trial 0][unit 0]"), e.getMessage());
    float[] nan = new float[BINS];
    nan[3] = Float.NaN;
    TrialTensor unchecked = TrialTensor.wrap(nan, BINS, 1, 1);
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
        () -> SessionInputs.builder("s1", areas(1)).model(unchecked, List.of("x"), List.of("c")));
    assertTrue(e2.getMessage().contains("[t 3][trial 0][unit 0]"), e2.getMessage());
  }

  @Test
  void hiddenModeOfTheDataIsFoundAndAbsentFromTheModel() {
    AnalysisResult r = Analysis.run(SyntheticInputs.build(2, 60, true, null, 7), AnalysisConfig.defaults(3));
    Modes m = r.modes();
    assertTrue(m.computed(), m.note());
    assertEquals(2, m.k(), "silhouettes " + m.silhouetteByK());
    ClusterSummary miss = m.clusters().get(0).dataTypes().getOrDefault("stim/Miss", 0)
        > m.clusters().get(1).dataTypes().getOrDefault("stim/Miss", 0) ? m.clusters().get(0) : m.clusters().get(1);
    int missTrials = r.trialTypes().rows().get(1).data().count();
    assertEquals(missTrials, (int) miss.dataTypes().get("stim/Miss"), "every Miss trial in the quiet mode");
    assertEquals(0, miss.dataTypes().getOrDefault("stim/Hit", 0));
    assertEquals((double) missTrials / r.trialTypes().dataTrials(), miss.dataShare().p(), Tolerances.EXACT);
    assertTrue(miss.modelShare().hi() < miss.dataShare().lo(), "model share " + miss.modelShare() + " vs data "
        + miss.dataShare());
    // the quiet mode is quiet in area 2 and active in area 1, like the Miss trials it holds
    double[] area2 = miss.dataActivity(1);
    double[] t = r.f1TimesMs();
    for (int j = 0; j < t.length; j++) {
      if (t[j] > 40 && t[j] < 150) {
        assertTrue(area2[j] < 20, "area 2 rate of the quiet mode at " + t[j] + " ms: " + area2[j]);
      }
    }
  }
}
