package org.trialmatch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.analysis.Analysis;
import org.trialmatch.analysis.AnalysisConfig;
import org.trialmatch.analysis.AnalysisInputs;
import org.trialmatch.analysis.AnalysisResult;
import org.trialmatch.analysis.SyntheticInputs;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Every figure renders headless to a PNG of its size with content, and to a well-formed SVG of the same size. */
class FiguresRenderTest {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private static List<String> names(List<Figure> figures) {
    List<String> n = new ArrayList<>();
    for (Figure f : figures) {
      n.add(f.name());
    }
    return n;
  }

  @Test
  void everyFigureOfAFullRunRenders(@TempDir Path dir) throws Exception {
    AnalysisInputs in = SyntheticInputs.build(2, 40, true, ReportFixtures.metricsCsv(dir), 11);
    AnalysisResult r = Analysis.run(in, AnalysisConfig.defaults(1));
    List<Figure> figures = Figures.all(in, r);
    assertEquals(List.of("raster_data", "raster_model", "psth_0_area1", "psth_1_area2", "t_neuron", "t_trial",
        "psth_conditions_0_area1", "psth_unit_0_area1_1", "psth_unit_0_area1_2", "psth_unit_0_area1_3",
        "psth_unit_0_area1_4", "psth_conditions_1_area2", "psth_unit_1_area2_1", "psth_unit_1_area2_2",
        "psth_unit_1_area2_3", "psth_unit_1_area2_4", "t_neuron_dist_0_area1", "t_neuron_dist_1_area2", "t_trial_dist",
        "t_trial_dist_0_area1", "t_trial_dist_1_area2", "embedding_source", "embedding_clusters",
        "modes_activity_0_area1", "modes_activity_1_area2", "modes_behaviour", "matched_raster_1", "matched_raster_2",
        "matched_raster_3", "trial_types", "behaviour", "connectivity", "training_losses", "training_metrics"),
        names(figures));
    assertEquals(List.of(), Figures.page(in, r).notes, "every figure has something to show");
    for (Figure f : figures) {
      checkRenders(f);
    }
  }

  @Test
  void figuresWithoutTheirContentStillRender(@TempDir Path dir) throws Exception {
    AnalysisInputs full = SyntheticInputs.build(1, 30, false, dir.resolve("absent.csv"), 12);
    AnalysisInputs.Builder b = AnalysisInputs.builder("bare", full.areaNames(), full.dtMs())
        .windowStartMs(full.windowStartMs());
    full.sessions().forEach(b::session);
    AnalysisInputs in = b.build();
    AnalysisResult r = Analysis.run(in, AnalysisConfig.defaults(1).withMinUnitsPerArea(100));
    List<Figure> figures = Figures.all(in, r);
    assertEquals(List.of("raster_data", "raster_model", "psth_0_area1", "psth_1_area2", "t_neuron", "t_trial",
        "psth_conditions_0_area1", "psth_unit_0_area1_1", "psth_unit_0_area1_2", "psth_unit_0_area1_3",
        "psth_unit_0_area1_4", "psth_conditions_1_area2", "psth_unit_1_area2_1", "psth_unit_1_area2_2",
        "psth_unit_1_area2_3", "psth_unit_1_area2_4", "t_neuron_dist_0_area1", "t_neuron_dist_1_area2",
        "embedding_source", "embedding_clusters", "trial_types", "connectivity", "training_losses",
        "training_metrics"), names(figures));
    // no trial features (no area reaches 100 units) and no behaviour: the page says so instead of empty plots
    List<String> notes = new ArrayList<>();
    for (FigureNote n : Figures.page(in, r).notes) {
      notes.add(n.name());
    }
    assertEquals(List.of("t_trial_dist", "matched_raster", "behaviour"), notes);
    for (Figure f : figures) {
      checkRenders(f);
    }
  }

  static void checkRenders(Figure f) throws Exception {
    assertTrue(f.title() != null && !f.title().isBlank(), f.name() + " has no title");
    int expectedHeight = f.name().contains("raster") ? Figures.RASTER_HEIGHT : Figures.HEIGHT;
    assertEquals(Figures.WIDTH, f.width(), f.name());
    assertEquals(expectedHeight, f.height(), f.name());
    byte[] png = ChartRenderer.png(f.chart());
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertNotNull(img, f.name() + ": not a PNG");
    assertEquals(Figures.WIDTH, img.getWidth(), f.name());
    assertEquals(expectedHeight, img.getHeight(), f.name());
    int ink = 0;
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        int rgb = img.getRGB(x, y) & 0xFFFFFF;
        if (rgb != 0xFFFFFF) {
          ink++;
        }
      }
    }
    assertTrue(ink > 500, f.name() + ": nearly blank PNG (" + ink + " non-white samples)");
    String svg = ChartRenderer.svg(f.chart());
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document doc = dbf.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    assertEquals("svg", doc.getDocumentElement().getTagName(), f.name());
    assertEquals(Integer.toString(Figures.WIDTH), doc.getDocumentElement().getAttribute("width"), f.name());
    assertEquals(Integer.toString(expectedHeight), doc.getDocumentElement().getAttribute("height"), f.name());
    assertTrue(doc.getElementsByTagName("path").getLength() + doc.getElementsByTagName("text").getLength() > 10,
        f.name() + ": empty SVG");
  }
}
