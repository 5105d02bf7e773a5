package org.trialmatch.grad;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opentest4j.AssertionFailedError;
import org.trialmatch.model.DoubleParams;
import org.trialmatch.model.Parameters;
import org.trialmatch.model.SmoothReference;
import org.trialmatch.testing.Tolerances;

/**
 * Central finite differences, in double, of the smooth reference forward pass, for every element of
 * every parameter tensor, compared with a production gradient; on failure the message names the
 * worst parameter (tensor, index, both values) and each failing tensor's statistics.
 */
final class GradientCheck {
  /** Step of the central differences (parameters are O(0.01–10)). */
  static final double STEP = 1e-6;

  private GradientCheck() {}

  /** Finite differences of one tensor. */
  static double[] finiteDifferences(SmoothReference ref, DoubleParams p, String tensor, double[] gz, double[] gy) {
    double[] x = p.tensor(tensor);
    double[] fd = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      double x0 = x[k];
      x[k] = x0 + STEP;
      double lp = ref.loss(p, gz, gy);
      x[k] = x0 - STEP;
      double lm = ref.loss(p, gz, gy);
      x[k] = x0;
      fd[k] = (lp - lm) / (2 * STEP);
    }
    return fd;
  }

  /**
   * Compares {@code grad} with finite differences of {@code L = Σ gz·z + Σ gy·y} for every tensor.
   *
   * @return the largest |finite difference| seen (so a caller can check the test was not vacuous)
   */
  static double assertMatches(String label, SmoothReference ref, DoubleParams p, double[] gz, double[] gy,
      Parameters grad, double rtol, double atol) {
    List<String> failures = new ArrayList<>();
    String worstTensor = null;
    Tolerances.Comparison worst = null;
    double largest = 0;
    for (String name : p.names()) {
      double[] fd = finiteDifferences(ref, p, name, gz, gy);
      float[] g = DoubleParams.tensor(grad, name);
      double[] a = new double[g.length];
      for (int k = 0; k < g.length; k++) {
        a[k] = g[k];
        largest = Math.max(largest, Math.abs(fd[k]));
      }
      Tolerances.Comparison c = Tolerances.compare(fd, a, rtol, atol);
      if (fd.length > 0 && (worst == null || c.worstRatio() > worst.worstRatio())) {
        worst = c;
        worstTensor = name;
      }
      if (!c.passed()) {
        failures.add(c.describe(name));
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionFailedError(String.format(Locale.ROOT,
          "%s: worst parameter %s[%d]: finite difference %.9g, backward %.9g; %s", label, worstTensor,
          worst.worstIndex(), worst.worstExpected(), worst.worstActual(), String.join("; ", failures)));
    }
    return largest;
  }
}
