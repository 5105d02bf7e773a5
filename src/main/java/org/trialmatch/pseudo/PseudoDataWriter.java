package org.trialmatch.pseudo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.trialmatch.nwb.NwbWriteSpec;
import org.trialmatch.nwb.NwbWriteSpec.FloatColumn;
import org.trialmatch.nwb.NwbWriteSpec.IntColumn;
import org.trialmatch.nwb.NwbWriteSpec.TextColumn;
import org.trialmatch.nwb.NwbWriteSpec.UnitElectrodes;
import org.trialmatch.nwb.NwbWriter;

/**
 * Writes generated sessions as NWB files in the {@code detection} convention: units with spike
 * times, an {@code area} column ({@code area1}/{@code area2}) and a {@code cell_type} column
 * ({@code E}/{@code I}); a {@code trials} table with {@code start_time}, {@code stop_time},
 * {@code stim_time} (absolute stimulus onset), {@code stim} (1: every trial gets the stimulus) and
 * {@code trial_type} ({@code Hit} when area 2 responded, else {@code Miss}).
 */
public final class PseudoDataWriter {
  private PseudoDataWriter() {}

  /**
   * The NWB description of one session.
   *
   * @param s the session
   * @param cfg the parameters it was generated with (recorded in the description)
   * @return the spec
   */
  public static NwbWriteSpec spec(PseudoSession s, PseudoDataConfig cfg) {
    String description = String.format(Locale.ROOT,
        "trialmatch artificial data, session %s: two areas, hidden area-2 response on %.0f%% of trials (seed %d)",
        s.name(), 100 * cfg.hitProbability(), cfg.seed());
    NwbWriteSpec.UnitsBuilder units = NwbWriteSpec.UnitsTable.builder()
        .description("generated units (Bernoulli spikes at " + cfg.resolutionMs() + " ms resolution)")
        .electrodes(UnitElectrodes.NONE);
    String[] areas = new String[s.units()];
    String[] types = new String[s.units()];
    double[] baseline = new double[s.units()];
    int[] modulation = new int[s.units()];
    for (int u = 0; u < s.units(); u++) {
      units.unit(u, s.spikeTimesS(u));
      areas[u] = s.area(u);
      types[u] = s.excitatory(u) ? "E" : "I";
      baseline[u] = s.baselineHz(u);
      modulation[u] = s.modulation(u);
    }
    units.areaColumn("area", areas)
        .column(TextColumn.of("cell_type", "E (excitatory) or I (inhibitory)", types))
        .column(FloatColumn.of("baseline_rate", "baseline firing rate of the generator, Hz", baseline))
        .column(IntColumn.of("modulation", "response modulation of the generator (0, 1, 2)", modulation));
    int k = s.trials();
    int[] stim = new int[k];
    String[] type = new String[k];
    for (int j = 0; j < k; j++) {
      stim[j] = 1;
      type[j] = s.trialType(j);
    }
    NwbWriteSpec.IntervalTable trials = NwbWriteSpec.IntervalTable.builder("trials")
        .description("trials of the artificial detection task")
        .column(FloatColumn.of("start_time", "start of the trial record, s", s.startS()))
        .column(FloatColumn.of("stop_time", "end of the trial record, s", s.stopS()))
        .column(FloatColumn.of("stim_time", "stimulus onset, s (absolute)", s.stimTimeS()))
        .column(IntColumn.of("stim", "stimulus present (1) or not (0)", stim))
        .column(TextColumn.of("trial_type", "Hit: area 2 responded; Miss: it did not", type))
        .build();
    return NwbWriteSpec.builder(s.name(), description, "2024-01-01T00:00:00+00:00")
        .fileCreateDate("2024-01-01T00:00:00+00:00")
        .objectIdSeed(cfg.seed() * 1_000_003L + s.name().hashCode())
        .units(units.build())
        .intervals(trials)
        .build();
  }

  /**
   * Writes every session to {@code dir/<name>.nwb} (each file written to a temporary name and renamed).
   *
   * @param sessions the sessions
   * @param cfg their parameters
   * @param dir the output directory (must exist)
   * @return the files written, in order
   * @throws IOException if a file cannot be written
   */
  public static List<Path> writeAll(List<PseudoSession> sessions, PseudoDataConfig cfg, Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    for (PseudoSession s : sessions) {
      Path f = dir.resolve(s.name() + ".nwb");
      NwbWriter.write(f, spec(s, cfg));
      out.add(f);
    }
    return out;
  }
}
