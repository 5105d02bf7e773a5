package org.trialmatch.loss;

/**
 * The debiased Sinkhorn divergence between two point clouds with uniform weights and the Euclidean
 * ground cost {@code C(x,y) = ||x - y||}:
 *
 * <pre>
 *   OT_eps(X,Y) = min_P <P,C> + eps KL(P | a x b)          (P with marginals a = 1/n, b = 1/m)
 *   S_eps(X,Y)  = OT_eps(X,Y) - OT_eps(X,X)/2 - OT_eps(Y,Y)/2
 * </pre>
 *
 * computed in the log domain with the soft-min {@code T(C,w,h)_i = -eps log sum_j w_j exp((h_j - C_ij)/eps)}.
 * Two modes (reference Appendix C and architecture.md):
 *
 * <ul>
 *   <li>{@link #converged}: eps-annealing as a warm start, then Sinkhorn iterations at the target eps
 *       until every marginal's L1 error is below a tolerance (alternating updates for OT(X,Y), averaged
 *       symmetric updates for OT(X,X) and OT(Y,Y)). This is the value reported to users.
 *   <li>{@link #annealed}: the reference's training loss — symmetric, averaged updates, one per eps of
 *       the schedule {@code [diam, diam*s^0, diam*s^1, ... > blur, blur]} (diam = diagonal of the
 *       bounding box of X and Y), then one last update whose potentials give the value and the
 *       gradient. A fixed, deterministic, cheap function; not converged at small eps.
 * </ul>
 *
 * Gradients are with respect to Y only and come from the final dual potentials with the potentials
 * on the right-hand side held fixed (envelope theorem), as in the reference:
 * {@code dS/dy_j = sum_i P_ij (y_j - x_i)/||y_j - x_i|| - sum_l Q_jl (y_j - y_l)/||y_j - y_l||}, P the plan of
 * (X,Y), Q of (Y,Y); a coincident pair contributes 0. At convergence this is the exact gradient of S.
 *
 * <p>Clouds are row-major {@code [points][dim]} doubles. Workspaces grow on demand and are reused, so
 * the iterations allocate nothing. Not thread-safe.
 */
public final class SinkhornDivergence {
  /** The reference's target blur (= eps for p = 1). */
  public static final double REFERENCE_BLUR = 0.01;
  /** The reference's annealing factor. */
  public static final double REFERENCE_SCALING = 0.5;
  /** Marginal L1 error below which the converged mode stops. */
  public static final double DEFAULT_TOLERANCE = 1e-9;
  /** Iteration cap of the converged mode per problem. */
  public static final int DEFAULT_MAX_ITERATIONS = 100_000;

  private int capX;
  private int capY;
  private double[] cxy = new double[0];
  private double[] cyx = new double[0];
  private double[] cxx = new double[0];
  private double[] cyy = new double[0];
  private double[] fBA = new double[0];
  private double[] gAB = new double[0];
  private double[] fAA = new double[0];
  private double[] gBB = new double[0];
  private double[] tF = new double[0];
  private double[] tG = new double[0];
  private double[] tFAA = new double[0];
  private double[] tGBB = new double[0];
  private double[] row = new double[0];
  private final double[] symmetricOut = new double[2];

  /** A solver with empty workspaces. */
  public SinkhornDivergence() {}

  /**
   * The annealed divergence (the training loss) and its gradient with respect to Y.
   *
   * @param x first cloud (data), {@code [nx][dim]}
   * @param nx points in x (>= 1)
   * @param y second cloud (model), {@code [ny][dim]}
   * @param ny points in y (>= 1)
   * @param dim dimension (>= 1)
   * @param blur target eps (> 0)
   * @param scaling annealing factor in (0, 1)
   * @param gradY receives dS/dy {@code [ny][dim]} (overwritten), or {@code null}
   * @return S computed from the final potentials
   */
  public double annealed(
      double[] x, int nx, double[] y, int ny, int dim, double blur, double scaling, double[] gradY) {
    prepare(x, nx, y, ny, dim, blur, scaling, gradY);
    anneal(x, nx, y, ny, dim, blur, scaling);
    double logA = -Math.log(nx);
    double logB = -Math.log(ny);
    softmin(blur, cxy, nx, ny, logB, gAB, tF);
    softmin(blur, cxx, nx, nx, logA, fAA, tFAA);
    if (gradY != null) {
      java.util.Arrays.fill(gradY, 0, ny * dim, 0.0);
      softminWithGradient(blur, cyx, ny, nx, logA, fBA, tG, y, x, dim, 1.0 / ny, gradY);
      softminWithGradient(blur, cyy, ny, ny, logB, gBB, tGBB, y, y, dim, -1.0 / ny, gradY);
    } else {
      softmin(blur, cyx, ny, nx, logA, fBA, tG);
      softmin(blur, cyy, ny, ny, logB, gBB, tGBB);
    }
    return mean(tF, nx) - mean(tFAA, nx) + mean(tG, ny) - mean(tGBB, ny);
  }

