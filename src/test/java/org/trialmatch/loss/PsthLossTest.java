package org.trialmatch.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PsthLossTest {
  private static final BoxFilter F1 = new BoxFilter(3, 2, 1);

  @ParameterizedTest(name = "B {0}, T {1}, hidden {2}")
  @CsvSource({"1,8,0", "3,8,2", "1,13,1", "3,13,0"})
  void valueFollowsTheDefinitionAndGradientMatchesCentralDifferences(int b, int steps, int hidden) {
    SplittableRandom rng = new SplittableRandom(b * 100 + steps * 10 + hidden);
    // session 0: 3 + 2 units over two areas, 4 trials; session 1: 1 + 3 units, 2 trials (NaN-padded)
    LossFixtures.Recording rec = LossFixtures.recording(new int[][] {{3, 2}, {1, 3}}, hidden, new int[] {4, 2}, steps, false, rng);
    ConditionSet all = ConditionSet.all(2, 4);
    ConditionSet some = LossFixtures.randomCondition("some", 2, 4, 0.5, rng);
    PsthLoss loss = PsthLoss.create(rec.layout(), rec.data(), List.of(all, some), F1);
    ModelTrials model = LossFixtures.model(steps, b, rec.layout().units(), false, rng);
    SpikeGradient grad = new SpikeGradient(steps, b, UnitGroups.none(rec.layout().units()));
    for (int c = 0; c < 2; c++) {
      ConditionSet cond = c == 0 ? all : some;
      double v = loss.evaluate(c, model, grad);
      LossTesting.assertClose(LossFixtures.psthLoss(rec, cond, model, F1), v, 1e-12, 0, "PSTH loss, " + cond.name());
      int cc = c;
      double[] fd = LossTesting.centralDifferences(
          z -> loss.evaluate(cc, ModelTrials.wrap(z, null, steps, b, model.units()), null), model.spikes(), 1e-3f);
      LossTesting.assertAllClose(fd, grad.toDenseSpikes(), 1e-6, 1e-10, "dL/dz, " + cond.name());
      assertTrue(Arrays.stream(grad.toDenseJaw()).allMatch(x -> x == 0.0), "no jaw gradient");
    }
    assertEquals(9, loss.includedUnits(0), "recorded units only");
  }

  @Test
  void paddingTrialsAreIgnored() {
    SplittableRandom rng = new SplittableRandom(2);
    LossFixtures.Recording rec = LossFixtures.recording(new int[][] {{3}, {4}}, 0, new int[] {5, 2}, 9, false, rng);
    // the same data with three more all-NaN trial slots
    DataTrials d = rec.data();
    int k2 = d.trials() + 3;
    float[] wider = new float[d.steps() * k2 * d.units()];
    Arrays.fill(wider, Float.NaN);
    for (int t = 0; t < d.steps(); t++) {
      System.arraycopy(d.spikes(), t * d.trials() * d.units(), wider, t * k2 * d.units(), d.trials() * d.units());
    }
    DataTrials padded = DataTrials.wrap(wider, null, d.steps(), k2, d.units(), 2);
    ModelTrials model = LossFixtures.model(9, 4, d.units(), false, rng);
    double a = PsthLoss.create(rec.layout(), d, List.of(ConditionSet.all(2, d.trials())), F1).evaluate(0, model, null);
    double b = PsthLoss.create(rec.layout(), padded, List.of(ConditionSet.all(2, k2)), F1).evaluate(0, model, null);
    assertEquals(a, b, 1e-14);
    assertTrue(a > 0);
  }

  @Test
  void modelEqualToTheDataPsthHasZeroLoss() {
    SplittableRandom rng = new SplittableRandom(3);
    LossFixtures.Recording rec = LossFixtures.recording(new int[][] {{4}}, 0, new int[] {3}, 10, false, rng);
    DataTrials d = rec.data();
    // the model repeats the three data trials: identical PSTHs
    ModelTrials model = ModelTrials.wrap(d.spikes().clone(), null, 10, 3, d.units());
    PsthLoss loss = PsthLoss.create(rec.layout(), d, List.of(ConditionSet.all(1, 3)), F1);
    assertEquals(0.0, loss.evaluate(0, model, null), 1e-28);
  }

  @Test
  void partlyNanTrialsAreRejected() {
    SplittableRandom rng = new SplittableRandom(4);
    LossFixtures.Recording rec = LossFixtures.recording(new int[][] {{3}}, 0, new int[] {3}, 6, false, rng);
    rec.data().spikes()[(2 * 3 + 1) * 3 + 1] = Float.NaN;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PsthLoss.create(rec.layout(), rec.data(), List.of(ConditionSet.all(1, 3)), F1));
    assertTrue(e.getMessage().contains("trial 1") && e.getMessage().contains("'S0'"), e.getMessage());
  }
}
