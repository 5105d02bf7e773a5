package org.trialmatch.train;

import java.util.List;

/**
 * AdamW (Loshchilov and Hutter): decoupled weight decay {@code p <- p (1 - lr wd)}, then the Adam
 * step with bias-corrected moments, {@code p <- p - lr m_hat / (sqrt(v_hat) + eps)}, element by
 * element in a fixed order (so the result does not depend on threads). Moments are float arrays
 * shaped like the parameters, allocated once. Tensors named in {@code frozen} are not updated.
 */
public final class AdamW {
  private final double lr;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private final float[][] m;
  private final float[][] v;
  private final boolean[] trained;
  private long step;

  /**
   * @param shapes the parameter tensors (their lengths set the moments' sizes)
   * @param trained one flag per tensor: false to leave it unchanged
   * @param lr learning rate
   * @param beta1 first-moment decay
   * @param beta2 second-moment decay
   * @param eps denominator floor
   * @param weightDecay decoupled weight decay
   */
  public AdamW(List<NamedTensor> shapes, boolean[] trained, double lr, double beta1, double beta2, double eps,
      double weightDecay) {
    if (trained.length != shapes.size()) {
      throw new IllegalArgumentException("one trained flag per tensor: " + trained.length + " != " + shapes.size());
    }
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.m = new float[shapes.size()][];
    this.v = new float[shapes.size()][];
    this.trained = trained.clone();
    for (int k = 0; k < shapes.size(); k++) {
      m[k] = new float[shapes.get(k).values().length];
      v[k] = new float[shapes.get(k).values().length];
    }
  }

  /**
   * One update.
   *
   * @param params the live parameter tensors, in the order given at construction
   * @param grads their gradients, same order and lengths
   */
  public void step(List<NamedTensor> params, List<NamedTensor> grads) {
    if (params.size() != m.length || grads.size() != m.length) {
      throw new IllegalArgumentException("expected " + m.length + " tensors");
    }
    step++;
    double bc1 = 1 - Math.pow(beta1, step);
    double bc2 = 1 - Math.pow(beta2, step);
    float decay = (float) (1 - lr * weightDecay);
    float b1 = (float) beta1;
    float b2 = (float) beta2;
    float a1 = (float) (1 - beta1);
    float a2 = (float) (1 - beta2);
    double stepSize = lr / bc1;
    double sqrtBc2 = Math.sqrt(bc2);
    for (int k = 0; k < m.length; k++) {
      if (!trained[k]) {
        continue;
      }
      float[] p = params.get(k).values();
      float[] g = grads.get(k).values();
      float[] mk = m[k];
      float[] vk = v[k];
      if (p.length != mk.length || g.length != mk.length) {
        throw new IllegalArgumentException(params.get(k).name() + ": length changed");
      }
      for (int i = 0; i < p.length; i++) {
        float gi = g[i];
        float mi = b1 * mk[i] + a1 * gi;
        float vi = b2 * vk[i] + a2 * gi * gi;
        mk[i] = mi;
        vk[i] = vi;
        double denom = Math.sqrt(vi) / sqrtBc2 + eps;
        p[i] = (float) (p[i] * decay - stepSize * mi / denom);
      }
    }
  }

  /** @return the number of updates done */
  public long steps() {
    return step;
  }

  /**
   * Moments for checkpoints (live arrays).
   *
   * @return first moments, one array per tensor
   */
  float[][] firstMoments() {
    return m;
  }

  /** @return second moments, one array per tensor (live) */
  float[][] secondMoments() {
    return v;
  }

  /** @param steps the update count restored from a checkpoint */
  void restoreSteps(long steps) {
    this.step = steps;
  }
}
