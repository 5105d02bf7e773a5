package org.trialmatch.nwb.write;

/** Storage type of a table column. */
public enum ColumnType {
  /** IEEE 64-bit float (NaN allowed). */
  FLOAT64,
  /** signed 32-bit integer. */
  INT32,
  /** signed 64-bit integer. */
  INT64,
  /**
   * boolean, stored as h5py stores numpy booleans: an HDF5 enum over a signed 8-bit integer with members
   * {@code FALSE = 0} and {@code TRUE = 1} (h5py reads it back as dtype {@code bool}).
   */
  BOOL,
  /** variable-length UTF-8 string. */
  TEXT
}
