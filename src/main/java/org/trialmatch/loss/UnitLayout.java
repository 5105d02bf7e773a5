package org.trialmatch.loss;

import java.util.Arrays;
import java.util.List;

/**
 * Which recorded unit each model unit stands for: its session (one recording) and its area. Model
 * units with no recorded counterpart ("hidden" units) have session {@code -1} and enter no loss.
 * The losses need nothing else about the network.
 */
public final class UnitLayout {
  /** Session index of an unrecorded (hidden) model unit. */
  public static final int HIDDEN = -1;

  private final int[] sessionOfUnit;
  private final int[] areaOfUnit;
  private final List<String> sessionNames;
  private final List<String> areaNames;

  private UnitLayout(int[] sessionOfUnit, int[] areaOfUnit, List<String> sessionNames, List<String> areaNames) {
    this.sessionOfUnit = sessionOfUnit;
    this.areaOfUnit = areaOfUnit;
    this.sessionNames = sessionNames;
    this.areaNames = areaNames;
  }

  /**
   * @param sessionOfUnit per model unit, the index of its session in {@code sessionNames}, or {@link #HIDDEN}
   * @param areaOfUnit per model unit, the index of its area in {@code areaNames}
   * @param sessionNames session identifiers
   * @param areaNames area labels
   * @return a layout over copies of the arrays
   */
  public static UnitLayout of(
      int[] sessionOfUnit, int[] areaOfUnit, List<String> sessionNames, List<String> areaNames) {
    if (sessionOfUnit.length != areaOfUnit.length) {
      throw new IllegalArgumentException(
          "sessionOfUnit and areaOfUnit must have the same length, were "
              + sessionOfUnit.length + " and " + areaOfUnit.length);
    }
    for (int n = 0; n < sessionOfUnit.length; n++) {
      if (sessionOfUnit[n] < HIDDEN || sessionOfUnit[n] >= sessionNames.size()) {
        throw new IllegalArgumentException(
            "sessionOfUnit[" + n + "] must be -1 or a session index < " + sessionNames.size()
                + ", was " + sessionOfUnit[n]);
      }
      if (areaOfUnit[n] < 0 || areaOfUnit[n] >= areaNames.size()) {
        throw new IllegalArgumentException(
            "areaOfUnit[" + n + "] must be an area index < " + areaNames.size() + ", was " + areaOfUnit[n]);
      }
    }
    return new UnitLayout(
        sessionOfUnit.clone(), areaOfUnit.clone(), List.copyOf(sessionNames), List.copyOf(areaNames));
  }

  /** @return number of model units */
  public int units() {
    return sessionOfUnit.length;
  }

  /** @return number of sessions */
  public int sessions() {
    return sessionNames.size();
  }

  /** @return number of areas */
  public int areas() {
    return areaNames.size();
  }

  /**
   * @param unit model unit index
   * @return its session index, or {@link #HIDDEN}
   */
  public int sessionOf(int unit) {
    return sessionOfUnit[unit];
  }

  /**
   * @param unit model unit index
   * @return its area index
   */
  public int areaOf(int unit) {
    return areaOfUnit[unit];
  }

  /** @return session identifiers (unmodifiable) */
  public List<String> sessionNames() {
    return sessionNames;
  }

  /** @return area labels (unmodifiable) */
  public List<String> areaNames() {
    return areaNames;
  }

  /**
   * @param session session index
   * @return number of model units recorded in that session
   */
  public int unitsInSession(int session) {
    int c = 0;
    for (int s : sessionOfUnit) {
      if (s == session) {
        c++;
      }
    }
    return c;
  }

  @Override
  public String toString() {
    return "UnitLayout[units=" + units() + ", sessions=" + sessionNames + ", areas=" + areaNames
        + ", hidden=" + Arrays.stream(sessionOfUnit).filter(s -> s == HIDDEN).count() + "]";
  }
}
