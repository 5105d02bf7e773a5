package org.trialmatch.pseudo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Statistical checks of the generator against the law it is defined by (seeded, fixed tolerances). */
class PseudoDataGeneratorTest {
  private static final PseudoDataConfig SMALL = PseudoDataConfig.figure2().resized(3, 40, 400, 0.6, 0.2);

  @Test
  void areaCoverageRotatesAndClassesSplit() {
    List<PseudoSession> s = PseudoDataGenerator.generate(SMALL);
    assertEquals(3, s.size());
    assertEquals("PS000", s.get(0).name());
    int[] area1 = new int[3];
    for (int k = 0; k < 3; k++) {
      int e = 0;
      for (int u = 0; u < 40; u++) {
        area1[k] += s.get(k).area(u).equals("area1") ? 1 : 0;
        e += s.get(k).excitatory(u) ? 1 : 0;
      }
      assertEquals(32, e);
    }
    assertArrayEquals(new int[] {20, 40, 0}, area1);
  }

  @Test
  void hitFractionAndHiddenResponse() {
    PseudoSession s = PseudoDataGenerator.generate(SMALL.resized(1, 80, 2000, 0.6, 0.2)).get(0);
    int hits = 0;
    for (int j = 0; j < s.trials(); j++) {
      hits += s.area2Responds(j) ? 1 : 0;
    }
    double f = hits / (double) s.trials();
    double se = Math.sqrt(0.8 * 0.2 / s.trials());
    assertEquals(0.8, f, 4 * se);
    assertEquals("Hit", s.trialType(firstWhere(s, true)));
    assertEquals("Miss", s.trialType(firstWhere(s, false)));

    // Area-2 units with modulation > 0: more spikes in [stim+8, stim+48) ms on Hit than on Miss
    // trials; on Miss trials the count matches the baseline rate.
    double[] stim = s.stimTimeS();
    double hitCount = 0;
    double missCount = 0;
    double missExpected = 0;
    int nHit = 0;
    int nMiss = 0;
    for (int u = 0; u < s.units(); u++) {
      if (!s.area(u).equals("area2") || s.modulation(u) == 0) {
        continue;
      }
      double[] t = s.spikeTimesS(u);
      for (int j = 0; j < s.trials(); j++) {
        double a = stim[j] + 0.008;
        double b = stim[j] + 0.048;
        int c = 0;
        for (double x : t) {
          c += x >= a && x < b ? 1 : 0;
        }
        if (s.area2Responds(j)) {
          hitCount += c;
          nHit++;
        } else {
          missCount += c;
          missExpected += s.baselineHz(u) * 0.040;
          nMiss++;
        }
      }
    }
    assertTrue(nHit > 0 && nMiss > 0);
    assertTrue(hitCount / nHit > 2 * (missCount / nMiss), hitCount / nHit + " vs " + missCount / nMiss);
    assertEquals(missExpected, missCount, 5 * Math.sqrt(missExpected));
  }

  private static int firstWhere(PseudoSession s, boolean responds) {
    for (int j = 0; j < s.trials(); j++) {
      if (s.area2Responds(j) == responds) {
        return j;
      }
    }
    throw new AssertionError("no trial with area2Responds=" + responds);
  }

  @Test
  void baselineSpikeCountsFollowTheRate() {
    // Away from the response, spikes per unit per trial are Binomial(bins, r*dt): check mean and variance.
    PseudoSession s = PseudoDataGenerator.generate(SMALL.resized(1, 20, 3000, 0.6, 0.2)).get(0);
    double[] start = s.startS();
    for (int u = 0; u < s.units(); u++) {
      double p = s.baselineHz(u) * 0.001;
      int bins = 150; // [0, 150) ms of each record, before the stimulus at 200 ms
      double mean = bins * p;
      double var = bins * p * (1 - p);
      double[] t = s.spikeTimesS(u);
      double sum = 0;
      double sumSq = 0;
      int k = 0;
      for (int j = 0; j < s.trials(); j++) {
        int c = 0;
        while (k < t.length && t[k] < start[j]) {
          k++;
        }
        for (int m = k; m < t.length && t[m] < start[j] + 0.150; m++) {
          c++;
        }
        sum += c;
        sumSq += (double) c * c;
      }
      int n = s.trials();
      double m = sum / n;
      double v = sumSq / n - m * m;
      assertEquals(mean, m, 5 * Math.sqrt(var / n) + 1e-9, "unit " + u);
      assertEquals(var, v, 0.15 * var + 0.01, "unit " + u);
    }
  }

  @Test
  void spikeTimesSortedInsideRecordsAndOnBinCentres() {
    PseudoSession s = PseudoDataGenerator.generate(SMALL).get(1);
    double recordEnd = s.stopS()[s.trials() - 1];
    for (int u = 0; u < s.units(); u++) {
      double[] t = s.spikeTimesS(u);
      for (int i = 0; i < t.length; i++) {
        assertTrue(t[i] > 0 && t[i] < recordEnd);
        if (i > 0) {
          assertTrue(t[i] > t[i - 1]);
        }
        double ms = t[i] * 1000;
        assertEquals(0.5, ms - Math.floor(ms), 1e-6);
      }
    }
  }

  @Test
  void seededAndIndependentOfSessionCount() {
    List<PseudoSession> a = PseudoDataGenerator.generate(SMALL);
    List<PseudoSession> b = PseudoDataGenerator.generate(SMALL.resized(2, 40, 400, 0.6, 0.2));
    List<PseudoSession> c = PseudoDataGenerator.generate(SMALL.withSeed(1));
    assertArrayEquals(a.get(1).spikeTimesS(3), b.get(1).spikeTimesS(3));
    assertFalse(java.util.Arrays.equals(a.get(1).spikeTimesS(3), c.get(1).spikeTimesS(3)));
  }

  @Test
  void kernelPeaksAtTheConfiguredValue() {
    double[] k = PseudoDataGenerator.kernel(PseudoDataConfig.figure2());
    int arg = 0;
    for (int i = 1; i < k.length; i++) {
      arg = k[i] > k[arg] ? i : arg;
    }
    assertEquals(3.0, k[arg], 1e-12);
    // Analytic peak of exp(-t/20) - exp(-t/5): t* = ln(20/5) * 20 * 5 / (20 - 5) = 9.24 ms.
    assertEquals(9, arg);
    assertEquals(0.0, k[0], 1e-12);
  }
}
