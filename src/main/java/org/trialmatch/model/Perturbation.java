package org.trialmatch.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a batch's trials are perturbed with, per trial: pulses, each a set of units, a window of
 * window steps {@code [from, to)} and either an extra current or a clamp (method reference §2.7 with
 * one more input term):
 *
 * <pre>
 *   I_t ← I_t + c        for the pulse's units while from ≤ t &lt; to   (current pulse, c in the units of I)
 *   z_t = 0              for the pulse's units while from ≤ t &lt; to   (clamp; no gradient flows through z_t)
 * </pre>
 *
 * A current does not depend on the parameters, so the backward pass is unchanged by it; a clamped
 * unit's spike is a constant 0, so its pseudo-derivative is 0 there ({@link Trace#gate}), like a
 * refractory step. Pulses act in the window only, never in the pre-run. Immutable.
 */
public final class Perturbation {
  /** No pulse in any trial. */
  public static final Perturbation NONE = new Perturbation(0, new int[] {0}, new int[0], new int[0],
      new float[0], new boolean[0], new int[0][]);

  private final int batch;
  private final int[] trialStart;
  private final int[] from;
  private final int[] to;
  private final float[] current;
  private final boolean[] clamp;
  private final int[][] units;

  private Perturbation(int batch, int[] trialStart, int[] from, int[] to, float[] current, boolean[] clamp,
      int[][] units) {
    this.batch = batch;
    this.trialStart = trialStart;
    this.from = from;
    this.to = to;
    this.current = current;
    this.clamp = clamp;
    this.units = units;
  }

