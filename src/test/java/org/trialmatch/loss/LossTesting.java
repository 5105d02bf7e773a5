package org.trialmatch.loss;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.SplittableRandom;

/** Oracle loading, comparisons and finite differences for the loss tests. */
final class LossTesting {
  /** Step of central differences. */
  static final double FD_STEP = 1e-5;

  private LossTesting() {}

  /** An oracle file of {@code src/test/resources/oracles}. */
  record Oracle(JsonNode json) {
    double[] data() {
      return flatten(json.get("data"));
    }

    double[] model() {
      return flatten(json.get("model"));
    }

    int dataRows() {
      return json.get("data").size();
    }

    int modelRows() {
      return json.get("model").size();
    }

    int dim() {
      return json.get("data").get(0).size();
    }

    double value(String section, String key) {
      return json.get(section).get(key).asDouble();
    }

    int[] assignment() {
      JsonNode a = json.get("hard").get("assignment_model_to_data");
      int[] out = new int[a.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = a.get(i).asInt();
      }
      return out;
    }

    private static double[] flatten(JsonNode rows) {
      int cols = rows.get(0).size();
      double[] out = new double[rows.size() * cols];
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < cols; c++) {
          out[r * cols + c] = rows.get(r).get(c).asDouble();
        }
      }
      return out;
    }
  }

  static Oracle oracle(String name) {
    try (InputStream in = LossTesting.class.getResourceAsStream("/oracles/" + name + ".json")) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /oracles/" + name + ".json");
      }
      return new Oracle(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void assertClose(double expected, double actual, double rtol, double atol, String what) {
    double err = Math.abs(expected - actual);
    if (!(err <= atol + rtol * Math.abs(expected))) {
      fail(String.format(Locale.ROOT, "%s: expected %.17g, got %.17g (abs error %.3g, rel %.3g)",
          what, expected, actual, err, err / Math.abs(expected)));
    }
  }

  /**
   * Asserts |expected - actual| <= atol + rtol |expected| everywhere; on failure reports the worst
   * index, both values and the error statistics.
   */
  static void assertAllClose(double[] expected, double[] actual, double rtol, double atol, String what) {
    if (expected.length != actual.length) {
      fail(what + ": lengths differ, " + expected.length + " vs " + actual.length);
    }
    int worst = -1;
    double worstExcess = 0;
    double maxAbs = 0;
    double sumSq = 0;
    for (int i = 0; i < expected.length; i++) {
      double err = Math.abs(expected[i] - actual[i]);
      if (Double.isNaN(err)) {
        err = Double.POSITIVE_INFINITY;
      }
      maxAbs = Math.max(maxAbs, err);
      sumSq += err * err;
      double excess = err - (atol + rtol * Math.abs(expected[i]));
      if (excess > worstExcess) {
        worstExcess = excess;
        worst = i;
      }
    }
    if (worst >= 0) {
      fail(String.format(Locale.ROOT,
          "%s: worst at index %d: expected %.12g, got %.12g; max abs error %.3g, RMS error %.3g over %d values",
          what, worst, expected[worst], actual[worst], maxAbs, Math.sqrt(sumSq / expected.length), expected.length));
    }
  }

  static double[] gaussian(SplittableRandom rng, int n, double scale) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = scale * gaussian(rng);
    }
    return a;
  }

  static double gaussian(SplittableRandom rng) {
    // Box–Muller, enough for test data
    double u = 1.0 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A function of a double vector, for central differences. */
  interface Function {
    double value(double[] x);
  }

  /** Central differences of f at x (x is restored). */
  static double[] centralDifferences(Function f, double[] x, double h) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double keep = x[i];
      x[i] = keep + h;
      double up = f.value(x);
      x[i] = keep - h;
      double down = f.value(x);
      x[i] = keep;
      g[i] = (up - down) / (2 * h);
    }
    return g;
  }

  /** A function of a float vector (model spikes or jaw), for central differences. */
  interface FloatFunction {
    double value(float[] x);
  }

  /**
   * Central differences of f with respect to float inputs, divided by the perturbation actually
   * representable in float (the loss itself is computed in double).
   */
  static double[] centralDifferences(FloatFunction f, float[] x, float h) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      float keep = x[i];
      float up = keep + h;
      float down = keep - h;
      x[i] = up;
      double fu = f.value(x);
      x[i] = down;
      double fd = f.value(x);
      x[i] = keep;
      g[i] = (fu - fd) / ((double) up - (double) down);
    }
    return g;
  }
}
