package org.trialmatch.analysis;

import org.trialmatch.data.TrialTensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialmatch.testing.Tolerances.PATH;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-condition PSTHs of the report on inputs small enough to compute by hand: 12 ms bins with a
 * 12 ms F1 (one bin, the identity) and resample 1 (F2 = mean of two neighbouring bins), so a unit's
 * filtered rate on a trial is {@code (c[t] + c[t+1]) / 2 / 0.012} Hz.
 */
class UnitPsthsTest {
  private static final double DT = 12.0;
  private static final int BINS = 4;
  private static final double DT_S = DT / 1000.0;

  @FunctionalInterface
  interface CountRule {
    int at(int t, int trial, int unit);
  }

  private static TrialTensor counts(int trials, int units, CountRule rule) {
    float[] v = new float[BINS * trials * units];
    for (int t = 0; t < BINS; t++) {
      for (int k = 0; k < trials; k++) {
        for (int u = 0; u < units; u++) {
          v[(t * trials + k) * units + u] = rule.at(t, k, u);
        }
      }
    }
    return TrialTensor.counts(v, BINS, trials, units);
  }

  /** The filtered rate of one unit on one trial, by the definition. */
  private static double[] rate(TrialTensor c, int trial, int unit) {
    double[] out = new double[BINS - 1];
    for (int j = 0; j < out.length; j++) {
      out[j] = (c.get(j, trial, unit) + c.get(j + 1, trial, unit)) / 2.0 / DT_S;
    }
    return out;
  }

  /** Mean and s.e.m. (sample sd / √n) over the given per-trial traces, bin by bin. */
  private static double[][] meanSem(List<double[]> traces) {
    int n = traces.size();
    int bins = traces.get(0).length;
    double[][] out = new double[2][bins];
    for (int j = 0; j < bins; j++) {
      double s = 0;
      for (double[] x : traces) {
        s += x[j];
      }
      double m = s / n;
      double ss = 0;
      for (double[] x : traces) {
        ss += (x[j] - m) * (x[j] - m);
      }
      out[0][j] = m;
      out[1][j] = Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
    }
    return out;
  }

  private static double[] population(TrialTensor c, int trial, int[] units) {
    double[] out = new double[BINS - 1];
    for (int u : units) {
      double[] r = rate(c, trial, u);
      for (int j = 0; j < out.length; j++) {
        out[j] += r[j] / units.length;
      }
    }
    return out;
  }

  private static AnalysisConfig cfg() {
    return new AnalysisConfig(12.0, 1, 1, 2, 2, 1, 2, 10, 0, 0.0, java.util.Optional.empty());
  }

  /**
   * Three units of one area: unit 1's training trials equal its test trials (ceiling 1), unit 0's do not
   * (ceiling below 1), unit 2 never fires in training (no ceiling).
   */
  private static SessionInputs oneSession(String name, int units, int offset) {
    List<String> test = List.of("L", "L", "R");
    List<String> model = List.of("L", "R", "R", "L");
    CountRule data = (t, k, u) -> (t * (k + 1) + 2 * u + offset) % 3;
    TrialTensor testCounts = counts(3, units, data);
    TrialTensor trainCounts = counts(3, units, (t, k, u) -> u == 2 ? 0 : u == 1 ? data.at(t, k, u) : (t == 1 ? 2 : k % 2));
    TrialTensor modelCounts = counts(4, units, (t, k, u) -> (t + k + u + offset) % 2);
    return SessionInputs.builder(name, Collections.nCopies(units, "A"))
        .test(testCounts, List.of("L/x", "L/x", "R/x"), test)
        .train(trainCounts, List.of("L", "R", "R"))
        .model(modelCounts, List.of("L/?", "R/?", "R/?", "L/?"), model).build();
  }

  @Test
  void aUnitsPsthPerConditionIsTheMeanAndSemOfItsFilteredRateOverTrials() {
    SessionInputs s = oneSession("s1", 3, 0);
    AnalysisInputs in = AnalysisInputs.builder("r", List.of("A"), DT).session(s).modelTrialsShared(true).build();
    AnalysisResult r = Analysis.run(in, cfg());
    UnitPsths u = r.unitPsths();
    assertEquals(BINS - 1, u.timesMs().length);
    List<UnitPsths.Unit> chosen = u.units(0);
    assertEquals(2, chosen.size(), "unit 2 has no ceiling and is never chosen");
    assertEquals(1, chosen.get(0).unit(), "the unit with the higher ceiling first");
    assertEquals(0, chosen.get(1).unit());
    assertEquals(1.0, chosen.get(0).ceiling(), PATH);
    assertTrue(chosen.get(1).ceiling() < 1.0);
    assertEquals("unit 1", chosen.get(0).label());
    for (UnitPsths.Unit unit : chosen) {
      ConditionMeans m = unit.psth();
      assertEquals(List.of("L", "R"), m.conditions());
      // data, condition L: test trials 0 and 1
      double[][] l = meanSem(List.of(rate(s.test(), 0, unit.unit()), rate(s.test(), 1, unit.unit())));
      assertArrayEquals(l[0], m.dataMean(0));
      assertArrayEquals(l[1], m.dataSem(0));
      assertEquals(2, m.dataTrials(0));
      // data, condition R: one trial, no standard error
      assertArrayEquals(rate(s.test(), 2, unit.unit()), m.dataMean(1));
      assertTrue(Double.isNaN(m.dataSem(1)[0]));
      // model, condition R: model trials 1 and 2
      double[][] mr = meanSem(List.of(rate(s.model(), 1, unit.unit()), rate(s.model(), 2, unit.unit())));
      assertArrayEquals(mr[0], m.modelMean(1));
      assertArrayEquals(mr[1], m.modelSem(1));
      assertEquals(2, m.modelTrials(1));
    }
    // the population: per trial the mean over the area's three units
    ConditionMeans pop = u.population(0).orElseThrow();
    int[] all = {0, 1, 2};
    double[][] l = meanSem(List.of(population(s.test(), 0, all), population(s.test(), 1, all)));
    assertArrayEquals(l[0], pop.dataMean(0));
    assertArrayEquals(l[1], pop.dataSem(0));
    double[][] ml = meanSem(List.of(population(s.model(), 0, all), population(s.model(), 3, all)));
    assertArrayEquals(ml[0], pop.modelMean(0));
    assertArrayEquals(ml[1], pop.modelSem(0));
  }

