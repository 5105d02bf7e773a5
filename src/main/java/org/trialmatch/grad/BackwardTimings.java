package org.trialmatch.grad;

/**
 * Where a backward pass's time went, per worker thread (wall-clock seconds, averaged over threads).
 *
 * @param adjointS the per-trial adjoint recursion and the pseudo-derivatives (phase A)
 * @param productsS the dense products {@code Σ_g ½ S_gᵀ Ī} (phase B, OpenBLAS)
 * @param weightGradientsS the per-spike weight-gradient rows, their flushes and the final write
 * @param waitingS waiting at the step barriers for the other threads
 */
public record BackwardTimings(double adjointS, double productsS, double weightGradientsS, double waitingS) {
  /** Validates that every time is finite and non-negative. */
  public BackwardTimings {
    check("adjointS", adjointS);
    check("productsS", productsS);
    check("weightGradientsS", weightGradientsS);
    check("waitingS", waitingS);
  }

  private static void check(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be a finite time >= 0, was " + v);
    }
  }
}
