package org.trialmatch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.trialmatch.loss.SinkhornDivergence;

class LossBenchmarkTest {
  private static LossBenchmark.Spec spec(List<Integer> trials, int features, List<Double> eps) {
    return new LossBenchmark.Spec(trials, features, EnumSet.allOf(LossBenchmark.Kernel.class), 0.01, eps,
        OptionalInt.of(1), OptionalInt.of(0), 1);
  }

  @Test
  void theValuesAreThoseOfTheKernelsOnTheSeededClouds() {
    LossBenchmark.Result r = LossBenchmark.run(spec(List.of(5), 4, List.of(0.2)));
    assertEquals(4, r.timings().size());
    LossBenchmark.Result again = LossBenchmark.run(spec(List.of(5), 4, List.of(0.2)));
    for (int i = 0; i < 4; i++) {
      assertEquals(r.timings().get(i).value(), again.timings().get(i).value(), "same seed, same value");
    }
    LossBenchmark.Timing converged = r.timings().get(3);
    assertTrue(converged.converged().isPresent());
    assertEquals(converged.value(), converged.converged().get().divergence());
    assertTrue(converged.converged().get().marginalError() < SinkhornDivergence.DEFAULT_TOLERANCE);
    // the model cloud is shifted and wider: every distance is positive
    for (LossBenchmark.Timing t : r.timings()) {
      assertTrue(t.value() > 0, t.summary());
    }
  }

  @Test
  void defaultRepeatsFollowTheSize() {
    assertEquals(30, LossBenchmark.defaultRepeats(LossBenchmark.Kernel.HARD, 150));
    assertEquals(8, LossBenchmark.defaultRepeats(LossBenchmark.Kernel.ANNEALED, 500));
    assertEquals(2, LossBenchmark.defaultRepeats(LossBenchmark.Kernel.ASSIGNMENT, 2000));
    assertEquals(3, LossBenchmark.defaultRepeats(LossBenchmark.Kernel.CONVERGED, 500));
    assertEquals(1, LossBenchmark.defaultRepeats(LossBenchmark.Kernel.CONVERGED, 501));
  }

  @Test
  void badSpecsNameTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec(List.of(3, 0), 2, List.of(0.1)));
    assertTrue(e.getMessage().contains("trials must be >= 1, was 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> spec(List.of(3), 2, List.of()));
    assertTrue(e.getMessage().contains("convergedEps"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> spec(List.of(50_000), 2, List.of(0.1)));
    assertTrue(e.getMessage().contains("below 2^31"), e.getMessage());
  }
}
