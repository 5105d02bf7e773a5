package org.trialmatch.testing;

import java.util.Locale;
import org.opentest4j.AssertionFailedError;

/**
 * The project's named numerical tolerances (every test takes its tolerance from here), and comparisons that report the worst element and the
 * error statistics when they fail.
 *
 * <p>An element passes when {@code |actual − expected| ≤ atol + rtol·|expected|}.
 */
public final class Tolerances {
  /** Production (float) gradients against double finite differences: relative part. */
  public static final double GRADIENT_RTOL = 1e-3;
  /** Production (float) gradients against double finite differences: absolute floor. */
  public static final double GRADIENT_ATOL = 1e-6;
  /** One operation in isolation, double against double (e.g. a pseudo-derivative against finite differences). */
  public static final double ISOLATED_OP = 1e-6;
  /** Float computation of a formula against its double evaluation. */
  public static final double FLOAT_OP = 1e-6;
  /** A double-precision loss's gradient against its central differences: relative part. */
  public static final double DOUBLE_GRADIENT_RTOL = 1e-6;
  /** A double-precision loss's gradient against its central differences: absolute floor. */
  public static final double DOUBLE_GRADIENT_ATOL = 1e-9;
  /** Oracle values of the Sinkhorn divergence and OT_eps (the specification's bound). */
  public static final double SINKHORN_ORACLE_RTOL = 1e-6;
  /** Hard matching values against scipy: the same sums in double, a few ulps apart. */
  public static final double HARD_ORACLE_RTOL = 1e-12;
  /** Double arithmetic on a handful of operations. */
  public static final double EXACT = 1e-12;
  /** Values computed along two different double paths (e.g. filter then average vs average then filter). */
  public static final double PATH = 1e-9;
  /** Eigenvectors from an iterative eigen-solver. */
  public static final double EIGEN = 1e-8;
  /** Published values quoted to 4 decimals. */
  public static final double QUOTED = 5e-5;

  private Tolerances() {}

  /** The outcome of a comparison: the worst element and error statistics. */
  public record Comparison(int count, int worstIndex, double worstExpected, double worstActual, double worstRatio,
      double maxAbsError, double rmsAbsError, int failures) {

    /** @return whether every element is within tolerance */
    public boolean passed() {
      return failures == 0;
    }

    /**
     * @param label what was compared
     * @return a one-line description of the worst element and the statistics
     */
    public String describe(String label) {
      return String.format(Locale.ROOT,
          "%s: %d of %d elements out of tolerance; worst index %d: expected %.9g, actual %.9g "
              + "(error %.3g = %.3g x tolerance); max abs error %.3g, rms abs error %.3g",
          label, failures, count, worstIndex, worstExpected, worstActual, Math.abs(worstActual - worstExpected),
          worstRatio, maxAbsError, rmsAbsError);
    }
  }

  /**
   * Compares element by element.
   *
   * @param expected reference values
   * @param actual values under test
   * @param rtol relative tolerance
   * @param atol absolute tolerance
   * @return the comparison (the worst element is the one with the largest error / tolerance)
   */
  public static Comparison compare(double[] expected, double[] actual, double rtol, double atol) {
    if (expected.length != actual.length) {
      throw new AssertionFailedError("lengths differ: expected " + expected.length + ", actual " + actual.length);
    }
    int worst = -1;
    double worstRatio = -1;
    double maxAbs = 0;
    double sumSq = 0;
    int fails = 0;
    for (int k = 0; k < expected.length; k++) {
      double e = expected[k];
      double a = actual[k];
      double err = Math.abs(a - e);
      double tol = atol + rtol * Math.abs(e);
      double ratio = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err / tol;
      if (ratio > worstRatio) {
        worstRatio = ratio;
        worst = k;
      }
      if (!(err <= tol)) {
        fails++;
      }
      maxAbs = Math.max(maxAbs, err);
      sumSq += err * err;
    }
    double rms = expected.length == 0 ? 0 : Math.sqrt(sumSq / expected.length);
    return new Comparison(expected.length, worst, worst < 0 ? 0 : expected[worst], worst < 0 ? 0 : actual[worst],
        Math.max(0, worstRatio), maxAbs, rms, fails);
  }

  /**
   * Fails, naming the worst index and the error statistics, unless every element is within tolerance.
   *
   * @param expected reference values
   * @param actual values under test
   * @param rtol relative tolerance
   * @param atol absolute tolerance
   */
  public static void assertAllClose(double[] expected, double[] actual, double rtol, double atol) {
    assertAllClose("values", expected, actual, rtol, atol);
  }

  /**
   * Fails, naming the worst index and the error statistics, unless every element is within tolerance.
   *
   * @param label what is compared (first words of the failure message)
   * @param expected reference values
   * @param actual values under test
   * @param rtol relative tolerance
   * @param atol absolute tolerance
   */
  public static void assertAllClose(String label, double[] expected, double[] actual, double rtol, double atol) {
    Comparison c = compare(expected, actual, rtol, atol);
    if (!c.passed()) {
      throw new AssertionFailedError(c.describe(label));
    }
  }

  /**
   * Float values under test against double references.
   *
   * @param label what is compared
   * @param expected reference values
   * @param actual values under test
   * @param rtol relative tolerance
   * @param atol absolute tolerance
   */
  public static void assertAllClose(String label, double[] expected, float[] actual, double rtol, double atol) {
    double[] a = new double[actual.length];
    for (int k = 0; k < a.length; k++) {
      a[k] = actual[k];
    }
    assertAllClose(label, expected, a, rtol, atol);
  }
}
