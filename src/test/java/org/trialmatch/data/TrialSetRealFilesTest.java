package org.trialmatch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trialmatch.nwb.BehaviourSeries;
import org.trialmatch.nwb.IntervalTable;
import org.trialmatch.nwb.NumericColumn;
import org.trialmatch.nwb.UnitsTable;
import org.trialmatch.testing.TestData;

/** Builds trials from the real recordings and checks them against direct counts from the file. */
class TrialSetRealFilesTest {

  @Test
  void almDelayedResponse() {
    Recording rec = Recording.load(TestData.alm(), "");
    TrialSetConfig cfg = TrialSetConfig.delayedResponse();
    TrialSet ts = TrialSetBuilder.build(rec, cfg);

    // The documented quirk: go-cue times are relative to start_time in this file.
    assertTrue(ts.report().contains("alignment cue_start_time: relative to start_time (254 of 254 rows fit; absolute: 0)"),
        ts.report().toString());
    // 14 'early lick' + 2 'no response' are not in the outcome map.
    assertEquals(16, ts.exclusions().outcomeNotMapped());
    assertEquals(0, ts.exclusions().nanAlignment());
    assertEquals(254, ts.exclusions().rows());
    assertEquals(2000, ts.bins());
    assertEquals(66, ts.units());
    assertTrue(ts.hasBehaviour());

    IntervalTable trials = rec.contents().interval("trials").orElseThrow();
    NumericColumn start = trials.numeric("start_time").orElseThrow();
    NumericColumn cue = trials.numeric("cue_start_time").orElseThrow();
    UnitsTable units = rec.units();
    // Every kept trial: alignment = start + relative cue; window inside the recording.
    for (int k = 0; k < ts.trials(); k++) {
      int r = ts.row(k);
      assertEquals(start.get(r) + cue.get(r), ts.alignS(k), 1e-9);
      assertTrue(ts.alignS(k) - 2.8 >= units.firstSpikeS());
    }
    // Spike counts per (trial, unit) equal a direct count of spike times in the window.
    for (int k = 0; k < ts.trials(); k += 17) {
      for (int u = 0; u < ts.units(); u += 5) {
        double w0 = ts.alignS(k) - 2.8;
        double w1 = ts.alignS(k) + 1.2;
        int direct = 0;
        for (double s : units.spikeTimesS(u)) {
          if (s >= w0 && s < w1) {
            direct++;
          }
        }
        double binned = 0;
        for (int t = 0; t < ts.bins(); t++) {
          binned += ts.count(t, k, u);
        }
        assertEquals(direct, binned, 0.0, "trial " + k + " unit " + u);
      }
    }
    // Lick rate: its integral over the window (away from the edges) counts the licks there.
    BehaviourSeries l = rec.contents().series("acquisition/lick_times/lick_left_times").orElseThrow();
    BehaviourSeries rr = rec.contents().series("acquisition/lick_times/lick_right_times").orElseThrow();
    double dt = ts.dtMs() / 1000.0;
    double integral = 0;
    int licks = 0;
    for (int k = 0; k < ts.trials(); k++) {
      double inner0 = ts.alignS(k) - 2.8 + 0.1;
      double inner1 = ts.alignS(k) + 1.2 - 0.1;
      boolean clean = true;
      for (BehaviourSeries s : new BehaviourSeries[] {l, rr}) {
        for (double e : s.timesS()) {
          if (e >= inner0 - 0.1 && e < inner0 || e >= inner1 && e < inner1 + 0.1) {
            clean = false; // a lick near an edge would be half counted
          }
        }
      }
      if (!clean) {
        continue;
      }
      for (BehaviourSeries s : new BehaviourSeries[] {l, rr}) {
        for (double e : s.timesS()) {
          licks += e >= inner0 && e < inner1 ? 1 : 0;
        }
      }
      for (int t = 50; t < ts.bins() - 50; t++) {
        integral += ts.behaviour(t, k) * dt;
      }
    }
    assertTrue(licks > 100, "too few licks to test: " + licks);
    assertEquals(licks, integral, 0.01 * licks);

    Map<String, Integer> types = new HashMap<>();
    for (int k = 0; k < ts.trials(); k++) {
      types.merge(ts.trialType(k), 1, Integer::sum);
    }
    assertEquals(4, types.size(), types.toString());
    double[] pole = ts.eventsS().get("pole_in_time");
    for (int k = 0; k < ts.trials(); k++) {
      int r = ts.row(k);
      assertEquals(trials.numeric("pole_in_time").orElseThrow().get(r) - cue.get(r), pole[k], 1e-9);
    }
  }

