package org.trialmatch.grad;

/**
 * The pseudo-derivatives ψ = ∂z/∂h of the two spike functions (method reference §2.7, step 8) and
 * their antiderivatives, the spike of the smooth mode that gradient checks differentiate. {@code h} is
 * the normalised distance to threshold {@code (u − A)/(A − ρ0)}; γ is the dampening
 * ({@code surrogateDampening}, 0.3 in the paper), τ the temperature.
 *
 * <ul>
 *   <li>Bernoulli: ψ = γ (dt/2) τ σ'(τ h) with σ the logistic function; antiderivative γ (dt/2) σ(τ h)
 *       (the spike probability, dampened). Never exactly 0.
 *   <li>Deterministic (triangle): ψ = γ max(0, 1 − |h|); antiderivative γ F(h) with F = 0 below −1,
 *       (h+1)²/2 on [−1, 0], 1 − (1−h)²/2 on [0, 1], 1 above. Exactly 0 outside (−1, 1).
 * </ul>
 *
 * Float versions are the ones the backward pass runs; double versions serve tests and references.
 */
public final class PseudoDerivative {
  private PseudoDerivative() {}

  /**
   * @param h normalised distance to threshold
   * @param temperature τ
   * @param dtMs step, ms
   * @param dampening γ
   * @return γ (dt/2) τ σ(τh)(1 − σ(τh))
   */
  public static float bernoulli(float h, float temperature, float dtMs, float dampening) {
    // σ'(x) = e/(1+e)² with e = exp(−|x|): no cancellation in 1 − σ for large x
    float e = expNonPositive(-Math.abs(temperature * h));
    float d = 1f + e;
    return dampening * 0.5f * dtMs * temperature * e / (d * d);
  }

  private static final float LOG2E = 1.44269504088896341f;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  /** 1.5·2²³: adding it rounds a float of magnitude below 2²² to the nearest integer. */
  private static final float ROUND = 12582912f;

  /**
   * {@code exp(x)} for {@code x ≤ 0} in float, within about 2 ulp: range reduction by ln 2 (in two
   * parts) and a degree-6 polynomial (the coefficients of the Cephes {@code expf}), no branches but
   * the underflow test. Returns 0 below −87 (where the result would leave the normal float range).
   * Four times cheaper than {@code (float) Math.exp(x)}, and the backward pass evaluates one per
   * unit, trial and step.
   */
  static float expNonPositive(float x) {
    if (x < -87f) {
      return 0f;
    }
    float t = x * LOG2E + ROUND;
    int n = Float.floatToRawIntBits(t) - Float.floatToRawIntBits(ROUND);
    float k = t - ROUND;
    float r = x - k * LN2_HI - k * LN2_LO;
    float z = r * r;
    float p = (((((1.9875691500e-4f * r + 1.3981999507e-3f) * r + 8.3334519073e-3f) * r + 4.1665795894e-2f) * r
        + 1.6666665459e-1f) * r + 5.0000001201e-1f) * z + r + 1f;
    return p * Float.intBitsToFloat((n + 127) << 23);
  }

  /**
   * @param h normalised distance to threshold
   * @param temperature τ
   * @param dtMs step, ms
   * @param dampening γ
   * @return γ (dt/2) τ σ(τh)(1 − σ(τh)), in double
   */
  public static double bernoulli(double h, double temperature, double dtMs, double dampening) {
    double e = Math.exp(-Math.abs(temperature * h));
    double d = 1.0 + e;
    return dampening * 0.5 * dtMs * temperature * e / (d * d);
  }

  /**
   * The smooth-mode spike of the Bernoulli function, whose derivative is {@link #bernoulli(double,
   * double, double, double)}.
   *
   * @param h normalised distance to threshold
   * @param temperature τ
   * @param dtMs step, ms
   * @param dampening γ
   * @return γ (dt/2) σ(τh)
   */
  public static double bernoulliPrimitive(double h, double temperature, double dtMs, double dampening) {
    return dampening * 0.5 * dtMs / (1.0 + Math.exp(-temperature * h));
  }

  /**
   * @param h normalised distance to threshold
   * @param dampening γ
   * @return γ max(0, 1 − |h|)
   */
  public static float triangle(float h, float dampening) {
    return dampening * Math.max(0f, 1f - Math.abs(h));
  }

  /**
   * @param h normalised distance to threshold
   * @param dampening γ
   * @return γ max(0, 1 − |h|), in double
   */
  public static double triangle(double h, double dampening) {
    return dampening * Math.max(0.0, 1.0 - Math.abs(h));
  }

  /**
   * The smooth-mode spike of the deterministic function, whose derivative is {@link #triangle(double,
   * double)}.
   *
   * @param h normalised distance to threshold
   * @param dampening γ
   * @return γ F(h), F rising from 0 (h ≤ −1) to 1 (h ≥ 1), F(0) = ½
   */
  public static double trianglePrimitive(double h, double dampening) {
    double f;
    if (h <= -1.0) {
      f = 0.0;
    } else if (h <= 0.0) {
      f = 0.5 * (h + 1.0) * (h + 1.0);
    } else if (h < 1.0) {
      f = 1.0 - 0.5 * (1.0 - h) * (1.0 - h);
    } else {
      f = 1.0;
    }
    return dampening * f;
  }
}
