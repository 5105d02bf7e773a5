package org.trialmatch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.data.ConfigException;
import org.trialmatch.model.RsnnConfig;

/** Values that only fail together with another section are configuration errors naming a key. */
class FitConfigChecksTest {

  private static FitConfig parse(String data, String model, String loss) throws IOException {
    String json = "{\"data\":{\"preset\":\"detection\",\"files\":[\"PS000.nwb\"],\"startS\":-0.05,\"stopS\":0.15" + data
        + "},\"model\":{\"preset\":\"figure2\",\"nUnits\":50,\"nInputs\":20" + model + "},"
        + "\"loss\":{\"matching\":\"hard\"" + loss + "},\"train\":{\"steps\":2}}";
    return FitConfig.fromJson(new ObjectMapper().readTree(json), dir);
  }

  /** Holds an empty PS000.nwb, the file the configuration names (it is never read). */
  @TempDir static Path dir;

  @BeforeAll
  static void dataFile() throws IOException {
    Files.createFile(dir.resolve("PS000.nwb"));
  }

  @Test
  void defaultsPass() throws IOException {
    assertEquals(100, parse("", "", "").data().bins());
  }

  @Test
  void spikeFilterNarrowerThanABin() {
    ConfigException e = assertThrows(ConfigException.class, () -> parse("", "", ",\"spikeFilterMs\":1"));
    assertEquals("loss.spikeFilterMs", e.key());
    assertTrue(e.getMessage().contains("data.dtMs (2.0 ms), was 1.0"), e.getMessage());
  }

  @Test
  void windowShorterThanTwoFilteredBins() throws IOException {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(",\"stopS\":-0.046", "", ""));
    assertEquals("data.stopS", e.key());
    assertTrue(e.getMessage().contains("at least 5 bins") && e.getMessage().contains("was 2"), e.getMessage());
    assertEquals(5, parse(",\"stopS\":-0.04", "", "").data().bins());
  }

  @Test
  void tooManyUnitsForOneWeightArray() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> parse("", ",\"nUnits\":" + (RsnnConfig.MAX_UNITS + 1), ""));
    assertEquals("model.nUnits", e.key());
    assertTrue(e.getMessage().contains("was " + (RsnnConfig.MAX_UNITS + 1)), e.getMessage());
  }
}
