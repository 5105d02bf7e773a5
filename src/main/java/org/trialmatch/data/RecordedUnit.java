package org.trialmatch.data;

import java.util.Objects;

/**
 * One recorded unit of the catalogue that a model layout is built from (session stitching).
 *
 * @param session session identifier (one NWB file = one session)
 * @param unitIndex row of the unit in its session's units table (0-based)
 * @param area brain area label, e.g. {@code ALM}
 * @param cellClass E/I when a column tells, else {@link CellClass#UNKNOWN}
 * @param rateHz mean firing rate over the recording, spikes / (last spike - first spike), Hz
 */
public record RecordedUnit(String session, int unitIndex, String area, CellClass cellClass, double rateHz) {
  /** Validates the fields. */
  public RecordedUnit {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(area, "area");
    Objects.requireNonNull(cellClass, "cellClass");
    if (unitIndex < 0) {
      throw new IllegalArgumentException("unitIndex must be >= 0, was " + unitIndex);
    }
    if (!(rateHz >= 0) || Double.isInfinite(rateHz)) {
      throw new IllegalArgumentException("rateHz must be finite and >= 0, was " + rateHz);
    }
  }
}
