package org.trialmatch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.analysis.Analysis;
import org.trialmatch.analysis.AnalysisConfig;
import org.trialmatch.analysis.AnalysisInputs;
import org.trialmatch.analysis.SyntheticInputs;

/**
 * Two sessions, two areas; the data has a hidden bimodal mode in area 2 (responding or quiet) that
 * the model lacks. The report must contain every key, figure and the page, and its clustering must
 * find the quiet mode in the data with a different share in the model.
 */
class ReportEndToEndTest {

  @Test
  void writesTheWholeReport(@TempDir Path dir) throws Exception {
    AnalysisInputs in = SyntheticInputs.build(2, 60, true, ReportFixtures.metricsCsv(dir), 7);
    Path out = dir.resolve("report");
    ReportOutput ro = Report.write(in, AnalysisConfig.defaults(3), out);

    JsonNode j = new ObjectMapper().readTree(ro.analysisJson().toFile());
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = j.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    assertEquals(AnalysisJson.KEYS, keys);
    assertTrue(j.get("modes").get("umap").asText().startsWith("not available: "));
    assertEquals("pca", j.get("modes").get("embedding").asText());
    assertEquals(2, j.get("t_neuron").get("per_area").size());
    assertTrue(j.get("t_neuron").get("all").get("model").get("mean").asDouble() > 0.5);
    assertTrue(j.get("t_trial").get("all").get("ceiling").get("n").asInt() > 0);
    assertTrue(j.get("training").get("present").asBoolean());
    assertEquals(21, j.get("training").get("rows").asInt());
    assertEquals(2, j.get("connectivity").get("pre_post").size());
    assertEquals(0.03, j.get("connectivity").get("pre_post").get(1).get(1).asDouble(), 1e-12);

    // the hidden mode: one cluster holds the quiet (Miss) data trials and (almost) no model trial
    JsonNode modes = j.get("modes");
    assertTrue(modes.get("computed").asBoolean());
    JsonNode quiet = null;
    for (JsonNode c : modes.get("clusters")) {
      if (c.get("data_trial_types").has("stim/Miss")) {
        assertTrue(quiet == null, "the Miss trials are split over clusters");
        quiet = c;
      }
    }
    assertNotNull(quiet);
    JsonNode missRow = j.get("trial_types").get("rows").get(1);
    assertEquals("stim/Miss", missRow.get("type").asText());
    assertEquals(missRow.get("data").get("count").asInt(), quiet.get("data_trial_types").get("stim/Miss").asInt());
    double dataShare = quiet.get("data_share").get("fraction").asDouble();
    double modelShare = quiet.get("model_share").get("fraction").asDouble();
    assertTrue(dataShare > 0.1 && dataShare < 0.35, "data share of the quiet mode " + dataShare);
    assertTrue(quiet.get("model_share").get("ci95").get(1).asDouble() < quiet.get("data_share").get("ci95").get(0)
        .asDouble(), "model share " + modelShare + " should lie below the data's interval");

    // every figure on disk, PNG of its size and SVG
    JsonNode figs = j.get("figures");
    assertEquals(ro.figures().size(), figs.size());
    assertTrue(figs.size() >= 14);
    for (JsonNode f : figs) {
      Path png = out.resolve(f.get("png").asText());
      Path svg = out.resolve(f.get("svg").asText());
      assertTrue(Files.size(png) > 1000, png.toString());
      assertTrue(Files.size(svg) > 1000, svg.toString());
      BufferedImage img = ImageIO.read(png.toFile());
      assertEquals(f.get("width").asInt(), img.getWidth());
      assertEquals(f.get("height").asInt(), img.getHeight());
    }

    // one self-contained page with every figure embedded
    String html = Files.readString(ro.indexHtml(), StandardCharsets.UTF_8);
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.trim().endsWith("</html>"));
    Matcher m = Pattern.compile("<img [^>]*src=\"([^\"]*)\"").matcher(html);
    int images = 0;
    while (m.find()) {
      assertTrue(m.group(1).startsWith("data:image/png;base64,"), "external image " + m.group(1));
      images++;
    }
    assertEquals(figs.size(), images);
    assertFalse(html.contains("<script"));
    assertFalse(html.contains("<link"));
    assertTrue(html.contains("t_neuron = <b>"));
    assertTrue(html.contains("Embedding: UMAP is not available"));
    assertEquals(1, html.split("UMAP is not available", -1).length - 1, "the UMAP note once, in the methods note");

    // nothing half-written left behind
    try (Stream<Path> files = Files.list(out)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }

  @Test
  void sameSeedSameNumbers() {
    AnalysisInputs in = SyntheticInputs.build(2, 30, false, null, 5);
    JsonNode a = AnalysisJson.build(in, Analysis.run(in, AnalysisConfig.defaults(9)), List.of());
    JsonNode b = AnalysisJson.build(in, Analysis.run(in, AnalysisConfig.defaults(9)), List.of());
    assertEquals(a, b);
  }
}
