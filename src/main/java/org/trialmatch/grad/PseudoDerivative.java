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
    float e = (float) Math.exp(-Math.abs(temperature * h));
    float d = 1f + e;
    return dampening * 0.5f * dtMs * temperature * e / (d * d);
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
