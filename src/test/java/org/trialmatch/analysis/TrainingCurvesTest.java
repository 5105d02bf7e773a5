package org.trialmatch.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCurvesTest {

  @Test
  void emptyCellsAreNotComputed(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("metrics.csv");
    Files.writeString(f, "step,loss,loss_psth,loss_tm,val_loss,tm_distance,rate_hz,seconds\n"
        + "0,3.5,1.0,2.5,,,8.0,0.5\n"
        + "10,2.0,0.8,1.2,2.2,0.4,7.5,5.0\n");
    TrainingCurves tc = TrainingCurves.read(f);
    assertTrue(tc.present());
    assertEquals(2, tc.rows());
    assertTrue(tc.problems().isEmpty());
    assertArrayEquals(new double[] {0, 10}, tc.column("step").orElseThrow());
    double[] val = tc.column("val_loss").orElseThrow();
    assertTrue(Double.isNaN(val[0]));
    assertEquals(2.2, val[1]);
    assertEquals(0.4, tc.last("tm_distance").orElseThrow());
    assertFalse(tc.column("nope").isPresent());
  }

  @Test
  void badCellsAreReportedNotHidden(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("metrics.csv");
    Files.writeString(f, "step,loss\n0,abc\n1,2.0,9\n");
    TrainingCurves tc = TrainingCurves.read(f);
    assertTrue(tc.present());
    assertEquals(2, tc.problems().size(), tc.problems().toString());
    assertTrue(tc.problems().get(0).contains("'abc' is not a number"));
    assertTrue(Double.isNaN(tc.column("loss").orElseThrow()[0]));
  }

  @Test
  void missingFileIsAbsent(@TempDir Path dir) {
    TrainingCurves tc = TrainingCurves.read(dir.resolve("metrics.csv"));
    assertFalse(tc.present());
    assertEquals(0, tc.rows());
    assertTrue(tc.problems().get(0).startsWith("metrics.csv not found"));
  }
}
