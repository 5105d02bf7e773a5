package org.trialmatch.pseudo;

/**
 * Parameters of the artificial data set. Defaults ({@link #figure2()}) are those of the paper's
 * Figure 2 data as its generator produced them (method reference §5.1). That generator lists spreads
 * of 2 (E) and 1 (I) but draws the I rates with the E spread, so the effective I spread, and the
 * preset's {@code rateSpreadInh}, is 2. {@code rateSpreadInh} 1 gives every I unit exactly {@code
 * rateMeanInhHz} ({@link #withRateSpreadInh}).
 *
 * @param sessions number of sessions (files)
 * @param unitsPerSession recorded units per session
 * @param trialsPerSession trials per session
 * @param pExc fraction of excitatory units
 * @param trialRecordS length of one trial's record, s (trial j starts at {@code j * trialRecordS})
 * @param stimOffsetS stimulus onset inside each record, s
 * @param area1OnsetMs onset of the area-1 response after the stimulus, ms
 * @param area2OnsetMs onset of the area-2 response after the stimulus, ms
 * @param tauRiseMs rise time constant of the response kernel, ms
 * @param tauFallMs decay time constant of the response kernel, ms
 * @param kernelLengthMs support of the response kernel, ms
 * @param signalPeak peak of the response kernel (relative rate modulation)
 * @param rateMeanExcHz median baseline rate of excitatory units, Hz
 * @param rateMeanInhHz median baseline rate of inhibitory units, Hz
 * @param rateSpreadExc multiplicative spread (geometric sd) of excitatory baseline rates
 * @param rateSpreadInh multiplicative spread (geometric sd) of inhibitory baseline rates; 1 = no
 *     spread
 * @param maxRateHz baseline rates above this are redrawn as {@code maxRateHz - U(0, 10)}
 * @param pModulation0 probability that a unit's modulation is 0
 * @param pModulation1 probability that it is 1 (the rest is 2)
 * @param hitProbability probability that area 2 responds on a trial (a "Hit")
 * @param resolutionMs time step of the Bernoulli spike generator, ms
 * @param seed the seed
 */
