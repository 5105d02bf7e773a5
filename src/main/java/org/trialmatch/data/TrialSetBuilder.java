package org.trialmatch.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.trialmatch.nwb.BehaviourSeries;
import org.trialmatch.nwb.Column;
import org.trialmatch.nwb.IntervalTable;
import org.trialmatch.nwb.NumericColumn;
import org.trialmatch.nwb.SeriesKind;
import org.trialmatch.nwb.UnitsTable;

/**
 * Turns a {@link Recording} into a {@link TrialSet}: aligns each trial on an event column, bins
 * spikes at {@code dtMs}, puts the behaviour on the same bins, labels condition and outcome, and
 * applies the exclusion rules of {@link Exclusions}, counting what each removed.
 *
 * <p>Behaviour: one channel per entry of {@code data.behaviour} (an entry {@code "a + b"} sums event
 * series a and b into one channel; {@code ["auto"]} takes the first continuous series, else every
 * event series that has events, each its own channel: left and right licks are two channels). A
 * continuous series is resampled by averaging the samples inside each bin (linear interpolation at
 * the bin centre when a bin holds none; NaN outside the series). Events (e.g. licks) become a rate in
 * Hz: a sum of Gaussian kernels of standard deviation {@code eventKernelMs}, centred on every event of
 * the whole recording, evaluated at bin centres.
 */
public final class TrialSetBuilder {
  /**
   * Times within this of a bin edge count as on the edge (1 ns, far below any sampling interval):
   * a 1 kHz camera sample at 7.906 s belongs to the bin that starts at 6.5 + 703 * 0.002 s, even
   * when floating point puts that edge a hair later.
   */
  static final double EDGE_S = 1e-9;

  private TrialSetBuilder() {}

