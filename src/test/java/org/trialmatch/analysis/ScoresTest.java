package org.trialmatch.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.trialmatch.data.TrialTensor;
import org.trialmatch.loss.LinearAssignment;

/** The scores' definitions on small cases computed by hand. */
class ScoresTest {
  private static final int BINS = 60;
  private static final double DT = 2.0;

  @Test
  void tTrialIsTheMeanOfThePerPairCorrelations() {
    double[] a = {1, 2, 3, 4, 0, 0, 1, 0};
    double[] b = {1, 2, 3, 5, 0, 1, 0, 0};
    ScoreFeatures f = new ScoreFeatures(List.of(0), false, 4, new double[] {0}, new double[] {1});
    StringBuilder note = new StringBuilder();
    double[][] r = TrialScore.matchedCorrelations(a, List.of("c", "c"), b, List.of("c", "c"), f,
        new LinearAssignment(), "model", note);
    // costs: a0-b0 0.25, a1-b1 0.5, a0-b1 6.75, a1-b0 8.5, so the pairs are (0,0) and (1,1);
    // r(a0, b0) = 6.5 / sqrt(5 * 8.75), r(a1, b1) = -0.25 / 0.75
    double r0 = 6.5 / Math.sqrt(5 * 8.75);
    double r1 = -1.0 / 3;
    assertEquals(2, r[0].length);
    assertEquals(r0, r[0][0], 1e-12);
    assertEquals(r1, r[0][1], 1e-12);
    assertEquals((r0 + r1) / 2, Stats.summarize(r[0]).mean(), 1e-12);
    assertEquals("", note.toString());
  }

  @Test
  void tTrialMatchesTestTrialsToAnyOfTheModelTrials() {
    int units = 6;
    int test = 3;
    int model = 8;
    SplittableRandom rng = new SplittableRandom(11);
    float[] d = counts(test, units, rng);
    float[] m = counts(model, units, rng);
    // the last three model trials are copies of the test trials: the first three are not
    for (int t = 0; t < BINS; t++) {
      for (int k = 0; k < test; k++) {
        System.arraycopy(d, (t * test + k) * units, m, (t * model + model - test + k) * units, units);
      }
    }
    AnalysisResult r = Analysis.run(inputs(d, d, m, test, model, units, false), cfg());
    assertEquals(3, r.tTrial().overallModel().n());
    assertEquals(1.0, r.tTrial().overallModel().mean(), 1e-12, "every test trial has its copy among the model trials");
  }

  @Test
  void responseFractionsCountSharedModelTrialsOnce() {
    int units = 4;
    int test = 4;
    int model = 10;
    // two sessions with the same test data and the same (shared) model trials
    float[] d = responses(test, units, 3);
    float[] m = responses(model, units, 7);
    SessionInputs s1 = session("s1", d, m, test, model, units);
    SessionInputs s2 = session("s2", d, m, test, model, units);
    AnalysisInputs in = AnalysisInputs.builder("r", List.of("area1", "area2"), DT).windowStartMs(-40)
        .session(s1).session(s2).modelTrialsShared(true).build();
    AnalysisConfig cfg = AnalysisConfig.defaults(0).withMinUnitsPerArea(2)
        .withResponse(new ResponseRule("area2", 10, 60, 40, 30));
    ResponseFractions rf = Analysis.run(in, cfg).response().orElseThrow();
    ResponseFractions.Rule w = rf.window();
    assertEquals(0.75, w.dataFraction(), 1e-12);
    assertEquals(8, w.dataTrials());
    assertEquals(0.7, w.modelFraction(), 1e-12);
    assertEquals(10, w.modelTrials(), "10 distinct model trials, not 10 per session");
    assertEquals(Math.sqrt(0.75 * 0.25 / 8 + 0.7 * 0.3 / 10), w.standardError(), 1e-12);
    assertEquals((0.7 - 0.75) / w.standardError(), w.distanceInSe(), 1e-12);
    assertEquals(0.75, rf.peak().dataFraction(), 1e-12);
    assertEquals(0.7, rf.peak().modelFraction(), 1e-12);
    assertEquals(10, rf.modelPeakHz().length);
  }

  /** Area-2 units fire in every bin of 10–60 ms after the event on the first {@code responding} trials. */
  private static float[] responses(int trials, int units, int responding) {
    float[] v = new float[BINS * trials * units];
    for (int t = 25; t < 50; t++) {
      for (int k = 0; k < responding; k++) {
        for (int n = units / 2; n < units; n++) {
          v[(t * trials + k) * units + n] = 1f;
        }
      }
    }
    // a little activity in area 1, so no PSTH is constant
    for (int k = 0; k < trials; k++) {
      for (int n = 0; n < units / 2; n++) {
        v[((3 + n) * trials + k) * units + n] = 1f;
      }
    }
    return v;
  }

  private static SessionInputs session(String name, float[] d, float[] m, int test, int model, int units) {
    List<String> areas = new ArrayList<>();
    for (int n = 0; n < units; n++) {
      areas.add(n < units / 2 ? "area1" : "area2");
    }
    return SessionInputs.builder(name, areas)
        .test(TrialTensor.counts(d, BINS, test, units), Collections.nCopies(test, "stim/Hit"), Collections.nCopies(test, "stim"))
        .train(TrialTensor.counts(d, BINS, test, units), Collections.nCopies(test, "stim"))
        .model(TrialTensor.counts(m, BINS, model, units), Collections.nCopies(model, "stim/?"),
            Collections.nCopies(model, "stim"))
        .build();
  }

  private static float[] counts(int trials, int units, SplittableRandom rng) {
    float[] v = new float[BINS * trials * units];
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextDouble() < 0.2 ? 1f : 0f;
    }
    return v;
  }

  private static AnalysisInputs inputs(float[] test, float[] train, float[] model, int nTest, int nModel, int units,
      boolean shared) {
    List<String> areas = new ArrayList<>();
    for (int n = 0; n < units; n++) {
      areas.add("A");
    }
    SessionInputs s = SessionInputs.builder("s1", areas)
        .test(TrialTensor.counts(test, BINS, nTest, units), Collections.nCopies(nTest, "c/x"), Collections.nCopies(nTest, "c"))
        .train(TrialTensor.counts(train, BINS, nTest, units), Collections.nCopies(nTest, "c"))
        .model(TrialTensor.counts(model, BINS, nModel, units), Collections.nCopies(nModel, "c/x"),
            Collections.nCopies(nModel, "c"))
        .build();
    return AnalysisInputs.builder("r", List.of("A"), DT).session(s).modelTrialsShared(shared).build();
  }

  private static AnalysisConfig cfg() {
    return AnalysisConfig.defaults(1).withMinUnitsPerArea(3).withResample(2);
  }

  @Test
  void aModelWithoutAClassifierShowsNoTrialTypeFractions() {
    int units = 6;
    float[] d = counts(4, units, new SplittableRandom(3));
    AnalysisResult r = Analysis.run(inputs(d, d, d, 4, 4, units, false), cfg());
    assertTrue(!r.trialTypes().modelComparable() && r.trialTypes().modelNote().contains("no classifier"));
    AnalysisInputs withPoor = AnalysisInputs.builder("r", List.of("A"), DT)
        .session(inputs(d, d, d, 4, 4, units, false).sessions().get(0))
        .modelTypes(new ModelTypeQuality("test", 0.6, 0.7, 50, false)).build();
    TrialTypeFractions t = Analysis.run(withPoor, cfg()).trialTypes();
    assertTrue(!t.modelComparable() && t.modelNote().contains("majority-class baseline"), t.modelNote());
  }
}
