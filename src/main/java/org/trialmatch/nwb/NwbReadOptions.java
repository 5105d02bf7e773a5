package org.trialmatch.nwb;

import java.util.Objects;

/**
 * How to read a recording.
 *
 * @param areaColumn a units column that holds each unit's area; "" to detect it (a units column
 *     named {@code area}, {@code brain_area}, {@code brain_region} or {@code location}, else the
 *     {@code location} of the unit's electrode)
 */
public record NwbReadOptions(String areaColumn) {
  /** Detect everything. */
  public static final NwbReadOptions DEFAULT = new NwbReadOptions("");

  /** Validates the fields. */
  public NwbReadOptions {
    Objects.requireNonNull(areaColumn, "areaColumn");
  }
}
