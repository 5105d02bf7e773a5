package org.trialmatch.pseudo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * Baseline rates against their law (method reference §5.1 step 1): log-normal with median m and
 * spread s per class, {@code P(r < x) = Phi(ln(x / m) / ln s)} below the cap region, every rate
 * above {@code maxRateHz} replaced by a value in {@code [maxRateHz - 10, maxRateHz)}. Seeded; every
 * fraction is held to four binomial standard errors.
 */
class BaselineRatesTest {
  private static final NormalDistribution PHI = new NormalDistribution(0, 1);
  /** Two sessions of 5000 units, one trial each: 8000 E and 2000 I rates. */
  private static final PseudoDataConfig MANY_UNITS = PseudoDataConfig.figure2().resized(2, 5000, 1, 0.6, 0.2);

  @Test
  void figure2PresetSpreadsInhibitoryRatesLikeExcitatoryOnes() {
    PseudoDataConfig cfg = PseudoDataConfig.figure2();
    assertEquals(cfg.rateSpreadExc(), cfg.rateSpreadInh(), "the reference draws I rates with the E spread");
    assertEquals(2.0, cfg.rateSpreadInh());
  }

  @Test
  void inhibitoryRatesAreLogNormalWithTheConfiguredSpread() {
    List<PseudoSession> sessions = PseudoDataGenerator.generate(MANY_UNITS);
    double[] inh = rates(sessions, false);
    assertEquals(2000, inh.length);
    checkLaw(inh, MANY_UNITS.rateMeanInhHz(), MANY_UNITS.rateSpreadInh(), MANY_UNITS.maxRateHz(), "I");
  }

  @Test
  void excitatoryRatesFollowTheSameLaw() {
    double[] exc = rates(PseudoDataGenerator.generate(MANY_UNITS), true);
    checkLaw(exc, MANY_UNITS.rateMeanExcHz(), MANY_UNITS.rateSpreadExc(), MANY_UNITS.maxRateHz(), "E");
  }

  @Test
  void spreadOneKeepsEveryInhibitoryUnitAtTheMedian() {
    PseudoDataConfig flat = MANY_UNITS.withRateSpreadInh(1);
    for (double r : rates(PseudoDataGenerator.generate(flat), false)) {
      assertEquals(flat.rateMeanInhHz(), r, 1e-12);
    }
  }

  private static void checkLaw(double[] r, double median, double spread, double maxHz, String what) {
    int n = r.length;
    double capRegion = maxHz - 10;
    // below the cap region the law is the plain log-normal
    for (double x : new double[] {median / (spread * spread), median / spread, median, Math.min(1.5 * median, capRegion)}) {
      double expected = PHI.cumulativeProbability(Math.log(x / median) / Math.log(spread));
      double observed = fraction(r, v -> v < x);
      assertEquals(expected, observed, 4 * Math.sqrt(expected * (1 - expected) / n) + 1e-12,
          what + " rates below " + x + " Hz");
    }
    // [maxHz - 10, maxHz]: the log-normal mass there plus every replaced rate, i.e. all mass above maxHz - 10
    double tail = 1 - PHI.cumulativeProbability(Math.log(capRegion / median) / Math.log(spread));
    assertEquals(tail, fraction(r, v -> v >= capRegion), 4 * Math.sqrt(tail * (1 - tail) / n) + 1e-12,
        what + " rates at or above " + capRegion + " Hz");
    assertTrue(fraction(r, v -> v > maxHz) == 0, what + " rates above the cap");
  }

  private static double fraction(double[] r, DoublePredicate p) {
    int c = 0;
    for (double v : r) {
      c += p.test(v) ? 1 : 0;
    }
    return c / (double) r.length;
  }

  private static double[] rates(List<PseudoSession> sessions, boolean excitatory) {
    List<Double> out = new ArrayList<>();
    for (PseudoSession s : sessions) {
      for (int u = 0; u < s.units(); u++) {
        if (s.excitatory(u) == excitatory) {
          out.add(s.baselineHz(u));
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
