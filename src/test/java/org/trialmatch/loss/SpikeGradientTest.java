package org.trialmatch.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpikeGradientTest {

  static SpikeGradient random(int steps, int trials, UnitGroups groups, SplittableRandom rng) {
    SpikeGradient g = new SpikeGradient(steps, trials, groups);
    fill(g.perUnit(), rng);
    fill(g.perGroup(), rng);
    fill(g.jawPart(), rng);
    return g;
  }

  private static void fill(double[] a, SplittableRandom rng) {
    for (int i = 0; i < a.length; i++) {
      a[i] = LossTesting.gaussian(rng);
    }
  }

  @Test
  void structuredOperationsMatchTheDenseTensor() {
    SplittableRandom rng = new SplittableRandom(1);
    UnitGroups groups = UnitGroups.of(new int[] {0, -1, 1, 0, 2, -1, 1, 1}, 3);
    SpikeGradient a = random(5, 3, groups, rng);
    SpikeGradient b = random(5, 3, groups, rng);
    double[] da = a.toDenseSpikes();
    double[] db = b.toDenseSpikes();
    double[] ja = a.toDenseJaw();
    double[] jb = b.toDenseJaw();
    double dense = 0;
    for (int i = 0; i < da.length; i++) {
      dense += da[i] * db[i];
    }
    for (int i = 0; i < ja.length; i++) {
      dense += ja[i] * jb[i];
    }
    assertEquals(dense, a.dot(b), 1e-12 * Math.abs(dense) + 1e-12);
    // the expanded step equals the dense slice
    for (int t = 0; t < 5; t++) {
      float[] step = new float[3 * 8];
      a.addStepInto(t, step);
      for (int i = 0; i < step.length; i++) {
        assertEquals((float) da[t * 24 + i], step[i], 0.0f);
      }
      float[] jaw = new float[3];
      a.addJawStepInto(t, jaw);
      for (int i = 0; i < 3; i++) {
        assertEquals((float) ja[t * 3 + i], jaw[i], 0.0f);
      }
    }
    a.addScaled(-2.0, b);
    double[] sum = a.toDenseSpikes();
    for (int i = 0; i < sum.length; i++) {
      assertEquals(da[i] - 2 * db[i], sum[i], 1e-12);
    }
  }
}
