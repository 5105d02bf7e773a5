package org.trialmatch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-session summary of a run's stitching.csv. */
class StitchingSummaryTest {
  private static final String HEADER = "model_unit,model_area,ei,session,file,recorded_unit_id,recorded_area,rate_hz\n";

  @Test
  void sessionsInOrderOfFirstUseWithTheirUnitsAndAreas(@TempDir Path run) throws IOException {
    Files.writeString(run.resolve("stitching.csv"), HEADER
        + "0,A,E,s2,\"/d/s2,copy.nwb\",7,A,3.5\n"
        + "1,A,E,s1,/d/s1.nwb,1001,A,2\n"
        + "2,B,E,s2,\"/d/s2,copy.nwb\",9,B,1\n"
        + "3,B,I,hidden,,,,\n"
        + "4,A,I,s2,\"/d/s2,copy.nwb\",8,A,10\n"
        + "5,A,I,s1,/d/s1.nwb,1002,A,4\n");
    StitchingSummary st = StitchingSummary.read(Optional.of(run)).orElseThrow();
    assertEquals(6, st.modelUnits());
    assertEquals(1, st.hidden());
    assertEquals(5, st.recordedUnits());
    assertEquals(List.of(new StitchingSummary.Session("s2", 3, List.of("A", "B"), List.of(0, 2, 4)),
        new StitchingSummary.Session("s1", 2, List.of("A"), List.of(1, 5))), st.sessions());
  }

  @Test
  void quotedFieldsAndRanges() {
    assertEquals(List.of("a", "b,\"c\"", "", "d"), StitchingSummary.split("a,\"b,\"\"c\"\"\",,d"));
    assertEquals("0-3, 7, 9-10", StitchingSummary.ranges(List.of(0, 1, 2, 3, 7, 9, 10)));
    assertEquals("", StitchingSummary.ranges(List.of()));
  }

  @Test
  void noRunOrNoTableIsNoSectionAndAForeignFileIsAnError(@TempDir Path run) throws IOException {
    assertTrue(StitchingSummary.read(Optional.empty()).isEmpty());
    assertTrue(StitchingSummary.read(Optional.of(run)).isEmpty());
    Files.writeString(run.resolve("stitching.csv"), "unit,session\n0,s\n");
    IOException e = assertThrows(IOException.class, () -> StitchingSummary.read(Optional.of(run)));
    assertTrue(e.getMessage().contains("expected the header model_unit,") && e.getMessage().contains("found unit,session"),
        e.getMessage());
    Files.writeString(run.resolve("stitching.csv"), HEADER + "0,A,E,s\n");
    e = assertThrows(IOException.class, () -> StitchingSummary.read(Optional.of(run)));
    assertTrue(e.getMessage().contains("line 2: expected 8 fields, found 4"), e.getMessage());
  }
}
