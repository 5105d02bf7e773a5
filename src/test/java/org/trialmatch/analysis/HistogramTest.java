package org.trialmatch.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.trialmatch.testing.Tolerances.EXACT;

import org.junit.jupiter.api.Test;

/** Histogram bins, edges and what is left out. */
class HistogramTest {
  @Test
  void valuesFallInHalfOpenBinsAndTheUpperEndInTheLast() {
    Histogram h = Histogram.of(new double[] {-1, -0.5, -0.49, 0, 0.99, 1, 1.2, Double.NaN}, -1, 1, 4);
    assertEquals(4, h.bins());
    assertEquals(-0.5, h.lowerEdge(1), EXACT);
    assertEquals(0.0, h.upperEdge(1), EXACT);
    assertEquals(1, h.count(0), "-1");
    assertEquals(2, h.count(1), "-0.5 and -0.49");
    assertEquals(1, h.count(2), "0");
    assertEquals(2, h.count(3), "0.99 and 1");
    assertEquals(6, h.total());
    assertEquals(1, h.outside());
    assertEquals(1, h.undefined());
    assertEquals((-1 - 0.5 - 0.49 + 0 + 0.99 + 1 + 1.2) / 7, h.mean(), EXACT);
  }

  @Test
  void emptyAndBadRanges() {
    Histogram h = Histogram.of(new double[] {Double.NaN}, 0, 1, 2);
    assertEquals(0, h.total());
    assertEquals(Double.NaN, h.mean());
    assertThrows(IllegalArgumentException.class, () -> Histogram.of(new double[0], 1, 1, 2));
    assertThrows(IllegalArgumentException.class, () -> Histogram.of(new double[0], 0, 1, 0));
  }
}
