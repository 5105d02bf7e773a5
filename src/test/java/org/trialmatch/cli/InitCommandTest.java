package org.trialmatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.testing.TestData;

/** {@code trialmatch init}: a starter configuration that a fit accepts as written. */
class InitCommandTest {
  @TempDir Path dir;

  @Test
  void theStarterConfigurationOfTheAlmSampleFits() throws Exception {
    Path cfg = dir.resolve("alm.json");
    CliRunner.Result r = CliRunner.run("init", TestData.alm().toString(), "--out", cfg.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("data.preset delayed-response keeps"), r.out());
    ObjectNode c = (ObjectNode) new ObjectMapper().readTree(cfg.toFile());
    assertEquals("delayed-response", c.at("/data/preset").asText());
    assertEquals("ALM", c.at("/model/areas/0").asText());
    assertEquals("ALM", c.at("/model/motorAreas/0").asText(), "the licks become the readout");
    assertTrue(c.at("/model/nUnits").asInt() * 0.8 >= 66, "every recorded unit has an E slot");
    assertTrue(!Path.of(c.at("/data/files/0").asText()).isAbsolute(), "relative to the configuration's folder");
    // as written, but two steps: a fit accepts it
    ((ObjectNode) c.get("train")).put("steps", 2).put("modelTrials", 8).put("validateEvery", 2);
    Files.writeString(cfg, c.toString());
    CliRunner.Result f = CliRunner.run("fit", "--quiet", "--config", cfg.toString(), "--out", dir.resolve("run").toString());
    assertEquals(0, f.code(), f.err());

    CliRunner.Result again = CliRunner.run("init", TestData.alm().toString(), "--out", cfg.toString());
    assertEquals(2, again.code(), again.err());
    assertTrue(again.err().contains("exists"), again.err());
  }

  @Test
  void aFileThatIsNotNwbIsBadInput() throws Exception {
    Path bad = Files.writeString(dir.resolve("x.nwb"), "not hdf5");
    CliRunner.Result r = CliRunner.run("init", bad.toString(), "--out", dir.resolve("c.json").toString());
    assertEquals(3, r.code(), r.err());
    assertTrue(!Files.exists(dir.resolve("c.json")));
  }
}
