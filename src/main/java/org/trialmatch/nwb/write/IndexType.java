package org.trialmatch.nwb.write;

import java.util.Locale;

/** Integer type of an index dataset ({@code VectorIndex}), as stored in the file (little-endian). */
public enum IndexType {
  /** unsigned 8-bit. */
  UINT8(0, 0xFFL),
  /** unsigned 16-bit. */
  UINT16(0, 0xFFFFL),
  /** unsigned 32-bit. */
  UINT32(0, 0xFFFF_FFFFL),
  /** unsigned 64-bit (values up to {@link Long#MAX_VALUE} here). */
  UINT64(0, Long.MAX_VALUE),
  /** signed 32-bit. */
  INT32(Integer.MIN_VALUE, Integer.MAX_VALUE),
  /** signed 64-bit. */
  INT64(Long.MIN_VALUE, Long.MAX_VALUE);

  private final long min;
  private final long max;

  IndexType(long min, long max) {
    this.min = min;
    this.max = max;
  }

  /** @return the smallest value the type holds */
  public long min() {
    return min;
  }

  /** @return the largest value the type holds (capped at {@link Long#MAX_VALUE}) */
  public long max() {
    return max;
  }

  /**
   * @param value a value
   * @return whether the type holds it
   */
  public boolean holds(long value) {
    return value >= min && value <= max;
  }

  /** @return the numpy dtype name h5py reports for it, e.g. {@code uint16} */
  public String numpyName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
