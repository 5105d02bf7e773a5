package org.trialmatch.pseudo;

/**
 * One generated session: units (area, E/I, baseline rate, modulation, spike times) and trials
 * (record start/stop, stimulus time, stimulus flag, trial type, and the hidden truth: whether area 2
 * responded). Arrays are owned by this object; accessors return copies.
 */
public final class PseudoSession {
  private final String name;
  private final String[] unitAreas;
  private final boolean[] excitatory;
  private final double[] baselineHz;
  private final int[] modulation;
  private final double[][] spikeTimesS;
  private final double[] startS;
  private final double[] stopS;
  private final double[] stimTimeS;
  private final boolean[] area2Responds;

  PseudoSession(String name, String[] unitAreas, boolean[] excitatory, double[] baselineHz, int[] modulation,
      double[][] spikeTimesS, double[] startS, double[] stopS, double[] stimTimeS, boolean[] area2Responds) {
    this.name = name;
    this.unitAreas = unitAreas;
    this.excitatory = excitatory;
    this.baselineHz = baselineHz;
    this.modulation = modulation;
    this.spikeTimesS = spikeTimesS;
    this.startS = startS;
    this.stopS = stopS;
    this.stimTimeS = stimTimeS;
    this.area2Responds = area2Responds;
  }

  /** @return the session name, e.g. {@code PS000} */
  public String name() {
    return name;
  }

  /** @return number of units */
  public int units() {
    return unitAreas.length;
  }

  /** @return number of trials */
  public int trials() {
    return startS.length;
  }

  /**
   * @param u unit
   * @return its area, {@code area1} or {@code area2}
   */
  public String area(int u) {
    return unitAreas[u];
  }

  /**
   * @param u unit
   * @return true for an excitatory unit
   */
  public boolean excitatory(int u) {
    return excitatory[u];
  }

  /**
   * @param u unit
   * @return its baseline rate, Hz
   */
  public double baselineHz(int u) {
    return baselineHz[u];
  }

  /**
   * @param u unit
   * @return its response modulation (0, 1 or 2)
   */
  public int modulation(int u) {
    return modulation[u];
  }

  /**
   * @param u unit
   * @return a copy of its spike times, s, ascending
   */
  public double[] spikeTimesS(int u) {
    return spikeTimesS[u].clone();
  }

  /** @return a copy of the trial record starts, s */
  public double[] startS() {
    return startS.clone();
  }

  /** @return a copy of the trial record ends, s */
  public double[] stopS() {
    return stopS.clone();
  }

  /** @return a copy of the stimulus times, s (absolute) */
  public double[] stimTimeS() {
    return stimTimeS.clone();
  }

  /**
   * @param trial trial
   * @return true when area 2 responded (a "Hit"); the hidden variable
   */
  public boolean area2Responds(int trial) {
    return area2Responds[trial];
  }

  /**
   * @param trial trial
   * @return {@code Hit} when area 2 responded, else {@code Miss}
   */
  public String trialType(int trial) {
    return area2Responds[trial] ? "Hit" : "Miss";
  }
}
