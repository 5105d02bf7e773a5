package org.trialmatch.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.trialmatch.data.RecordedUnit;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.model.RsnnConfig;

/**
 * The stitching table of a fit (method reference §1.3): which model unit stands for which recorded
 * unit of which session, one row per model unit in unit order. Written to the run directory as
 * {@code stitching.csv} with the columns {@link #COLUMNS}; a hidden unit has session {@code hidden}
 * and empty file, recorded unit, recorded area and rate.
 */
public final class Stitching {
  /** Columns of {@code stitching.csv}, in order. */
  public static final List<String> COLUMNS = List.of(
      "model_unit", "model_area", "ei", "session", "file", "recorded_unit_id", "recorded_area", "rate_hz");

  /** Session label of a hidden model unit in {@code stitching.csv}. */
  public static final String HIDDEN = "hidden";

  /**
   * One model unit.
   *
   * @param modelUnit model unit index
   * @param modelArea its area
   * @param excitatory whether it is an E unit
   * @param session session of its recorded unit, or {@link #HIDDEN}
   * @param file that session's NWB file (absolute), or "" for a hidden unit
   * @param recordedUnitId the recorded unit's {@code id} in the file's units table, or -1 for a hidden unit
   * @param recordedArea the recorded unit's area, or "" for a hidden unit
   * @param rateHz the recorded unit's mean rate over the recording (Hz), or NaN for a hidden unit
   */
  public record Row(int modelUnit, String modelArea, boolean excitatory, String session, String file,
      long recordedUnitId, String recordedArea, double rateHz) {
    /** Checks the fields. */
    public Row {
      Objects.requireNonNull(modelArea, "modelArea");
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(recordedArea, "recordedArea");
    }

    /** @return whether no recorded unit stands behind this model unit */
    public boolean hidden() {
      return HIDDEN.equals(session) && recordedUnitId < 0;
    }
  }

  private final List<Row> rows;
  private final int sessions;
  private final int recordedUnits;
  private final int aboveRate;
  private final int outsideAreas;
  private final double maxRateHz;
  private final List<String> unusedSessions;

  private Stitching(List<Row> rows, int sessions, int recordedUnits, int aboveRate, int outsideAreas,
      double maxRateHz, List<String> unusedSessions) {
    this.rows = List.copyOf(rows);
    this.sessions = sessions;
    this.recordedUnits = recordedUnits;
    this.aboveRate = aboveRate;
    this.outsideAreas = outsideAreas;
    this.maxRateHz = maxRateHz;
    this.unusedSessions = List.copyOf(unusedSessions);
  }

  /**
   * @param layout the network layout built from the data's catalogue
   * @param model the model configuration the layout was built with
   * @param data the data
   * @return the table
   */
  static Stitching of(NetworkLayout layout, RsnnConfig model, FitData data) {
    Map<String, FitData.Session> byName = new LinkedHashMap<>();
    for (FitData.Session s : data.sessions()) {
      byName.put(s.name(), s);
    }
    List<Row> rows = new ArrayList<>();
    Map<String, Integer> used = new LinkedHashMap<>();
    for (int i = 0; i < layout.nUnits(); i++) {
      String area = layout.areaNames().get(layout.area(i));
      if (layout.isHidden(i)) {
        rows.add(new Row(i, area, layout.isExcitatory(i), HIDDEN, "", -1, "", Double.NaN));
        continue;
      }
      FitData.Session s = byName.get(layout.session(i));
      int row = layout.recordedIndex(i);
      used.merge(s.name(), 1, Integer::sum);
      rows.add(new Row(i, area, layout.isExcitatory(i), s.name(), s.recording().file().toString(),
          s.recording().units().id(row), s.recording().units().area(row), layout.rateHz(i)));
    }
    int above = 0;
    int outside = 0;
    for (RecordedUnit u : data.catalogue().units()) {
      if (!model.areas().contains(u.area())) {
        outside++;
      } else if (!(u.rateHz() < model.maxRateHz())) {
        above++;
      }
    }
    List<String> unused = new ArrayList<>();
    for (String s : byName.keySet()) {
      if (!used.containsKey(s)) {
        unused.add(s);
      }
    }
    return new Stitching(rows, byName.size(), data.catalogue().size(), above, outside, model.maxRateHz(), unused);
  }

  /** @return one row per model unit, in unit order */
  public List<Row> rows() {
    return rows;
  }

  /** @return number of model units standing for a recorded unit */
  public int recordedInModel() {
    int n = 0;
    for (Row r : rows) {
      if (!r.hidden()) {
        n++;
      }
    }
    return n;
  }

  /** @return the sessions none of whose units is in the model, in file order */
  public List<String> sessionsWithoutUnits() {
    return unusedSessions;
  }

  /**
   * One line for the console, e.g. {@code stitching: 50 recorded units of 28 sessions in 100 model
   * units (50 hidden)}, followed by what was left out and why when some recorded units are not in
   * the model.
   *
   * @return the summary
   */
  public String summary() {
    int inModel = recordedInModel();
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "stitching: %d recorded units of %d sessions in %d model units (%d hidden)",
        inModel, sessions - unusedSessions.size(), rows.size(), rows.size() - inModel));
    int left = recordedUnits - inModel;
    if (left > 0) {
      List<String> why = new ArrayList<>();
      if (aboveRate > 0) {
        why.add(aboveRate + " at or above model.maxRateHz (" + fmt(maxRateHz) + " Hz)");
      }
      if (outsideAreas > 0) {
        why.add(outsideAreas + " outside model.areas");
      }
      int full = left - aboveRate - outsideAreas;
      if (full > 0) {
        why.add(full + " with no model unit of their area and type left");
      }
      sb.append("; ").append(left).append(" of ").append(recordedUnits).append(" recorded units left out (")
          .append(String.join(", ", why)).append(')');
    }
    if (!unusedSessions.isEmpty()) {
      sb.append("; ").append(unusedSessions.size()).append(" session(s) with no unit in the model: ")
          .append(String.join(", ", unusedSessions.subList(0, Math.min(3, unusedSessions.size()))))
          .append(unusedSessions.size() > 3 ? ", ..." : "");
    }
    return sb.toString();
  }

  /** @return the table as CSV (header row, then one row per model unit; fields quoted when needed) */
  public String csv() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.join(",", COLUMNS)).append('\n');
    for (Row r : rows) {
      boolean h = r.hidden();
      sb.append(r.modelUnit()).append(',').append(quote(r.modelArea())).append(',').append(r.excitatory() ? "E" : "I")
          .append(',').append(quote(r.session())).append(',').append(quote(r.file())).append(',')
          .append(h ? "" : Long.toString(r.recordedUnitId())).append(',').append(quote(r.recordedArea())).append(',')
          .append(h || Double.isNaN(r.rateHz()) ? "" : fmt(r.rateHz())).append('\n');
    }
    return sb.toString();
  }

  /**
   * Writes {@link #csv()} to a temporary name beside {@code file} and renames it.
   *
   * @param file the target, normally {@link RunDirectory#stitching()}
   * @throws IOException on failure (a previous file stays intact)
   */
  public void write(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      RunDirectory.readable(tmp, false);
      Files.writeString(tmp, csv(), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v).replaceFirst("(\\.\\d*?)0+$", "$1").replaceFirst("\\.$", "");
  }

  /** RFC 4180: a field holding a comma, a quote or a line break is quoted, quotes doubled. */
  static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
