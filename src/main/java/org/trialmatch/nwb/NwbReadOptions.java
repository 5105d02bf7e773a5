package org.trialmatch.nwb;

import java.util.Map;
import java.util.Objects;

/**
 * How to read a recording.
 *
 * @param areaRule how units get their area label ({@link AreaRule})
 * @param areaMap label (what the rule gives) to area name; empty keeps the labels. When not empty,
 *     every label of the file needs an entry, or the map needs a {@code "*"} entry that names the
 *     area of every label not listed; otherwise reading fails naming the file, the units and the
 *     labels ({@link NwbFormatException})
 */
public record NwbReadOptions(AreaRule areaRule, Map<String, String> areaMap) {
  /** The key of an area map entry that takes every label not listed. */
  public static final String OTHER_LABELS = "*";

  /** Detect everything. */
  public static final NwbReadOptions DEFAULT = new NwbReadOptions(AreaRule.AUTO, Map.of());

  /** Validates the fields and copies the map. */
  public NwbReadOptions {
    Objects.requireNonNull(areaRule, "areaRule");
    areaMap = Map.copyOf(areaMap);
    for (Map.Entry<String, String> e : areaMap.entrySet()) {
      if (e.getKey().isBlank() || e.getValue().isBlank()) {
        throw new IllegalArgumentException("areaMap entries need a label and an area name, was '"
            + e.getKey() + "' -> '" + e.getValue() + "'");
      }
    }
  }

  /**
   * Options naming the units column that holds areas, as {@code data.areaColumn} did.
   *
   * @param areaColumn a units column that holds each unit's area; "" to detect it ({@link AreaRule#AUTO})
   */
  public NwbReadOptions(String areaColumn) {
    this(areaColumn.isEmpty() ? AreaRule.AUTO : new AreaRule.UnitsColumn(areaColumn), Map.of());
  }
}
