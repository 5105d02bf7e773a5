package org.trialmatch.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TotalLossTest {
  private static final BoxFilter F1 = new BoxFilter(2, 1, 0);
  private static final BoxFilter F2 = new BoxFilter(4, 2, 1);
  private static final int STEPS = 12;

  private record Setup(LossFixtures.Recording rec, PsthLoss psth, TrialMatchingLoss trial, ModelTrials model) {}

  private static Setup setup(long seed, int b) {
    SplittableRandom rng = new SplittableRandom(seed);
    LossFixtures.Recording rec = LossFixtures.recording(new int[][] {{3, 3}, {2, 2}}, 1, new int[] {5, 4}, STEPS, true, rng);
    List<ConditionSet> conds = List.of(ConditionSet.all(2, 5));
    PsthLoss psth = PsthLoss.create(rec.layout(), rec.data(), conds, F1);
    TrialFeatures f = TrialFeatures.create(rec.layout(), rec.data(), conds, F1, F2, new TrialFeatureOptions(3, true, true, true));
    TrialMatchingLoss trial = TrialMatchingLoss.create(f, MatchingMethod.HARD, SinkhornOptions.reference());
    return new Setup(rec, psth, trial, LossFixtures.model(STEPS, b, rec.layout().units(), true, rng));
  }

  @Test
  void weightedSumAndItsGradient() {
    Setup s = setup(1, 5);
    LossWeights w = new LossWeights(10, 100, 1);
    TotalLoss total = TotalLoss.create(s.psth(), s.trial(), w, s.model().units(), null);
    SpikeGradient g = total.newGradient(STEPS, 5);
    LossValues v = total.evaluate(0, s.model(), new SplittableRandom(0), g);
    assertEquals(s.psth().evaluate(0, s.model(), null), v.psth(), 0.0);
    assertEquals(s.trial().evaluate(0, s.model(), new SplittableRandom(0), null), v.trial(), 0.0);
    assertEquals(10 * v.psth() + 100 * v.trial(), v.total(), 1e-12 * v.total());
    int units = s.model().units();
    double[] fd = LossTesting.centralDifferences(
        z -> total.evaluate(0, ModelTrials.wrap(z, s.model().jaw(), STEPS, 5, units), new SplittableRandom(0), null).total(),
        s.model().spikes(), 1e-3f);
    LossTesting.assertAllClose(fd, g.toDenseSpikes(), 1e-5, 1e-8, "dL/dz");
    double[] fdJaw = LossTesting.centralDifferences(
        j -> total.evaluate(0, ModelTrials.wrap(s.model().spikes(), j, STEPS, 5, units), new SplittableRandom(0), null).total(),
        s.model().jaw(), 1e-3f);
    LossTesting.assertAllClose(fdJaw, g.toDenseJaw(), 1e-5, 1e-8, "dL/djaw");
  }

  @Test
  void normalisedGradientGivesEachTermItsWeightInRms() {
    // one term at a time: on the first step the combined gradient has RMS |w| whatever the loss scale
    Setup s = setup(2, 4);
    for (int term = 0; term < 2; term++) {
      LossWeights w = term == 0 ? new LossWeights(3, 0, 10) : new LossWeights(0, 3, 10);
      TotalLoss total = TotalLoss.create(s.psth(), s.trial(), w, s.model().units(),
          new GradientNormalizer(2, GradientNormalizer.REFERENCE_BETA));
      SpikeGradient g = total.newGradient(STEPS, 4);
      total.evaluate(0, s.model(), new SplittableRandom(0), g);
      assertEquals(9.0, g.dot(g) / STEPS, 1e-9, "term " + term);
    }
  }

  @Test
  void normalisedTermsAreCombinedInTheConfiguredRatio() {
    // each term alone, on a fresh normaliser, gives its unit-RMS gradient; both together must be the
    // normaliser's combination of those with the weights psth and psth * ratio
    Setup s = setup(3, 4);
    int units = s.model().units();
    SpikeGradient[] unit = new SpikeGradient[2];
    for (int term = 0; term < 2; term++) {
      TotalLoss one = TotalLoss.create(s.psth(), s.trial(), term == 0 ? new LossWeights(1, 0, 1) : new LossWeights(0, 1, 1),
          units, new GradientNormalizer(2, GradientNormalizer.REFERENCE_BETA));
      unit[term] = one.newGradient(STEPS, 4);
      one.evaluate(0, s.model(), new SplittableRandom(0), unit[term]);
      assertEquals(1.0, unit[term].dot(unit[term]) / STEPS, 1e-9, "term " + term + " alone has unit RMS");
    }
    for (double ratio : new double[] {1, 10, 0.25}) {
      TotalLoss both = TotalLoss.create(s.psth(), s.trial(), new LossWeights(10, 100, ratio), units,
          new GradientNormalizer(2, GradientNormalizer.REFERENCE_BETA));
      SpikeGradient g = both.newGradient(STEPS, 4);
      both.evaluate(0, s.model(), new SplittableRandom(0), g);
      SpikeGradient expected = both.newGradient(STEPS, 4);
      new GradientNormalizer(2, GradientNormalizer.REFERENCE_BETA).combine(unit, new double[] {10, 10 * ratio}, expected);
      LossTesting.assertAllClose(expected.toDenseSpikes(), g.toDenseSpikes(), 1e-9, 1e-12, "ratio " + ratio);
      LossTesting.assertAllClose(expected.toDenseJaw(), g.toDenseJaw(), 1e-9, 1e-12, "ratio " + ratio);
    }
  }

  @Test
  void rejectsAnEmptyTotal() {
    assertThrows(IllegalArgumentException.class, () -> TotalLoss.create(null, null, LossWeights.reference(), 3, null));
    assertThrows(IllegalArgumentException.class, () -> new LossWeights(-1, 1, 10));
    assertThrows(IllegalArgumentException.class, () -> new LossWeights(10, 100, 0));
  }
}
