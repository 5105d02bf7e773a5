package org.trialmatch.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.cli.CliRunner;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.nwb.BehaviourSeries;
import org.trialmatch.nwb.Column;
import org.trialmatch.nwb.H5pySummary;
import org.trialmatch.nwb.IntervalTable;
import org.trialmatch.nwb.NwbContents;
import org.trialmatch.nwb.NwbReadOptions;
import org.trialmatch.nwb.NwbReader;
import org.trialmatch.nwb.write.NwbWriteSpec;
import org.trialmatch.testing.TinyRuns;
import org.trialmatch.train.Fit;
import org.trialmatch.train.RunDirectory;

/**
 * {@code trialmatch simulate}: the NWB file of synthetic trials opens in h5py and reads back through our
 * reader with the simulated spikes, the model's areas and one trials row per trial.
 */
class SyntheticNwbTest {
  @TempDir static Path dir;
  static Path pseudoRun;
  static Path almRun;

  @BeforeAll
  static void fitTinyRuns() throws IOException {
    pseudoRun = TinyRuns.pseudo(dir);
    almRun = TinyRuns.alm(dir);
  }

  @Test
  void writtenFileHoldsTheSimulatedSpikesAreasAndTrials() throws Exception {
    int n = 130;
    CliRunner.Result r = CliRunner.run("simulate", "--quiet", "--run", pseudoRun.toString(), "--trials", "" + n,
        "--seed", "4");
    assertEquals(0, r.code(), r.err());
    Path file = pseudoRun.resolve("synthetic.nwb");
    assertTrue(Files.isRegularFile(file));
    try (Fit fit = Fit.load(RunDirectory.at(pseudoRun))) {
      Fit.Simulated sim = EvaluationTrials.simulate(fit, n, null, 4, null).trials();
      NetworkLayout layout = fit.layout();
      int units = layout.nUnits();
      int steps = sim.spikes().steps();
      NwbContents c = NwbReader.read(file, new NwbReadOptions("area"));
      NwbWriteSpec dense = SyntheticNwb.spec(fit, sim, null, "dense");
      assertEquals(units, c.units().count());
      IntervalTable trials = c.interval("trials").orElseThrow();
      assertEquals(n, trials.rows());
      assertFalse(trials.column("trial_type").isPresent(), "no classifier: no trial types");
      double[] start = trials.numeric("start_time").orElseThrow().toArray();
      double[] stop = trials.numeric("stop_time").orElseThrow().toArray();
      long total = 0;
      for (int u = 0; u < units; u++) {
        assertEquals(layout.areaNames().get(layout.area(u)), c.units().area(u), "area of unit " + u);
        double[] times = c.units().spikeTimesS(u);
        int expected = 0;
        int next = 0;
        for (int k = 0; k < n; k++) {
          int inTrial = 0;
          for (int t = 0; t < steps; t++) {
            inTrial += Math.round(sim.spikes().values()[(t * n + k) * units + u]);
          }
          int found = 0;
          while (next < times.length && times[next] < stop[k]) {
            assertTrue(times[next] > start[k], "spike before its trial: unit " + u + " trial " + k);
            next++;
            found++;
          }
          assertEquals(inTrial, found, "spikes of unit " + u + " in trial " + k);
          expected += inTrial;
        }
        assertEquals(expected, c.units().spikeCount(u));
        assertArrayEquals(dense.units().orElseThrow().spikeTimes(u), times, "dense and streamed spec, unit " + u);
        total += expected;
      }
      assertTrue(total > 0, "the model fired");
      for (int k = 0; k < n; k++) {
        assertEquals(sim.condition(k), trials.column("condition").orElseThrow().text(k));
        assertTrue(k == 0 || start[k] > stop[k - 1], "trials laid end to end with a gap");
      }
      assertTrue(c.behaviour().isEmpty(), "pseudodata have no behaviour, so no jaw");
      assertEquals(org.trialmatch.nwb.write.NwbMetadata.SYNTHETIC_SPECIES, c.species(), "artificial data: no species");

      JsonNode objects = H5pySummary.summarise(file).path("files").path(file.toString()).path("objects");
      assertEquals(total, objects.path("/units/spike_times").path("value").size());
      JsonNode recorded = objects.path("/units/recorded_unit").path("value");
      JsonNode session = objects.path("/units/session").path("value");
      JsonNode cellType = objects.path("/units/cell_type").path("value");
      assertEquals(units, recorded.size());
      int hidden = 0;
      for (int u = 0; u < units; u++) {
        assertEquals(layout.recordedIndex(u), recorded.get(u).asInt());
        assertEquals(layout.isHidden(u) ? "" : layout.session(u), session.get(u).asText());
        assertEquals(layout.isExcitatory(u) ? "E" : "I", cellType.get(u).asText());
        hidden += layout.isHidden(u) ? 1 : 0;
      }
      assertTrue(hidden > 0 && hidden < units, "hidden and recorded units both present: " + hidden);
      assertEquals(n, objects.path("/intervals/trials/align_time").path("value").size());
      assertTrue(objects.path("/session_description").path("value").asText().contains("seed 4"));
    }
  }

