package org.trialmatch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The epoch and window arithmetic of {@link FitProbe}, whose numbers docs/alm.md quotes. */
class FitProbeTest {
  private static final double[] TIMES = {-3, -2, -1, 0, 1, 2};
  private static final double[] EDGES = {-1.5, 0.5};

  @Test
  void epochsAreHalfOpenAtTheEdges() {
    assertEquals(0, FitProbe.epoch(-2, EDGES));
    assertEquals(1, FitProbe.epoch(-1.5, EDGES));
    assertEquals(1, FitProbe.epoch(0, EDGES));
    assertEquals(2, FitProbe.epoch(0.5, EDGES));
  }

  @Test
  void varianceSharesAddUpToOneAndFollowTheSquaredDeviations() {
    double[] x = {0, 0, 0, 0, 3, -3}; // mean 0: all variance after the last edge
    assertArrayEquals(new double[] {0, 0, 1}, FitProbe.epochShares(x, x, TIMES, EDGES), 1e-12);
    double[] y = {1, -1, 0, 0, 1, -1}; // squared deviations 1,1,0,0,1,1
    assertArrayEquals(new double[] {0.5, 0, 0.5}, FitProbe.epochShares(y, y, TIMES, EDGES), 1e-12);
    Random r = new Random(7);
    double[] a = new double[TIMES.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextGaussian();
    }
    double sum = 0;
    for (double v : FitProbe.epochShares(a, a, TIMES, EDGES)) {
      assertTrue(v >= 0);
      sum += v;
    }
    assertEquals(1, sum, 1e-12);
  }

  @Test
  void crossSharesWeighWhatTheTwoHalvesShare() {
    double[] a = {1, -1, 2, -2, 0, 0};
    double[] b = {1, -1, 1, -1, 0, 0}; // cross-products 1, 1, 2, 2, 0, 0
    assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3, 0}, FitProbe.epochShares(a, b, TIMES, EDGES), 1e-12);
    double[] c = {-1, 1, -2, 2, 0, 0}; // anti-correlated halves: no shared signal, shares undefined
    assertTrue(Double.isNaN(FitProbe.epochShares(a, c, TIMES, EDGES)[0]));
  }

  @Test
  void windowShareCountsOnlyTheBinsInside() {
    double[] y = {1, -1, 0, 0, 1, -1};
    assertEquals(0.5, FitProbe.windowShare(y, y, TIMES, -1, 10), 1e-12);
    assertEquals(1.0, FitProbe.windowShare(y, y, TIMES, -10, 10), 1e-12);
    assertEquals(0.0, FitProbe.windowShare(y, y, TIMES, -1, 1), 1e-12);
  }

  @Test
  void edgesAreTheMedianEventTimes() {
    double[][] ev = {{-2500.7, -2500.5, -2500.6}, {0, 0, 0}};
    assertArrayEquals(new double[] {-2500.6, 0}, FitProbe.medianEdges(ev), 1e-12);
  }

  @Test
  void pearsonOfAFlatVectorIsUndefined() {
    assertTrue(Double.isNaN(FitProbe.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
    assertEquals(-1, FitProbe.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
  }
}
