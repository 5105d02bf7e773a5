package org.trialmatch.nwb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.trialmatch.testing.TestData;

/**
 * Reads the two real recordings as they are. Expected values are those documented with the files
 * (counts from the DANDI assets), not values produced by this code.
 */
class NwbReaderRealFilesTest {

  private static Map<String, Integer> counts(Column c) {
    Map<String, Integer> m = new TreeMap<>();
    for (int r = 0; r < c.rows(); r++) {
      m.merge(c.text(r), 1, Integer::sum);
    }
    return m;
  }

  @Test
  void almRecording() {
    NwbContents c = NwbReader.read(TestData.alm());
    assertEquals("2.0.2", c.nwbVersion());
    assertEquals(66, c.units().count());
    assertEquals(474_664, c.units().totalSpikes());
    assertEquals(Map.of("ALM", 66), c.units().countByArea());
    assertEquals(396.95, c.units().firstSpikeS(), 0.01);
    assertEquals(2022.37, c.units().lastSpikeS(), 0.01);
    assertEquals(Map.of("unidentified", 65, "PTupper", 1), counts(c.units().column("cell_type").orElseThrow()));
    assertEquals(Map.of("single", 45, "[]", 20, "Good", 1), counts(c.units().column("quality").orElseThrow()));

    IntervalTable trials = c.interval("trials").orElseThrow();
    assertEquals(254, trials.rows());
    assertEquals(
        List.of("start_time", "stop_time", "type", "response", "stim_present", "is_good",
            "cue_start_time", "pole_in_time", "pole_out_time"),
        trials.columnNames());
    assertEquals(254, trials.numeric("stop_time").orElseThrow().nanCount());
    assertEquals(390.6, trials.numeric("start_time").orElseThrow().get(0), 0.05);
    assertEquals(Map.of("lick left", 111, "lick right", 143), counts(trials.column("type").orElseThrow()));
    assertEquals(
        Map.of("correct", 210, "incorrect", 28, "early lick", 14, "no response", 2),
        counts(trials.column("response").orElseThrow()));
    NumericColumn good = trials.numeric("is_good").orElseThrow();
    int nGood = 0;
    for (int r = 0; r < good.rows(); r++) {
      nGood += good.get(r) == 1 ? 1 : 0;
    }
    assertEquals(239, nGood);

    assertEquals(2, c.behaviour().size());
    BehaviourSeries left = c.series("acquisition/lick_times/lick_left_times").orElseThrow();
    BehaviourSeries right = c.series("/acquisition/lick_times/lick_right_times").orElseThrow();
    assertEquals(SeriesKind.EVENTS, left.kind());
    assertEquals(SeriesKind.EVENTS, right.kind());
    assertEquals(2541, left.samples());
    assertEquals(603, right.samples());
    assertTrue(c.problems().contains("intervals/trials/stop_time: all 254 values are NaN"), c.problems().toString());
  }

  @Test
  void thalamusRecording() {
    NwbContents c = NwbReader.read(TestData.thalamus());
    assertEquals("2.1.0", c.nwbVersion());
    assertEquals(4, c.units().count());
    assertEquals(34_057, c.units().totalSpikes());
    assertEquals(Map.of("Thalamus", 4), c.units().countByArea());
    assertEquals(1498.9, c.units().firstSpikeS(), 0.05);
    assertEquals(5203.9, c.units().lastSpikeS(), 0.05);
    IntervalTable trials = c.interval("trials").orElseThrow();
    assertEquals(412, trials.rows());
    assertEquals(
        Map.of("lick left", 172, "lick right", 170, "non-performing", 70),
        counts(trials.column("type").orElseThrow()));
    assertEquals(
        Map.of("correct", 175, "incorrect", 80, "early lick", 87, "N/A", 70),
        counts(trials.column("response").orElseThrow()));
    for (String col : List.of("pole_in_time", "pole_out_time", "cue_start_time", "cue_end_time")) {
      assertEquals(70, trials.numeric(col).orElseThrow().nanCount(), col);
    }
    assertTrue(c.behaviour().isEmpty());
    assertTrue(c.problems().contains("intervals/trials/cue_start_time: 70 of 412 values are NaN"), c.problems().toString());
    assertTrue(c.problems().stream().anyMatch(p -> p.startsWith("intervals/trials: 2 of 412 rows end before the first spike")),
        c.problems().toString());
  }

  @Test
  void structuredAndPlainLocations() {
    assertEquals("ALM", NwbReader.parseArea("brain_region: ALM; brain_subregion: N/A; cortical_layer: 5; hemisphere: left"));
    assertEquals("Thalamus", NwbReader.parseArea("brain_region: Thalamus; hemisphere: left"));
    assertEquals("amygdala_right", NwbReader.parseArea("amygdala_right"));
    assertEquals("CA1", NwbReader.parseArea("  CA1 "));
    assertEquals("", NwbReader.parseArea("N/A"));
    assertEquals("", NwbReader.parseArea(""));
    assertEquals("VISp", NwbReader.parseArea("hemisphere: left; brain_region: VISp"));
  }
}
