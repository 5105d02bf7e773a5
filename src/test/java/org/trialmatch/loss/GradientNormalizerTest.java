package org.trialmatch.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GradientNormalizerTest {
  private static final UnitGroups GROUPS = UnitGroups.of(new int[] {0, 1, -1, 0, 1, 1}, 2);
  private static final int STEPS = 4;
  private static final int TRIALS = 3;

  @Test
  void matchesADenseImplementationOverSeveralSteps() {
    SplittableRandom rng = new SplittableRandom(1);
    int terms = 3;
    double beta = 0.9;
    GradientNormalizer norm = new GradientNormalizer(terms, beta);
    double[] m = new double[terms];
    long[] t = new long[terms];
    double[] weights = {1.0, 2.5, 0.5};
    SpikeGradient out = new SpikeGradient(STEPS, TRIALS, GROUPS);
    for (int step = 0; step < 4; step++) {
      SpikeGradient[] g = new SpikeGradient[terms];
      double[][] dense = new double[terms][];
      for (int k = 0; k < terms; k++) {
        g[k] = SpikeGradientTest.random(STEPS, TRIALS, GROUPS, rng);
        if (step == 2 && k == 1) {
          g[k].clear(); // a zero gradient passes through without touching the state
        }
        if (k == 2) {
          g[k].addScaled(-1.5, g[0]); // make term 2 conflict with term 0
        }
        dense[k] = concat(g[k].toDenseSpikes(), g[k].toDenseJaw());
      }
      norm.combine(g, weights, out);
      double[] expected = denseCombine(dense, weights, m, t, beta);
      LossTesting.assertAllClose(expected, concat(out.toDenseSpikes(), out.toDenseJaw()), 1e-10, 1e-12, "step " + step);
      for (int k = 0; k < terms; k++) {
        assertEquals(t[k], norm.steps(k));
        assertEquals(m[k], norm.moment(k), 1e-12 * m[k]);
      }
    }
  }

  @Test
  void firstStepHasUnitRmsAndConflictsAreRemoved() {
    SplittableRandom rng = new SplittableRandom(2);
    GradientNormalizer one = new GradientNormalizer(1, GradientNormalizer.REFERENCE_BETA);
    SpikeGradient g = SpikeGradientTest.random(STEPS, TRIALS, GROUPS, rng);
    for (int i = 0; i < g.perUnit().length; i++) {
      g.perUnit()[i] *= 1000; // the scale must not matter
    }
    SpikeGradient out = new SpikeGradient(STEPS, TRIALS, GROUPS);
    one.combine(new SpikeGradient[] {g}, new double[] {1.0}, out);
    assertEquals(1.0, out.dot(out) / STEPS, 1e-12, "unit RMS after the bias correction");

    GradientNormalizer two = new GradientNormalizer(2, GradientNormalizer.REFERENCE_BETA);
    SpikeGradient a = SpikeGradientTest.random(STEPS, TRIALS, GROUPS, rng);
    SpikeGradient b = SpikeGradientTest.random(STEPS, TRIALS, GROUPS, rng);
    b.addScaled(-3.0, a);
    assertTrue(a.dot(b) < 0, "the two terms conflict");
    two.combine(new SpikeGradient[] {a, b}, new double[] {1.0, 1.0}, out);
    assertTrue(out.dot(a) >= -1e-12 && out.dot(b) >= -1e-12, "no term's loss increases to first order");
  }

  @Test
  void stateCanBeRestored() {
    SplittableRandom rng = new SplittableRandom(3);
    GradientNormalizer a = new GradientNormalizer(2, 0.99);
    SpikeGradient[] g = {SpikeGradientTest.random(STEPS, TRIALS, GROUPS, rng), SpikeGradientTest.random(STEPS, TRIALS, GROUPS, rng)};
    SpikeGradient out = new SpikeGradient(STEPS, TRIALS, GROUPS);
    a.combine(g, new double[] {1, 1}, out);
    a.combine(g, new double[] {1, 1}, out);
    GradientNormalizer b = new GradientNormalizer(2, 0.99);
    for (int k = 0; k < 2; k++) {
      b.restore(k, a.moment(k), a.steps(k));
    }
    SpikeGradient outA = new SpikeGradient(STEPS, TRIALS, GROUPS);
    SpikeGradient outB = new SpikeGradient(STEPS, TRIALS, GROUPS);
    a.combine(g, new double[] {1, 1}, outA);
    b.combine(g, new double[] {1, 1}, outB);
    LossTesting.assertAllClose(outA.toDenseSpikes(), outB.toDenseSpikes(), 0, 0, "restored normaliser");
  }

  private static double[] concat(double[] a, double[] b) {
    double[] c = new double[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** The normalisation written on dense vectors, from its description. */
  private static double[] denseCombine(double[][] g, double[] w, double[] m, long[] t, double beta) {
    int n = g.length;
    double[][] hat = new double[n][];
    for (int k = 0; k < n; k++) {
      double q = dot(g[k], g[k]) / STEPS;
      hat[k] = new double[g[k].length];
      if (q == 0) {
        continue;
      }
      m[k] = beta * m[k] + (1 - beta) * q;
      t[k]++;
      double v = m[k] / (1 - Math.pow(beta, t[k]));
      for (int i = 0; i < g[k].length; i++) {
        hat[k][i] = g[k][i] / Math.max(Math.sqrt(v), 1e-16);
      }
    }
    double[] out = new double[g[0].length];
    for (int k = 0; k < n; k++) {
      double[] p = hat[k].clone();
      for (int j = 0; j < n; j++) {
        double jj = dot(hat[j], hat[j]);
        if (jj == 0) {
          continue;
        }
        double d = dot(p, hat[j]);
        if (d < 0) {
          for (int i = 0; i < p.length; i++) {
            p[i] -= d * hat[j][i] / jj;
          }
        }
      }
      for (int i = 0; i < p.length; i++) {
        out[i] += w[k] * p[i];
      }
    }
    return out;
  }
}
