package org.trialmatch.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialmatch.testing.Tolerances.EXACT;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Mean ± s.e.m. over trials, and combining independent groups, on numbers computed by hand. */
class ConditionMeansTest {
  @Test
  void meanAndSemOverTheKeptTrials() {
    // [t][trial], 2 bins x 4 trials; trials 0, 2, 3 kept
    double[] v = {1, 100, 3, 5, 2, 100, 2, 2};
    ConditionMeans.Trace t = ConditionMeans.meanSem(v, 2, 4, new int[] {0, 2, 3});
    assertEquals(3, t.n);
    assertEquals(3.0, t.mean[0], EXACT);
    // sd of {1, 3, 5} = 2, s.e.m. = 2 / sqrt(3)
    assertEquals(2 / Math.sqrt(3), t.sem[0], EXACT);
    assertEquals(2.0, t.mean[1], EXACT);
    assertEquals(0.0, t.sem[1], EXACT);
    assertTrue(Double.isNaN(ConditionMeans.meanSem(v, 2, 4, new int[] {1}).sem[0]), "one trial: no s.e.m.");
    assertEquals(0, ConditionMeans.meanSem(v, 2, 4, new int[0]).n);
  }

  @Test
  void independentGroupsCombineByWeight() {
    ConditionMeans.Trace a = new ConditionMeans.Trace(new double[] {1, 2}, new double[] {0.3, 0.1}, 5);
    ConditionMeans.Trace b = new ConditionMeans.Trace(new double[] {4, 8}, new double[] {0.6, 0.2}, 7);
    ConditionMeans.Trace c = ConditionMeans.combine(List.of(a, ConditionMeans.Trace.empty(), b), List.of(1.0, 9.0, 2.0));
    assertEquals(12, c.n);
    assertEquals((1 + 2 * 4) / 3.0, c.mean[0], EXACT);
    assertEquals((2 + 2 * 8) / 3.0, c.mean[1], EXACT);
    assertEquals(Math.sqrt(0.09 + 4 * 0.36) / 3, c.sem[0], EXACT);
    assertEquals(0, ConditionMeans.combine(List.of(ConditionMeans.Trace.empty()), List.of(1.0)).n);
  }

  @Test
  void pooledTrialsOfSeveralSetsAreOneSample() {
    double[] x = {1, 9, 3};   // 1 bin, 3 trials
    double[] y = {5, 7};      // 1 bin, 2 trials
    ConditionMeans.Trace t = ConditionMeans.pooled(List.of(x, y), new int[] {3, 2},
        List.of(new int[] {0, 2}, new int[] {0}), 1);
    assertEquals(3, t.n);
    assertEquals(3.0, t.mean[0], EXACT);
    assertEquals(2 / Math.sqrt(3), t.sem[0], EXACT);
    assertEquals(List.of(1, 3).size(), ConditionMeans.trialsOf(List.of("a", "b", "a", "b"), "b").length);
  }
}
