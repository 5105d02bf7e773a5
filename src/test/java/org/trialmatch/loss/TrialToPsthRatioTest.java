package org.trialmatch.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * After gradient normalisation the trial-matching gradient has {@code trialToPsthRatio} times the
 * PSTH gradient's RMS, whatever the raw scales and the weights 10/100. The two terms' gradients are
 * built orthogonal (PSTH: spikes only, trial matching: jaw only), so the combined gradient's spike
 * part is the PSTH term's contribution and its jaw part the trial-matching term's.
 */
class TrialToPsthRatioTest {
  private static final UnitGroups GROUPS = UnitGroups.of(new int[] {0, 1, -1, 0, 1, 1}, 2);
  private static final int STEPS = 5;
  private static final int TRIALS = 3;

  @ParameterizedTest
  @ValueSource(doubles = {1.0, 10.0, 2.5, 0.1})
  void normalisedGradientsHaveTheConfiguredRatio(double ratio) {
    SplittableRandom rng = new SplittableRandom(7);
    SpikeGradient psthShape = new SpikeGradient(STEPS, TRIALS, GROUPS);
    SpikeGradient trialShape = new SpikeGradient(STEPS, TRIALS, GROUPS);
    fill(psthShape.perUnit(), rng, 1000.0); // very different raw scales
    fill(psthShape.perGroup(), rng, 1000.0);
    fill(trialShape.jawPart(), rng, 1e-3);
    LossWeights w = new LossWeights(10, 100, ratio);
    double[] weights = {w.normalisedPsth(), w.normalisedTrial()};
    GradientNormalizer norm = new GradientNormalizer(2, GradientNormalizer.REFERENCE_BETA);
    SpikeGradient out = new SpikeGradient(STEPS, TRIALS, GROUPS);
    for (int step = 0; step < 5; step++) {
      // both terms change scale by the same factor, so their running RMS stay in proportion
      double c = 1 + step * step;
      SpikeGradient p = new SpikeGradient(STEPS, TRIALS, GROUPS);
      SpikeGradient t = new SpikeGradient(STEPS, TRIALS, GROUPS);
      p.addScaled(c, psthShape);
      t.addScaled(c, trialShape);
      assertEquals(0.0, p.dot(t), 0.0, "the terms are orthogonal");
      norm.combine(new SpikeGradient[] {p, t}, weights, out);
      double psthRms = rms(out.toDenseSpikes());
      double trialRms = rms(out.toDenseJaw());
      assertEquals(ratio, trialRms / psthRms, 1e-9 * ratio, "step " + step);
      if (step == 0) {
        // the bias-corrected first step has unit RMS per term, times its weight
        assertEquals(10.0, psthRms, 1e-9);
        assertEquals(10.0 * ratio, trialRms, 1e-9 * ratio);
      }
    }
  }

  @Test
  void weightsOfTheNormalisedTerms() {
    LossWeights reference = LossWeights.reference();
    assertEquals(10.0, reference.normalisedPsth());
    assertEquals(100.0, reference.normalisedTrial(), "ratio 10 reproduces the weights 10/100 after normalisation");
    assertEquals(10.0, new LossWeights(10, 100, 1).normalisedTrial(), "ratio 1: the reference's task splitter");
    assertEquals(0.0, new LossWeights(10, 0, 1).normalisedTrial(), "no trial-matching term");
    assertEquals(100.0, new LossWeights(0, 100, 1).normalisedTrial(), "trial matching alone keeps its weight");
  }

  private static void fill(double[] a, SplittableRandom rng, double scale) {
    for (int i = 0; i < a.length; i++) {
      a[i] = scale * LossTesting.gaussian(rng);
    }
  }

  /** RMS as the normaliser measures it: sqrt(|g|^2 / T). */
  private static double rms(double[] g) {
    double s = 0;
    for (double v : g) {
      s += v * v;
    }
    return Math.sqrt(s / STEPS);
  }
}
