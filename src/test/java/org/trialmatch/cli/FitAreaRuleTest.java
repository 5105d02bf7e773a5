package org.trialmatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.testing.TestData;

/**
 * A fit whose model areas are the hemispheres of four DANDI:000006 sessions (two left, two right):
 * the area rule reaches the stitching and the run's resolved configuration, and model areas that do
 * not meet the recorded areas are a configuration error naming {@code model.areas}.
 */
class FitAreaRuleTest {
  private static final List<String> SESSIONS = List.of("sub-anm369962_ses-20170309", "sub-anm369962_ses-20170316",
      "sub-anm369963_ses-20170309", "sub-anm372795_ses-20170714");

  @TempDir Path dir;

  private CliRunner.Result fit(String areaRule, String modelAreas, boolean hidden, Path run) throws IOException {
    StringBuilder files = new StringBuilder();
    for (String s : SESSIONS) {
      files.append(files.length() == 0 ? "" : ",").append('"').append(TestData.dandi000006(s).toAbsolutePath()).append('"');
    }
    String json = "{\"data\":{\"preset\":\"delayed-response\",\"files\":[" + files + "],\"startS\":-0.4,\"stopS\":0.4,"
        + "\"areaRule\":\"" + areaRule + "\"},"
        + "\"model\":{\"preset\":\"figure2\",\"nUnits\":40,\"nInputs\":20,\"areas\":" + modelAreas + ","
        + "\"motorAreas\":[\"ALM-left\"],\"hiddenUnits\":" + hidden + "},"
        + "\"loss\":{\"matching\":\"sinkhorn\",\"minUnits\":1},"
        + "\"train\":{\"steps\":2,\"modelTrials\":8,\"validateEvery\":2}}";
    Path c = dir.resolve("c.json");
    Files.writeString(c, json);
    return CliRunner.run("fit", "--quiet", "--config", c.toString(), "--out", run.toString());
  }

  @Test
  void hemispheresAsModelAreas() throws IOException {
    Path run = dir.resolve("run");
    CliRunner.Result r = fit("location:brain_region+hemisphere", "[\"ALM-left\",\"ALM-right\"]", true, run);
    assertEquals(0, r.code(), r.err());
    JsonNode cfg = new ObjectMapper().readTree(run.resolve("config.json").toFile());
    assertEquals("location:brain_region+hemisphere", cfg.at("/data/areaRule").asText());
    assertTrue(cfg.at("/data/areaMap").isObject() && cfg.at("/data/areaMap").isEmpty(), cfg.at("/data").toString());
  }

  @Test
  void modelAreasThatMeetNoRecordedAreaAreNamed() throws IOException {
    CliRunner.Result r = fit("auto", "[\"ALM-left\",\"ALM-right\"]", true, dir.resolve("run"));
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("model.areas: no recorded unit is in one of the model's areas [ALM-left, ALM-right] "
        + "(11 recorded units of 4 sessions, areas [ALM])"), r.err());
    assertTrue(r.err().contains("data.areaRule"), r.err());
  }

  @Test
  void aModelAreaWithoutRecordedUnitsIsNamedWithoutHiddenUnits() throws IOException {
    CliRunner.Result r = fit("location:brain_region+hemisphere", "[\"ALM-left\",\"ALM-Right\"]", false,
        dir.resolve("run"));
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("model.hiddenUnits: not enough recorded units"), r.err());
    assertTrue(r.err().contains("ALM-Right E short by 16"), r.err());
  }
}