public record PseudoDataConfig(
    int sessions,
    int unitsPerSession,
    int trialsPerSession,
    double pExc,
    double trialRecordS,
    double stimOffsetS,
    double area1OnsetMs,
    double area2OnsetMs,
    double tauRiseMs,
    double tauFallMs,
    double kernelLengthMs,
    double signalPeak,
    double rateMeanExcHz,
    double rateMeanInhHz,
    double rateSpreadExc,
    double rateSpreadInh,
    double maxRateHz,
    double pModulation0,
    double pModulation1,
    double hitProbability,
    double resolutionMs,
    long seed) {

  /** Validates every field; the message names it. */
  public PseudoDataConfig {
    positive("sessions", sessions);
    positive("unitsPerSession", unitsPerSession);
    positive("trialsPerSession", trialsPerSession);
    check(pExc > 0 && pExc < 1, "pExc", "must be in (0, 1)", pExc);
    check(trialRecordS > 0, "trialRecordS", "must be > 0", trialRecordS);
    check(stimOffsetS >= 0 && stimOffsetS < trialRecordS, "stimOffsetS", "must be in [0, trialRecordS)", stimOffsetS);
    check(area1OnsetMs >= 0, "area1OnsetMs", "must be >= 0", area1OnsetMs);
    check(area2OnsetMs >= 0, "area2OnsetMs", "must be >= 0", area2OnsetMs);
    check(tauRiseMs > 0 && tauFallMs > tauRiseMs, "tauFallMs", "must be > tauRiseMs > 0", tauFallMs);
    check(kernelLengthMs > 0, "kernelLengthMs", "must be > 0", kernelLengthMs);
    check(signalPeak >= 0, "signalPeak", "must be >= 0", signalPeak);
    check(rateMeanExcHz > 0 && rateMeanInhHz > 0, "rateMeanExcHz", "rates must be > 0", rateMeanExcHz);
    check(rateSpreadExc >= 1 && Double.isFinite(rateSpreadExc), "rateSpreadExc", "must be >= 1", rateSpreadExc);
    check(rateSpreadInh >= 1 && Double.isFinite(rateSpreadInh), "rateSpreadInh", "must be >= 1", rateSpreadInh);
    check(maxRateHz > 10, "maxRateHz", "must be > 10", maxRateHz);
    check(pModulation0 >= 0 && pModulation1 >= 0 && pModulation0 + pModulation1 <= 1, "pModulation1",
        "pModulation0, pModulation1 must be >= 0 with sum <= 1", pModulation1);
    check(hitProbability >= 0 && hitProbability <= 1, "hitProbability", "must be in [0, 1]", hitProbability);
    check(resolutionMs > 0 && resolutionMs <= 2, "resolutionMs", "must be in (0, 2]", resolutionMs);
    check(stimOffsetS + (Math.max(area1OnsetMs, area2OnsetMs) + kernelLengthMs) / 1000.0 <= trialRecordS,
        "trialRecordS", "must hold the stimulus offset plus the response", trialRecordS);
  }

  private static void positive(String name, int v) {
    check(v > 0, name, "must be > 0", v);
  }

  private static void check(boolean ok, String name, String what, Object v) {
    if (!ok) {
      throw new IllegalArgumentException(name + " " + what + ", was " + v);
    }
  }

  /**
   * @return the Figure 2 data set: 10 sessions x 100 units x 200 trials of 4 s, baseline rates
   *     log-normal with median 8 Hz (E) and 16 Hz (I), spread 2 for both
   */
  public static PseudoDataConfig figure2() {
    return new PseudoDataConfig(10, 100, 200, 0.8, 4.0, 1.0, 4, 8, 5, 20, 160, 3, 8, 16, 2, 2, 40, 0.2, 0.6, 0.8, 1.0, 0L);
  }

  /**
   * @param spread multiplicative spread of the inhibitory baseline rates (>= 1; 1 = every I unit at
   *     {@code rateMeanInhHz})
   * @return this configuration with that spread
   */
  public PseudoDataConfig withRateSpreadInh(double spread) {
    return new PseudoDataConfig(sessions, unitsPerSession, trialsPerSession, pExc, trialRecordS, stimOffsetS,
        area1OnsetMs, area2OnsetMs, tauRiseMs, tauFallMs, kernelLengthMs, signalPeak, rateMeanExcHz, rateMeanInhHz,
        rateSpreadExc, spread, maxRateHz, pModulation0, pModulation1, hitProbability, resolutionMs, seed);
  }

  /**
   * @param p probability that area 2 responds on a trial
   * @return this configuration with that probability
   */
  public PseudoDataConfig withHitProbability(double p) {
    return new PseudoDataConfig(sessions, unitsPerSession, trialsPerSession, pExc, trialRecordS, stimOffsetS,
        area1OnsetMs, area2OnsetMs, tauRiseMs, tauFallMs, kernelLengthMs, signalPeak, rateMeanExcHz, rateMeanInhHz,
        rateSpreadExc, rateSpreadInh, maxRateHz, pModulation0, pModulation1, p, resolutionMs, seed);
  }

  /**
   * @param newSeed the seed
   * @return this configuration with another seed
   */
  public PseudoDataConfig withSeed(long newSeed) {
    return new PseudoDataConfig(sessions, unitsPerSession, trialsPerSession, pExc, trialRecordS, stimOffsetS,
        area1OnsetMs, area2OnsetMs, tauRiseMs, tauFallMs, kernelLengthMs, signalPeak, rateMeanExcHz, rateMeanInhHz,
        rateSpreadExc, rateSpreadInh, maxRateHz, pModulation0, pModulation1, hitProbability, resolutionMs, newSeed);
  }

  /**
   * @param n sessions
   * @param units units per session
   * @param trials trials per session
   * @param recordS trial record length, s
   * @param stimS stimulus offset in the record, s
   * @return this configuration resized
   */
  public PseudoDataConfig resized(int n, int units, int trials, double recordS, double stimS) {
    return new PseudoDataConfig(n, units, trials, pExc, recordS, stimS, area1OnsetMs, area2OnsetMs, tauRiseMs,
        tauFallMs, kernelLengthMs, signalPeak, rateMeanExcHz, rateMeanInhHz, rateSpreadExc, rateSpreadInh, maxRateHz,
        pModulation0, pModulation1, hitProbability, resolutionMs, seed);
  }
}
