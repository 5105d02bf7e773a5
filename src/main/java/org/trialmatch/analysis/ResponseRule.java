package org.trialmatch.analysis;

/**
 * Which area's response is scored, and the windows and threshold of the two rules of
 * {@link ResponseFractions}.
 *
 * @param area the area, e.g. {@code area2}
 * @param responseFromMs start of the response window after the alignment event, ms
 * @param responseToMs end of the response window, ms (exclusive)
 * @param baselineMs length of the baseline window just before the alignment event, ms
 * @param peakThresholdHz the authors' rule: a trial responded when the maximum over time of the area's
 *     F1-filtered population-average rate exceeds this, Hz (30 in the paper's Figure 2)
 */
public record ResponseRule(String area, double responseFromMs, double responseToMs, double baselineMs,
    double peakThresholdHz) {

  /** Validates the windows. */
  public ResponseRule {
    if (area == null || area.isBlank()) {
      throw new IllegalArgumentException("area must be named, was '" + area + "'");
    }
    if (!(responseToMs > responseFromMs)) {
      throw new IllegalArgumentException("responseToMs must be > responseFromMs (" + responseFromMs + "), was "
          + responseToMs);
    }
    if (!(baselineMs > 0)) {
      throw new IllegalArgumentException("baselineMs must be > 0, was " + baselineMs);
    }
    if (!(peakThresholdHz > 0)) {
      throw new IllegalArgumentException("peakThresholdHz must be > 0, was " + peakThresholdHz);
    }
  }

  /**
   * The Figure 2 rule for the artificial data: area 2, response 10–60 ms after the stimulus against the
   * 100 ms before it; the authors' threshold 30 Hz.
   *
   * @return the rule
   */
  public static ResponseRule figure2() {
    return new ResponseRule("area2", 10, 60, 100, 30);
  }
}
