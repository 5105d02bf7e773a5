package org.trialmatch.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoxFilterTest {

  @Test
  void f1AndF2MatchTheReferenceKernels() {
    BoxFilter f1 = BoxFilter.f1(2.0, 12.0);
    assertEquals(new BoxFilter(6, 3, 2), f1);
    assertEquals(new BoxFilter(8, 4, 3), BoxFilter.f2(4));
    assertEquals(new BoxFilter(4, 2, 1), BoxFilter.f2(2));
  }

  /** Output lengths quoted in method reference §3.1. */
  @ParameterizedTest
  @CsvSource({"700, 4, 233, 58", "250, 2, 83, 41", "200, 4, 67, 17"})
  void lengthsOfTheReference(int bins, int r, int t1, int t2) {
    BoxFilter f1 = BoxFilter.f1(2.0, 12.0);
    assertEquals(t1, f1.outLength(bins));
    assertEquals(t2, BoxFilter.f2(r).outLength(t1));
  }

  @Test
  void averagesTheValidPartOfEachWindow() {
    // kernel 6, stride 3, padding 2 on 0..9: window j covers [3j-2, 3j+4) clipped to [0, 10)
    BoxFilter f = new BoxFilter(6, 3, 2);
    double[] in = new double[10];
    for (int i = 0; i < 10; i++) {
      in[i] = i;
    }
    double[] out = f.apply(in, 10, 1);
    assertArrayEquals(new double[] {(0 + 1 + 2 + 3) / 4.0, (1 + 2 + 3 + 4 + 5 + 6) / 6.0, (4 + 5 + 6 + 7 + 8 + 9) / 6.0},
        out, AnalysisTolerances.EXACT);
  }

  @Test
  void filtersManyRowsLikeOneAtATime() {
    SplittableRandom rng = new SplittableRandom(3);
    BoxFilter f = BoxFilter.f2(3);
    int bins = 37;
    int rows = 5;
    double[] in = new double[bins * rows];
    for (int i = 0; i < in.length; i++) {
      in[i] = rng.nextDouble();
    }
    double[] all = f.apply(in, bins, rows);
    int nOut = f.outLength(bins);
    for (int r = 0; r < rows; r++) {
      double[] one = new double[bins];
      for (int t = 0; t < bins; t++) {
        one[t] = in[t * rows + r];
      }
      double[] o = f.apply(one, bins, 1);
      for (int j = 0; j < nOut; j++) {
        assertEquals(o[j], all[j * rows + r], AnalysisTolerances.EXACT);
      }
    }
  }

  @Test
  void timesAreTheMeansOfTheCoveredBins() {
    BoxFilter f = BoxFilter.f1(2.0, 12.0);
    double[] t = new double[9];
    for (int i = 0; i < t.length; i++) {
      t[i] = -100 + 2 * (i + 0.5);
    }
    double[] out = f.times(t);
    // window 0 covers bins 0..3, window 1 bins 1..6, window 2 bins 4..8
    assertArrayEquals(new double[] {-100 + 2 * 2.0, -100 + 2 * 4.0, -100 + 2 * 6.5}, out, AnalysisTolerances.EXACT);
  }

  @Test
  void rejectsBadShapes() {
    assertThrows(IllegalArgumentException.class, () -> new BoxFilter(0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new BoxFilter(4, 2, 4));
    assertThrows(IllegalArgumentException.class, () -> new BoxFilter(4, 2, 1).apply(new double[10], 4, 2));
  }
}
