package org.trialmatch.nwb.write;

/** How the units table's {@code electrodes} column ({@code DynamicTableRegion}) is laid out. */
public enum UnitElectrodes {
  /** no {@code electrodes} column. */
  NONE,
  /** ragged: {@code electrodes} with {@code electrodes_index}, any number of rows per unit. */
  RAGGED,
  /** one electrodes-table row per unit, no index dataset. */
  SINGLE
}
