package org.trialmatch.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aligned, binned trials of one session.
 *
 * <p>Spike counts are a {@link TrialTensor} ({@code [t][trial][unit]}, time-major: one step of all trials
 * is contiguous); a bin may hold more than one spike. The behaviour is row-major
 * {@code [t][trial][channel]} on the same bins (C channels, e.g. left and right lick rates), or absent
 * (C = 0). Bin {@code t} covers
 * {@code [align + startS + t*dt, align + startS + (t+1)*dt)} seconds.
 */
public final class TrialSet {
  private final String session;
  private final Path file;
  private final double dtMs;
  private final double startS;
  private final int bins;
  private final int trials;
  private final int units;
  private final TrialTensor counts;
  private final float[] behaviour;
  private final List<String> behaviourLabels;
  private final int channels;
  private final int[] rows;
  private final double[] alignS;
  private final String[] conditions;
  private final String[] outcomes;
  private final Map<String, double[]> eventsS;
  private final String[] unitAreas;
  private final long[] unitIds;
  private final boolean[] perturbed;
  private final Exclusions exclusions;
  private final List<String> report;

  TrialSet(
      String session, Path file, double dtMs, double startS, int bins, int units, float[] counts,
      float[] behaviour, List<String> behaviourLabels, int[] rows, double[] alignS, String[] conditions,
      String[] outcomes, Map<String, double[]> eventsS, String[] unitAreas, long[] unitIds, boolean[] perturbed,
      Exclusions exclusions, List<String> report) {
    this.session = session;
    this.file = file;
    this.dtMs = dtMs;
    this.startS = startS;
    this.bins = bins;
    this.trials = rows.length;
    this.units = units;
    this.channels = behaviourLabels.size();
    if (behaviour.length != (long) bins * trials * channels) {
      throw new IllegalArgumentException("behaviour length " + behaviour.length + " != bins*trials*channels");
    }
    this.counts = TrialTensor.wrap(counts, bins, trials, units);
    this.behaviour = behaviour;
    this.behaviourLabels = List.copyOf(behaviourLabels);
    this.rows = rows;
    this.alignS = alignS;
    this.conditions = conditions;
    this.outcomes = outcomes;
    this.eventsS = Collections.unmodifiableMap(new LinkedHashMap<>(eventsS));
    this.unitAreas = unitAreas;
    this.unitIds = unitIds;
    this.perturbed = perturbed;
    this.exclusions = exclusions;
    this.report = List.copyOf(report);
  }

  /**
   * @param trial trial index
   * @return whether the trial was perturbed ({@link Perturbations}; only kept with {@code data.includePerturbed})
   */
  public boolean perturbed(int trial) {
    return perturbed[trial];
  }

  /** @return the session name */
  public String session() {
    return session;
  }

  /** @return the NWB file */
  public Path file() {
    return file;
  }

  /** @return bin width, ms */
  public double dtMs() {
    return dtMs;
  }

  /** @return start of the window relative to the alignment event, s */
  public double startS() {
    return startS;
  }

  /** @return number of time bins */
  public int bins() {
    return bins;
  }

  /** @return number of trials kept */
  public int trials() {
    return trials;
  }

  /** @return number of units */
  public int units() {
    return units;
  }

  /**
   * @param t bin
   * @param trial trial
   * @param unit unit
   * @return the spike count
   */
  public float count(int t, int trial, int unit) {
    return counts.get(t, trial, unit);
  }

  /** @return the spike counts {@code [t][trial][unit]} (not a copy; do not change them) */
  public TrialTensor counts() {
    return counts;
  }


  /** @return total number of spikes in all windows */
  public long totalSpikes() {
    double s = 0;
    for (float c : counts.values()) {
      s += c;
    }
    return Math.round(s);
  }

  /** @return true when a behaviour trace is present */
  public boolean hasBehaviour() {
    return channels > 0;
  }

  /** @return behaviour channels C (0 without behaviour) */
  public int behaviourChannels() {
    return channels;
  }

  /**
   * @param t bin
   * @param trial trial
   * @param c channel
   * @return the behaviour value (continuous: the series' unit; events: rate in Hz)
   */
  public float behaviour(int t, int trial, int c) {
    return behaviour[(t * trials + trial) * channels + c];
  }


  /** @return what each channel is, e.g. {@code event rate (Hz, ...) of acquisition/lick_times/lick_left_times} */
  public List<String> behaviourLabels() {
    return behaviourLabels;
  }

  /** @return what the behaviour is, the channels' labels joined by "; " ("" without behaviour) */
  public String behaviourLabel() {
    return String.join("; ", behaviourLabels);
  }

  /**
   * @param trial trial
   * @return its row in the interval table
   */
  public int row(int trial) {
    return rows[trial];
  }

  /**
   * @param trial trial
   * @return the absolute time of its alignment event, s
   */
  public double alignS(int trial) {
    return alignS[trial];
  }

  /**
   * @param trial trial
   * @return its condition label
   */
  public String condition(int trial) {
    return conditions[trial];
  }

  /**
   * @param trial trial
   * @return its outcome label
   */
  public String outcome(int trial) {
    return outcomes[trial];
  }

  /**
   * @param trial trial
   * @return its trial type, {@code condition/outcome} (the stratum of the split)
   */
  public String trialType(int trial) {
    return conditions[trial] + "/" + outcomes[trial];
  }

  /** @return how many trials each trial type ({@link #trialType}) has, sorted by type */
  public Map<String, Integer> trialTypeCounts() {
    Map<String, Integer> m = new TreeMap<>();
    for (int i = 0; i < trials(); i++) {
      m.merge(trialType(i), 1, Integer::sum);
    }
    return m;
  }

  /** @return per-trial event times relative to the alignment event, s (NaN kept), by column */
  public Map<String, double[]> eventsS() {
    Map<String, double[]> m = new LinkedHashMap<>();
    eventsS.forEach((k, v) -> m.put(k, v.clone()));
    return m;
  }

  /**
   * @param unit unit
   * @return its area
   */
  public String unitArea(int unit) {
    return unitAreas[unit];
  }

  /**
   * @param unit unit
   * @return its id in the units table
   */
  public long unitId(int unit) {
    return unitIds[unit];
  }

  /** @return what each exclusion rule removed */
  public Exclusions exclusions() {
    return exclusions;
  }

  /** @return decisions taken while building (event-time readings, behaviour chosen) and exclusions */
  public List<String> report() {
    return report;
  }
}
