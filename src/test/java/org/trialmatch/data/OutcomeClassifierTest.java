package org.trialmatch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutcomeClassifierTest {

  /** Class "lick" has a bump of rate after bin 60; "none" stays flat; Gaussian noise on both. */
  private static void sample(Random r, int n, List<float[]> x, List<String> y, double bump) {
    for (int i = 0; i < n; i++) {
      boolean lick = r.nextBoolean();
      float[] t = new float[120];
      for (int b = 0; b < t.length; b++) {
        t[b] = (float) (r.nextGaussian() + (lick && b >= 60 && b < 90 ? bump : 0));
      }
      x.add(t);
      y.add(lick ? "lick" : "none");
    }
  }

  @Test
  void separableOutcomesAreReadFromHeldOutTraces() {
    Random r = new Random(2);
    List<float[]> x = new ArrayList<>();
    List<String> y = new ArrayList<>();
    sample(r, 200, x, y, 1.5);
    OutcomeClassifier c = OutcomeClassifier.fit(x, y, 6, 1e-3, 300);
    List<float[]> tx = new ArrayList<>();
    List<String> ty = new ArrayList<>();
    sample(r, 200, tx, ty, 1.5);
    assertTrue(c.accuracy(tx, ty) > 0.95, "accuracy " + c.accuracy(tx, ty));
    assertEquals(List.of("lick", "none"), c.labels());
  }

  @Test
  void noSignalGivesChance() {
    Random r = new Random(3);
    List<float[]> x = new ArrayList<>();
    List<String> y = new ArrayList<>();
    sample(r, 200, x, y, 0.0);
    OutcomeClassifier c = OutcomeClassifier.fit(x, y, 6, 1e-3, 300);
    List<float[]> tx = new ArrayList<>();
    List<String> ty = new ArrayList<>();
    sample(r, 400, tx, ty, 0.0);
    double a = c.accuracy(tx, ty);
    assertTrue(a > 0.4 && a < 0.6, "accuracy " + a);
  }

  @Test
  void deterministic() {
    Random r = new Random(4);
    List<float[]> x = new ArrayList<>();
    List<String> y = new ArrayList<>();
    sample(r, 50, x, y, 1.0);
    OutcomeClassifier a = OutcomeClassifier.fit(x, y, 6, 1e-3, 100);
    OutcomeClassifier b = OutcomeClassifier.fit(x, y, 6, 1e-3, 100);
    for (float[] t : x) {
      assertEquals(a.predict(t), b.predict(t));
    }
  }
}
