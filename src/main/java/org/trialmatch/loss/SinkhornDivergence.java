package org.trialmatch.loss;

/**
 * The debiased Sinkhorn divergence between two point clouds with uniform weights and the Euclidean
 * ground cost {@code C(x,y) = ||x - y||}:
 *
 * <pre>
 *   OT_eps(X,Y) = min_P &lt;P,C&gt; + eps KL(P | a x b)          (P with marginals a = 1/n, b = 1/m)
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
 * <p>This class holds the annealing schedule and the Sinkhorn iterations; the soft-min kernels are
 * {@link SoftMin}, the Newton finish of the converged mode is {@link DampedNewton}, and every array
 * lives in a {@link SinkhornWorkspace}. Clouds are row-major {@code [points][dim]} doubles. The
 * workspace grows on demand and is reused, so the iterations allocate nothing (a converged call
 * allocates its three small problem descriptions, their reports and its result). Not thread-safe.
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
  /** Sinkhorn sweeps after which the converged mode switches to Newton steps whatever the rate. */
  static final int NEWTON_AFTER = 1000;
  /** Sweeps over which the convergence rate is measured. */
  private static final int RATE_WINDOW = 50;
  /** Newton is used only for problems with at most this many points squared (its dense n x n matrix). */
  static final long NEWTON_MAX_POINTS_SQUARED = 4000L * 4000L;

  private final SinkhornWorkspace ws = new SinkhornWorkspace();
  private int newtonAfter = NEWTON_AFTER;

  /** A solver with empty workspaces. */
  public SinkhornDivergence() {}

  /**
   * Sets the sweeps after which Newton takes over whatever Sinkhorn's rate (tests exercise the Newton
   * path with small values); 0 disables Newton, leaving plain Sinkhorn.
   */
  void setNewtonAfter(int sweeps) {
    newtonAfter = sweeps;
  }

  /**
   * Copies of the potentials at the end of the annealing loop of the last {@link #annealed} call,
   * before the final update: {@code {f_ba, g_ab, f_aa, g_bb}} (for tests).
   */
  double[][] loopPotentials(int nx, int ny) {
    return new double[][] {
      java.util.Arrays.copyOf(ws.fBA, nx), java.util.Arrays.copyOf(ws.gAB, ny),
      java.util.Arrays.copyOf(ws.fAA, nx), java.util.Arrays.copyOf(ws.gBB, ny)
    };
  }

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
    SinkhornWorkspace w = ws;
    double[] row = w.row;
    double logA = -Math.log(nx);
    double logB = -Math.log(ny);
    SoftMin.softmin(blur, w.cxy, nx, ny, logB, w.gAB, w.tF, row);
    SoftMin.softmin(blur, w.cxx, nx, nx, logA, w.fAA, w.tFAA, row);
    if (gradY != null) {
      java.util.Arrays.fill(gradY, 0, ny * dim, 0.0);
      SoftMin.softminWithGradient(blur, w.cyx, ny, nx, logA, w.fBA, w.tG, y, x, dim, 1.0 / ny, gradY, row);
      SoftMin.softminWithGradient(blur, w.cyy, ny, ny, logB, w.gBB, w.tGBB, y, y, dim, -1.0 / ny, gradY, row);
    } else {
      SoftMin.softmin(blur, w.cyx, ny, nx, logA, w.fBA, w.tG, row);
      SoftMin.softmin(blur, w.cyy, ny, ny, logB, w.gBB, w.tGBB, row);
    }
    return mean(w.tF, nx) - mean(w.tFAA, nx) + mean(w.tG, ny) - mean(w.tGBB, ny);
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
    SinkhornWorkspace w = ws;
    // OT(X,Y)
    TransportStats xy = solve(
        TransportProblem.general(eps, w.cxy, w.cyx, nx, ny, w.fBA, w.gAB, w.tF), tolerance, maxIterations);
    // OT(X,X), OT(Y,Y): symmetric problems, one potential each
    TransportStats xx = solve(TransportProblem.symmetric(eps, w.cxx, nx, w.fAA, w.tFAA, w.tF), tolerance, maxIterations);
    TransportStats yy = solve(TransportProblem.symmetric(eps, w.cyy, ny, w.gBB, w.tGBB, w.tG), tolerance, maxIterations);

    if (gradY != null) {
      double logA = -Math.log(nx);
      double logB = -Math.log(ny);
      java.util.Arrays.fill(gradY, 0, ny * dim, 0.0);
      SoftMin.softminWithGradient(eps, w.cyx, ny, nx, logA, w.fBA, w.tG, y, x, dim, 1.0 / ny, gradY, w.row);
      SoftMin.softminWithGradient(eps, w.cyy, ny, ny, logB, w.gBB, w.tGBB, y, y, dim, -1.0 / ny, gradY, w.row);
    }
    double err = Math.max(xy.marginalError(), Math.max(xx.marginalError(), yy.marginalError()));
    double otXY = xy.value();
    double otXX = xx.value();
    double otYY = yy.value();
    return new SinkhornResult(
        otXY - 0.5 * (otXX + otYY),
        otXY,
        otXX,
        otYY,
        eps,
        Math.max(xy.iterations(), Math.max(xx.iterations(), yy.iterations())),
        xy.newtonSteps() + xx.newtonSteps() + yy.newtonSteps(),
        err,
        err < tolerance);
  }

  /**
   * Solves one entropic transport problem from the potential(s) given. General problems iterate
   * alternating Sinkhorn updates {@code g = T(f)}, {@code f = T(g)}; the plan of {@code (f, g = T(f))}
   * has exact column sums, so its row error (against the next {@code T(g)}) is the marginal error.
   * Symmetric problems ({@code c} symmetric, equal weights; only {@code f} is used) iterate the
   * averaged update {@code f = (f + T(f))/2}, which converges where alternating updates oscillate.
   * When Sinkhorn's linear rate, measured over windows of 50 sweeps, predicts more sweeps than a
   * Newton finish costs (small eps), or after {@link #NEWTON_AFTER} sweeps in any case, Newton steps
   * on the semi-dual take over ({@link DampedNewton}); if they stall, Sinkhorn resumes and Newton is
   * tried again {@link #NEWTON_AFTER} sweeps later. On return {@code g = T(f)} (general and symmetric).
   *
   * @param p the problem; its potentials are updated in place
   * @param tolerance stop when the marginal error is below this
   * @param maxIterations cap on the sweeps
   * @return the marginal error, sweeps, Newton steps and OT value
   */
  private TransportStats solve(TransportProblem p, double tolerance, int maxIterations) {
    double eps = p.eps;
    double[] c = p.c;
    double[] ct = p.ct;
    int n = p.n;
    int m = p.m;
    double logA = p.logA;
    double logB = p.logB;
    double[] f = p.f;
    double[] g = p.g;
    double[] t = p.t;
    boolean symmetric = p.symmetric;
    double[] row = ws.row;
    double invEps = 1.0 / eps;
    if (!symmetric) {
      SoftMin.softmin(eps, ct, m, n, logA, f, g, row);
    }
    double err = Double.POSITIVE_INFINITY;
    double windowStartErr = Double.POSITIVE_INFINITY;
    int it = 0;
    int newtonSteps = 0;
    int lastNewton = 0;
    boolean newtonAllowed = newtonAfter > 0 && (long) n * n <= NEWTON_MAX_POINTS_SQUARED;
    while (it < maxIterations) {
      SoftMin.softmin(eps, c, n, m, logB, symmetric ? f : g, t, row);
      err = SoftMin.rowError(f, t, n, invEps);
      it++;
      if (err < tolerance || it >= maxIterations) {
        break;
      }
      boolean switchToNewton = false;
      if (newtonAllowed && it - lastNewton >= newtonAfter) {
        switchToNewton = true;
      } else if (newtonAllowed && it % RATE_WINDOW == 0) {
        // Sinkhorn converges linearly: from the error's decay over the last window, predict the
        // sweeps still needed; when they exceed the cost of a Newton finish (~ n/4 sweeps, as a Newton
        // step costs ~ n/50 sweeps and ~ 12 steps are typical), switch
        double rate = Math.pow(err / windowStartErr, 1.0 / RATE_WINDOW);
        double remaining = rate < 1 ? Math.log(tolerance / err) / Math.log(rate) : Double.POSITIVE_INFINITY;
        switchToNewton = lastNewton == 0 && remaining > Math.max(2 * RATE_WINDOW, n / 4.0);
        windowStartErr = err;
      } else if (it % RATE_WINDOW == 0) {
        windowStartErr = err;
      }
      if (it == 1) {
        windowStartErr = err;
      }
      if (switchToNewton) {
        lastNewton = it;
        if (symmetric) {
          System.arraycopy(t, 0, g, 0, n);
        }
        newtonSteps += DampedNewton.refine(p, err, tolerance, ws);
        if (symmetric) {
          // the optimal potentials of a symmetric problem are (h + k, h - k): take h
          for (int i = 0; i < n; i++) {
            f[i] = 0.5 * (f[i] + g[i]);
          }
        }
        continue;
      }
      if (symmetric) {
        for (int i = 0; i < n; i++) {
          f[i] = 0.5 * (f[i] + t[i]);
        }
      } else {
        System.arraycopy(t, 0, f, 0, n);
        SoftMin.softmin(eps, ct, m, n, logA, f, g, row);
      }
    }
    double value;
    if (symmetric) {
      // dual objective of (f, f): 2<a,f> - eps (mass of its plan - 1), t = T(f) from the last sweep
      double mass = 0;
      for (int i = 0; i < n; i++) {
        mass += Math.exp((f[i] - t[i]) * invEps);
      }
      mass /= n;
      value = 2.0 * mean(f, n) - eps * (mass - 1.0);
      System.arraycopy(t, 0, g, 0, n);
    } else {
      value = mean(f, n) + mean(g, m);
    }
    return new TransportStats(err, it, newtonSteps, value);
  }

  /** The reference's eps-annealing loop with symmetric averaged updates, ending at eps = blur. */
  private void anneal(double[] x, int nx, double[] y, int ny, int dim, double blur, double scaling) {
    SinkhornWorkspace w = ws;
    double[] cxy = w.cxy;
    double[] cyx = w.cyx;
    double[] cxx = w.cxx;
    double[] cyy = w.cyy;
    double[] fBA = w.fBA;
    double[] gAB = w.gAB;
    double[] fAA = w.fAA;
    double[] gBB = w.gBB;
    double[] tF = w.tF;
    double[] tG = w.tG;
    double[] tFAA = w.tFAA;
    double[] tGBB = w.tGBB;
    double[] row = w.row;
    double logA = -Math.log(nx);
    double logB = -Math.log(ny);
    double diameter = diameter(x, nx, y, ny, dim);
    if (!(diameter > 0)) {
      diameter = blur;
    }
    int middle = scheduleMiddleLength(diameter, blur, scaling);
    double eps0 = diameter;
    SoftMin.softmin(eps0, cxy, nx, ny, logB, null, fBA, row);
    SoftMin.softmin(eps0, cyx, ny, nx, logA, null, gAB, row);
    SoftMin.softmin(eps0, cxx, nx, nx, logA, null, fAA, row);
    SoftMin.softmin(eps0, cyy, ny, ny, logB, null, gBB, row);
    int total = middle + 2;
    double logDiameter = Math.log(diameter);
    double logScaling = Math.log(scaling);
    for (int s = 0; s < total; s++) {
      double eps = s == 0 ? diameter : s == total - 1 ? blur : Math.exp(logDiameter + (s - 1) * logScaling);
      SoftMin.softmin(eps, cxy, nx, ny, logB, gAB, tF, row);
      SoftMin.softmin(eps, cyx, ny, nx, logA, fBA, tG, row);
      SoftMin.softmin(eps, cxx, nx, nx, logA, fAA, tFAA, row);
      SoftMin.softmin(eps, cyy, ny, ny, logB, gBB, tGBB, row);
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
    ws.ensureCapacity(nx, ny);
    double[] cxy = ws.cxy;
    double[] cyx = ws.cyx;
    for (int i = 0; i < nx; i++) {
      for (int j = 0; j < ny; j++) {
        double v = distance(x, i, y, j, dim);
        cxy[i * ny + j] = v;
        cyx[j * nx + i] = v;
      }
    }
    selfDistances(x, nx, dim, ws.cxx);
    selfDistances(y, ny, dim, ws.cyy);
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
    return Math.sqrt(VectorOps.squaredDistance(p, i * dim, q, j * dim, dim));
  }
}
