package org.trialmatch.report;

import java.awt.Dimension;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.batik.svggen.SVGGraphics2D;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.w3c.dom.Document;

/**
 * Renders charts headless: PNG through XChart's bitmap encoder, SVG by painting the chart on
 * Batik's SVG generator (Apache-2.0).
 */
public final class ChartRenderer {
  private ChartRenderer() {}

  /**
   * @param chart a chart
   * @return its PNG bytes ({@code chart.getWidth() x chart.getHeight()} pixels)
   * @throws IOException if encoding fails
   */
  public static byte[] png(Chart<?, ?> chart) throws IOException {
    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
  }

  /**
   * @param chart a chart
   * @return an SVG document of the same size
   * @throws IOException if the SVG cannot be produced
   */
  public static String svg(Chart<?, ?> chart) throws IOException {
    Document doc;
    try {
      doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IOException("no XML document builder for SVG output", e);
    }
    SVGGraphics2D g = new SVGGraphics2D(doc);
    g.setSVGCanvasSize(new Dimension(chart.getWidth(), chart.getHeight()));
    chart.paint(g, chart.getWidth(), chart.getHeight());
    StringWriter w = new StringWriter();
    g.stream(w, true);
    g.dispose();
    return w.toString();
  }

  /**
   * Writes {@code dir/name.png} and {@code dir/name.svg}, each through a temporary file.
   *
   * @param figure the figure
   * @param dir output directory
   * @return the PNG bytes (for embedding)
   * @throws IOException on failure
   */
  public static byte[] write(Figure figure, Path dir) throws IOException {
    byte[] png = png(figure.chart());
    AtomicFiles.write(dir.resolve(figure.name() + ".png"), png);
    AtomicFiles.write(dir.resolve(figure.name() + ".svg"), svg(figure.chart()));
    return png;
  }
}