  /**
   * The converged divergence (the reported value), and optionally its gradient with respect to Y.
   *
   * @param x first cloud (data), {@code [nx][dim]}
   * @param nx points in x (>= 1)
   * @param y second cloud (model), {@code [ny][dim]}
   * @param ny points in y (>= 1)
   * @param dim dimension (>= 1)
   * @param eps entropic regularisation (> 0)
   * @param tolerance stop when every marginal's L1 error is below this (> 0)
   * @param maxIterations cap per problem (>= 1)
   * @param gradY receives dS/dy {@code [ny][dim]} (overwritten), or {@code null}
   * @return the divergence, its three OT terms and the convergence report
   */
  public SinkhornResult converged(
      double[] x, int nx, double[] y, int ny, int dim, double eps, double tolerance,
      int maxIterations, double[] gradY) {
    prepare(x, nx, y, ny, dim, eps, REFERENCE_SCALING, gradY);
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("tolerance must be > 0, was " + tolerance);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, was " + maxIterations);
    }
    anneal(x, nx, y, ny, dim, eps, REFERENCE_SCALING);
    double logA = -Math.log(nx);
    double logB = -Math.log(ny);
    double invEps = 1.0 / eps;

    // OT(X,Y): alternating updates; the plan of (f, g = T(f)) has exact column sums, so its row
    // error, measured against the next f update, is the marginal error.
    softmin(eps, cyx, ny, nx, logA, fBA, gAB);
    double errXY = Double.POSITIVE_INFINITY;
    int itXY = 0;
    while (itXY < maxIterations) {
      softmin(eps, cxy, nx, ny, logB, gAB, tF);
      errXY = rowError(fBA, tF, nx, invEps);
      itXY++;
      if (errXY < tolerance) {
        break;
      }
      System.arraycopy(tF, 0, fBA, 0, nx);
      softmin(eps, cyx, ny, nx, logA, fBA, gAB);
    }
    double otXY = mean(fBA, nx) + mean(gAB, ny);

    double[] sym = symmetricOut;
    int itXX = symmetric(eps, cxx, nx, logA, fAA, tFAA, tolerance, maxIterations, sym);
    double errXX = sym[0];
    double otXX = sym[1];
    int itYY = symmetric(eps, cyy, ny, logB, gBB, tGBB, tolerance, maxIterations, sym);
    double errYY = sym[0];
    double otYY = sym[1];

