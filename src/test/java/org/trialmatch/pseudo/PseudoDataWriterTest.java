package org.trialmatch.pseudo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.data.CellClass;
import org.trialmatch.data.EventTimes;
import org.trialmatch.data.Recording;
import org.trialmatch.data.TrialSet;
import org.trialmatch.data.TrialSetBuilder;
import org.trialmatch.data.TrialSetConfig;

/** Generated sessions written as NWB read back through the loader with the detection convention. */
class PseudoDataWriterTest {
  @TempDir Path dir;

  @Test
  void roundTripThroughTheLoader() throws IOException {
    PseudoDataConfig cfg = PseudoDataConfig.figure2().resized(3, 30, 50, 0.6, 0.2);
    List<PseudoSession> sessions = PseudoDataGenerator.generate(cfg);
    List<Path> files = PseudoDataWriter.writeAll(sessions, cfg, dir);
    assertEquals(3, files.size());
    TrialSetConfig d = TrialSetConfig.detection();
    TrialSetConfig window = new TrialSetConfig(d.preset(), d.files(), d.intervalTable(), d.alignColumn(), -0.1, 0.3,
        d.dtMs(), d.conditionColumn(), d.conditionMap(), d.stimulusValues(), d.outcomeColumn(), d.outcomeMap(), EventTimes.AUTO,
        d.eventColumns(), d.behaviour(), d.eventKernelMs(), d.recordingStopS(), d.areaRule(), d.areaMap(), d.cellTypeColumn(),
        d.trainFraction(), d.validationFraction(), d.testFraction(), d.splitSeed(), d.perturbations());
    for (int k = 0; k < 3; k++) {
      PseudoSession s = sessions.get(k);
      Recording rec = Recording.load(files.get(k), "");
      assertEquals(s.name(), rec.session());
      for (int u = 0; u < s.units(); u++) {
        assertArrayEquals(s.spikeTimesS(u), rec.units().spikeTimesS(u), 0.0);
        assertEquals(s.area(u), rec.units().area(u));
      }
      CellClass[] classes = rec.cellClasses("");
      for (int u = 0; u < s.units(); u++) {
        assertEquals(s.excitatory(u) ? CellClass.EXCITATORY : CellClass.INHIBITORY, classes[u]);
      }
      TrialSet ts = TrialSetBuilder.build(rec, window);
      assertTrue(ts.report().get(0).startsWith("alignment stim_time: absolute"), ts.report().toString());
      // The first trial's window starts before the first spike only by chance; all others are kept.
      assertTrue(ts.trials() >= 49, ts.exclusions().toString());
      for (int i = 0; i < ts.trials(); i++) {
        assertEquals("1", ts.condition(i));
        assertEquals(s.trialType(ts.row(i)), ts.outcome(i));
        assertEquals(s.stimTimeS()[ts.row(i)], ts.alignS(i), 0.0);
      }
    }
    Map<String, Integer> byArea = Recording.load(files.get(0), "").catalogue("").countByArea();
    assertEquals(Map.of("area1", 15, "area2", 15), byArea);
  }
}
