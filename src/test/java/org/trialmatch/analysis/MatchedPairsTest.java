package org.trialmatch.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialmatch.testing.Tolerances.EXACT;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialmatch.loss.LinearAssignment;

/** Which trials the t_trial matching paired, and the pairs the report draws. */
class MatchedPairsTest {

  @Test
  void theMatchingReportsItsPairsInTheOrderOfItsScores() {
    // two conditions; in "c" test trial 0 is closest to other trial 2 and test 1 to other 0; in "d" one pair
    double[] a = {0, 0, 5, 5, 9, 9};
    double[] b = {5, 5, 7, 7, 0, 0.1, 9, 8};
    ScoreFeatures f = new ScoreFeatures(List.of(0), false, 2, new double[] {0}, new double[] {1});
    List<int[]> pairs = new ArrayList<>();
    double[][] r = TrialScore.matchedCorrelations(a, List.of("c", "c", "d"), b, List.of("c", "d", "c", "d"), f,
        new LinearAssignment(), "model", new StringBuilder(), pairs);
    assertEquals(3, pairs.size());
    assertArrayEquals(new int[] {0, 2}, pairs.get(0));
    assertArrayEquals(new int[] {1, 0}, pairs.get(1));
    assertArrayEquals(new int[] {2, 3}, pairs.get(2));
    assertEquals(3, r[0].length);
  }

  private static MatchedPairs pairs(double... r) {
    MatchedPairs.Builder b = new MatchedPairs.Builder(2);
    List<int[]> p = new ArrayList<>();
    double[][] scores = new double[2][r.length];
    for (int i = 0; i < r.length; i++) {
      p.add(new int[] {i, 10 + i});
      scores[0][i] = r[i];
      scores[1][i] = -r[i];
    }
    b.add(3, p, scores, List.of(1));
    return b.build();
  }

  @Test
  void pairsKeepTheirSessionTrialsAndPerAreaScores() {
    MatchedPairs m = pairs(0.5, 0.2);
    assertEquals(2, m.size());
    assertEquals(3, m.session(1));
    assertEquals(1, m.testTrial(1));
    assertEquals(11, m.otherTrial(1));
    assertEquals(0.2, m.correlation(1), EXACT);
    assertTrue(Double.isNaN(m.areaCorrelations(0)[0]), "area 0 was not in the features");
    assertEquals(-0.5, m.areaCorrelations(1)[0], EXACT);
  }

  @Test
  void percentilesPickTheRankedPairsAndSkipUndefinedOnes() {
    // defined correlations sorted: 0.1 (pair 4), 0.2 (1), 0.3 (5), 0.5 (0), 0.9 (2); pair 3 is NaN
    MatchedPairs m = pairs(0.5, 0.2, 0.9, Double.NaN, 0.1, 0.3);
    // n = 5: ranks round(0.1*4) = 0, round(0.5*4) = 2, round(0.9*4) = 4
    assertArrayEquals(new int[] {4, 5, 2}, m.atPercentiles(0.1, 0.5, 0.9));
    assertArrayEquals(new int[] {4}, m.atPercentiles(0.0, 0.1), "a pair is returned once");
    assertEquals(0, pairs().atPercentiles(0.1, 0.5).length);
    assertThrows(IllegalArgumentException.class, () -> m.atPercentiles(1.5));
  }

  @Test
  void analysisExposesTheModelAndCeilingPairsBehindTTrial() {
    AnalysisInputs in = SyntheticInputs.build(1, 20, false, null, 4);
    AnalysisResult r = Analysis.run(in, AnalysisConfig.defaults(0));
    MatchedPairs mp = r.tTrial().modelMatches();
    assertEquals(r.tTrial().modelPairs().length, mp.size());
    assertArrayEquals(r.tTrial().modelPairs(), mp.correlations());
    assertArrayEquals(r.tTrial().ceilingPairs(), r.tTrial().ceilingMatches().correlations());
    assertEquals(20, mp.size(), "every test trial matched once");
    boolean[] seen = new boolean[20];
    for (int i = 0; i < mp.size(); i++) {
      assertTrue(!seen[mp.otherTrial(i)], "model trial matched twice");
      seen[mp.otherTrial(i)] = true;
    }
    Summary area2 = Stats.summarize(mp.areaCorrelations(1));
    assertEquals(r.tTrial().perArea().get(1).model().mean(), area2.mean(), EXACT);
  }
}
