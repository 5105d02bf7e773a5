package org.trialmatch.grad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.trialmatch.testing.Tolerances;

/** Each surrogate on its own: the pseudo-derivative is the derivative of its antiderivative. */
class PseudoDerivativeTest {
  private static final double STEP = 1e-6;

  private static double[] grid() {
    double[] h = new double[241];
    for (int k = 0; k < h.length; k++) {
      h[k] = -3.0 + 0.025 * k + 0.0013; // avoids the triangle's kinks at −1, 0, 1 by more than STEP
    }
    return h;
  }

  private static void assertDerivative(String label, DoubleUnaryOperator primitive, DoubleUnaryOperator derivative) {
    double[] h = grid();
    double[] fd = new double[h.length];
    double[] d = new double[h.length];
    for (int k = 0; k < h.length; k++) {
      fd[k] = (primitive.applyAsDouble(h[k] + STEP) - primitive.applyAsDouble(h[k] - STEP)) / (2 * STEP);
      d[k] = derivative.applyAsDouble(h[k]);
    }
    Tolerances.assertAllClose(label, fd, d, Tolerances.ISOLATED_OP, Tolerances.ISOLATED_OP);
  }

  @Test
  void bernoulliIsTheDerivativeOfTheDampenedSpikeProbability() {
    assertDerivative("bernoulli, paper values", h -> PseudoDerivative.bernoulliPrimitive(h, 15, 2, 0.3),
        h -> PseudoDerivative.bernoulli(h, 15, 2, 0.3));
    assertDerivative("bernoulli, other values", h -> PseudoDerivative.bernoulliPrimitive(h, 3, 1, 1),
        h -> PseudoDerivative.bernoulli(h, 3, 1, 1));
    // the method reference's closed form at h = 0: γ (dt/2) τ / 4
    assertEquals(0.3 * 1.0 * 15 / 4, PseudoDerivative.bernoulli(0.0, 15, 2, 0.3), 1e-15);
    assertEquals(0.3 * 1.0 * 0.5, PseudoDerivative.bernoulliPrimitive(0.0, 15, 2, 0.3), 1e-15);
    assertTrue(PseudoDerivative.bernoulli(-3.0, 15, 2, 0.3) > 0, "never exactly 0");
  }

  @Test
  void triangleIsTheDerivativeOfItsRamp() {
    assertDerivative("triangle", h -> PseudoDerivative.trianglePrimitive(h, 0.3),
        h -> PseudoDerivative.triangle(h, 0.3));
    assertEquals(0.0, PseudoDerivative.triangle(1.0, 0.3));
    assertEquals(0.0, PseudoDerivative.triangle(-1.5, 0.3));
    assertEquals(0.3, PseudoDerivative.triangle(0.0, 0.3), 1e-15);
    assertEquals(0.0, PseudoDerivative.trianglePrimitive(-1.0, 0.3));
    assertEquals(0.15, PseudoDerivative.trianglePrimitive(0.0, 0.3), 1e-15);
    assertEquals(0.3, PseudoDerivative.trianglePrimitive(2.0, 0.3));
  }

  @Test
  void floatExponentialIsAccurateOverItsRange() {
    int count = 200001;
    double[] e = new double[count];
    double[] a = new double[count];
    for (int k = 0; k < count; k++) {
      float x = (float) (-87.0 * k / (count - 1));
      e[k] = Math.exp(x);
      a[k] = PseudoDerivative.expNonPositive(x);
    }
    // relative 3e-7 (a few float ulps) everywhere down to the underflow threshold
    Tolerances.assertAllClose("exp", e, a, 3e-7, 0);
    assertEquals(0f, PseudoDerivative.expNonPositive(-87.5f));
    assertEquals(0f, PseudoDerivative.expNonPositive(Float.NEGATIVE_INFINITY));
    assertEquals(1f, PseudoDerivative.expNonPositive(0f));
  }

  @Test
  void floatVersionsAgreeWithDouble() {
    double[] h = grid();
    double[] ed = new double[h.length];
    double[] ad = new double[h.length];
    double[] et = new double[h.length];
    double[] at = new double[h.length];
    for (int k = 0; k < h.length; k++) {
      float hf = (float) h[k];
      ed[k] = PseudoDerivative.bernoulli((double) hf, 15, 2, 0.3);
      ad[k] = PseudoDerivative.bernoulli(hf, 15f, 2f, 0.3f);
      et[k] = PseudoDerivative.triangle((double) hf, 0.3);
      at[k] = PseudoDerivative.triangle(hf, 0.3f);
    }
    Tolerances.assertAllClose("bernoulli float", ed, ad, Tolerances.FLOAT_OP, 1e-9);
    Tolerances.assertAllClose("triangle float", et, at, Tolerances.FLOAT_OP, 1e-9);
  }
}
