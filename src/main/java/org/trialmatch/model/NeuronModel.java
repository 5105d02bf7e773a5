package org.trialmatch.model;

/**
 * The LIF neuron with threshold adaptation that the forward pass ({@link Simulator}) runs and the backward
 * pass ({@code grad.Backward}) differentiates, in one place: its per-unit constants, derived once from the
 * configuration, and the threshold rule both passes apply at every step (method reference §2, bptt.md
 * "Forward"):
 *
 * <pre>
 *   u_t = α v_{t−1} + (1−α)(I_t + o + ρ) + σ ξ_t
 *   A_t = thr0 + β b_t, raised by {@link #THRESHOLD_NUDGE} when A_t ≤ ρ_i
 *   h_t = (u_t − A_t)/(A_t − ρ0),   reset size A_t − ρ_i
 *   b_{t+1} = κ_b b_t + (1−κ_b) z_t,   y_t = exp(κ_j ln(y_{t−1} + c) + (1−κ_j) m_t) − c
 * </pre>
 *
 * α is {@code exp(−dtMs/τ)} with τ the membrane time constant of the unit's cell class (E or I), rounded
 * once to float. Immutable; the arrays it returns are copies (the passes keep their own, read in their
 * hot loops).
 */
public final class NeuronModel {
  /**
   * Added to a threshold that is not above the unit's rest potential, so that the reset size A − ρ stays
   * positive (a learned rest may climb to the threshold).
   */
  public static final float THRESHOLD_NUDGE = 0.001f;

  private final float[] leak;
  private final float[] inputScale;
  private final float[] adjointInputScale;
  private final float threshold;
  private final float restPotential;
  private final float temperature;
  private final float adaptationDecay;
  private final double behaviourDecay;
  private final int refractorySteps;

  private NeuronModel(RsnnConfig config, NetworkLayout layout) {
    int n = layout.nUnits();
    leak = new float[n];
    inputScale = new float[n];
    adjointInputScale = new float[n];
    double aE = Math.exp(-config.dtMs() / config.tauMemExcMs());
    double aI = Math.exp(-config.dtMs() / config.tauMemInhMs());
    for (int i = 0; i < n; i++) {
      double a = layout.isExcitatory(i) ? aE : aI;
      leak[i] = (float) a;
      inputScale[i] = (float) (1.0 - a);
      adjointInputScale[i] = 1f - leak[i];
    }
    threshold = (float) config.threshold();
    restPotential = (float) config.restPotential();
    temperature = (float) config.temperature();
    adaptationDecay = (float) Math.exp(-config.dtMs() / config.tauAdaptMs());
    behaviourDecay = Math.exp(-config.dtMs() / config.tauJawMs());
    refractorySteps = config.refractorySteps();
  }

  /**
   * @param config the model configuration
   * @param layout the layout built from it (cell class of every unit)
   * @return the neuron model of that network
   */
  public static NeuronModel of(RsnnConfig config, NetworkLayout layout) {
    if (layout.nUnits() != config.nUnits()) {
      throw new IllegalArgumentException("layout does not match the configuration (units " + layout.nUnits()
          + " vs " + config.nUnits() + ")");
    }
    return new NeuronModel(config, layout);
  }

  /**
   * The threshold rule: a threshold not above the unit's rest potential is raised by {@link #THRESHOLD_NUDGE}.
   *
   * @param a the threshold thr0 + β b_t
   * @param rest the unit's rest potential ρ_i
   * @return the threshold the step uses
   */
  public static float threshold(float a, float rest) {
    return a <= rest ? a + THRESHOLD_NUDGE : a;
  }

  /** @return α per unit: the membrane's decay over one step (a copy) */
  public float[] leak() {
    return leak.clone();
  }

  /** @return 1 − α per unit, computed in double and rounded once: the forward pass's input scale (a copy) */
  public float[] inputScale() {
    return inputScale.clone();
  }

  /**
   * The input scale the backward pass's adjoint uses: 1 − α computed in float from the rounded α. It differs
   * from {@link #inputScale()} by the rounding of α, at most one unit in the last place of α (3·10⁻⁸; relative
   * to 1 − α up to 6·10⁻⁷ for τ of 10–50 ms at dt 1–2 ms), the size of the gradient's own float rounding. Kept
   * as it is so that every fit reproduces the numbers docs/ report; making the two one value changes every
   * gradient in its last bits and so every fit's trajectory.
   *
   * @return 1 − α per unit, float arithmetic (a copy)
   */
  public float[] adjointInputScale() {
    return adjointInputScale.clone();
  }

  /** @return thr0, the threshold without adaptation */
  public float threshold() {
    return threshold;
  }

  /** @return ρ0, the configured rest potential (the scale of h_t) */
  public float restPotential() {
    return restPotential;
  }

  /** @return the temperature of the spike probability's sigmoid */
  public float temperature() {
    return temperature;
  }

  /** @return κ_b = exp(−dtMs/τ_adapt), the adaptation variable's decay over one step */
  public float adaptationDecay() {
    return adaptationDecay;
  }

  /** @return κ_j = exp(−dtMs/τ_jaw), the behaviour readout's decay over one step */
  public double behaviourDecay() {
    return behaviourDecay;
  }

  /** @return steps a unit cannot spike after a spike */
  public int refractorySteps() {
    return refractorySteps;
  }
}
