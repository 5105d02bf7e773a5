package org.trialmatch.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoxFilterTest {

  @Test
  void referenceFiltersHaveTheDocumentedShapes() {
    // method reference §3.1: F1 (12 ms at dt = 2 ms) = kernel 6, stride 3, padding 2; F2(r) = 2r, r, r-1
    BoxFilter f1 = BoxFilter.spikeFilter(2.0, 12.0);
    assertEquals(new BoxFilter(6, 3, 2), f1);
    assertEquals(new BoxFilter(8, 4, 3), BoxFilter.resample(4));
    assertEquals(new BoxFilter(4, 2, 1), BoxFilter.resample(2));
    assertEquals(233, f1.outputLength(700));
    assertEquals(58, BoxFilter.resample(4).outputLength(233));
    assertEquals(83, f1.outputLength(250));
    assertEquals(41, BoxFilter.resample(2).outputLength(83));
    assertEquals(67, f1.outputLength(200));
    assertEquals(17, BoxFilter.resample(4).outputLength(67));
  }

  @Test
  void handWorkedExampleExcludesPaddingFromTheAverage() {
    // kernel 3, stride 2, padding 1 on 1..5: windows {1,2}, {2,3,4}, {4,5}
    BoxFilter f = new BoxFilter(3, 2, 1);
    double[] out = new double[3];
    f.apply(new double[] {1, 2, 3, 4, 5}, 5, 1, out);
    assertArrayEquals(new double[] {1.5, 3.0, 4.5}, out, 1e-15);
  }

  @Test
  void allocatingApplyEqualsTheInPlaceOne() {
    BoxFilter f = BoxFilter.resample(3);
    double[] x = LossTesting.gaussian(new SplittableRandom(3), 37 * 5, 1.0);
    double[] y = new double[f.outputLength(37) * 5];
    f.apply(x, 37, 5, y);
    assertArrayEquals(y, f.apply(x, 37, 5), 0.0);
  }

  @Test
  void timesAreTheMeansOfTheCoveredBins() {
    double[] t = new double[9];
    for (int i = 0; i < t.length; i++) {
      t[i] = -100 + 2 * (i + 0.5);
    }
    // kernel 6, stride 3, padding 2: window 0 covers bins 0..3, window 1 bins 1..6, window 2 bins 4..8
    assertArrayEquals(new double[] {-100 + 2 * 2.0, -100 + 2 * 4.0, -100 + 2 * 6.5},
        BoxFilter.spikeFilter(2.0, 12.0).times(t), 1e-12);
  }

  @ParameterizedTest
  @CsvSource({"6,3,2,700,3", "8,4,3,233,2", "1,1,0,5,4", "4,2,1,9,1", "5,5,2,23,3", "2,3,0,11,2", "7,1,3,7,2"})
  void matchesTheDefinitionAndItsAdjoint(int kernel, int stride, int padding, int steps, int width) {
    BoxFilter f = new BoxFilter(kernel, stride, padding);
    SplittableRandom rng = new SplittableRandom(kernel * 1000L + steps);
    double[] x = LossTesting.gaussian(rng, steps * width, 1.0);
    int outSteps = f.outputLength(steps);
    double[] y = new double[outSteps * width];
    f.apply(x, steps, width, y);
    assertArrayEquals(naive(f, x, steps, width), y, 1e-12);
    // <F x, g> == <x, F^T g>
    double[] g = LossTesting.gaussian(rng, outSteps * width, 1.0);
    double[] adj = new double[steps * width];
    f.addAdjoint(g, steps, width, adj);
    double lhs = 0;
    for (int i = 0; i < y.length; i++) {
      lhs += y[i] * g[i];
    }
    double rhs = 0;
    for (int i = 0; i < x.length; i++) {
      rhs += x[i] * adj[i];
    }
    assertEquals(lhs, rhs, 1e-10 * (1 + Math.abs(lhs)));
  }

  @Test
  void rejectsBadGeometry() {
    assertThrows(IllegalArgumentException.class, () -> new BoxFilter(0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new BoxFilter(4, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new BoxFilter(4, 2, 3));
    assertThrows(IllegalArgumentException.class, () -> new BoxFilter(6, 3, 0).outputLength(5));
    assertThrows(IllegalArgumentException.class, () -> BoxFilter.spikeFilter(2.0, 1.0));
    double[] a = new double[10];
    assertThrows(IllegalArgumentException.class, () -> new BoxFilter(2, 1, 0).apply(a, 10, 1, a));
  }

  /** The definition, written independently: mean of the in-range bins of each window. */
  private static double[] naive(BoxFilter f, double[] x, int steps, int width) {
    int outSteps = (steps + 2 * f.paddingBins() - f.kernelBins()) / f.strideBins() + 1;
    double[] y = new double[outSteps * width];
    for (int j = 0; j < outSteps; j++) {
      for (int w = 0; w < width; w++) {
        double s = 0;
        int n = 0;
        for (int k = 0; k < f.kernelBins(); k++) {
          int t = j * f.strideBins() - f.paddingBins() + k;
          if (t >= 0 && t < steps) {
            s += x[t * width + w];
            n++;
          }
        }
        y[j * width + w] = s / n;
      }
    }
    return y;
  }
}
