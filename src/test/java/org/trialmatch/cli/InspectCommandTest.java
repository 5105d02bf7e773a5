package org.trialmatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.testing.TestData;

class InspectCommandTest {
  private final ObjectMapper m = new ObjectMapper();

  @Test
  void almJson() throws IOException {
    CliRunner.Result r = CliRunner.run("inspect", "--json", TestData.alm().toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = m.readTree(r.out());
    assertEquals("2.0.2", j.get("nwb_version").asText());
    assertEquals(66, j.at("/units/count").asInt());
    assertEquals(474_664, j.at("/units/spikes").asLong());
    assertEquals(m.readTree("{\"ALM\":66}"), j.at("/units/by_area"));
    assertEquals("trials", j.at("/intervals/0/name").asText());
    assertEquals(254, j.at("/intervals/0/rows").asInt());
    assertEquals("start_time", j.at("/intervals/0/columns/0").asText());
    assertEquals("acquisition/lick_times/lick_left_times", j.at("/behaviour/0/path").asText());
    assertEquals("events", j.at("/behaviour/0/kind").asText());
    assertEquals(2541, j.at("/behaviour/0/samples").asInt());
    boolean stopNan = false;
    for (JsonNode p : j.get("problems")) {
      stopNan |= p.asText().equals("intervals/trials/stop_time: all 254 values are NaN");
      assertFalse(p.asText().startsWith("/"));
    }
    assertTrue(stopNan, j.get("problems").toString());
  }

  @Test
  void thalamusJson() throws IOException {
    CliRunner.Result r = CliRunner.run("inspect", "--json", TestData.thalamus().toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = m.readTree(r.out());
    assertEquals(4, j.at("/units/count").asInt());
    assertEquals(34_057, j.at("/units/spikes").asLong());
    assertEquals(412, j.at("/intervals/0/rows").asInt());
    assertEquals(m.readTree("{\"Thalamus\":4}"), j.at("/units/by_area"));
  }

  @Test
  void areaRulesShowTheirGroups() {
    String f = TestData.dandi000006("sub-anm369962_ses-20170316").toString();
    CliRunner.Result hemi = CliRunner.run("inspect", f, "--area-rule", "location:brain_region+hemisphere");
    assertEquals(0, hemi.code(), hemi.err());
    assertTrue(hemi.out().matches("(?s).*\\n  ALM-right +2 units\\n.*"), hemi.out());
    assertTrue(hemi.out().contains("areas by rule location:brain_region+hemisphere"), hemi.out());
    CliRunner.Result cls = CliRunner.run("inspect", f, "--area-rule", "column:cell_type");
    assertTrue(cls.out().matches("(?s).*\\n  PTlower +2 units\\n.*"), cls.out());
    CliRunner.Result mapped = CliRunner.run("inspect", TestData.alm().toString(), "--area-rule", "column:cell_type",
        "--area-map", "PTupper=ALM-PT,*=ALM-other");
    assertEquals(0, mapped.code(), mapped.err());
    assertTrue(mapped.out().contains("ALM-other                   65 units  (labels {unidentified=65})"), mapped.out());
    assertTrue(mapped.out().contains("ALM-PT                       1 units  (labels {PTupper=1})"), mapped.out());
    CliRunner.Result bad = CliRunner.run("inspect", f, "--area-rule", "colum:cell_type");
    assertEquals(2, bad.code(), bad.err());
    assertTrue(bad.err().contains("--area-rule: must be auto"), bad.err());
  }

  @Test
  void textAndTrials() {
    CliRunner.Result r = CliRunner.run("inspect", TestData.alm().toString(), "--trials", "delayed-response");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("ALM"), r.out());
    assertTrue(r.out().contains("16 trials excluded: condition or outcome not mapped"), r.out());
    assertTrue(r.out().contains("split:"), r.out());
  }

  @Test
  void missingFileIsExitThreeWithOneLine(@TempDir Path dir) {
    Path f = dir.resolve("nope.nwb");
    CliRunner.Result r = CliRunner.run("inspect", f.toString());
    assertEquals(3, r.code());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains(f.toString()) && r.err().contains("no such file"), r.err());
  }

  @Test
  void notHdf5IsExitThree(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("notes.nwb");
    Files.writeString(f, "session notes, not a recording\n".repeat(40), StandardCharsets.UTF_8);
    CliRunner.Result r = CliRunner.run("inspect", f.toString());
    assertEquals(3, r.code());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("not an HDF5 file"), r.err());
  }

  @Test
  void truncatedIsExitThree(@TempDir Path dir) throws IOException {
    byte[] all = Files.readAllBytes(TestData.thalamus());
    Path f = dir.resolve("cut.nwb");
    Files.write(f, java.util.Arrays.copyOf(all, all.length / 2));
    CliRunner.Result r = CliRunner.run("inspect", f.toString());
    assertEquals(3, r.code());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("truncated"), r.err());
    assertTrue(r.err().contains(String.valueOf(all.length)), r.err());
  }

  @Test
  void verboseAddsTheStackTrace(@TempDir Path dir) {
    Path f = dir.resolve("nope.nwb");
    CliRunner.Result r = CliRunner.run("inspect", "--verbose", f.toString());
    assertEquals(3, r.code());
    assertTrue(r.err().lines().count() > 3 && r.err().contains("NwbFormatException"), r.err());
    assertEquals(3, CliRunner.run("--verbose", "inspect", f.toString()).code());
  }

  @Test
  void badPresetIsExitTwo() {
    CliRunner.Result r = CliRunner.run("inspect", TestData.alm().toString(), "--trials", "go-nogo");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("data.preset"), r.err());
  }

  @Test
  void noCommandAndUnknownOptionAreExitTwo() {
    assertEquals(2, CliRunner.run().code());
    assertEquals(2, CliRunner.run("inspect", "--colour", "x.nwb").code());
    CliRunner.Result help = CliRunner.run("inspect", "--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("--json"));
  }
}
