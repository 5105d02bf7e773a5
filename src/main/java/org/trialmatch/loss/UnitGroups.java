package org.trialmatch.loss;

/**
 * A partition of some model units into groups (one group = the units of one area of one session that
 * enter the trial features); other units belong to no group. {@link SpikeGradient} stores one value
 * per (step, trial, group) for them.
 */
public final class UnitGroups {
  /** Group index of a unit in no group. */
  public static final int NONE = -1;

  private final int[] groupOfUnit;
  private final int[] size;

  private UnitGroups(int[] groupOfUnit, int[] size) {
    this.groupOfUnit = groupOfUnit;
    this.size = size;
  }

  /**
   * @param groupOfUnit per unit, its group index or {@link #NONE}
   * @param groups number of groups; every group must be non-empty
   * @return the grouping over a copy of the array
   */
  public static UnitGroups of(int[] groupOfUnit, int groups) {
    int[] size = new int[groups];
    for (int n = 0; n < groupOfUnit.length; n++) {
      int g = groupOfUnit[n];
      if (g < NONE || g >= groups) {
        throw new IllegalArgumentException(
            "groupOfUnit[" + n + "] must be -1 or < " + groups + ", was " + g);
      }
      if (g >= 0) {
        size[g]++;
      }
    }
    for (int g = 0; g < groups; g++) {
      if (size[g] == 0) {
        throw new IllegalArgumentException("group " + g + " has no unit");
      }
    }
    return new UnitGroups(groupOfUnit.clone(), size);
  }

  /**
   * @param units number of units
   * @return the grouping of {@code units} units into no group
   */
  public static UnitGroups none(int units) {
    int[] g = new int[units];
    java.util.Arrays.fill(g, NONE);
    return new UnitGroups(g, new int[0]);
  }

  /** @return number of units */
  public int units() {
    return groupOfUnit.length;
  }

  /** @return number of groups */
  public int groups() {
    return size.length;
  }

  /**
   * @param unit unit index
   * @return its group, or {@link #NONE}
   */
  public int groupOf(int unit) {
    return groupOfUnit[unit];
  }

  /**
   * @param group group index
   * @return number of units in it
   */
  public int size(int group) {
    return size[group];
  }
}
