package org.trialmatch.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.analysis.AnalysisConfig;
import org.trialmatch.analysis.TaskEvent;
import org.trialmatch.cli.CliRunner;
import org.trialmatch.report.ReportOutput;
import org.trialmatch.testing.TestData;
import org.trialmatch.testing.TinyRuns;
import org.trialmatch.train.Fit;
import org.trialmatch.train.RunDirectory;

/**
 * The report of runs on real recordings holds what a neuroscientist checks first: PSTHs by condition of
 * the population and of chosen units, the lick rates by condition, rasters of matched trial pairs, the
 * distributions of t_neuron and t_trial against their ceilings, and, for a stitched run, the stitching
 * table. Tiny fits (a few steps): the test checks the sections, not the quality of the fit.
 */
class RealDataReportTest {
  @TempDir Path dir;

  private static String html(ReportOutput o) throws IOException {
    return Files.readString(o.indexHtml());
  }

  private static List<String> figureNames(JsonNode j) {
    List<String> names = new ArrayList<>();
    j.get("figures").forEach(f -> names.add(f.get("name").asText()));
    return names;
  }

  @Test
  void theAlmReportShowsConditionsLickRatesMatchedPairsAndScoreDistributions() throws IOException {
    Path run = TinyRuns.alm(dir);
    ReportOutput o;
    RunEvaluation ev;
    try (Fit fit = Fit.load(RunDirectory.at(run))) {
      ev = RunEvaluation.of(fit, RunDirectory.at(run), 40, 1, AnalysisConfig.defaults(1), null);
    }
    // the window is -0.4..0.4 s around the cue: pole in and pole out lie before it
    assertEquals(List.of(new TaskEvent("cue start", 0.0)), ev.inputs().events());
    assertTrue(ev.inputs().sessions().get(0).unitLabel(0).startsWith("id "), "NWB unit ids label the units");
    o = ev.writeReport(dir.resolve("report"));
    JsonNode j = new ObjectMapper().readTree(o.analysisJson().toFile());
    List<String> names = figureNames(j);
    for (String n : List.of("psth_conditions_0_ALM", "psth_unit_0_ALM_1", "psth_unit_0_ALM_2", "psth_unit_0_ALM_3",
        "psth_unit_0_ALM_4", "t_neuron_dist_0_ALM", "t_trial_dist", "matched_raster_1", "behaviour_1", "behaviour_2")) {
      assertTrue(names.contains(n), "figure " + n + " in " + names);
    }
    assertTrue(!names.contains("t_trial_dist_0_ALM"), "one area: no per-area t_trial histogram");
    JsonNode beh = j.get("behaviour").get("per_condition");
    assertEquals(2, beh.size(), "two lick channels");
    assertEquals("lick left", beh.get(0).get("conditions").get(0).get("condition").asText());
    assertEquals("lick right", beh.get(0).get("conditions").get(1).get("condition").asText());
    JsonNode units = j.get("psth").get("by_condition").get("per_area").get(0).get("chosen_units");
    assertEquals(4, units.size());
    for (int i = 1; i < units.size(); i++) {
      assertTrue(units.get(i - 1).get("ceiling").asDouble() >= units.get(i).get("ceiling").asDouble(),
          "chosen by decreasing ceiling");
    }
    String html = html(o);
    for (String id : List.of("conditions", "t_neuron_distribution", "t_trial_distribution", "matched_pairs",
        "psth_conditions_0_ALM", "matched_raster_1", "behaviour_1")) {
      assertTrue(html.contains("id=\"" + id + "\""), "no " + id + " on the page");
    }
    assertTrue(html.contains("Grey lines: task events at their median time over the test trials (cue start 0 ms)"));
    assertTrue(html.contains("chosen as the 4 units of the area with the highest t_neuron ceiling"));
    assertTrue(html.contains("the pairs at the 10th, 50th and 90th percentile of the per-pair correlation"));
  }

  @Test
  void aStitchedRunOverBothHemispheresHasItsFiguresPerAreaAndTheStitchingTable() throws IOException {
    List<String> sessions = List.of("sub-anm369962_ses-20170309", "sub-anm369962_ses-20170316",
        "sub-anm369963_ses-20170309", "sub-anm372795_ses-20170714");
    StringBuilder files = new StringBuilder();
    for (String s : sessions) {
      files.append(files.length() == 0 ? "" : ",").append('"').append(TestData.dandi000006(s).toAbsolutePath())
          .append('"');
    }
    String json = "{\"data\":{\"preset\":\"delayed-response\",\"files\":[" + files + "],\"startS\":-0.4,\"stopS\":0.4,"
        + "\"areaRule\":\"location:brain_region+hemisphere\"},"
        + "\"model\":{\"preset\":\"figure2\",\"nUnits\":40,\"nInputs\":20,\"areas\":[\"ALM-left\",\"ALM-right\"],"
        + "\"motorAreas\":[\"ALM-left\"],\"hiddenUnits\":true},"
        + "\"loss\":{\"matching\":\"sinkhorn\",\"minUnits\":1},"
        + "\"train\":{\"steps\":2,\"modelTrials\":8,\"validateEvery\":2}}";
    Path cfg = dir.resolve("stitched.json");
    Files.writeString(cfg, json);
    Path run = dir.resolve("run");
    CliRunner.Result fit = CliRunner.run("fit", "--quiet", "--config", cfg.toString(), "--out", run.toString());
    assertEquals(0, fit.code(), fit.err());
    CliRunner.Result an = CliRunner.run("analyze", "--quiet", "--run", run.toString(), "--trials", "40",
        "--min-units", "1");
    assertEquals(0, an.code(), an.err());
    Path report = run.resolve("report");
    JsonNode j = new ObjectMapper().readTree(report.resolve("analysis.json").toFile());
    List<String> names = figureNames(j);
    for (String n : List.of("psth_conditions_0_ALM-left", "psth_conditions_1_ALM-right", "psth_unit_0_ALM-left_1",
        "psth_unit_1_ALM-right_1", "t_neuron_dist_0_ALM-left", "t_neuron_dist_1_ALM-right", "t_trial_dist",
        "t_trial_dist_0_ALM-left", "t_trial_dist_1_ALM-right", "matched_raster_1")) {
      assertTrue(names.contains(n), "figure " + n + " in " + names);
    }
    JsonNode perArea = j.get("psth").get("by_condition").get("per_area");
    int units = perArea.get(0).get("units").asInt() + perArea.get(1).get("units").asInt();
    assertEquals(11, units, "every recorded unit of the four sessions stands in one population");
    String html = Files.readString(report.resolve("index.html"));
    assertTrue(html.contains("<h2 id=\"stitching\">Stitching</h2>"), "no stitching section");
    assertTrue(html.contains("sessions are combined with weights equal to their units in the area"));
    for (String s : sessions) {
      assertTrue(html.contains("<tr><td class=\"l\">" + s + "</td>"), "no stitching row for " + s);
    }
  }
}
