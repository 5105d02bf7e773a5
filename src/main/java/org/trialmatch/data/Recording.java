package org.trialmatch.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.trialmatch.nwb.Column;
import org.trialmatch.nwb.NumericColumn;
import org.trialmatch.nwb.NwbContents;
import org.trialmatch.nwb.NwbReadOptions;
import org.trialmatch.nwb.NwbReader;
import org.trialmatch.nwb.TextColumn;
import org.trialmatch.nwb.UnitsTable;

/**
 * One recording session (one NWB file): its units, interval tables and behaviour, plus the span
 * of time the recording covers, {@code [first spike, last spike]} unless the configuration gives
 * the end ({@code recordingStopS}).
 */
public final class Recording {
  private final String session;
  private final NwbContents contents;

  private Recording(String session, NwbContents contents) {
    this.session = Objects.requireNonNull(session, "session");
    this.contents = Objects.requireNonNull(contents, "contents");
  }

  /**
   * Reads a recording; the session name is the file name without {@code .nwb}.
   *
   * @param file the NWB file
   * @param options how to read it: the area rule and area map ({@link TrialSetConfig#readOptions()})
   * @return the recording
   * @throws org.trialmatch.nwb.NwbFormatException if the file cannot be read, or the area rule or
   *     map does not fit it
   */
  public static Recording load(Path file, NwbReadOptions options) {
    NwbContents c = NwbReader.read(file, options);
    return of(sessionName(file), c);
  }

  /**
   * Reads a recording with the area in a units column (the rule {@code column:NAME}), or detected.
   *
   * @param file the NWB file
   * @param areaColumn units column holding areas, or "" to detect
   * @return the recording
   */
  public static Recording load(Path file, String areaColumn) {
    return load(file, new NwbReadOptions(areaColumn));
  }

  /**
   * @param session session name
   * @param contents what the file holds
   * @return the recording
   */
  public static Recording of(String session, NwbContents contents) {
    return new Recording(session, contents);
  }

  /**
   * @param file an NWB file
   * @return its name without the {@code .nwb} extension
   */
  public static String sessionName(Path file) {
    String n = file.getFileName().toString();
    return n.toLowerCase(Locale.ROOT).endsWith(".nwb") ? n.substring(0, n.length() - 4) : n;
  }

  /** @return the session name */
  public String session() {
    return session;
  }

  /** @return the file's contents */
  public NwbContents contents() {
    return contents;
  }

  /** @return the file */
  public Path file() {
    return contents.file();
  }

  /** @return the units table */
  public UnitsTable units() {
    return contents.units();
  }

  /**
   * The catalogue of this session's units: area (as the area rule and map of the reading gave it),
   * E/I when a column tells (see
   * {@link #cellClasses(String)}), and the mean rate spikes / (last spike - first spike).
   *
   * @param cellTypeColumn the column telling E/I, or "" to detect
   * @return the catalogue, in unit order
   */
  public UnitCatalogue catalogue(String cellTypeColumn) {
    return catalogue(cellTypeColumn, List.of());
  }

  /**
   * As {@link #catalogue(String)}, the units of the listed areas excitatory whatever the column says.
   *
   * @param cellTypeColumn the column telling E/I, or "" to detect
   * @param excitatoryAreas areas whose units are all excitatory (data.excitatoryAreas)
   * @return the catalogue, in unit order
   */
  public UnitCatalogue catalogue(String cellTypeColumn, List<String> excitatoryAreas) {
    UnitsTable u = units();
    CellClass[] classes = cellClasses(cellTypeColumn);
    List<RecordedUnit> list = new ArrayList<>();
    for (int i = 0; i < u.count(); i++) {
      double[] s = u.spikeTimesView(i);
      double span = s.length > 1 ? s[s.length - 1] - s[0] : 0;
      double rate = span > 0 ? s.length / span : 0;
      CellClass cc = excitatoryAreas.contains(u.area(i)) ? CellClass.EXCITATORY : classes[i];
      list.add(new RecordedUnit(session, i, u.area(i), cc, rate));
    }
    return UnitCatalogue.of(list);
  }

  /**
   * E/I per unit. A numeric {@code excitatory} column (1 = E, 0 = I) is used when present, else a
   * text column ({@code cell_type} by default) whose words name a class: E, pyramidal, excitatory, RS,
   * regular, wide, PT, IT, CT (E); I, interneuron, inhibitory, FS, fast, narrow, PV, SST, SOM, VIP (I);
   * anything else is unknown.
   *
   * @param column the column to read, or "" to detect
   * @return one class per unit
   * @throws TrialSetException if a named column does not exist
   */
  public CellClass[] cellClasses(String column) {
    UnitsTable u = units();
    CellClass[] out = new CellClass[u.count()];
    java.util.Arrays.fill(out, CellClass.UNKNOWN);
    Column c;
    if (!column.isEmpty()) {
      c = u.column(column).orElseThrow(() -> new TrialSetException(
          file() + ": units/" + column + ": expected the cell-type column named in the configuration"
              + " (data.cellTypeColumn), found no such column; columns: " + String.join(", ", u.columns().keySet())));
    } else {
      c = u.column("excitatory").orElse(u.column("cell_type").orElse(null));
    }
    if (c == null) {
      return out;
    }
    for (int i = 0; i < out.length; i++) {
      if (c instanceof NumericColumn n) {
        double v = n.get(i);
        out[i] = v == 1 ? CellClass.EXCITATORY : v == 0 ? CellClass.INHIBITORY : CellClass.UNKNOWN;
      } else if (c instanceof TextColumn t) {
        out[i] = classify(t.get(i));
      }
    }
    return out;
  }

  private static final java.util.Set<String> E_WORDS =
      java.util.Set.of("e", "pyramidal", "pyr", "excitatory", "exc", "rs", "regular", "wide", "pt", "ptupper",
          "ptlower", "it", "ct");
  private static final java.util.Set<String> I_WORDS =
      java.util.Set.of("i", "interneuron", "inhibitory", "inh", "fs", "fast", "narrow", "pv", "sst", "som", "vip");

  /**
   * @param label a cell-type label
   * @return the class its words name
   */
  static CellClass classify(String label) {
    boolean e = false;
    boolean i = false;
    for (String w : label.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      e |= E_WORDS.contains(w);
      i |= I_WORDS.contains(w);
    }
    return e == i ? CellClass.UNKNOWN : e ? CellClass.EXCITATORY : CellClass.INHIBITORY;
  }

  /** @return the first spike of the file, s */
  public double startS() {
    return units().firstSpikeS();
  }

  /**
   * @param recordingStopS the configured end, or NaN
   * @return the end of the recording, s: the configured end, else the last spike of the file
   */
  public double endS(double recordingStopS) {
    return Double.isNaN(recordingStopS) ? units().lastSpikeS() : recordingStopS;
  }
}