  @Test
  void conditionFilterTrialTypesAndJaw() throws Exception {
    Path file = dir.resolve("left.nwb");
    int n = 12;
    CliRunner.Result r = CliRunner.run("simulate", "--quiet", "--run", almRun.toString(), "--trials", "" + n,
        "--condition", "lick left", "--seed", "1", "--out", file.toString());
    assertEquals(0, r.code(), r.err());
    NwbContents c = NwbReader.read(file, new NwbReadOptions("area"));
    IntervalTable trials = c.interval("trials").orElseThrow();
    assertEquals(n, trials.rows());
    Column types = trials.column("trial_type").orElseThrow();
    for (int k = 0; k < n; k++) {
      assertEquals("lick left", trials.column("condition").orElseThrow().text(k));
      assertTrue(types.text(k).startsWith("lick left/"), types.text(k));
    }
    try (Fit fit = Fit.load(RunDirectory.at(almRun))) {
      // left and right licks are two behaviour channels, so the model's readout writes two series
      assertEquals(2, fit.model().behaviourChannels());
      for (String side : new String[] {"left", "right"}) {
        BehaviourSeries jaw = c.series("processing/behavior/BehavioralTimeSeries/model_lick_" + side + "_rate")
            .orElseThrow(() -> new AssertionError("no readout series for " + side + " licks: " + c.behaviour()));
        assertEquals(n * fit.model().steps(), jaw.samples());
      }
      assertTrue(c.series("processing/behavior/BehavioralTimeSeries/jaw").isEmpty());
    }
    JsonNode objects = H5pySummary.summarise(file).path("files").path(file.toString()).path("objects");
    assertEquals(n, objects.path("/intervals/trials/trial_type").path("value").size());
    // the model is the subject: the recording's species, the recorded subject named, a deterministic identifier
    assertEquals("model-alm-run", c.subjectId());
    assertEquals("Mus musculus", c.species());
    assertTrue(objects.path("/general/subject/description").path("value").asText().contains("anm372904"),
        objects.path("/general/subject/description").toString());
    Path again = dir.resolve("left-again.nwb");
    assertEquals(0, CliRunner.run("simulate", "--quiet", "--run", almRun.toString(), "--trials", "" + n,
        "--condition", "lick left", "--seed", "1", "--out", again.toString()).code());
    assertEquals(c.identifier(), NwbReader.read(again, new NwbReadOptions("area")).identifier());
    Path other = dir.resolve("left-seed2.nwb");
    assertEquals(0, CliRunner.run("simulate", "--quiet", "--run", almRun.toString(), "--trials", "" + n,
        "--condition", "lick left", "--seed", "2", "--out", other.toString()).code());
    assertTrue(!c.identifier().equals(NwbReader.read(other, new NwbReadOptions("area")).identifier()));

    CliRunner.Result bad = CliRunner.run("simulate", "--run", almRun.toString(), "--trials", "3", "--condition",
        "no such", "--out", dir.resolve("bad.nwb").toString());
    assertEquals(2, bad.code(), bad.err());
    assertTrue(bad.err().contains("lick left"), bad.err());
  }
}
