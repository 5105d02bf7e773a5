package org.trialmatch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrialTensorTest {
  @Test
  void elementsAreTimeMajor() {
    int steps = 3;
    int trials = 4;
    int units = 5;
    float[] v = new float[steps * trials * units];
    for (int t = 0; t < steps; t++) {
      for (int k = 0; k < trials; k++) {
        for (int n = 0; n < units; n++) {
          v[(t * trials + k) * units + n] = 100 * t + 10 * k + n;
        }
      }
    }
    TrialTensor x = TrialTensor.wrap(v, steps, trials, units);
    assertSame(v, x.values());
    assertEquals(213f, x.get(2, 1, 3), 0f);
    assertEquals(30f, x.get(0, 3, 0), 0f);
    assertEquals((2 * trials + 1) * units, x.offset(2, 1));
    assertEquals(steps, x.steps());
    assertEquals(trials, x.trials());
    assertEquals(units, x.units());
  }

  @Test
  void aWrongLengthOrSizeIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrialTensor.wrap(new float[11], 2, 2, 3));
    assertTrue(e.getMessage().contains("must hold 12 values, held 11"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TrialTensor.wrap(new float[0], -1, 0, 0));
    assertEquals(0, TrialTensor.wrap(new float[0], 3, 0, 2).trials());
  }

  @Test
  void countsMustBeFiniteAndNonNegative() {
    float[] v = new float[2 * 3 * 2];
    TrialTensor.counts(v, 2, 3, 2);
    v[(1 * 3 + 2) * 2 + 1] = Float.NaN;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrialTensor.counts(v, 2, 3, 2));
    assertTrue(e.getMessage().contains("[t 1][trial 2][unit 1]"), e.getMessage());
    v[(1 * 3 + 2) * 2 + 1] = Float.POSITIVE_INFINITY;
    assertThrows(IllegalArgumentException.class, () -> TrialTensor.counts(v, 2, 3, 2));
    assertThrows(IllegalArgumentException.class, () -> TrialTensor.counts(new float[0], 0, 0, 1));
  }
}