  /**
   * @param batch trials of the batch it is for
   * @return a builder with no pulse
   */
  public static Builder builder(int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, was " + batch);
    }
    return new Builder(batch);
  }

  /** @return trials it was built for (0 for {@link #NONE}, which fits any batch) */
  public int batch() {
    return batch;
  }

  /** @return whether it has no pulse at all */
  public boolean isEmpty() {
    return from.length == 0;
  }

  /**
   * @param b trial
   * @return whether trial b has any pulse
   */
  public boolean hasPulses(int b) {
    return b < batch && trialStart[b + 1] > trialStart[b];
  }

  /**
   * Adds the current pulses active at step t of trial b into the step's current (the simulator's hot
   * path: no allocation).
   *
   * @param b trial with {@link #hasPulses}
   * @param t window step
   * @param cur the step's current, {@code [unit]}
   */
  void addCurrents(int b, int t, float[] cur) {
    for (int q = trialStart[b]; q < trialStart[b + 1]; q++) {
      if (!clamp[q] && t >= from[q] && t < to[q]) {
        float c = current[q];
        for (int i : units[q]) {
          cur[i] += c;
        }
      }
    }
  }

  /**
   * Sets the threshold of the units clamped at step t of trial b to +∞ (they cannot spike).
   *
   * @param b trial with {@link #hasPulses}
   * @param t window step
   * @param thr thresholds of the step, {@code [unit]}
   * @return whether any unit was clamped
   */
  boolean clampThresholds(int b, int t, float[] thr) {
    boolean any = false;
    for (int q = trialStart[b]; q < trialStart[b + 1]; q++) {
      if (clamp[q] && t >= from[q] && t < to[q]) {
        for (int i : units[q]) {
          thr[i] = Float.POSITIVE_INFINITY;
        }
        any = true;
      }
    }
    return any;
  }

  /**
   * Undoes {@link #clampThresholds}: the clamped units get their constant thresholds back (adaptive
   * units have theirs recomputed at every step anyway).
   */
  void restoreThresholds(int b, int t, float[] thr, float[] constant) {
    for (int q = trialStart[b]; q < trialStart[b + 1]; q++) {
      if (clamp[q] && t >= from[q] && t < to[q]) {
        for (int i : units[q]) {
          thr[i] = constant[i];
        }
      }
    }
  }

  /**
   * Zeroes the gate of the units clamped at step t of trial b.
   *
   * @param b trial
   * @param t window step
   * @param gate {@code [unit]} gate of the step
   */
  public void clampGate(int b, int t, float[] gate) {
    if (!hasPulses(b)) {
      return;
    }
    for (int q = trialStart[b]; q < trialStart[b + 1]; q++) {
      if (clamp[q] && t >= from[q] && t < to[q]) {
        for (int i : units[q]) {
          gate[i] = 0f;
        }
      }
    }
  }

  /**
   * @param b trial
   * @param t window step
   * @param i unit
   * @return the extra current unit i receives at step t of trial b
   */
  public float current(int b, int t, int i) {
    float s = 0f;
    if (!hasPulses(b)) {
      return s;
    }
    for (int q = trialStart[b]; q < trialStart[b + 1]; q++) {
      if (!clamp[q] && t >= from[q] && t < to[q] && contains(units[q], i)) {
        s += current[q];
      }
    }
    return s;
  }

  /**
   * @param b trial
   * @param t window step
   * @param i unit
   * @return whether unit i is clamped at step t of trial b
   */
  public boolean clamped(int b, int t, int i) {
    if (!hasPulses(b)) {
      return false;
    }
    for (int q = trialStart[b]; q < trialStart[b + 1]; q++) {
      if (clamp[q] && t >= from[q] && t < to[q] && contains(units[q], i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(int[] sorted, int i) {
    return Arrays.binarySearch(sorted, i) >= 0;
  }

  private record Pulse(int[] units, int from, int to, float current, boolean clamp) {}

  /** Collects pulses trial by trial. */
  public static final class Builder {
    private final int batch;
    private final List<List<Pulse>> pulses = new ArrayList<>();

    private Builder(int batch) {
      this.batch = batch;
      for (int b = 0; b < batch; b++) {
        pulses.add(new ArrayList<>());
      }
    }

    /**
     * An extra current to some units of one trial.
     *
     * @param b trial
     * @param units unit indices (distinct, >= 0)
     * @param from first window step (may be < 0: cut at 0)
     * @param to window step after the last
     * @param current the current added to I_t (finite)
     * @return this
     */
    public Builder current(int b, int[] units, int from, int to, float current) {
      if (!Float.isFinite(current)) {
        throw new IllegalArgumentException("a pulse's current must be finite, was " + current);
      }
      return add(b, units, from, to, current, false);
    }

    /**
     * A clamp: the units cannot spike during the window.
     *
     * @param b trial
     * @param units unit indices (distinct, >= 0)
     * @param from first window step
     * @param to window step after the last
     * @return this
     */
    public Builder clamp(int b, int[] units, int from, int to) {
      return add(b, units, from, to, 0f, true);
    }

    private Builder add(int b, int[] units, int from, int to, float current, boolean clamp) {
      if (b < 0 || b >= batch) {
        throw new IllegalArgumentException("trial " + b + " is outside the batch of " + batch);
      }
      int[] u = units.clone();
      Arrays.sort(u);
      for (int k = 0; k < u.length; k++) {
        if (u[k] < 0 || (k > 0 && u[k] == u[k - 1])) {
          throw new IllegalArgumentException("pulse units must be distinct and >= 0, had " + u[k]);
        }
      }
      if (to > from && u.length > 0) {
        pulses.get(b).add(new Pulse(u, from, to, current, clamp));
      }
      return this;
    }

    /** @return the perturbation */
    public Perturbation build() {
      int total = 0;
      for (List<Pulse> l : pulses) {
        total += l.size();
      }
      int[] start = new int[batch + 1];
      int[] from = new int[total];
      int[] to = new int[total];
      float[] cur = new float[total];
      boolean[] cl = new boolean[total];
      int[][] units = new int[total][];
      int q = 0;
      for (int b = 0; b < batch; b++) {
        start[b] = q;
        for (Pulse p : pulses.get(b)) {
          units[q] = p.units();
          from[q] = p.from();
          to[q] = p.to();
          cur[q] = p.current();
          cl[q] = p.clamp();
          q++;
        }
      }
      start[batch] = q;
      return new Perturbation(batch, start, from, to, cur, cl, units);
    }
  }
}
