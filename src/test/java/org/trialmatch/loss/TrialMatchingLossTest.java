package org.trialmatch.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrialMatchingLossTest {
  private static final BoxFilter F1 = new BoxFilter(2, 1, 0);
  private static final BoxFilter F2 = new BoxFilter(4, 2, 1);
  private static final int STEPS = 12;

  /** Session 0: areas of 3, 3 and 1 units; session 1: 2 + 2 units; session 2: 1 unit (too few). */
  private static LossFixtures.Recording recording(SplittableRandom rng, boolean jaw) {
    return recording(rng, jaw ? 1 : 0);
  }

  private static LossFixtures.Recording recording(SplittableRandom rng, int channels) {
    return LossFixtures.recording(new int[][] {{3, 3, 1}, {2, 2, 0}, {0, 0, 1}}, 2, new int[] {6, 4, 3}, STEPS, channels,
        rng);
  }

  private static TrialFeatureOptions options(boolean zScore, boolean areaSpecific, boolean behaviour) {
    return new TrialFeatureOptions(3, zScore, areaSpecific, behaviour);
  }

  @ParameterizedTest(name = "z-score {0}, per area {1}, behaviour {2}, channels {3}")
  @CsvSource({"true,true,true,1", "false,true,false,1", "true,false,true,1", "true,false,false,1", "true,true,true,2",
      "true,false,true,3"})
  void featuresFollowTheDefinition(boolean zScore, boolean areaSpecific, boolean behaviour, int channels) {
    SplittableRandom rng = new SplittableRandom(zScore ? 1 : 2);
    LossFixtures.Recording rec = recording(rng, channels);
    TrialFeatureOptions opt = options(zScore, areaSpecific, behaviour);
    ConditionSet all = ConditionSet.all(3, 6);
    ConditionSet some = LossFixtures.randomCondition("some", 3, 6, 0.6, rng);
    TrialFeatures f = TrialFeatures.create(rec.layout(), rec.data(), List.of(all, some), F1, F2, opt);
    int t2 = F2.outputLength(F1.outputLength(STEPS));
    // eligibility: per area, session 0 has areas 0 and 1 (area 2 has 1 unit < 3); session 1 has 2 + 2 units
    // (no area reaches 3, but all 4 pooled do); session 2 has 1 unit (skipped)
    int expectedSessions = areaSpecific ? 1 : 2;
    assertEquals(expectedSessions, f.sessions());
    assertEquals(0, f.sessionIndex(0));
    int blocks0 = (areaSpecific ? 2 : 1) + (behaviour ? channels : 0);
    assertEquals(blocks0 * t2, f.dimension(0));
    ModelTrials model = LossFixtures.model(STEPS, 5, rec.layout().units(), channels, rng);
    for (int c = 0; c < 2; c++) {
      ConditionSet cond = c == 0 ? all : some;
      f.computeModel(c, model);
      for (int e = 0; e < f.sessions(); e++) {
        int s = f.sessionIndex(e);
        double[][] xd = LossFixtures.features(rec, cond, s, null, F1, F2, opt);
        double[][] yd = LossFixtures.features(rec, cond, s, model, F1, F2, opt);
        assertEquals(xd.length, f.dataTrials(c, e));
        LossTesting.assertAllClose(LossFixtures.flatten(xd), f.dataFeatures(c, e), 1e-12, 1e-12, "data T_trial");
        LossTesting.assertAllClose(LossFixtures.flatten(yd), f.modelFeatures(e), 1e-12, 1e-12, "model T_trial");
      }
    }
  }

  @ParameterizedTest(name = "{0}, model trials {1}, behaviour channels {2}")
  @CsvSource({"HARD,6,1", "HARD,4,1", "HARD,9,1", "SINKHORN_CONVERGED,5,1", "SINKHORN_CONVERGED,6,1", "HARD,6,2",
      "SINKHORN_CONVERGED,5,2"})
  void gradientMatchesCentralDifferences(MatchingMethod method, int b, int channels) {
    SplittableRandom rng = new SplittableRandom(b * 7L + method.ordinal());
    LossFixtures.Recording rec = recording(rng, channels);
    ConditionSet all = ConditionSet.all(3, 6);
    ConditionSet some = LossFixtures.randomCondition("some", 3, 6, 0.6, rng);
    TrialFeatures f = TrialFeatures.create(rec.layout(), rec.data(), List.of(all, some), F1, F2, options(true, false, true));
    SinkhornOptions so = new SinkhornOptions(0.5, 0.5, 1e-13, 100_000);
    TrialMatchingLoss loss = TrialMatchingLoss.create(f, method, so);
    ModelTrials model = LossFixtures.model(STEPS, b, rec.layout().units(), channels, rng);
    SpikeGradient grad = new SpikeGradient(STEPS, b, f.groups(), channels);
    for (int c = 0; c < 2; c++) {
      int cc = c;
      loss.evaluate(c, model, new SplittableRandom(5), grad);
      double[] fdSpikes = LossTesting.centralDifferences(
          z -> loss.evaluate(cc, ModelTrials.wrap(z, model.jaw(), STEPS, b, model.units(), channels),
              new SplittableRandom(5), null),
          model.spikes(), 1e-3f);
      LossTesting.assertAllClose(fdSpikes, grad.toDenseSpikes(), 1e-5, 1e-9, method + " dL/dz");
      double[] fdJaw = LossTesting.centralDifferences(
          j -> loss.evaluate(cc, ModelTrials.wrap(model.spikes(), j, STEPS, b, model.units(), channels),
              new SplittableRandom(5), null),
          model.jaw(), 1e-3f);
      LossTesting.assertAllClose(fdJaw, grad.toDenseJaw(), 1e-5, 1e-9, method + " dL/djaw");
    }
  }

  @Test
  void valuesAreSessionMeansOfTheKernels() {
    SplittableRandom rng = new SplittableRandom(31);
    LossFixtures.Recording rec = recording(rng, true);
    TrialFeatures f = TrialFeatures.create(
        rec.layout(), rec.data(), List.of(ConditionSet.all(3, 6)), F1, F2, options(true, false, true));
    ModelTrials model = LossFixtures.model(STEPS, 5, rec.layout().units(), true, rng);
    SinkhornOptions so = new SinkhornOptions(0.2, 0.5, 1e-11, 100_000);
    for (MatchingMethod m : MatchingMethod.values()) {
      TrialMatchingLoss loss = TrialMatchingLoss.create(f, m, so);
      double v = loss.evaluate(0, model, new SplittableRandom(3), null);
      double expected = 0;
      SplittableRandom shared = new SplittableRandom(3); // one stream, consumed session after session
      for (int e = 0; e < f.sessions(); e++) {
        double[] x = f.dataFeatures(0, e);
        double[] y = f.modelFeatures(e);
        int nx = f.dataTrials(0, e);
        int dim = f.dimension(e);
        double term = switch (m) {
          case HARD -> new HardMatching().evaluate(x, nx, y, 5, dim, shared, null, null);
          case SINKHORN_ANNEALED -> new SinkhornDivergence().annealed(x, nx, y, 5, dim, 0.2, 0.5, null) / Math.sqrt(dim);
          case SINKHORN_CONVERGED -> new SinkhornDivergence().converged(x, nx, y, 5, dim, 0.2, 1e-11, 100_000, null)
              .divergence() / Math.sqrt(dim);
        };
        assertEquals(term, loss.sessionValue(e), 1e-12 * Math.abs(term));
        expected += term / f.sessions();
      }
      assertEquals(expected, v, 1e-12 * Math.abs(expected), m.name());
    }
  }

  @Test
  void annealedGradientIsTheKernelGradientCarriedThroughTheFeatures() {
    // the features are affine in spikes and jaw, so <dL/dz, dz> + <dL/djaw, djaw> must equal
    // sum_s <dS_s/dY_s, dY_s> / (sessions sqrt(D_s)) for any perturbation (dz, djaw)
    SplittableRandom rng = new SplittableRandom(41);
    LossFixtures.Recording rec = recording(rng, true);
    TrialFeatures f = TrialFeatures.create(
        rec.layout(), rec.data(), List.of(ConditionSet.all(3, 6)), F1, F2, options(true, false, true));
    int b = 5;
    ModelTrials model = LossFixtures.model(STEPS, b, rec.layout().units(), true, rng);
    TrialMatchingLoss loss = TrialMatchingLoss.create(f, MatchingMethod.SINKHORN_ANNEALED, SinkhornOptions.reference());
    SpikeGradient grad = new SpikeGradient(STEPS, b, f.groups());
    loss.evaluate(0, model, null, grad);
    double[][] y0 = new double[f.sessions()][];
    double[][] gy = new double[f.sessions()][];
    for (int e = 0; e < f.sessions(); e++) {
      y0[e] = f.modelFeatures(e);
      gy[e] = new double[y0[e].length];
      new SinkhornDivergence().annealed(
          f.dataFeatures(0, e), f.dataTrials(0, e), y0[e], b, f.dimension(e), 0.01, 0.5, gy[e]);
    }
    float[] z2 = model.spikes().clone();
    float[] j2 = model.jaw().clone();
    double expected = 0;
    double[] dz = new double[z2.length];
    double[] dj = new double[j2.length];
    for (int i = 0; i < z2.length; i++) {
      z2[i] += (float) (0.01 * LossTesting.gaussian(rng));
      dz[i] = (double) z2[i] - model.spikes()[i];
    }
    for (int i = 0; i < j2.length; i++) {
      j2[i] += (float) (0.01 * LossTesting.gaussian(rng));
      dj[i] = (double) j2[i] - model.jaw()[i];
    }
    f.computeModel(0, ModelTrials.wrap(z2, j2, STEPS, b, model.units()));
    for (int e = 0; e < f.sessions(); e++) {
      double[] y1 = f.modelFeatures(e);
      double s = 0;
      for (int i = 0; i < y1.length; i++) {
        s += gy[e][i] * (y1[i] - y0[e][i]);
      }
      expected += s / (f.sessions() * Math.sqrt(f.dimension(e)));
    }
    double actual = 0;
    double[] gz = grad.toDenseSpikes();
    double[] gj = grad.toDenseJaw();
    for (int i = 0; i < dz.length; i++) {
      actual += gz[i] * dz[i];
    }
    for (int i = 0; i < dj.length; i++) {
      actual += gj[i] * dj[i];
    }
    LossTesting.assertClose(expected, actual, 1e-9, 1e-14, "directional derivative");
  }

  @Test
  void sessionsWithoutTrialsInTheConditionAreSkipped() {
    SplittableRandom rng = new SplittableRandom(51);
    LossFixtures.Recording rec = recording(rng, true);
    boolean[][] mask = new boolean[3][6];
    mask[0][1] = true;
    mask[0][3] = true; // session 1 gets no trial
    ConditionSet onlyFirst = ConditionSet.of("first", mask);
    TrialFeatures f = TrialFeatures.create(
        rec.layout(), rec.data(), List.of(onlyFirst), F1, F2, options(true, false, true));
    assertEquals(2, f.sessions());
    assertEquals(2, f.dataTrials(0, 0));
    assertEquals(0, f.dataTrials(0, 1));
    TrialMatchingLoss loss = TrialMatchingLoss.create(f, MatchingMethod.HARD, SinkhornOptions.reference());
    ModelTrials model = LossFixtures.model(STEPS, 4, rec.layout().units(), true, rng);
    double v = loss.evaluate(0, model, new SplittableRandom(0), null);
    assertTrue(Double.isNaN(loss.sessionValue(1)));
    assertEquals(loss.sessionValue(0), v, 0.0);
  }

  @Test
  void referenceOptionsNeedTenUnitsAndTheJaw() {
    SplittableRandom rng = new SplittableRandom(61);
    LossFixtures.Recording rec = LossFixtures.recording(new int[][] {{10, 9}, {9, 0}}, 0, new int[] {3, 3}, STEPS, false, rng);
    assertThrows(IllegalArgumentException.class, () -> TrialFeatures.create(
        rec.layout(), rec.data(), List.of(ConditionSet.all(2, 3)), F1, F2, TrialFeatureOptions.reference()));
    TrialFeatures f = TrialFeatures.create(rec.layout(), rec.data(), List.of(ConditionSet.all(2, 3)), F1, F2,
        new TrialFeatureOptions(10, true, true, false));
    // session 0: area 0 (10 units) only; session 1: 9 units, skipped
    assertEquals(1, f.sessions());
    assertEquals(F2.outputLength(F1.outputLength(STEPS)), f.dimension(0));
  }
}
