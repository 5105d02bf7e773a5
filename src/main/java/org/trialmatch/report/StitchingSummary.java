package org.trialmatch.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The run's stitching table ({@code stitching.csv} in the run directory, written by the fit: one row
 * per model unit with the columns {@code model_unit, model_area, ei, session, file, recorded_unit_id,
 * recorded_area, rate_hz}; session {@code hidden} for a hidden unit) summarised per session for the
 * report: its recorded units in the model, their areas and the model units standing for them.
 *
 * @param csv the file read
 * @param sessions one entry per session, in the order of first use by a model unit
 * @param modelUnits number of model units (rows)
 * @param hidden number of hidden model units
 */
record StitchingSummary(Path csv, List<Session> sessions, int modelUnits, int hidden) {
  /** File name of the table in the run directory. */
  static final String FILE = "stitching.csv";

  private static final List<String> HEADER = List.of(
      "model_unit", "model_area", "ei", "session", "file", "recorded_unit_id", "recorded_area", "rate_hz");

  StitchingSummary {
    sessions = List.copyOf(sessions);
  }

  /**
   * One session's share of the model.
   *
   * @param name session
   * @param units recorded units standing behind a model unit
   * @param areas their recorded areas, in first-seen order
   * @param modelUnits the model units standing for them, ascending
   */
  record Session(String name, int units, List<String> areas, List<Integer> modelUnits) {
    Session {
      areas = List.copyOf(areas);
      modelUnits = List.copyOf(modelUnits);
    }
  }

  /**
   * @param runDir the run directory, or empty when the report is not of a run
   * @return the summary of its {@code stitching.csv}, empty when there is none (runs fitted before
   *     the table was written)
   * @throws IOException if the file exists but cannot be read or is not a stitching table
   */
  static Optional<StitchingSummary> read(Optional<Path> runDir) throws IOException {
    if (runDir.isEmpty()) {
      return Optional.empty();
    }
    Path csv = runDir.get().resolve(FILE);
    if (!Files.isRegularFile(csv)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !split(lines.get(0)).equals(HEADER)) {
      throw new IOException(csv + ": expected the header " + String.join(",", HEADER) + ", found "
          + (lines.isEmpty() ? "an empty file" : lines.get(0)));
    }
    Map<String, List<Integer>> units = new LinkedHashMap<>();
    Map<String, Set<String>> areas = new LinkedHashMap<>();
    int rows = 0;
    int hidden = 0;
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isEmpty()) {
        continue;
      }
      List<String> f = split(lines.get(i));
      if (f.size() != HEADER.size()) {
        throw new IOException(csv + ": line " + (i + 1) + ": expected " + HEADER.size() + " fields, found " + f.size());
      }
      rows++;
      String session = f.get(3);
      if (f.get(5).isEmpty()) {
        hidden++;
        continue;
      }
      int unit;
      try {
        unit = Integer.parseInt(f.get(0));
      } catch (NumberFormatException e) {
        throw new IOException(csv + ": line " + (i + 1) + ": model_unit must be an integer, was '" + f.get(0) + "'");
      }
      units.computeIfAbsent(session, k -> new ArrayList<>()).add(unit);
      areas.computeIfAbsent(session, k -> new LinkedHashSet<>()).add(f.get(6));
    }
    List<Session> sessions = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> e : units.entrySet()) {
      List<Integer> u = new ArrayList<>(e.getValue());
      u.sort(null);
      sessions.add(new Session(e.getKey(), u.size(), new ArrayList<>(areas.get(e.getKey())), u));
    }
    return Optional.of(new StitchingSummary(csv, sessions, rows, hidden));
  }

  /** @return the number of recorded units in the model */
  int recordedUnits() {
    int n = 0;
    for (Session s : sessions) {
      n += s.units();
    }
    return n;
  }

  /**
   * @param ids ascending integers
   * @return them with runs of consecutive values written as ranges, e.g. {@code 0-3, 7, 9-10}
   */
  static String ranges(List<Integer> ids) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ids.size(); ) {
      int j = i;
      while (j + 1 < ids.size() && ids.get(j + 1) == ids.get(j) + 1) {
        j++;
      }
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(ids.get(i));
      if (j > i) {
        sb.append('-').append(ids.get(j));
      }
      i = j + 1;
    }
    return sb.toString();
  }

  /** Splits one CSV line (RFC 4180 quoting: quoted fields, doubled quotes). */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          f.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          f.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(f.toString());
        f.setLength(0);
      } else {
        f.append(c);
      }
    }
    out.add(f.toString());
    return out;
  }
}
