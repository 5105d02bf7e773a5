package org.trialmatch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.nwb.AreaRule;
import org.trialmatch.nwb.write.ColumnSpec;
import org.trialmatch.nwb.write.IntervalsSpec;
import org.trialmatch.nwb.write.NwbWriteSpec;
import org.trialmatch.nwb.write.NwbWriter;
import org.trialmatch.nwb.write.SeriesSpec;
import org.trialmatch.nwb.write.UnitElectrodes;
import org.trialmatch.nwb.write.UnitsSpec;

/**
 * A recording built so that each exclusion rule removes exactly one known trial, with spikes and a
 * jaw trace whose binned values are known in closed form.
 *
 * <p>Two units fire every 10 ms at {@code 0.005 + 0.01 k} s on [0, 100) s. Ten trials start at
 * {@code 5 + 10 k} s with an absolute go cue 2 s later and a relative first lick 2.3 s after the
 * start. Trial 1's cue is NaN; trial 2's outcome is 'early'; trial 4's jaw has NaN; trial 9's window
 * runs past the last spike. The jaw is sampled at 1 kHz: {@code sin(t)}.
 */
class TrialSetRulesTest {
  @TempDir Path dir;
  private Recording rec;

  @BeforeEach
  void write() throws IOException {
    double[] spikes = new double[10_000];
    for (int k = 0; k < spikes.length; k++) {
      spikes[k] = 0.005 + 0.01 * k;
    }
    int n = 10;
    double[] start = new double[n];
    double[] stop = new double[n];
    double[] cue = new double[n];
    double[] lick = new double[n];
    String[] outcome = new String[n];
    String[] stim = new String[n];
    for (int k = 0; k < n; k++) {
      start[k] = 5 + 10 * k;
      stop[k] = start[k] + 8;
      cue[k] = k == 1 ? Double.NaN : start[k] + 2;
      lick[k] = 2.3;
      outcome[k] = k == 2 ? "early" : k % 2 == 0 ? "Hit" : "Miss";
      stim[k] = "1";
    }
    double[] jaw = new double[100_000];
    for (int i = 0; i < jaw.length; i++) {
      double t = i / 1000.0;
      jaw[i] = t >= 47.0 && t < 47.01 ? Double.NaN : Math.sin(t);
    }
    NwbWriteSpec spec = NwbWriteSpec.builder("rules", "exclusion rules", "2024-01-01T00:00:00Z")
        .units(UnitsSpec.builder().electrodes(UnitElectrodes.NONE)
            .unit(0, spikes).unit(1, spikes).areaColumn("area", new String[] {"V1", "V1"}).build())
        .intervals(IntervalsSpec.builder("trials")
            .column(ColumnSpec.floats("start_time", "s", start))
            .column(ColumnSpec.floats("stop_time", "s", stop))
            .column(ColumnSpec.floats("cue", "absolute go cue, s", cue))
            .column(ColumnSpec.floats("lick", "first lick after start_time, s", lick))
            .column(ColumnSpec.texts("stim", "stimulus", stim))
            .column(ColumnSpec.texts("outcome", "outcome", outcome))
            .build())
        .processingModule("behavior", "behaviour")
        .series(SeriesSpec.builder("jaw").inProcessing("behavior").inContainer("BehavioralTimeSeries", "BehavioralTimeSeries")
            .data(jaw, "mm").startingTime(0.0, 1000.0).build())
        .build();
    Path f = dir.resolve("rules.nwb");
    NwbWriter.write(f, spec);
    rec = Recording.load(f, "");
  }

  private static TrialSetConfig config() {
    return new TrialSetConfig("custom", List.of(), "trials", "cue", -0.5, 3.5, 2.0, "stim", Map.of(), Map.of(), "outcome",
        Map.of("Hit", "Hit", "Miss", "Miss"), EventTimes.AUTO, List.of("lick"), List.of("auto"), 20.0,
        Double.NaN, AreaRule.AUTO, Map.of(), "", 0.6, 0.2, 0.2, 0L, Perturbations.defaults());
  }

