package org.trialmatch.nwb.write;

import java.util.ArrayList;
import java.util.List;

/**
 * The electrodes table of a file whose units were never recorded (a model's units, generated artificial
 * units): one device {@code virtual} that says there is no hardware, one electrode group and one
 * electrode row per area (location = the area), so that every unit names its area through the electrodes
 * table as recorded units do. Electrode coordinates and impedance are NaN (there are none).
 */
public final class VirtualElectrodes {
  /** The device's name. */
  public static final String DEVICE = "virtual";

  private VirtualElectrodes() {}

  /**
   * @param unitAreas each unit's area
   * @return the distinct areas in order of first appearance (electrode row k is area k)
   */
  public static List<String> areas(String[] unitAreas) {
    List<String> a = new ArrayList<>();
    for (String s : unitAreas) {
      if (!a.contains(s)) {
        a.add(s);
      }
    }
    return a;
  }

  /**
   * @param b the file being described
   * @param areas the areas, in electrode-row order
   * @param what what the units are, for the device's description (e.g. "units of a fitted network model")
   * @return {@code b}
   */
  public static NwbWriteSpec.Builder addTo(NwbWriteSpec.Builder b, List<String> areas, String what) {
    b.device(new Device(DEVICE, "no hardware: " + what + " were not recorded; one virtual electrode per "
        + "area, so that each unit names its area", "none"));
    for (String a : areas) {
      String group = "virtual: " + a;
      b.electrodeGroup(new ElectrodeGroup(group, "virtual electrode group of area " + a + " (no hardware)",
          a, DEVICE));
      b.electrode(Double.NaN, Double.NaN, Double.NaN, Double.NaN, a, "none", group);
    }
    return b;
  }
}