  @Test
  void sessionsAreCombinedWeightedByTheirUnitsAndSharedModelTrialsPerTrial() {
    SessionInputs s1 = oneSession("s1", 2, 0);
    SessionInputs s2 = oneSession("s2", 1, 1);
    AnalysisInputs in = AnalysisInputs.builder("r", List.of("A"), DT).session(s1).session(s2).modelTrialsShared(true)
        .build();
    ConditionMeans pop = Analysis.run(in, cfg()).unitPsths().population(0).orElseThrow();
    assertEquals(3, Analysis.run(in, cfg()).unitPsths().unitsInArea(0));
    // data, condition L: each session's mean and s.e.m. over its trials 0 and 1, weights 2 and 1
    double[][] a = meanSem(List.of(population(s1.test(), 0, new int[] {0, 1}), population(s1.test(), 1, new int[] {0, 1})));
    double[][] b = meanSem(List.of(population(s2.test(), 0, new int[] {0}), population(s2.test(), 1, new int[] {0})));
    double[] mean = new double[BINS - 1];
    double[] sem = new double[BINS - 1];
    for (int j = 0; j < mean.length; j++) {
      mean[j] = (2 * a[0][j] + b[0][j]) / 3;
      sem[j] = Math.sqrt(4 * a[1][j] * a[1][j] + b[1][j] * b[1][j]) / 3;
    }
    assertArrayEquals(mean, pop.dataMean(0));
    assertArrayEquals(sem, pop.dataSem(0));
    assertEquals(4, pop.dataTrials(0), "two L trials in each session");
    // model, condition L: the same model trials 0 and 3 in both sessions, averaged over the three units per trial
    List<double[]> perTrial = new ArrayList<>();
    for (int k : new int[] {0, 3}) {
      double[] p1 = population(s1.model(), k, new int[] {0, 1});
      double[] p2 = population(s2.model(), k, new int[] {0});
      double[] p = new double[BINS - 1];
      for (int j = 0; j < p.length; j++) {
        p[j] = (2 * p1[j] + p2[j]) / 3;
      }
      perTrial.add(p);
    }
    double[][] m = meanSem(perTrial);
    assertArrayEquals(m[0], pop.modelMean(0));
    assertArrayEquals(m[1], pop.modelSem(0));
    assertEquals(2, pop.modelTrials(0), "shared model trials count once");
  }

  @Test
  void behaviourPerConditionPoolsTheTrialsOfEverySession() {
    SessionInputs base = oneSession("s1", 2, 0);
    float[] testB = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    float[] modelB = new float[BINS * 4];
    for (int i = 0; i < modelB.length; i++) {
      modelB[i] = i % 5;
    }
    SessionInputs s = SessionInputs.builder("s1", base.unitAreas())
        .test(base.test(), base.testTypes(), base.testConditions()).train(base.train(), base.trainConditions())
        .model(base.model(), base.modelTypes(), base.modelConditions())
        .testBehaviour(BehaviourTrace.wrap(testB, BINS, 3)).trainBehaviour(BehaviourTrace.wrap(testB, BINS, 3))
        .modelBehaviour(BehaviourTrace.wrap(modelB, BINS, 4)).build();
    AnalysisInputs in = AnalysisInputs.builder("r", List.of("A"), DT).session(s).modelTrialsShared(true).build();
    List<ConditionMeans> by = Analysis.run(in, cfg()).behaviourByCondition();
    assertEquals(1, by.size());
    ConditionMeans m = by.get(0);
    // F1 is the identity: condition L is test trials 0 and 1, [t][trial] = t * 3 + k
    for (int t = 0; t < BINS; t++) {
      double x0 = t * 3;
      double x1 = t * 3 + 1;
      assertEquals((x0 + x1) / 2, m.dataMean(0)[t], PATH);
      assertEquals(Math.abs(x1 - x0) / Math.sqrt(2) / Math.sqrt(2), m.dataSem(0)[t], PATH);
      double y1 = modelB[t * 4 + 1];
      double y2 = modelB[t * 4 + 2];
      assertEquals((y1 + y2) / 2, m.modelMean(1)[t], PATH);
    }
    assertEquals(2, m.dataTrials(0));
    assertEquals(1, m.dataTrials(1));
    assertEquals(2, m.modelTrials(1));
  }

  private static void assertArrayEquals(double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length, "length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], PATH * Math.max(1, Math.abs(expected[i])), "index " + i);
    }
  }
}
