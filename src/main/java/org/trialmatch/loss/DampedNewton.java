package org.trialmatch.loss;

/**
 * Damped Newton ascent on the semi-dual {@code F(f) = <a,f> + <b,T(f)>} of an entropic transport
 * problem, whose gradient is {@code a - r} (r the row sums of the plan P of (f, T(f))) and whose
 * negated Hessian times eps is the graph Laplacian {@code L = diag(W 1) - W},
 * {@code W_pq = sum_j P_pj P_qj / b_j} (p != q). Each step solves {@code (L + mu diag(r)) d = eps (a - r)}
 * (Levenberg–Marquardt: mu -> 0 is Newton, large mu a Sinkhorn-like step) by Gaussian elimination in
 * the subtraction-free form (Grassmann–Taksar–Heyman): {@code mu r} acts as each node's weight to a
 * ground node and every pivot is a sum of weights, so the solve keeps its accuracy although L is very
 * ill-conditioned at small eps. A step is accepted when it lowers the marginal error (then mu
 * shrinks), otherwise mu grows and the step is recomputed. A step costs O(n^2 m) time and
 * {@code n m + 2 n^2} doubles; the arrays are those of a {@link SinkhornWorkspace}.
 */
final class DampedNewton {
  /** Newton steps at most per call. */
  static final int MAX_STEPS = 100;
  /** Levenberg–Marquardt damping of the first step, and its floor. */
  private static final double INITIAL_DAMPING = 1e-6;
  private static final double MIN_DAMPING = 1e-12;
  /** Damping increases tried per step before giving up. */
  private static final int MAX_DAMPING_CHANGES = 12;

  private DampedNewton() {}

  /**
   * Takes Newton steps until the marginal error is below {@code tolerance}, a step fails to lower it
   * or {@link #MAX_STEPS} were taken. Updates the problem's f, g = T(f) and t = T(g).
   *
   * @param problem the problem (general form: f and g both used; a symmetric one passes g = T(f))
   * @param err the marginal error of the potentials on entry
   * @param tolerance the target marginal error
   * @param ws supplies the soft-min row buffer and Newton's arrays (grown here)
   * @return Newton steps taken
   */
  static int refine(TransportProblem problem, double err, double tolerance, SinkhornWorkspace ws) {
    int n = problem.n;
    int m = problem.m;
    ws.ensureNewtonCapacity(n, m);
    double eps = problem.eps;
    double[] c = problem.c;
    double[] ct = problem.ct;
    double logA = problem.logA;
    double logB = problem.logB;
    double[] f = problem.f;
    double[] g = problem.g;
    double[] t = problem.t;
    double[] row = ws.row;
    double[] plan = ws.plan;
    double[] weights = ws.weights;
    double[] rowSum = ws.rowSum;
    double[] rhs = ws.rhs;
    double[] direction = ws.direction;
    double[] trialF = ws.trialF;
    double[] trialG = ws.trialG;
    double[] trialT = ws.trialT;
    double invEps = 1.0 / eps;
    double invB = m;
    double a = Math.exp(logA);
    double logAB = logA + logB;
    double mu = INITIAL_DAMPING;
    int steps = 0;
    while (steps < MAX_STEPS && err >= tolerance) {
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
      for (int attempt = 0; attempt < MAX_DAMPING_CHANGES && !accepted; attempt++) {
        for (int i = 0; i < n; i++) {
          rhs[i] = eps * (a - rowSum[i]);
        }
        solveDampedLaplacian(n, mu, ws);
        for (int i = 0; i < n; i++) {
          trialF[i] = f[i] + direction[i];
        }
        SoftMin.softmin(eps, ct, m, n, logA, trialF, trialG, row);
        SoftMin.softmin(eps, c, n, m, logB, trialG, trialT, row);
        double e = SoftMin.rowError(trialF, trialT, n, invEps);
        if (e < err) {
          System.arraycopy(trialF, 0, f, 0, n);
          System.arraycopy(trialG, 0, g, 0, m);
          System.arraycopy(trialT, 0, t, 0, n);
          err = e;
          accepted = true;
          mu = Math.max(mu * 0.25, MIN_DAMPING);
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
   * Solves {@code (L + mu diag(r)) d = rhs} for the Laplacian L of {@code ws.weights} (dense,
   * symmetric, diagonal ignored; copied, not modified), r = {@code ws.rowSum}, into
   * {@code ws.direction}, by eliminating the nodes in order ({@code ws.rhs} is overwritten). Node k's
   * pivot is the sum of its weight to ground ({@code mu r_k} plus what earlier eliminations added) and
   * its weights to later nodes, so no subtraction occurs. A node with a zero pivot (all weights
   * underflowed) gets direction 0.
   */
  private static void solveDampedLaplacian(int n, double mu, SinkhornWorkspace ws) {
    double[] w = ws.work;
    double[] rowSum = ws.rowSum;
    double[] ground = ws.ground;
    double[] rhs = ws.rhs;
    double[] pivot = ws.pivot;
    double[] direction = ws.direction;
    System.arraycopy(ws.weights, 0, w, 0, n * n);
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
}
