package org.trialmatch.nwb;

/**
 * One column of an NWB DynamicTable (units, interval tables), read as numbers or as text. Ragged
 * columns (with a {@code _index} dataset) of text are joined per row with {@code "; "}; ragged
 * numeric columns keep their first element per row and are reported as a problem by the reader.
 */
public sealed interface Column permits NumericColumn, TextColumn {
  /** @return the column name (the dataset name inside the table) */
  String name();

  /** @return the number of rows */
  int rows();

  /**
   * @param row row index
   * @return the value of the row as text (numbers formatted, NaN as "NaN")
   */
  String text(int row);
}