  @Test
  void thalamusAbsoluteEventsWithNaN() {
    Recording rec = Recording.load(TestData.thalamus(), "");
    TrialSet ts = TrialSetBuilder.build(rec, TrialSetConfig.delayedResponse());
    assertTrue(ts.report().contains("alignment cue_start_time: absolute (342 of 342 rows fit; relative: 0)"),
        ts.report().toString());
    // 70 non-performing trials have NaN event times; 87 'early lick' outcomes are not mapped.
    assertEquals(70, ts.exclusions().nanAlignment());
    assertEquals(87, ts.exclusions().outcomeNotMapped());
    assertEquals(412, ts.exclusions().rows());
    assertEquals(ts.trials(), ts.exclusions().kept());
    assertTrue(!ts.hasBehaviour());
    IntervalTable trials = rec.contents().interval("trials").orElseThrow();
    NumericColumn cue = trials.numeric("cue_start_time").orElseThrow();
    for (int k = 0; k < ts.trials(); k++) {
      assertEquals(cue.get(ts.row(k)), ts.alignS(k), 0.0);
      assertTrue(ts.alignS(k) + 1.2 <= rec.units().lastSpikeS());
    }
  }

  @Test
  void recordingStopExcludesLateTrials() {
    Recording rec = Recording.load(TestData.thalamus(), "");
    TrialSetConfig base = TrialSetConfig.delayedResponse();
    TrialSet all = TrialSetBuilder.build(rec, base);
    double lastAlign = all.alignS(all.trials() - 1);
    TrialSetConfig cut = withStop(base, lastAlign);
    TrialSet fewer = TrialSetBuilder.build(rec, cut);
    int expectedOutside = 0;
    for (int k = 0; k < all.trials(); k++) {
      expectedOutside += all.alignS(k) + 1.2 > lastAlign ? 1 : 0;
    }
    assertTrue(expectedOutside >= 1);
    assertEquals(expectedOutside, fewer.exclusions().outsideRecording());
    assertEquals(all.trials() - expectedOutside, fewer.trials());
  }

  static TrialSetConfig withStop(TrialSetConfig c, double stop) {
    return new TrialSetConfig(c.preset(), c.files(), c.intervalTable(), c.alignColumn(), c.startS(), c.stopS(),
        c.dtMs(), c.conditionColumn(), c.conditionMap(), c.stimulusValues(), c.outcomeColumn(), c.outcomeMap(), c.eventTimes(),
        c.eventColumns(), c.behaviour(), c.eventKernelMs(), stop, c.areaColumn(), c.cellTypeColumn(),
        c.trainFraction(), c.validationFraction(), c.testFraction(), c.splitSeed());
  }

  @Test
  void catalogueOfAlm() {
    Recording rec = Recording.load(TestData.alm(), "");
    UnitCatalogue cat = rec.catalogue("");
    assertEquals(66, cat.size());
    assertEquals(Map.of("ALM", 66), cat.countByArea());
    long pt = cat.units().stream().filter(u -> u.cellClass() == CellClass.EXCITATORY).count();
    long unknown = cat.units().stream().filter(u -> u.cellClass() == CellClass.UNKNOWN).count();
    assertEquals(1, pt); // one 'PTupper' (pyramidal tract) unit
    assertEquals(65, unknown); // 'unidentified'
    UnitsTable u = rec.units();
    for (RecordedUnit r : cat.units()) {
      double[] s = u.spikeTimesS(r.unitIndex());
      assertEquals(s.length / (s[s.length - 1] - s[0]), r.rateHz(), 1e-9);
    }
  }
}
