package org.trialmatch.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The training curves of a run, read from {@code metrics.csv} (a header row, then one row per
 * logged step; columns {@code step, loss, loss_psth, loss_tm, val_loss, tm_distance, rate_hz,
 * seconds} at least). An empty cell is a value that was not computed at that step (NaN here). A
 * missing file or a cell that is not a number is not an error of the analysis: it is reported in
 * {@link #problems()} and the report says so.
 */
public final class TrainingCurves {
  private final boolean present;
  private final Map<String, double[]> columns;
  private final List<String> problems;

  private TrainingCurves(boolean present, Map<String, double[]> columns, List<String> problems) {
    this.present = present;
    this.columns = columns;
    this.problems = List.copyOf(problems);
  }

  /**
   * @param reason why there are no curves
   * @return curves with no rows
   */
  public static TrainingCurves absent(String reason) {
    return new TrainingCurves(false, new LinkedHashMap<>(), List.of(reason));
  }

  /**
   * Reads a metrics file. Rows with a cell that is not a number keep NaN there and are listed in
   * {@link #problems()} (at most 10 listed, then a count).
   *
   * @param file {@code metrics.csv}
   * @return the curves; absent (with the reason) when the file is missing or has no header
   */
  public static TrainingCurves read(Path file) {
    if (!Files.isRegularFile(file)) {
      return absent("metrics.csv not found: " + file);
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return absent("metrics.csv unreadable: " + file + ": " + e.getMessage());
    }
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      return absent("metrics.csv has no header row: " + file);
    }
    String[] header = lines.get(0).split(",", -1);
    List<double[]> rows = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int bad = 0;
    for (int li = 1; li < lines.size(); li++) {
      String line = lines.get(li);
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      double[] row = new double[header.length];
      Arrays.fill(row, Double.NaN);
      if (cells.length != header.length) {
        bad++;
        if (bad <= 10) {
          problems.add("metrics.csv line " + (li + 1) + ": " + cells.length + " cells, header has " + header.length);
        }
      }
      for (int c = 0; c < Math.min(cells.length, header.length); c++) {
        String s = cells[c].trim();
        if (s.isEmpty()) {
          continue;
        }
        try {
          row[c] = Double.parseDouble(s);
        } catch (NumberFormatException e) {
          bad++;
          if (bad <= 10) {
            problems.add("metrics.csv line " + (li + 1) + ", column " + header[c].trim() + ": '" + s + "' is not a number");
          }
        }
      }
      rows.add(row);
    }
    if (bad > 10) {
      problems.add("metrics.csv: " + (bad - 10) + " more problems");
    }
    Map<String, double[]> cols = new LinkedHashMap<>();
    for (int c = 0; c < header.length; c++) {
      double[] v = new double[rows.size()];
      for (int r = 0; r < v.length; r++) {
        v[r] = rows.get(r)[c];
      }
      cols.put(header[c].trim(), v);
    }
    if (!cols.containsKey("step")) {
      problems.add("metrics.csv has no 'step' column");
    }
    return new TrainingCurves(true, cols, problems);
  }

  /** @return true when the file was read */
  public boolean present() {
    return present;
  }

  /** @return number of rows */
  public int rows() {
    return columns.isEmpty() ? 0 : columns.values().iterator().next().length;
  }

  /** @return column names, in file order */
  public List<String> columnNames() {
    return List.copyOf(columns.keySet());
  }

  /**
   * @param name column name
   * @return its values (NaN = not computed), a copy; empty when the column is absent
   */
  public Optional<double[]> column(String name) {
    double[] v = columns.get(name);
    return v == null ? Optional.empty() : Optional.of(v.clone());
  }

  /**
   * @param name column name
   * @return the last value that was computed, if any
   */
  public Optional<Double> last(String name) {
    double[] v = columns.get(name);
    if (v != null) {
      for (int i = v.length - 1; i >= 0; i--) {
        if (!Double.isNaN(v[i])) {
          return Optional.of(v[i]);
        }
      }
    }
    return Optional.empty();
  }

  /** @return problems met while reading (or why the file is absent) */
  public List<String> problems() {
    return problems;
  }
}
