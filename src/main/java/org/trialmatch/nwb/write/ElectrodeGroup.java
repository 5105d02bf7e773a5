package org.trialmatch.nwb.write;

import java.util.Objects;

/**
 * An electrode group under {@code general/extracellular_ephys/<name>} (neurodata type
 * {@code ElectrodeGroup}), with a soft link {@code device} to {@code general/devices/<device>}.
 *
 * @param name group name (may contain ':' and spaces)
 * @param description attribute {@code description}
 * @param location attribute {@code location}
 * @param device name of a {@link Device} of the same file
 */
public record ElectrodeGroup(String name, String description, String location, String device) {
  /** Checks for nulls. */
  public ElectrodeGroup {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(device, "device");
  }
}
