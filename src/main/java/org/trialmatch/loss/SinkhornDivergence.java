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
  /** Sinkhorn sweeps after which the converged mode switches to Newton steps whatever the rate. */
  static final int NEWTON_AFTER = 1000;
  /** Sweeps over which the convergence rate is measured. */
  private static final int RATE_WINDOW = 50;
  /** Newton steps at most per attempt. */
  static final int NEWTON_MAX_STEPS = 100;
  /** Levenberg–Marquardt damping of the first Newton step, and its floor. */
  private static final double NEWTON_INITIAL_DAMPING = 1e-6;
  private static final double NEWTON_MIN_DAMPING = 1e-12;
  /** Damping increases tried per Newton step before giving up. */
  private static final int NEWTON_MAX_DAMPING_CHANGES = 12;
  /** Newton is used only for problems with at most this many points squared (its dense n x n matrix). */
  static final long NEWTON_MAX_POINTS_SQUARED = 4000L * 4000L;

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
  private final double[] statsOut = new double[4];
  private int newtonAfter = NEWTON_AFTER;
  private double[] plan = new double[0];
  private double[] weights = new double[0];
  private double[] work = new double[0];
  private double[] rowSum = new double[0];
  private double[] ground = new double[0];
  private double[] rhs = new double[0];
  private double[] pivot = new double[0];
  private double[] direction = new double[0];
  private double[] trialF = new double[0];
  private double[] trialG = new double[0];
  private double[] trialT = new double[0];

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
      java.util.Arrays.copyOf(fBA, nx), java.util.Arrays.copyOf(gAB, ny),
      java.util.Arrays.copyOf(fAA, nx), java.util.Arrays.copyOf(gBB, ny)
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

    // OT(X,Y)
    double[] stats = statsOut;
    solve(eps, cxy, cyx, nx, ny, logA, logB, fBA, gAB, tF, false, tolerance, maxIterations, stats);
    double errXY = stats[0];
    int itXY = (int) stats[1];
    int newton = (int) stats[2];
    double otXY = stats[3];
    // OT(X,X), OT(Y,Y): symmetric problems, one potential each
    solve(eps, cxx, cxx, nx, nx, logA, logA, fAA, tFAA, tF, true, tolerance, maxIterations, stats);
    double errXX = stats[0];
    int itXX = (int) stats[1];
    newton += (int) stats[2];
    double otXX = stats[3];
    solve(eps, cyy, cyy, ny, ny, logB, logB, gBB, tGBB, tG, true, tolerance, maxIterations, stats);
    double errYY = stats[0];
    int itYY = (int) stats[1];
    newton += (int) stats[2];
    double otYY = stats[3];

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
        newton,
        err,
        err < tolerance);
  }

  /**
   * Solves one entropic transport problem at {@code eps} from the potential(s) given. General
   * problems iterate alternating Sinkhorn updates {@code g = T(f)}, {@code f = T(g)}; the plan of
   * {@code (f, g = T(f))} has exact column sums, so its row error (against the next {@code T(g)}) is
   * the marginal error. Symmetric problems ({@code c} symmetric, equal weights; only {@code f} is
   * used) iterate the averaged update {@code f = (f + T(f))/2}, which converges where alternating
   * updates oscillate. When Sinkhorn's linear rate, measured over windows of 50 sweeps, predicts
   * more sweeps than a Newton finish costs (small eps), or after {@link #NEWTON_AFTER} sweeps in any
   * case, Newton steps on the semi-dual take over ({@link #newton}); if they stall, Sinkhorn resumes
   * and Newton is tried again {@link #NEWTON_AFTER} sweeps later. On return, general: {@code g = T(f)}; symmetric: {@code g = T(f)} too. Writes
   * {marginal error, sweeps, Newton steps, OT value} into {@code stats}.
   */
  private void solve(
      double eps, double[] c, double[] ct, int n, int m, double logA, double logB, double[] f,
      double[] g, double[] t, boolean symmetric, double tolerance, int maxIterations, double[] stats) {
    double invEps = 1.0 / eps;
    if (!symmetric) {
      softmin(eps, ct, m, n, logA, f, g);
    }
    double err = Double.POSITIVE_INFINITY;
    double windowStartErr = Double.POSITIVE_INFINITY;
    int it = 0;
    int newtonSteps = 0;
    int lastNewton = 0;
    boolean newtonAllowed = newtonAfter > 0 && (long) n * n <= NEWTON_MAX_POINTS_SQUARED;
    while (it < maxIterations) {
      softmin(eps, c, n, m, logB, symmetric ? f : g, t);
      err = rowError(f, t, n, invEps);
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
        newtonSteps += newton(eps, c, ct, n, m, logA, logB, f, g, t, err, tolerance);
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
        softmin(eps, ct, m, n, logA, f, g);
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
    stats[0] = err;
    stats[1] = it;
    stats[2] = newtonSteps;
    stats[3] = value;
  }

  /**
   * Damped Newton ascent on the semi-dual {@code F(f) = <a,f> + <b,T(f)>}, whose gradient is
   * {@code a - r} (r the row sums of the plan P of (f, T(f))) and whose negated Hessian times eps is the
   * graph Laplacian {@code L = diag(W 1) - W}, {@code W_pq = sum_j P_pj P_qj / b_j} (p != q). Each step solves
   * {@code (L + mu diag(r)) d = eps (a - r)} (Levenberg–Marquardt: mu -> 0 is Newton, large mu a
   * Sinkhorn-like step) by Gaussian elimination in the subtraction-free form (Grassmann–Taksar–Heyman):
   * {@code mu r} acts as each node's weight to a ground node and every pivot is a sum of weights, so the
   * solve keeps its accuracy although L is very ill-conditioned at small eps. A step is accepted when it
   * lowers the marginal error (then mu shrinks), otherwise mu grows and the step is recomputed.
   * Updates f, g = T(f) and t = T(g).
   *
   * @return Newton steps taken
   */
  private int newton(
      double eps, double[] c, double[] ct, int n, int m, double logA, double logB, double[] f,
      double[] g, double[] t, double err, double tolerance) {
    ensureNewtonCapacity(n, m);
    double invEps = 1.0 / eps;
    double invB = m;
    double a = Math.exp(logA);
    double logAB = logA + logB;
    double mu = NEWTON_INITIAL_DAMPING;
    int steps = 0;
    while (steps < NEWTON_MAX_STEPS && err >= tolerance) {
      for (int i = 0; i < n; i++) {
        int base = i * m;
        double r = 0;
        for (int j = 0; j < m; j++) {
          double p = Math.exp((f[i] + g[j] - c[base + j]) * invEps + logAB);
          plan[base + j] = p;
          r += p;
        }
        rowSum[i] = r;
      }
      for (int p = 0; p < n; p++) {
        int pb = p * m;
        weights[p * n + p] = 0.0;
        for (int q = p + 1; q < n; q++) {
          double w = VectorOps.dot(plan, pb, plan, q * m, m) * invB;
          weights[p * n + q] = w;
          weights[q * n + p] = w;
        }
      }
      boolean accepted = false;
      for (int attempt = 0; attempt < NEWTON_MAX_DAMPING_CHANGES && !accepted; attempt++) {
        for (int i = 0; i < n; i++) {
          rhs[i] = eps * (a - rowSum[i]);
        }
        solveDampedLaplacian(n, mu);
        for (int i = 0; i < n; i++) {
          trialF[i] = f[i] + direction[i];
        }
        softmin(eps, ct, m, n, logA, trialF, trialG);
        softmin(eps, c, n, m, logB, trialG, trialT);
        double e = rowError(trialF, trialT, n, invEps);
        if (e < err) {
          System.arraycopy(trialF, 0, f, 0, n);
          System.arraycopy(trialG, 0, g, 0, m);
          System.arraycopy(trialT, 0, t, 0, n);
          err = e;
          accepted = true;
          mu = Math.max(mu * 0.25, NEWTON_MIN_DAMPING);
        } else {
          mu *= 8;
        }
      }
      steps++;
      if (!accepted) {
        break;
      }
    }
    return steps;
  }

  /**
   * Solves {@code (L + mu diag(r)) d = rhs} for the Laplacian L of {@code weights} (dense, symmetric,
   * diagonal ignored; copied, not modified) by eliminating the nodes in order. Node k's pivot is the
   * sum of its weight to ground ({@code mu r_k} plus what earlier eliminations added) and its weights to
   * later nodes, so no subtraction occurs. A node with a zero pivot (all weights underflowed) gets
   * direction 0.
   */
  private void solveDampedLaplacian(int n, double mu) {
    double[] w = work;
    System.arraycopy(weights, 0, w, 0, n * n);
    for (int k = 0; k < n; k++) {
      ground[k] = mu * rowSum[k];
    }
    for (int k = 0; k < n; k++) {
      int kb = k * n;
      double d = ground[k];
      for (int q = k + 1; q < n; q++) {
        d += w[kb + q];
      }
      pivot[k] = d;
      if (!(d > 0)) {
        continue;
      }
      double rk = rhs[k];
      double gk = ground[k];
      for (int p = k + 1; p < n; p++) {
        int pb = p * n;
        double wpk = w[pb + k];
        if (wpk == 0) {
          continue;
        }
        double factor = wpk / d;
        ground[p] += factor * gk;
        for (int q = k + 1; q < n; q++) {
          w[pb + q] += factor * w[kb + q];
        }
        rhs[p] += factor * rk;
      }
    }
    for (int k = n - 1; k >= 0; k--) {
      int kb = k * n;
      double s = rhs[k];
      for (int q = k + 1; q < n; q++) {
        s += w[kb + q] * direction[q];
      }
      direction[k] = pivot[k] > 0 ? s / pivot[k] : 0.0;
    }
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
    return Math.sqrt(VectorOps.squaredDistance(p, i * dim, q, j * dim, dim));
  }

  private void ensureNewtonCapacity(int n, int m) {
    if (plan.length < n * m) {
      plan = new double[n * m];
    }
    if (weights.length < n * n) {
      weights = new double[n * n];
      work = new double[n * n];
    }
    if (rhs.length < n) {
      rhs = new double[n];
      rowSum = new double[n];
      ground = new double[n];
      pivot = new double[n];
      direction = new double[n];
      trialF = new double[n];
      trialT = new double[n];
    }
    if (trialG.length < m) {
      trialG = new double[m];
    }
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
