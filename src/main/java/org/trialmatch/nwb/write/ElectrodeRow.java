package org.trialmatch.nwb.write;

import java.util.Objects;

/**
 * One row of the electrodes table.
 *
 * @param id value in the {@code id} column
 * @param x x coordinate (column {@code x}), may be NaN
 * @param y y coordinate (column {@code y}), may be NaN
 * @param z z coordinate (column {@code z}), may be NaN
 * @param imp impedance in ohms (column {@code imp}), may be NaN
 * @param location column {@code location}, e.g. {@code brain_region: ALM; hemisphere: left}
 * @param filtering column {@code filtering}
 * @param group name of the {@link ElectrodeGroup}; written as an object reference in column {@code group}
 *     and as text in column {@code group_name}
 */
public record ElectrodeRow(long id, double x, double y, double z, double imp, String location,
    String filtering, String group) {
  /** Checks for nulls. */
  public ElectrodeRow {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(filtering, "filtering");
    Objects.requireNonNull(group, "group");
  }
}
