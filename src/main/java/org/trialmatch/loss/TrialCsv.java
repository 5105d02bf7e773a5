package org.trialmatch.loss;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads trials from CSV: one trial per row, one feature per column, comma-separated finite decimal
 * numbers, no header. Blank lines at the end are ignored. Every cell is checked; the first problem is
 * reported with its row and column, together with the count of the others.
 */
public final class TrialCsv {
  private TrialCsv() {}

  /**
   * @param file the CSV file
   * @return its trials
   * @throws IOException when the file cannot be read
   * @throws TrialCsvException when it is malformed
   */
  public static FeatureMatrix read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String name = file.toString();
    int last = lines.size();
    while (last > 0 && lines.get(last - 1).isBlank()) {
      last--;
    }
    if (last == 0) {
      throw new TrialCsvException(name, 1, 1, "a row of numbers", "an empty file", 1);
    }
    if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
      lines.set(0, lines.get(0).substring(1));
    }
    int width = lines.get(0).split(",", -1).length;
    double[] values = new double[last * width];
    Problem first = null;
    int problems = 0;
    for (int r = 0; r < last; r++) {
      if (lines.get(r).isBlank()) {
        problems++;
        if (first == null) {
          first = new Problem(r + 1, 1, "a row of " + width + " numbers", "an empty line");
        }
        continue;
      }
      String[] cells = lines.get(r).split(",", -1);
      if (cells.length != width) {
        problems++;
        if (first == null) {
          first = new Problem(r + 1, Math.min(cells.length, width) + 1,
              width + " columns (as row 1)", cells.length + " column" + (cells.length == 1 ? "" : "s"));
        }
      }
      for (int c = 0; c < Math.min(cells.length, width); c++) {
        String cell = cells[c].strip();
        double v = parse(cell);
        if (!Double.isFinite(v)) {
          problems++;
          if (first == null) {
            first = new Problem(r + 1, c + 1, "a finite number",
                cell.isEmpty() ? "an empty cell" : "'" + abbreviate(cell) + "'");
          }
        } else {
          values[r * width + c] = v;
        }
      }
    }
    if (first != null) {
      throw new TrialCsvException(name, first.row, first.column, first.expected, first.found, problems);
    }
    return FeatureMatrix.wrap(values, last, width);
  }

  /**
   * Checks that a second file has the width of the first.
   *
   * @param reference the first file's trials
   * @param other the second file's trials
   * @param otherFile the second file, for the message
   * @param referenceFile the first file, for the message
   * @throws TrialCsvException when the widths differ
   */
  public static void requireSameWidth(FeatureMatrix reference, FeatureMatrix other, Path otherFile, Path referenceFile) {
    if (reference.columns() != other.columns()) {
      throw new TrialCsvException(otherFile.toString(), 1, Math.min(reference.columns(), other.columns()) + 1,
          reference.columns() + " columns (as " + referenceFile + ")", other.columns() + " columns", 1);
    }
  }

  /** A decimal number, or NaN when the text is not one (hex, suffixes, NaN and Infinity included). */
  private static double parse(String cell) {
    if (cell.isEmpty()) {
      return Double.NaN;
    }
    for (int i = 0; i < cell.length(); i++) {
      char ch = cell.charAt(i);
      boolean ok = (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '+' || ch == 'e' || ch == 'E';
      if (!ok) {
        return Double.NaN;
      }
    }
    try {
      return Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  private record Problem(int row, int column, String expected, String found) {}
}
