package org.trialmatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's plumbing on the committed data with a handful of steps (the full demo is a command). */
class DemoCommandTest {
  @TempDir Path dir;

  /** summary.json path -> the same number's path in the variant's report/analysis.json. */
  private static final Map<String, String> SAME = Map.of(
      "/scores/psth_corr", "/t_neuron/all/model/mean",
      "/scores/psth_corr_ceiling", "/t_neuron/all/ceiling/mean",
      "/scores/units", "/t_neuron/all/model/n",
      "/scores/trial_matched_corr", "/t_trial/all/model/mean",
      "/scores/trial_matched_corr_ceiling", "/t_trial/all/ceiling/mean",
      "/scores/tm_distance", "/t_trial/tm_distance",
      "/scores/response/data_fraction", "/response/window/data_fraction",
      "/scores/response/model_fraction", "/response/window/model_fraction",
      "/scores/response/model_trials", "/response/window/model_trials",
      "/scores/response/peak_model_fraction", "/response/peak/model_fraction");

  @Test
  void theSummaryAndEveryReportScoreTheSameModelTrials() throws IOException {
    Path out = dir.resolve("demo");
    CliRunner.Result r = CliRunner.run("demo", "--quiet", "--out", out.toString(), "--steps", "2", "--model-trials",
        "40");
    assertEquals(0, r.code(), r.err());
    ObjectMapper m = new ObjectMapper();
    JsonNode s = m.readTree(out.resolve("summary.json").toFile());
    assertEquals(1, s.get("evaluation_seed").asLong(), "seed + 1");
    for (String v : List.of("no_tm", "hard_tm", "soft_tm")) {
      JsonNode n = s.at("/variants/" + v);
      assertEquals(2, n.get("steps").asInt());
      assertTrue(Files.isRegularFile(out.resolve(v).resolve("metrics.csv")));
      assertTrue(Files.isRegularFile(out.resolve(v).resolve("report").resolve("index.html")));
      JsonNode a = m.readTree(out.resolve(v).resolve("report").resolve("analysis.json").toFile());
      assertEquals("1", a.at("/metadata/seed").asText(), "the report's model trials have the summary's seed");
      for (Map.Entry<String, String> e : SAME.entrySet()) {
        JsonNode x = n.at(e.getKey());
        JsonNode y = a.at(e.getValue());
        assertTrue(!x.isMissingNode() && !y.isMissingNode(), v + ": " + e);
        assertEquals(y.asDouble(), x.asDouble(), 0.0, v + ": " + e.getKey() + " vs " + e.getValue());
      }
      assertEquals(40, n.at("/scores/response/model_trials").asInt(), "distinct model trials");
    }
    double data = s.at("/variants/no_tm/scores/response/data_fraction").asDouble();
    // The artificial data respond on ~80 % of trials; the rule must see that in the data.
    assertTrue(data > 0.65 && data < 0.95, "data response fraction " + data);
    assertTrue(r.out().contains("soft_tm"), r.out());
    // one page for the three runs: the headline numbers of summary.json, a link to each report and back
    String page = Files.readString(out.resolve("index.html"));
    assertTrue(page.contains(String.format(java.util.Locale.ROOT, "data <b>%.3f</b>", data)), page);
    for (String v : List.of("no_tm", "hard_tm", "soft_tm")) {
      assertTrue(page.contains("href=\"" + v + "/report/index.html\""), page);
      assertTrue(page.contains(String.format(java.util.Locale.ROOT, "<td>%.3f</td>",
          s.at("/variants/" + v + "/scores/response/model_fraction").asDouble())), v + ": " + page);
      assertTrue(Files.readString(out.resolve(v).resolve("report").resolve("index.html"))
          .contains("href=\"../../index.html\""), v + " links the comparison");
    }
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