    if (gradY != null) {
      java.util.Arrays.fill(gradY, 0, ny * dim, 0.0);
      softminWithGradient(eps, cyx, ny, nx, logA, fBA, tG, y, x, dim, 1.0 / ny, gradY);
      softminWithGradient(eps, cyy, ny, ny, logB, gBB, tGBB, y, y, dim, -1.0 / ny, gradY);
    }
    double err = Math.max(errXY, Math.max(errXX, errYY));
    return new SinkhornResult(
        otXY - 0.5 * (otXX + otYY),
        otXY,
        otXX,
        otYY,
        eps,
        Math.max(itXY, Math.max(itXX, itYY)),
        err,
        err < tolerance);
  }

  /**
   * Averaged symmetric iterations {@code f <- (f + T(f))/2} until the marginal error is below the
   * tolerance. Writes {error, OT value} into {@code out}.
   *
   * @return iterations used
   */
  private int symmetric(
      double eps, double[] c, int n, double logW, double[] f, double[] t, double tolerance,
      int maxIterations, double[] out) {
    double invEps = 1.0 / eps;
    double err = Double.POSITIVE_INFINITY;
    int it = 0;
    while (it < maxIterations) {
      softmin(eps, c, n, n, logW, f, t);
      err = rowError(f, t, n, invEps);
      it++;
      if (err < tolerance) {
        break;
      }
      for (int i = 0; i < n; i++) {
        f[i] = 0.5 * (f[i] + t[i]);
      }
    }
    // dual objective of (f, f): 2<a,f> - eps (total mass of the plan - 1); t = T(f) from the last sweep
    double mass = 0;
    for (int i = 0; i < n; i++) {
      mass += Math.exp((f[i] - t[i]) * invEps);
    }
    mass /= n;
    out[0] = err;
    out[1] = 2.0 * mean(f, n) - eps * (mass - 1.0);
    return it;
  }

  /** L1 error of the row marginal of the plan of (f, g) given f' = T(g): sum_i a_i |exp((f_i - f'_i)/eps) - 1|. */
  private static double rowError(double[] f, double[] fNext, int n, double invEps) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.abs(Math.expm1((f[i] - fNext[i]) * invEps));
    }
    return s / n;
  }

  /** The reference's eps-annealing loop with symmetric averaged updates, ending at eps = blur. */
  private void anneal(double[] x, int nx, double[] y, int ny, int dim, double blur, double scaling) {
    double logA = -Math.log(nx);
    double logB = -Math.log(ny);
    double diameter = diameter(x, nx, y, ny, dim);
    if (!(diameter > 0)) {
      diameter = blur;
    }
    int middle = scheduleMiddleLength(diameter, blur, scaling);
    double eps0 = diameter;
    softmin(eps0, cxy, nx, ny, logB, null, fBA);
    softmin(eps0, cyx, ny, nx, logA, null, gAB);
    softmin(eps0, cxx, nx, nx, logA, null, fAA);
    softmin(eps0, cyy, ny, ny, logB, null, gBB);
    int total = middle + 2;
    double logDiameter = Math.log(diameter);
    double logScaling = Math.log(scaling);
    for (int s = 0; s < total; s++) {
      double eps = s == 0 ? diameter : s == total - 1 ? blur : Math.exp(logDiameter + (s - 1) * logScaling);
      softmin(eps, cxy, nx, ny, logB, gAB, tF);
      softmin(eps, cyx, ny, nx, logA, fBA, tG);
      softmin(eps, cxx, nx, nx, logA, fAA, tFAA);
      softmin(eps, cyy, ny, ny, logB, gBB, tGBB);
      for (int i = 0; i < nx; i++) {
        fBA[i] = 0.5 * (fBA[i] + tF[i]);
        fAA[i] = 0.5 * (fAA[i] + tFAA[i]);
      }
      for (int j = 0; j < ny; j++) {
        gAB[j] = 0.5 * (gAB[j] + tG[j]);
        gBB[j] = 0.5 * (gBB[j] + tGBB[j]);
      }
    }
  }

  /**
   * Number of values {@code exp(log diam + k log scaling)} the schedule holds between its first
   * entry (diam) and its last (blur): {@code ceil((log blur - log diam) / log scaling)}, at least 0,
   * as numpy's {@code arange(log diam, log blur, log scaling)}.
   *
   * @param diameter the starting eps
   * @param blur the final eps
   * @param scaling the factor
   * @return the count
   */
  static int scheduleMiddleLength(double diameter, double blur, double scaling) {
    double n = Math.ceil((Math.log(blur) - Math.log(diameter)) / Math.log(scaling));
    return n > 0 ? (int) n : 0;
  }

  /**
   * @param x first cloud
   * @param nx its points
   * @param y second cloud
   * @param ny its points
   * @param dim dimension
   * @return the Euclidean length of the diagonal of the bounding box of both clouds
   */
  static double diameter(double[] x, int nx, double[] y, int ny, int dim) {
    double s = 0;
    for (int d = 0; d < dim; d++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < nx; i++) {
        double v = x[i * dim + d];
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      for (int j = 0; j < ny; j++) {
        double v = y[j * dim + d];
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      s += (hi - lo) * (hi - lo);
    }
    return Math.sqrt(s);
  }

  /** out_i = -eps log sum_j exp(logW + (h_j - C_ij)/eps); h == null means h = 0. */
  private void softmin(double eps, double[] c, int rows, int cols, double logW, double[] h, double[] out) {
    double invEps = 1.0 / eps;
    double[] buf = row;
    for (int i = 0; i < rows; i++) {
      int base = i * cols;
      double max = Double.NEGATIVE_INFINITY;
      if (h == null) {
        for (int j = 0; j < cols; j++) {
          double v = -c[base + j] * invEps;
          buf[j] = v;
          max = Math.max(max, v);
        }
      } else {
        for (int j = 0; j < cols; j++) {
          double v = (h[j] - c[base + j]) * invEps;
          buf[j] = v;
          max = Math.max(max, v);
        }
      }
      double s = 0;
      for (int j = 0; j < cols; j++) {
        s += Math.exp(buf[j] - max);
      }
      out[i] = -eps * (logW + max + Math.log(s));
    }
  }

  /**
   * As {@link #softmin} over the rows of C(p, q) (rows = points p), and adds to {@code grad} the
   * gradient of {@code weight * sum_i out_i} with respect to the row points with h held fixed:
   * {@code weight * sum_j w_ij (p_i - q_j) / C_ij}, w_ij the soft-min weights (a row sums to 1).
   */
  private void softminWithGradient(
      double eps, double[] c, int rows, int cols, double logW, double[] h, double[] out,
      double[] p, double[] q, int dim, double weight, double[] grad) {
    double invEps = 1.0 / eps;
    double[] buf = row;
    for (int i = 0; i < rows; i++) {
      int base = i * cols;
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < cols; j++) {
        double v = (h[j] - c[base + j]) * invEps;
        buf[j] = v;
        max = Math.max(max, v);
      }
      double s = 0;
      for (int j = 0; j < cols; j++) {
        double e = Math.exp(buf[j] - max);
        buf[j] = e;
        s += e;
      }
      out[i] = -eps * (logW + max + Math.log(s));
      double scale = weight / s;
      int po = i * dim;
      double selfCoefficient = 0;
      for (int j = 0; j < cols; j++) {
        double cij = c[base + j];
        if (cij > 0 && buf[j] != 0) {
          double w = scale * buf[j] / cij;
          selfCoefficient += w;
          int qo = j * dim;
          for (int d = 0; d < dim; d++) {
            grad[po + d] -= w * q[qo + d];
          }
        }
      }
      for (int d = 0; d < dim; d++) {
        grad[po + d] += selfCoefficient * p[po + d];
      }
    }
  }

  private static double mean(double[] v, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += v[i];
    }
    return s / n;
  }

  /** Validates the arguments, sizes the workspaces and fills the four cost matrices. */
  private void prepare(
      double[] x, int nx, double[] y, int ny, int dim, double eps, double scaling, double[] gradY) {
    if (nx < 1 || ny < 1 || dim < 1) {
      throw new IllegalArgumentException("nx, ny and dim must be >= 1, were " + nx + ", " + ny + ", " + dim);
    }
    if (!(eps > 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("eps (blur) must be finite and > 0, was " + eps);
    }
    if (!(scaling > 0 && scaling < 1)) {
      throw new IllegalArgumentException("scaling must be in (0, 1), was " + scaling);
    }
    if (x.length < (long) nx * dim || y.length < (long) ny * dim) {
      throw new IllegalArgumentException("point arrays are shorter than points x dim");
    }
    if (gradY != null && gradY.length < (long) ny * dim) {
      throw new IllegalArgumentException("gradY holds " + gradY.length + " values, needs " + (long) ny * dim);
    }
    checkFinite(x, nx * dim, "x");
    checkFinite(y, ny * dim, "y");
    ensureCapacity(nx, ny);
    for (int i = 0; i < nx; i++) {
      for (int j = 0; j < ny; j++) {
        double v = distance(x, i, y, j, dim);
        cxy[i * ny + j] = v;
        cyx[j * nx + i] = v;
      }
    }
    selfDistances(x, nx, dim, cxx);
    selfDistances(y, ny, dim, cyy);
  }

  private static void checkFinite(double[] a, int n, String name) {
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(a[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] must be finite, was " + a[i]);
      }
    }
  }

  private static void selfDistances(double[] p, int n, int dim, double[] out) {
    for (int i = 0; i < n; i++) {
      out[i * n + i] = 0.0;
      for (int j = i + 1; j < n; j++) {
        double v = distance(p, i, p, j, dim);
        out[i * n + j] = v;
        out[j * n + i] = v;
      }
    }
  }

  private static double distance(double[] p, int i, double[] q, int j, int dim) {
    int po = i * dim;
    int qo = j * dim;
    double s = 0;
    for (int d = 0; d < dim; d++) {
      double diff = p[po + d] - q[qo + d];
      s += diff * diff;
    }
    return Math.sqrt(s);
  }

  private void ensureCapacity(int nx, int ny) {
    if (nx <= capX && ny <= capY) {
      return;
    }
    capX = Math.max(nx, capX);
    capY = Math.max(ny, capY);
    cxy = new double[capX * capY];
    cyx = new double[capX * capY];
    cxx = new double[capX * capX];
    cyy = new double[capY * capY];
    fBA = new double[capX];
    fAA = new double[capX];
    tF = new double[capX];
    tFAA = new double[capX];
    gAB = new double[capY];
    gBB = new double[capY];
    tG = new double[capY];
    tGBB = new double[capY];
    row = new double[Math.max(capX, capY)];
  }
}
