package org.trialmatch.train;

import org.trialmatch.model.NetworkLayout;
import org.trialmatch.model.Parameters;

/**
 * The constraints, applied after every optimiser step (method reference §2.8, done directly rather
 * than by its pruning-and-regrowth surgery): recurrent and input magnitudes are shrunk by
 * {@code l1 * lr} and clipped at 0 (Dale's law lives in the sign of the presynaptic unit, so a
 * magnitude must stay non-negative); recurrent entries the layout forbids (autapses, inhibition
 * between areas) are set to 0; resting potentials are clipped to
 * {@code [2 rest0 - threshold, threshold]}; adaptation strengths to {@code >= 0}.
 */
public final class Projection {
  private final NetworkLayout layout;
  private final float shrink;
  private final float restLow;
  private final float restHigh;

  /**
   * @param layout the network layout (which synapses are allowed)
   * @param l1Decay L1 shrink per unit learning rate
   * @param lr learning rate
   * @param restPotential the scalar rest rho0
   * @param threshold the base threshold theta0
   */
  public Projection(NetworkLayout layout, double l1Decay, double lr, double restPotential, double threshold) {
    this.layout = layout;
    this.shrink = (float) (l1Decay * lr);
    this.restLow = (float) (2 * restPotential - threshold);
    this.restHigh = (float) threshold;
  }

  /**
   * Projects the parameters in place.
   *
   * @param p the parameters
   */
  public void applyInPlace(Parameters p) {
    int n = layout.nUnits();
    for (int g = 0; g < p.groups(); g++) {
      float[] w = p.recurrent(g);
      for (int pre = 0; pre < n; pre++) {
        int row = pre * n;
        for (int post = 0; post < n; post++) {
          float x = w[row + post];
          w[row + post] = layout.allowed(post, pre) ? Math.max(0f, x - shrink) : 0f;
        }
      }
    }
    float[] in = p.input();
    for (int i = 0; i < in.length; i++) {
      in[i] = Math.max(0f, in[i] - shrink);
    }
    float[] rest = p.rest();
    for (int i = 0; i < rest.length; i++) {
      rest[i] = Math.min(restHigh, Math.max(restLow, rest[i]));
    }
    float[] beta = p.adaptation();
    for (int i = 0; i < beta.length; i++) {
      beta[i] = Math.max(0f, beta[i]);
    }
  }
}
