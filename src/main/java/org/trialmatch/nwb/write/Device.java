package org.trialmatch.nwb.write;

import java.util.Objects;

/**
 * A device under {@code general/devices/<name>} (neurodata type {@code Device}).
 *
 * @param name group name
 * @param description attribute {@code description}
 * @param manufacturer attribute {@code manufacturer}
 */
public record Device(String name, String description, String manufacturer) {
  /** Checks for nulls. */
  public Device {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(manufacturer, "manufacturer");
  }
}
