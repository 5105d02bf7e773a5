package org.trialmatch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
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
        integral += (ts.behaviour(t, k, 0) + ts.behaviour(t, k, 1)) * dt;
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
  void thalamusAbsoluteEventsWithNaN() throws Exception {
    Recording rec = Recording.load(TestData.thalamus(), "");
    TrialSet ts = TrialSetBuilder.build(rec, TrialSetConfig.fromJson(new ObjectMapper().readTree(
        "{\"preset\": \"delayed-response\", \"includePerturbed\": true}")));
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
  void photoinhibitedTrialsAreLeftOutUnlessKept() throws Exception {
    Recording rec = Recording.load(TestData.thalamus(), "");
    IntervalTable trials = rec.contents().interval("trials").orElseThrow();
    // the file's own record: ALM photoinhibited in the delay on the rows with stim_present 1
    NumericColumn present = trials.numeric("stim_present").orElseThrow();
    java.util.Set<Integer> stimulated = new java.util.HashSet<>();
    for (int r = 0; r < trials.rows(); r++) {
      if (present.get(r) != 0) {
        stimulated.add(r);
        assertEquals("delay", trials.column("photo_stim_period").orElseThrow().text(r).trim());
      }
    }
    assertEquals(67, stimulated.size());
    TrialSet control = TrialSetBuilder.build(rec, TrialSetConfig.delayedResponse());
    assertEquals(67, control.exclusions().perturbed());
    assertTrue(control.report().contains("67 trials excluded: perturbed (data.includePerturbed keeps them)"),
        control.report().toString());
    assertTrue(control.report().contains(
        "perturbed trials told by photo_stim_period, photo_stim_power, stim_present (left out)"), control.report().toString());
    for (int k = 0; k < control.trials(); k++) {
      assertTrue(!stimulated.contains(control.row(k)), "row " + control.row(k) + " was photoinhibited");
    }
    TrialSet all = TrialSetBuilder.build(rec, TrialSetConfig.fromJson(new ObjectMapper().readTree(
        "{\"preset\": \"delayed-response\", \"includePerturbed\": true}")));
    assertEquals(0, all.exclusions().perturbed());
    assertTrue(all.trials() > control.trials());
    // a named column that the table lacks is an error naming it
    TrialSetException e = org.junit.jupiter.api.Assertions.assertThrows(TrialSetException.class,
        () -> TrialSetBuilder.build(rec, TrialSetConfig.fromJson(new ObjectMapper().readTree(
            "{\"preset\": \"delayed-response\", \"perturbationColumns\": [\"laser\"]}"))));
    assertTrue(e.getMessage().contains("intervals/trials/laser: expected the column named by data.perturbationColumns"),
        e.getMessage());
  }

  @Test
  void excitatoryAreasOverrideTheCellTypeWords() throws Exception {
    Recording rec = Recording.load(TestData.thalamus(), "");
    // the file calls three of its four thalamic units "Narrow width spiking", which the word rule reads as I
    long inhibitory = rec.catalogue("").units().stream().filter(u -> u.cellClass() == CellClass.INHIBITORY).count();
    assertEquals(3, inhibitory);
    TrialSetConfig cfg = TrialSetConfig.fromJson(new ObjectMapper().readTree(
        "{\"preset\": \"delayed-response\", \"excitatoryAreas\": [\"Thalamus\"]}"));
    assertEquals(java.util.List.of("Thalamus"), cfg.excitatoryAreas());
    assertEquals(java.util.List.of("Thalamus"), TrialSetConfig.fromJson(cfg.toJson()).excitatoryAreas());
    assertTrue(rec.catalogue(cfg.cellTypeColumn(), cfg.excitatoryAreas()).units().stream()
        .allMatch(u -> u.cellClass() == CellClass.EXCITATORY));
    assertTrue(TrialSetConfig.delayedResponse().excitatoryAreas().isEmpty());
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

  private static TrialSetConfig delayedResponseWith(String behaviourJson) throws Exception {
    return TrialSetConfig.fromJson(new ObjectMapper().readTree(
        "{\"preset\": \"delayed-response\", \"behaviour\": " + behaviourJson + "}"));
  }

  /** Licks of a series in [a, b). */
  private static int licks(BehaviourSeries s, double a, double b) {
    int n = 0;
    for (double e : s.timesS()) {
      n += e >= a && e < b ? 1 : 0;
    }
    return n;
  }

  @Test
  void leftAndRightLicksAreTwoChannelsAndASumIsOne() throws Exception {
    Recording rec = Recording.load(TestData.alm(), "");
    BehaviourSeries l = rec.contents().series("acquisition/lick_times/lick_left_times").orElseThrow();
    BehaviourSeries r = rec.contents().series("acquisition/lick_times/lick_right_times").orElseThrow();
    TrialSet auto = TrialSetBuilder.build(rec, TrialSetConfig.delayedResponse());
    assertEquals(2, auto.behaviourChannels());
    assertTrue(auto.behaviourLabels().get(0).endsWith("lick_left_times"), auto.behaviourLabels().toString());
    assertTrue(auto.behaviourLabels().get(1).endsWith("lick_right_times"), auto.behaviourLabels().toString());
    TrialSet swapped = TrialSetBuilder.build(rec, delayedResponseWith(
        "[\"acquisition/lick_times/lick_right_times\", \"acquisition/lick_times/lick_left_times\"]"));
    TrialSet sum = TrialSetBuilder.build(rec, delayedResponseWith(
        "[\"acquisition/lick_times/lick_left_times + acquisition/lick_times/lick_right_times\"]"));
    assertEquals(1, sum.behaviourChannels());
    double dt = auto.dtMs() / 1000.0;
    int leftTrials = 0;
    int rightTrials = 0;
    for (int k = 0; k < auto.trials(); k++) {
      for (int t = 0; t < auto.bins(); t++) {
        assertEquals(auto.behaviour(t, k, 0), swapped.behaviour(t, k, 1), 0f);
        assertEquals(auto.behaviour(t, k, 1), swapped.behaviour(t, k, 0), 0f);
        assertEquals(auto.behaviour(t, k, 0) + auto.behaviour(t, k, 1), sum.behaviour(t, k, 0), 1e-3);
      }
      // each channel integrates to its own side's licks (window 0.1 s in from the edges; trials with
      // a lick within 0.1 s of either limit are skipped, as its kernel is cut there)
      double a = auto.alignS(k) - 2.7;
      double b = auto.alignS(k) + 1.1;
      if (licks(l, a - 0.1, a + 0.1) + licks(l, b - 0.1, b + 0.1) + licks(r, a - 0.1, a + 0.1)
          + licks(r, b - 0.1, b + 0.1) > 0) {
        continue;
      }
      double il = 0;
      double ir = 0;
      for (int t = 50; t < auto.bins() - 50; t++) {
        il += auto.behaviour(t, k, 0) * dt;
        ir += auto.behaviour(t, k, 1) * dt;
      }
      assertEquals(licks(l, a, b), il, 0.02 * licks(l, a, b) + 0.02, "left licks of trial " + k);
      assertEquals(licks(r, a, b), ir, 0.02 * licks(r, a, b) + 0.02, "right licks of trial " + k);
      leftTrials += licks(l, a, b) > 0 ? 1 : 0;
      rightTrials += licks(r, a, b) > 0 ? 1 : 0;
    }
    assertTrue(leftTrials > 20 && rightTrials > 5, "trials with left / right licks: " + leftTrials + ", " + rightTrials);
  }

  @Test
  void aSumOfAContinuousSeriesIsAnError() throws Exception {
    Recording rec = Recording.load(TestData.alm(), "");
    TrialSetException e = org.junit.jupiter.api.Assertions.assertThrows(TrialSetException.class,
        () -> TrialSetBuilder.build(rec, delayedResponseWith("[\"acquisition/lick_times/lick_left_times + nope\"]")));
    assertTrue(e.getMessage().contains("nope: expected the behaviour series named in data.behaviour"), e.getMessage());
  }

  static TrialSetConfig withStop(TrialSetConfig c, double stop) {
    return new TrialSetConfig(c.preset(), c.files(), c.intervalTable(), c.alignColumn(), c.startS(), c.stopS(),
        c.dtMs(), c.conditionColumn(), c.conditionMap(), c.stimulusValues(), c.outcomeColumn(), c.outcomeMap(), c.eventTimes(),
        c.eventColumns(), c.behaviour(), c.eventKernelMs(), stop, c.areaRule(), c.areaMap(), c.cellTypeColumn(),
        c.trainFraction(), c.validationFraction(), c.testFraction(), c.splitSeed(), c.perturbations());
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
