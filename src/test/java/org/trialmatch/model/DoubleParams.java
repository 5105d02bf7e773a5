package org.trialmatch.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A double-precision copy of {@link Parameters}, for tests that take finite differences (a float
 * parameter cannot be nudged by a small double step). Same layouts as {@link Parameters}; tensors are
 * named as in {@link #names()}.
 */
public final class DoubleParams {
  /** Recurrent magnitudes per group, {@code [pre][post]}. */
  public final double[][] recurrent;
  /** Input magnitudes, {@code [input][post]}. */
  public final double[] input;
  /** Per-unit rest ρ. */
  public final double[] rest;
  /** Adaptation strengths β, one per adaptive unit. */
  public final double[] adaptation;
  /** Jaw weights, one per motor unit. */
  public final double[] jawWeights;
  /** Jaw bias c (one value). */
  public final double[] jawBias;
  /** Latent first layer {@code [out][in]}. */
  public final double[] latentW0;
  /** Latent first-layer bias. */
  public final double[] latentB0;
  /** Latent second layer {@code [unit][latent]}. */
  public final double[] latentW1;

  private DoubleParams(Parameters p) {
    recurrent = new double[p.groups()][];
    for (int g = 0; g < p.groups(); g++) {
      recurrent[g] = toDouble(p.recurrent(g));
    }
    input = toDouble(p.input());
    rest = toDouble(p.rest());
    adaptation = toDouble(p.adaptation());
    jawWeights = toDouble(p.jawWeights());
    jawBias = toDouble(p.jawBias());
    latentW0 = toDouble(p.latentW0());
    latentB0 = toDouble(p.latentB0());
    latentW1 = toDouble(p.latentW1());
  }

  /**
   * @param p float parameters
   * @return their exact double copy
   */
  public static DoubleParams of(Parameters p) {
    return new DoubleParams(p);
  }

  private static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int k = 0; k < a.length; k++) {
      d[k] = a[k];
    }
    return d;
  }

  /** @return tensor names: {@code recurrent0…}, input, rest, adaptation, jawWeights, jawBias, latentW0, latentB0, latentW1 */
  public List<String> names() {
    List<String> l = new ArrayList<>();
    for (int g = 0; g < recurrent.length; g++) {
      l.add("recurrent" + g);
    }
    l.addAll(List.of("input", "rest", "adaptation", "jawWeights", "jawBias", "latentW0", "latentB0", "latentW1"));
    return l;
  }

  /**
   * @param name a name from {@link #names()}
   * @return the live double tensor
   */
  public double[] tensor(String name) {
    if (name.startsWith("recurrent")) {
      return recurrent[Integer.parseInt(name.substring(9))];
    }
    switch (name) {
      case "input":
        return input;
      case "rest":
        return rest;
      case "adaptation":
        return adaptation;
      case "jawWeights":
        return jawWeights;
      case "jawBias":
        return jawBias;
      case "latentW0":
        return latentW0;
      case "latentB0":
        return latentB0;
      case "latentW1":
        return latentW1;
      default:
        throw new IllegalArgumentException("no tensor " + name);
    }
  }

  /**
   * @param p float parameters (e.g. gradients)
   * @param name a name from {@link #names()}
   * @return the matching live float tensor of {@code p}
   */
  public static float[] tensor(Parameters p, String name) {
    if (name.startsWith("recurrent")) {
      return p.recurrent(Integer.parseInt(name.substring(9)));
    }
    switch (name) {
      case "input":
        return p.input();
      case "rest":
        return p.rest();
      case "adaptation":
        return p.adaptation();
      case "jawWeights":
        return p.jawWeights();
      case "jawBias":
        return p.jawBias();
      case "latentW0":
        return p.latentW0();
      case "latentB0":
        return p.latentB0();
      case "latentW1":
        return p.latentW1();
      default:
        throw new IllegalArgumentException("no tensor " + name);
    }
  }
}
