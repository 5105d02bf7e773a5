package org.trialmatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudodataCommandTest {
  @TempDir Path dir;

  @Test
  void writesOneFilePerSessionAndTheParameters() throws IOException {
    Path out = dir.resolve("pd");
    CliRunner.Result r = CliRunner.run("pseudodata", "--out", out.toString(), "--sessions", "4", "--units", "20",
        "--trials", "30", "--record-s", "0.6", "--stim-s", "0.2", "--seed", "3");
    assertEquals(0, r.code(), r.err());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(
          java.util.List.of("PS000.nwb", "PS001.nwb", "PS002.nwb", "PS003.nwb", "pseudodata.json"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    String json = Files.readString(out.resolve("pseudodata.json"));
    assertTrue(json.contains("\"seed\" : 3"), json);
    assertTrue(json.contains("\"rateSpreadInh\" : " + org.trialmatch.pseudo.PseudoDataConfig.figure2().rateSpreadInh()),
        "the command's default is the preset's: " + json);
    CliRunner.Result inspect = CliRunner.run("inspect", "--json", out.resolve("PS001.nwb").toString());
    assertEquals(0, inspect.code(), inspect.err());
    assertTrue(inspect.out().contains("\"by_area\":{\"area1\":20}"), inspect.out());
  }

  @Test
  void badValuesAreUsageErrors() {
    CliRunner.Result r = CliRunner.run("pseudodata", "--out", dir.toString(), "--hit-probability", "1.5");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("hitProbability") && r.err().contains("--hit-probability"), r.err());
    CliRunner.Result spread = CliRunner.run("pseudodata", "--out", dir.toString(), "--rate-spread-inh", "0.5");
    assertEquals(2, spread.code());
    assertTrue(spread.err().contains("rateSpreadInh"), spread.err());
  }
}
