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

/** The demo's plumbing on the committed data with a handful of steps (the full demo is a command). */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void writesTheSummaryForThreeVariants() throws IOException {
    Path out = dir.resolve("demo");
    CliRunner.Result r = CliRunner.run("demo", "--quiet", "--out", out.toString(), "--steps", "2", "--model-trials",
        "40");
    assertEquals(0, r.code(), r.err());
    JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    double data = s.at("/data/response_fraction").asDouble();
    // The artificial data respond on ~80 % of trials; the rule must see that in the data.
    assertTrue(data > 0.65 && data < 0.95, "data response fraction " + data);
    assertTrue(s.at("/data/n_trials").asInt() > 0);
    for (String v : List.of("no_tm", "hard_tm", "soft_tm")) {
      JsonNode n = s.at("/variants/" + v);
      for (String k : List.of("response_fraction", "n_trials", "psth_corr", "trial_matched_corr", "tm_distance",
          "steps", "seconds")) {
        assertTrue(n.has(k), v + " lacks " + k);
      }
      assertEquals(2, n.get("steps").asInt());
      assertTrue(Files.isRegularFile(out.resolve(v).resolve("metrics.csv")));
      assertTrue(Files.isRegularFile(out.resolve(v).resolve("report").resolve("index.html")));
      assertTrue(Files.isRegularFile(out.resolve(v).resolve("report").resolve("analysis.json")));
    }
    assertTrue(r.out().contains("soft_tm"), r.out());
  }

  @Test
  void badOptionsAreUsageErrorsBeforeAnyWork() {
    Path out = dir.resolve("bad");
    CliRunner.Result r = CliRunner.run("demo", "--quiet", "--out", out.toString(), "--model-trials", "0");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--model-trials: must be >= 1, was 0"), r.err());
    assertTrue(!Files.exists(out), "nothing written");
  }
}
