package org.trialmatch.model;

import java.util.Arrays;

/**
 * What each trial of a batch is given: its stimulus value {@code s} and the window steps of its
 * events (the onsets of method reference §2.4; e.g. a task's sample and cue). Event steps may differ
 * per trial, e.g. from interval-table columns; by default every trial gets the configured onsets.
 *
 * <p>Layout: {@code stimulus[trial]}; onset steps {@code [trial][onset]} row-major. An onset step is
 * the window step of the event itself; the input burst starts {@code thalamicDelayMs} later. Onsets
 * may lie outside the window (the burst is then cut or absent). A {@link Perturbation} may come with
 * them (none by default).
 */
public final class TrialInputs {
  private final int batch;
  private final int nOnsets;
  private final float[] stimulus;
  private final int[] onsetSteps;
  private final Perturbation perturbation;

  private TrialInputs(float[] stimulus, int[] onsetSteps, int nOnsets, Perturbation perturbation) {
    this.batch = stimulus.length;
    this.nOnsets = nOnsets;
    this.stimulus = stimulus;
    this.onsetSteps = onsetSteps;
    this.perturbation = perturbation;
  }

  /**
   * Trials with the configured onsets ({@link RsnnConfig#stimOnsetsMs}).
   *
   * @param config the configuration
   * @param stimulus stimulus value per trial (e.g. 0/1 for absent/present; >= 0)
   * @return the inputs (the array is copied)
   */
  public static TrialInputs fixedOnsets(RsnnConfig config, float[] stimulus) {
    int k = config.stimOnsetsMs().size();
    int[][] on = new int[stimulus.length][k];
    for (int b = 0; b < stimulus.length; b++) {
      for (int l = 0; l < k; l++) {
        on[b][l] = config.onsetStep(config.stimOnsetsMs().get(l));
      }
    }
    return of(stimulus, on);
  }

  /**
   * Trials with the same stimulus value and the configured onsets.
   *
   * @param config the configuration
   * @param batch number of trials
   * @param stimulus the stimulus value of every trial
   * @return the inputs
   */
  public static TrialInputs constant(RsnnConfig config, int batch, float stimulus) {
    float[] s = new float[batch];
    Arrays.fill(s, stimulus);
    return fixedOnsets(config, s);
  }

  /**
   * Trials with their own event times (e.g. interval-table columns relative to the alignment event).
   *
   * @param config the configuration (window start, dt)
   * @param stimulus stimulus value per trial
   * @param eventTimesMs {@code [trial][onset]} event times relative to the alignment event, ms
   * @return the inputs
   */
  public static TrialInputs fromEventTimes(RsnnConfig config, float[] stimulus, double[][] eventTimesMs) {
    int[][] on = new int[eventTimesMs.length][];
    for (int b = 0; b < eventTimesMs.length; b++) {
      on[b] = new int[eventTimesMs[b].length];
      for (int l = 0; l < on[b].length; l++) {
        if (!Double.isFinite(eventTimesMs[b][l])) {
          throw new IllegalArgumentException(
              "event time of trial " + b + ", onset " + l + " must be finite, was " + eventTimesMs[b][l]);
        }
        on[b][l] = config.onsetStep(eventTimesMs[b][l]);
      }
    }
    return of(stimulus, on);
  }

  /**
   * @param stimulus stimulus value per trial (>= 0, finite)
   * @param onsetSteps {@code [trial][onset]} window steps of the events; every trial the same count
   * @return the inputs (arrays are copied)
   */
  public static TrialInputs of(float[] stimulus, int[][] onsetSteps) {
    if (stimulus.length != onsetSteps.length) {
      throw new IllegalArgumentException("onsetSteps must have one row per trial (" + stimulus.length
          + "), had " + onsetSteps.length);
    }
    if (stimulus.length == 0) {
      throw new IllegalArgumentException("batch must be >= 1, was 0");
    }
    int k = onsetSteps[0].length;
    int[] flat = new int[stimulus.length * k];
    for (int b = 0; b < stimulus.length; b++) {
      if (!(stimulus[b] >= 0) || !Float.isFinite(stimulus[b])) {
        throw new IllegalArgumentException("stimulus of trial " + b + " must be finite and >= 0, was " + stimulus[b]);
      }
      if (onsetSteps[b].length != k) {
        throw new IllegalArgumentException("every trial needs " + k + " onsets, trial " + b + " had "
            + onsetSteps[b].length);
      }
      System.arraycopy(onsetSteps[b], 0, flat, b * k, k);
    }
    return new TrialInputs(stimulus.clone(), flat, k, Perturbation.NONE);
  }

  /** @return number of trials */
  public int batch() {
    return batch;
  }

  /** @return number of onsets per trial */
  public int nOnsets() {
    return nOnsets;
  }

  /**
   * @param b trial
   * @return its stimulus value
   */
  public float stimulus(int b) {
    return stimulus[b];
  }

  /**
   * @param b trial
   * @param l onset
   * @return the window step of that event
   */
  public int onsetStep(int b, int l) {
    return onsetSteps[b * nOnsets + l];
  }

  /**
   * The same trials with a perturbation.
   *
   * @param p pulses for this batch ({@link Perturbation#NONE} for none)
   * @return new inputs sharing this one's stimuli and onsets
   */
  public TrialInputs withPerturbation(Perturbation p) {
    if (!p.isEmpty() && p.batch() != batch) {
      throw new IllegalArgumentException("perturbation is for " + p.batch() + " trials, the inputs have " + batch);
    }
    return new TrialInputs(stimulus, onsetSteps, nOnsets, p);
  }

  /** @return the perturbation of these trials ({@link Perturbation#NONE} if none) */
  public Perturbation perturbation() {
    return perturbation;
  }
}
