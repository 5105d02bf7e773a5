package org.trialmatch.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrialDistanceTest {
  private static final FeatureMatrix DATA = FeatureMatrix.wrap(new double[] {0, 0, 1, 0, 0, 1}, 3, 2);

  @Test
  void hardMatchingOfAPermutationIsZeroAndUndoesIt() {
    FeatureMatrix model = FeatureMatrix.wrap(new double[] {0, 1, 0, 0, 1, 0}, 3, 2);
    TrialDistance.Hard h = TrialDistance.hard(DATA, model, 0);
    assertEquals(0.0, h.value(), 0.0);
    assertEquals(List.of(2, 0, 1), h.modelToData());
    assertEquals(List.of("value", "k_data", "k_model", "dim", "assignment_model_to_data", "seconds"),
        new ArrayList<>(h.fields().keySet()));
  }

  @Test
  void unequalCountsReportTheSubsetInsteadOfAnAssignment() {
    FeatureMatrix model = FeatureMatrix.wrap(new double[] {0, 0, 1, 0}, 2, 2);
    TrialDistance.Hard h = TrialDistance.hard(DATA, model, 3);
    assertTrue(h.modelToData().isEmpty());
    assertEquals(2, h.kMatched());
    assertEquals(List.of("value", "k_data", "k_model", "dim", "k_matched", "seed", "seconds"),
        new ArrayList<>(h.fields().keySet()));
  }

  @Test
  void sinkhornOfIdenticalSetsIsZero() {
    TrialDistance.Sinkhorn s = TrialDistance.sinkhorn(DATA, DATA, 0.1, 100_000);
    assertTrue(s.sinkhorn().converged());
    assertEquals(0.0, s.value(), 1e-9);
    assertEquals(List.of("value", "k_data", "k_model", "dim", "eps", "ot_eps", "iterations", "marginal_error",
        "converged", "seconds"), new ArrayList<>(s.fields().keySet()));
  }

  @Test
  void differentWidthsAreRefused() {
    FeatureMatrix wide = FeatureMatrix.wrap(new double[] {0, 0, 0}, 1, 3);
    assertThrows(IllegalArgumentException.class, () -> TrialDistance.hard(DATA, wide, 0));
  }
}
