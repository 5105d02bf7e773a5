package org.trialmatch.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;
import org.trialmatch.testing.Tolerances;

class StatsTest {

  @Test
  void selectKeepsTheChosenValuesInOrder() {
    double[] v = {5, 6, 7, 8, 9};
    int[] group = {1, 0, 1, 1, 0};
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {5, 7, 8}, Stats.select(v, k -> group[k] == 1));
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[0], Stats.select(v, k -> false));
  }

  @Test
  void pearsonOfKnownVectors() {
    assertEquals(1.0, Stats.pearson(new double[] {1, 2, 3, 4}, new double[] {2, 4, 6, 8}), Tolerances.EXACT);
    assertEquals(-1.0, Stats.pearson(new double[] {1, 2, 3, 4}, new double[] {5, 3, 1, -1}), Tolerances.EXACT);
    // x = (1,2,3), y = (1,3,2): deviations (-1,0,1), (-1,1,0): r = 1 / (sqrt 2 sqrt 2) = 0.5
    assertEquals(0.5, Stats.pearson(new double[] {1, 2, 3}, new double[] {1, 3, 2}), Tolerances.EXACT);
  }

  @Test
  void pearsonIsTrueEvenWhenMeansDiffer() {
    double[] x = {0.3, 1.7, 2.2, 5.0, 4.1, 0.9};
    double[] y = {10.2, 11.9, 13.1, 15.3, 14.0, 10.8};
    double expected = new PearsonsCorrelation().correlation(x, y);
    assertEquals(expected, Stats.pearson(x, y), Tolerances.EXACT);
    double[] shifted = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      shifted[i] = 3 * y[i] - 100;
    }
    assertEquals(expected, Stats.pearson(x, shifted), Tolerances.EXACT);
  }

  @Test
  void pearsonOfAConstantIsUndefined() {
    assertTrue(Double.isNaN(Stats.pearson(new double[] {2, 2, 2}, new double[] {1, 2, 3})));
    assertTrue(Double.isNaN(Stats.pearson(new double[] {1, 2, 3}, new double[] {0, 0, 0})));
  }

  @Test
  void pearsonOfSlices() {
    double[] a = {9, 1, 2, 3, 9};
    double[] b = {1, 3, 2, 7};
    assertEquals(0.5, Stats.pearson(a, 1, b, 0, 3), Tolerances.EXACT);
  }

  /** Wilson 95 % intervals: 8/10 is (0.4902, 0.9433) and 0/10 is (0, 0.2775) in published tables. */
  @Test
  void wilsonKnownValues() {
    Proportion p = Stats.wilson95(8, 10);
    assertEquals(0.8, p.p(), Tolerances.EXACT);
    assertEquals(0.4902, p.lo(), Tolerances.QUOTED);
    assertEquals(0.9433, p.hi(), Tolerances.QUOTED);
    Proportion z = Stats.wilson95(0, 10);
    assertEquals(0.0, z.lo(), Tolerances.EXACT);
    assertEquals(0.2775, z.hi(), Tolerances.QUOTED);
  }

  @Test
  void wilsonMatchesItsClosedFormAndIsSymmetric() {
    double z = 1.0;
    int k = 3;
    int n = 7;
    double ph = 3.0 / 7;
    double centre = (ph + z * z / (2 * n)) / (1 + z * z / n);
    double half = z / (1 + z * z / n) * Math.sqrt(ph * (1 - ph) / n + z * z / (4.0 * n * n));
    Proportion p = Stats.wilson(k, n, z);
    assertEquals(centre - half, p.lo(), Tolerances.EXACT);
    assertEquals(centre + half, p.hi(), Tolerances.EXACT);
    Proportion q = Stats.wilson(n - k, n, z);
    assertEquals(1 - p.hi(), q.lo(), Tolerances.EXACT);
    assertEquals(1 - p.lo(), q.hi(), Tolerances.EXACT);
  }

  @Test
  void summaryExcludesNaN() {
    Summary s = Stats.summarize(new double[] {1, Double.NaN, 2, 3, Double.NaN});
    assertEquals(2.0, s.mean(), Tolerances.EXACT);
    assertEquals(1.0 / Math.sqrt(3), s.sem(), Tolerances.EXACT);
    assertEquals(3, s.n());
    assertEquals(2, s.excluded());
  }
}
