package org.trialmatch.loss;

import org.trialmatch.data.TrialTensor;

/**
 * Recorded trials on the model's time grid, as the losses read them: spike counts
 * {@code [t][trial][unit]} with one column per model unit (each holding data from its own session)
 * and, optionally, the normalised behaviour (jaw) trace {@code [t][trial][session][channel]}. A session with fewer trials
 * than the widest one has NaN in every entry of its missing trials (padding); those trials are
 * ignored. Arrays are wrapped without copying.
 */
public final class DataTrials {
  private final TrialTensor spikes;
  private final float[] jaw;
  private final int steps;
  private final int trials;
  private final int units;
  private final int sessions;
  private final int channels;

  private DataTrials(TrialTensor spikes, float[] jaw, int sessions, int channels) {
    this.spikes = spikes;
    this.jaw = jaw;
    this.steps = spikes.steps();
    this.trials = spikes.trials();
    this.units = spikes.units();
    this.sessions = sessions;
    this.channels = channels;
  }

  /**
   * @param spikes spike counts, row-major {@code [t][trial][unit]}, NaN for padding trials
   * @param jaw jaw trace, row-major {@code [t][trial][session]}, NaN for padding trials; or {@code null}
   * @param steps time steps T (>= 1)
   * @param trials trial slots K (the largest trial count of a session, >= 1)
   * @param units model units N (>= 1)
   * @param sessions sessions S (>= 1; the width of {@code jaw})
   * @return a view over the arrays (not copied)
   */
  public static DataTrials wrap(float[] spikes, float[] jaw, int steps, int trials, int units, int sessions) {
    return wrap(spikes, jaw, steps, trials, units, sessions, 1);
  }

  /**
   * @param spikes spike counts, row-major {@code [t][trial][unit]}, NaN for padding trials
   * @param jaw behaviour, row-major {@code [t][trial][session][channel]}, NaN for padding trials; or {@code null}
   * @param steps time steps T (>= 1)
   * @param trials trial slots K (the largest trial count of a session, >= 1)
   * @param units model units N (>= 1)
   * @param sessions sessions S (>= 1)
   * @param channels behaviour channels C (>= 1)
   * @return a view over the arrays (not copied)
   */
  public static DataTrials wrap(float[] spikes, float[] jaw, int steps, int trials, int units, int sessions,
      int channels) {
    if (channels < 1) {
      throw new IllegalArgumentException("channels must be >= 1, was " + channels);
    }
    if (steps < 1 || trials < 1 || units < 1 || sessions < 1) {
      throw new IllegalArgumentException(
          "steps, trials, units and sessions must be >= 1, were "
              + steps + ", " + trials + ", " + units + ", " + sessions);
    }
    TrialTensor counts = TrialTensor.wrap(spikes, steps, trials, units);
    if (jaw != null && jaw.length != (long) steps * trials * sessions * channels) {
      throw new IllegalArgumentException("jaw must hold steps*trials*sessions*channels = "
          + (long) steps * trials * sessions * channels + " values, held " + jaw.length);
    }
    return new DataTrials(counts, jaw, sessions, channels);
  }

  /** @return spike counts {@code [t][trial][unit]} (not a copy) */
  public float[] spikes() {
    return spikes.values();
  }

  /** @return spike counts as a tensor, {@code [t][trial][unit]}, NaN for padding trials (not a copy) */
  public TrialTensor spikeTensor() {
    return spikes;
  }

  /** @return behaviour channels C */
  public int channels() {
    return channels;
  }

  /** @return jaw {@code [t][trial][session][channel]} (not a copy), or {@code null} */
  public float[] jaw() {
    return jaw;
  }

  /** @return time steps T */
  public int steps() {
    return steps;
  }

  /** @return trial slots K */
  public int trials() {
    return trials;
  }

  /** @return units N */
  public int units() {
    return units;
  }

  /** @return sessions S */
  public int sessions() {
    return sessions;
  }

  /**
   * Which trial slots hold data for each session: a slot is padding when every spike entry of the
   * session's units is NaN, and data when every entry is finite.
   *
   * @param layout the units' sessions
   * @return {@code valid[session][trial]}
   * @throws IllegalArgumentException when a trial is partly NaN or infinite, naming session, trial,
   *     unit and step
   */
  boolean[][] validTrials(UnitLayout layout) {
    if (layout.units() != units) {
      throw new IllegalArgumentException(
          "data has " + units + " units but the unit layout has " + layout.units());
    }
    if (layout.sessions() != sessions) {
      throw new IllegalArgumentException(
          "data has " + sessions + " sessions but the unit layout has " + layout.sessions());
    }
    int[] finite = new int[sessions * trials];
    int[] total = new int[sessions * trials];
    for (int t = 0; t < steps; t++) {
      for (int k = 0; k < trials; k++) {
        int row = (t * trials + k) * units;
        for (int n = 0; n < units; n++) {
          int s = layout.sessionOf(n);
          if (s < 0) {
            continue;
          }
          total[s * trials + k]++;
          if (Float.isFinite(spikes.values()[row + n])) {
            finite[s * trials + k]++;
          }
        }
      }
    }
    boolean[][] valid = new boolean[sessions][trials];
    for (int s = 0; s < sessions; s++) {
      for (int k = 0; k < trials; k++) {
        int f = finite[s * trials + k];
        int all = total[s * trials + k];
        if (f > 0 && f < all) {
          throw new IllegalArgumentException(partialTrialMessage(layout, s, k));
        }
        valid[s][k] = all > 0 && f == all;
      }
    }
    return valid;
  }

  private String partialTrialMessage(UnitLayout layout, int s, int k) {
    for (int t = 0; t < steps; t++) {
      int row = (t * trials + k) * units;
      for (int n = 0; n < units; n++) {
        if (layout.sessionOf(n) == s && !Float.isFinite(spikes.values()[row + n])) {
          return "data trial " + k + " of session '" + layout.sessionNames().get(s)
              + "' is partly NaN or infinite (first at unit " + n + ", step " + t
              + "): a trial must be complete or entirely NaN (padding)";
        }
      }
    }
    return "data trial " + k + " of session '" + layout.sessionNames().get(s) + "' is partly NaN";
  }
}