  /**
   * Builds the trials of one recording.
   *
   * @param rec the recording
   * @param cfg the data configuration
   * @return the trial set
   * @throws TrialSetException if a configured table, column or series is missing, or no trial is left
   */
  public static TrialSet build(Recording rec, TrialSetConfig cfg) {
    String f = rec.file().toString();
    IntervalTable table = rec.contents().interval(cfg.intervalTable()).orElseThrow(() -> new TrialSetException(
        f + ": intervals/" + cfg.intervalTable() + ": expected the interval table of the trials (data.intervalTable), found "
            + (rec.contents().intervals().isEmpty() ? "no interval tables"
                : "only " + names(rec.contents().intervals()))));
    List<String> report = new ArrayList<>();
    NumericColumn alignCol = numericColumn(f, table, cfg.alignColumn(), "data.alignColumn");
    if (table.numeric("start_time").isEmpty()) {
      throw new TrialSetException(f + ": " + table.path() + "/start_time: expected a numeric start_time column, found none");
    }
    EventTimeRule.Decision alignDecision = EventTimeRule.decide(table, alignCol, cfg.eventTimes());
    if (!"start_time".equals(cfg.alignColumn())) {
      report.add("alignment " + alignDecision.describe());
    }
    double[] align = EventTimeRule.absoluteTimes(table, alignCol, alignDecision);
    Map<String, double[]> eventAbs = new LinkedHashMap<>();
    for (String ec : cfg.eventColumns()) {
      NumericColumn c = numericColumn(f, table, ec, "data.eventColumns");
      EventTimeRule.Decision d = ec.equals(cfg.alignColumn()) ? alignDecision : EventTimeRule.decide(table, c, cfg.eventTimes());
      if (!ec.equals(cfg.alignColumn())) {
        report.add("event " + d.describe());
      }
      eventAbs.put(ec, EventTimeRule.absoluteTimes(table, c, d));
    }
    Column condCol = anyColumn(f, table, cfg.conditionColumn(), "data.conditionColumn");
    Column outCol = anyColumn(f, table, cfg.outcomeColumn(), "data.outcomeColumn");
    List<Behaviour> beh = chooseBehaviour(rec, cfg, report);
    int nch = beh.size();

    UnitsTable units = rec.units();
    double recStart = rec.startS();
    double recEnd = rec.endS(cfg.recordingStopS());
    int bins = cfg.bins();
    double dtS = cfg.dtMs() / 1000.0;
    List<Column> perturbation = cfg.perturbations().resolve(f, table);
    if (!perturbation.isEmpty()) {
      List<String> pn = new ArrayList<>();
      perturbation.forEach(c -> pn.add(c.name()));
      report.add("perturbed trials told by " + String.join(", ", pn)
          + (cfg.perturbations().include() ? " (kept: data.includePerturbed)" : " (left out)"));
    }
    int perturbed = 0;
    int nanAlign = 0;
    int unmapped = 0;
    int outside = 0;
    int nanBeh = 0;
    List<Integer> keptRows = new ArrayList<>();
    List<String> conds = new ArrayList<>();
    List<String> outs = new ArrayList<>();
    List<float[][]> behRows = new ArrayList<>();
    for (int r = 0; r < table.rows(); r++) {
      if (!cfg.perturbations().include() && Perturbations.perturbed(perturbation, r)) {
        perturbed++;
        continue;
      }
      if (Double.isNaN(align[r])) {
        nanAlign++;
        continue;
      }
      String cond = mapped(condCol.text(r), cfg.conditionMap());
      String out = mapped(outCol.text(r), cfg.outcomeMap());
      if (cond == null || out == null) {
        unmapped++;
        continue;
      }
      double w0 = align[r] + cfg.startS();
      double w1 = align[r] + cfg.stopS();
      if (!(w0 >= recStart && w1 <= recEnd)) {
        outside++;
        continue;
      }
      float[][] b = new float[nch][];
      boolean nan = false;
      for (int c = 0; c < nch; c++) {
        b[c] = beh.get(c).onBins(w0, dtS, bins, cfg.eventKernelMs() / 1000.0);
        nan |= hasNaN(b[c]);
      }
      if (nan) {
        nanBeh++;
        continue;
      }
      keptRows.add(r);
      conds.add(cond);
      outs.add(out);
      behRows.add(b);
    }
    Exclusions ex = new Exclusions(table.rows(), perturbed, nanAlign, unmapped, outside, nanBeh, keptRows.size());
    report.addAll(ex.describe());
    if (keptRows.isEmpty()) {
      throw new TrialSetException(f + ": " + table.path() + ": expected at least one trial after exclusions, found none ("
          + String.join("; ", ex.describe()) + "); check data.alignColumn, data.outcomeMap, the window and data.recordingStopS");
    }
    int k = keptRows.size();
    int n = units.count();
    float[] counts = new float[bins * k * n];
    int[] rows = new int[k];
    double[] alignKept = new double[k];
    boolean[] perturbedKept = new boolean[k];
    for (int i = 0; i < k; i++) {
      rows[i] = keptRows.get(i);
      alignKept[i] = align[rows[i]];
      perturbedKept[i] = Perturbations.perturbed(perturbation, rows[i]);
    }
    for (int u = 0; u < n; u++) {
      double[] s = units.spikeTimesView(u);
      for (int i = 0; i < k; i++) {
        double w0 = alignKept[i] + cfg.startS();
        int j = lowerBound(s, w0 - EDGE_S);
        for (; j < s.length; j++) {
          int t = (int) Math.floor((s[j] - w0 + EDGE_S) / dtS);
          if (t >= bins) {
            break;
          }
          if (t >= 0) {
            counts[(t * k + i) * n + u] += 1f;
          }
        }
      }
    }
    float[] behaviour = new float[bins * k * nch];
    for (int i = 0; i < k; i++) {
      float[][] b = behRows.get(i);
      for (int c = 0; c < nch; c++) {
        for (int t = 0; t < bins; t++) {
          behaviour[(t * k + i) * nch + c] = b[c][t];
        }
      }
    }
    List<String> behLabels = new ArrayList<>();
    for (Behaviour bh : beh) {
      behLabels.add(bh.label);
    }
    Map<String, double[]> events = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : eventAbs.entrySet()) {
      double[] rel = new double[k];
      for (int i = 0; i < k; i++) {
        rel[i] = e.getValue()[rows[i]] - alignKept[i];
      }
      events.put(e.getKey(), rel);
    }
    String[] areas = new String[n];
    long[] ids = new long[n];
    for (int u = 0; u < n; u++) {
      areas[u] = units.area(u);
      ids[u] = units.id(u);
    }
    return new TrialSet(
        rec.session(), rec.file(), cfg.dtMs(), cfg.startS(), bins, n, counts, behaviour,
        behLabels, rows, alignKept, conds.toArray(new String[0]),
        outs.toArray(new String[0]), events, areas, ids, perturbedKept, ex, report);
  }

  private static String mapped(String raw, Map<String, String> map) {
    if (raw == null) {
      return null;
    }
    String v = raw.trim();
    if (map.isEmpty()) {
      return v.isEmpty() || v.equalsIgnoreCase("nan") ? null : v;
    }
    return map.get(v);
  }

  private static boolean hasNaN(float[] b) {
    for (float v : b) {
      if (Float.isNaN(v)) {
        return true;
      }
    }
    return false;
  }

  /** First index with {@code s[i] >= x}. */
  static int lowerBound(double[] s, double x) {
    int lo = 0;
    int hi = s.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (s[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static NumericColumn numericColumn(String f, IntervalTable t, String name, String key) {
    Column c = t.column(name).orElseThrow(() -> new TrialSetException(
        f + ": " + t.path() + "/" + name + ": expected the column named by " + key
            + ", found no such column; columns: " + String.join(", ", t.columnNames())));
    if (!(c instanceof NumericColumn n)) {
      throw new TrialSetException(f + ": " + t.path() + "/" + name + ": expected event times in seconds ("
          + key + "), found text");
    }
    return n;
  }

  private static Column anyColumn(String f, IntervalTable t, String name, String key) {
    return t.column(name).orElseThrow(() -> new TrialSetException(
        f + ": " + t.path() + "/" + name + ": expected the column named by " + key
            + ", found no such column; columns: " + String.join(", ", t.columnNames())));
  }

  private static String names(List<IntervalTable> ts) {
    List<String> n = new ArrayList<>();
    for (IntervalTable t : ts) {
      n.add(t.name());
    }
    return String.join(", ", n);
  }

  // ------------------------------------------------------------------ behaviour

  private static List<Behaviour> chooseBehaviour(Recording rec, TrialSetConfig cfg, List<String> report) {
    List<BehaviourSeries> all = rec.contents().behaviour();
    List<List<BehaviourSeries>> channels = new ArrayList<>();
    if (cfg.behaviour().isEmpty()) {
      report.add("behaviour: none (data.behaviour is empty)");
      return List.of();
    }
    if (cfg.behaviour().size() == 1 && "auto".equals(cfg.behaviour().get(0))) {
      for (BehaviourSeries s : all) {
        if (s.kind() == SeriesKind.CONTINUOUS) {
          channels.add(List.of(s));
          break;
        }
      }
      if (channels.isEmpty()) {
        for (BehaviourSeries s : all) {
          if (s.kind() == SeriesKind.EVENTS && s.samples() > 0) {
            channels.add(List.of(s));
          }
        }
      }
      if (channels.isEmpty()) {
        report.add("behaviour: none in the file");
        return List.of();
      }
    } else {
      for (String entry : cfg.behaviour()) {
        List<BehaviourSeries> parts = new ArrayList<>();
        for (String raw : entry.split("\\+")) {
          String p = raw.trim();
          parts.add(rec.contents().series(p).orElseThrow(() -> new TrialSetException(
              rec.file() + ": " + p + ": expected the behaviour series named in data.behaviour, found no such series; series: "
                  + seriesNames(all))));
        }
        if (parts.size() > 1) {
          for (BehaviourSeries s : parts) {
            if (s.kind() != SeriesKind.EVENTS) {
              throw new TrialSetException(rec.file() + ": " + s.path() + ": expected event series in the sum '" + entry
                  + "' of data.behaviour, found a continuous series (a channel sums events only)");
            }
          }
        }
        channels.add(parts);
      }
    }
    List<Behaviour> out = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (List<BehaviourSeries> parts : channels) {
      Behaviour b = behaviour(parts, cfg);
      out.add(b);
      labels.add(b.label);
    }
    report.add("behaviour: " + (out.size() == 1 ? "" : out.size() + " channels: ") + String.join("; ", labels));
    return out;
  }

  /** One channel: a continuous series, or the events of one or more event series as a rate. */
  private static Behaviour behaviour(List<BehaviourSeries> parts, TrialSetConfig cfg) {
    BehaviourSeries first = parts.get(0);
    if (first.kind() != SeriesKind.EVENTS) {
      return new Behaviour(false, first.timesS(), first.data(),
          first.path() + (first.unit().isEmpty() ? "" : " (" + first.unit() + ")"));
    }
    List<String> paths = new ArrayList<>();
    int total = 0;
    for (BehaviourSeries s : parts) {
      paths.add(s.path());
      total += s.samples();
    }
    double[] times = new double[total];
    int o = 0;
    for (BehaviourSeries s : parts) {
      double[] t = s.timesS();
      System.arraycopy(t, 0, times, o, t.length);
      o += t.length;
    }
    Arrays.sort(times);
    String label = String.format(Locale.ROOT, "event rate (Hz, Gaussian kernel sd %.0f ms) of %s",
        cfg.eventKernelMs(), String.join(" + ", paths));
    return new Behaviour(true, times, new double[0], label);
  }

  private static String seriesNames(List<BehaviourSeries> all) {
    if (all.isEmpty()) {
      return "none";
    }
    List<String> n = new ArrayList<>();
    for (BehaviourSeries s : all) {
      n.add(s.path());
    }
    return String.join(", ", n);
  }

  /** A behaviour source ready to be put on bins. */
  private static final class Behaviour {
    final boolean events;
    final double[] times;
    final double[] values;
    final String label;

    Behaviour(boolean events, double[] times, double[] values, String label) {
      this.events = events;
      this.times = times;
      this.values = values;
      this.label = label;
    }

    float[] onBins(double w0, double dtS, int bins, double sigmaS) {
      float[] out = new float[bins];
      if (events) {
        double norm = 1.0 / (sigmaS * Math.sqrt(2 * Math.PI));
        double reach = 4 * sigmaS;
        int j = lowerBound(times, w0 - reach);
        for (int t = 0; t < bins; t++) {
          double c = w0 + (t + 0.5) * dtS;
          while (j < times.length && times[j] < c - reach) {
            j++;
          }
          double sum = 0;
          for (int m = j; m < times.length && times[m] <= c + reach; m++) {
            double z = (c - times[m]) / sigmaS;
            sum += Math.exp(-0.5 * z * z);
          }
          out[t] = (float) (sum * norm);
        }
        return out;
      }
      if (times.length == 0) {
        Arrays.fill(out, Float.NaN);
        return out;
      }
      for (int t = 0; t < bins; t++) {
        double b0 = w0 + t * dtS;
        double b1 = b0 + dtS;
        int j = lowerBound(times, b0 - EDGE_S);
        double sum = 0;
        int cnt = 0;
        for (int m = j; m < times.length && times[m] < b1 - EDGE_S; m++) {
          sum += values[m];
          cnt++;
        }
        if (cnt > 0) {
          out[t] = (float) (sum / cnt);
          continue;
        }
        double c = b0 + 0.5 * dtS;
        int hi = lowerBound(times, c);
        if (hi == 0 || hi >= times.length) {
          out[t] = Float.NaN;
        } else {
          double ta = times[hi - 1];
          double tb = times[hi];
          double a = tb > ta ? (c - ta) / (tb - ta) : 0;
          out[t] = (float) (values[hi - 1] * (1 - a) + values[hi] * a);
        }
      }
      return out;
    }
  }
}