  @Test
  void eachRuleRemovesItsTrial() {
    TrialSet ts = TrialSetBuilder.build(rec, config());
    Exclusions ex = ts.exclusions();
    assertEquals(new Exclusions(10, 0, 1, 1, 1, 1, 6), ex);
    int[] rows = new int[ts.trials()];
    for (int k = 0; k < rows.length; k++) {
      rows[k] = ts.row(k);
    }
    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0, 3, 5, 6, 7, 8}, rows);
    // Trial 0's cue (7 s) also fits as relative (L = 2 x median gap = 20 s), so 'relative: 1'.
    assertTrue(ts.report().contains("alignment cue: absolute (9 of 9 rows fit; relative: 1)"), ts.report().toString());
    assertTrue(ts.report().contains("event lick: relative to start_time (10 of 10 rows fit; absolute: 0)"), ts.report().toString());
    assertEquals("Hit", ts.outcome(0));
    assertEquals("Miss", ts.outcome(1));
    assertEquals("1/Hit", ts.trialType(0));
    // lick relative to the cue: start + 2.3 - (start + 2) = 0.3 s
    for (double v : ts.eventsS().get("lick")) {
      assertEquals(0.3, v, 1e-9);
    }
  }

  @Test
  void spikesLandInTheirBins() {
    TrialSet ts = TrialSetBuilder.build(rec, config());
    assertEquals(2000, ts.bins());
    // Window of trial 0 starts at 6.5 s; spikes at 6.505 + 0.01 j fall in bins 2 + 5 j.
    for (int t = 0; t < ts.bins(); t++) {
      float want = t % 5 == 2 ? 1f : 0f;
      assertEquals(want, ts.count(t, 0, 0), "bin " + t);
      assertEquals(want, ts.count(t, 0, 1), "bin " + t);
    }
    assertEquals(6L * 2 * 400, ts.totalSpikes());
  }

  @Test
  void continuousBehaviourIsTheBinMean() {
    TrialSet ts = TrialSetBuilder.build(rec, config());
    assertTrue(ts.hasBehaviour());
    // Bin t of trial 0 holds the samples at 6.5 + 0.002 t and 0.001 later.
    for (int t = 0; t < ts.bins(); t += 37) {
      double a = 6.5 + 0.002 * t;
      double want = 0.5 * (Math.sin(a) + Math.sin(a + 0.001));
      assertEquals(want, ts.behaviour(t, 0, 0), 2e-6, "bin " + t);
    }
  }

  @Test
  void recordingStopExcludesMore() {
    TrialSetConfig c = TrialSetRealFilesTest.withStop(config(), 80.0);
    TrialSet ts = TrialSetBuilder.build(rec, c);
    // Windows end 3.5 s after the cue at start + 2: trial 7's at 80.5 s, so trials 7, 8, 9 fall
    // outside [first spike, 80 s]; trial 6's ends at 70.5 s.
    assertEquals(3, ts.exclusions().outsideRecording());
    assertEquals(4, ts.trials());
  }

  @Test
  void missingColumnsAndTablesNameThemselves() {
    TrialSetConfig c = config();
    TrialSetConfig badAlign = new TrialSetConfig("custom", List.of(), "trials", "go", -0.5, 3.5, 2.0, "stim", Map.of(), Map.of(),
        "outcome", Map.of(), EventTimes.AUTO, List.of(), List.of(), 20.0, Double.NaN, AreaRule.AUTO, Map.of(), "", 0.6, 0.2, 0.2, 0L, Perturbations.defaults());
    TrialSetException e = assertThrows(TrialSetException.class, () -> TrialSetBuilder.build(rec, badAlign));
    assertTrue(e.getMessage().contains("intervals/trials/go") && e.getMessage().contains("data.alignColumn")
        && e.getMessage().contains("columns: start_time, stop_time, cue, lick, stim, outcome"), e.getMessage());
    TrialSetConfig badTable = new TrialSetConfig("custom", List.of(), "epochs", "cue", -0.5, 3.5, 2.0, "stim",
        Map.of(), Map.of(), "outcome", Map.of(), EventTimes.AUTO, List.of(), List.of(), 20.0, Double.NaN, AreaRule.AUTO, Map.of(), "", 0.6, 0.2, 0.2, 0L, Perturbations.defaults());
    e = assertThrows(TrialSetException.class, () -> TrialSetBuilder.build(rec, badTable));
    assertTrue(e.getMessage().contains("intervals/epochs") && e.getMessage().contains("only trials"), e.getMessage());
    TrialSetConfig noneMapped = new TrialSetConfig("custom", List.of(), "trials", "cue", -0.5, 3.5, 2.0, "stim",
        Map.of(), Map.of(), "outcome", Map.of("correct", "correct"), EventTimes.AUTO, List.of(), List.of(), 20.0, Double.NaN,
        AreaRule.AUTO, Map.of(), "", 0.6, 0.2, 0.2, 0L, Perturbations.defaults());
    e = assertThrows(TrialSetException.class, () -> TrialSetBuilder.build(rec, noneMapped));
    assertTrue(e.getMessage().contains("9 trials excluded: condition or outcome not mapped"), e.getMessage());
    assertEquals("cue", c.alignColumn());
  }

  @Test
  void catalogueOfWrittenRecording() {
    UnitCatalogue cat = rec.catalogue("");
    assertEquals(Map.of("V1", 2), cat.countByArea());
    assertEquals(Map.of("rules", 2), cat.countBySession());
    // 10000 spikes over 99.99 s
    assertEquals(10_000 / 99.99, cat.units().get(0).rateHz(), 1e-9);
    assertEquals(CellClass.UNKNOWN, cat.units().get(0).cellClass());
  }
}
