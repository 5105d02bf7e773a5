package org.trialmatch.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.trialmatch.analysis.TaskEvent;

/**
 * Pieces shared by the figures drawn over time: shaded standard-error bands, task-event lines, a y range
 * that leaves room for the event names, and a legend that stays inside the image.
 */
final class ChartParts {
  /** Dashed line of the model when colour encodes the condition. */
  static final BasicStroke DASHED = new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10.0f,
      new float[] {7.0f, 4.0f}, 0.0f);
  private static final Color EVENT_LINE = new Color(0x77, 0x77, 0x77);

  private ChartParts() {}

  /**
   * A band mean ± sem as a filled polygon, not in the legend; nothing when every sem is NaN. NaN sems of
   * single bins count as 0.
   *
   * @param c the chart
   * @param name series name (unique in the chart)
   * @param x times
   * @param mean the mean
   * @param sem its standard error
   * @param color the band's colour (drawn translucent)
   * @param alpha opacity of the fill, 0-255
   */
  static void band(XYChart c, String name, double[] x, double[] mean, double[] sem, Color color, int alpha) {
    int n = x.length;
    boolean any = false;
    for (double s : sem) {
      any |= Double.isFinite(s);
    }
    if (!any || n == 0) {
      return;
    }
    double[] px = new double[2 * n];
    double[] py = new double[2 * n];
    for (int i = 0; i < n; i++) {
      double s = Double.isFinite(sem[i]) ? sem[i] : 0.0;
      px[i] = x[i];
      py[i] = mean[i] + s;
      px[2 * n - 1 - i] = x[i];
      py[2 * n - 1 - i] = mean[i] - s;
    }
    XYSeries b = c.addSeries(name, px, py);
    b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    b.setMarker(SeriesMarkers.NONE);
    Color fill = new Color(color.getRed(), color.getGreen(), color.getBlue(), alpha);
    b.setFillColor(fill);
    b.setLineColor(fill);
    b.setShowInLegend(false);
  }

  /**
   * Sets the y axis to {@code [lo, hi]} widened by 5 % below and, with events, 14 % above (room for their
   * names), then draws each event as a grey vertical line named at the top.
   *
   * @param c the chart
   * @param events the task events (may be empty)
   * @param lo lowest value drawn
   * @param hi highest value drawn
   */
  static void yRangeAndEvents(XYChart c, List<TaskEvent> events, double lo, double hi) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
      return;
    }
    double span = hi > lo ? hi - lo : Math.max(1.0, Math.abs(hi));
    double top = hi + span * (events.isEmpty() ? 0.05 : 0.14);
    c.getStyler().setYAxisMin(lo - 0.05 * span);
    c.getStyler().setYAxisMax(top);
    if (events.isEmpty()) {
      return;
    }
    c.getStyler().setAnnotationLineColor(EVENT_LINE);
    c.getStyler().setAnnotationLineStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10.0f,
        new float[] {3.0f, 3.0f}, 0.0f));
    c.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    c.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
    for (int i = 0; i < events.size(); i++) {
      TaskEvent e = events.get(i);
      c.addAnnotation(new AnnotationLine(e.timeMs(), true, false));
      // alternate two heights so that names of close events do not overlap
      double y = hi + span * (i % 2 == 0 ? 0.10 : 0.04);
      c.addAnnotation(new AnnotationText(e.name(), e.timeMs(), y, false));
    }
  }

  /**
   * Keeps the legend inside the image: below the plot in one row when its entries fit the width, else to
   * the right of the plot, one entry per line.
   *
   * @param c the chart
   */
  static void fitLegend(Chart<?, ?> c) {
    Styler st = c.getStyler();
    if (!st.isLegendVisible() || st.getLegendPosition() != Styler.LegendPosition.OutsideS) {
      return;
    }
    if (legendWidth(c) > c.getWidth() - 20) {
      st.setLegendPosition(Styler.LegendPosition.OutsideE);
      st.setLegendLayout(Styler.LegendLayout.Vertical);
    }
  }

  /** Estimated width of the one-row legend, pixels: per entry its text, its line sample and paddings. */
  static int legendWidth(Chart<?, ?> c) {
    Styler st = c.getStyler();
    Font font = st.getLegendFont();
    BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    try {
      FontMetrics fm = g.getFontMetrics(font);
      int w = 2 * st.getLegendPadding() + 12;
      for (Object o : c.getSeriesMap().values()) {
        Series s = (Series) o;
        if (!s.isShowInLegend()) {
          continue;
        }
        w += fm.stringWidth(s.getLabel()) + st.getLegendSeriesLineLength() + 3 * st.getLegendPadding();
      }
      return w;
    } finally {
      g.dispose();
    }
  }

  /**
   * @param values arrays of values (empty arrays and NaN ignored)
   * @return {min, max} over all finite values, NaN when none
   */
  static double[] range(List<double[]> values) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] v : values) {
      for (double x : v) {
        if (Double.isFinite(x)) {
          lo = Math.min(lo, x);
          hi = Math.max(hi, x);
        }
      }
    }
    return lo > hi ? new double[] {Double.NaN, Double.NaN} : new double[] {lo, hi};
  }

  /**
   * @param mean a mean
   * @param sem its standard error (NaN counts as 0)
   * @param sign +1 for the upper edge, -1 for the lower
   * @return mean + sign * sem per bin
   */
  static double[] edge(double[] mean, double[] sem, int sign) {
    double[] out = new double[mean.length];
    for (int i = 0; i < out.length; i++) {
      double s = i < sem.length && Double.isFinite(sem[i]) ? sem[i] : 0.0;
      out[i] = mean[i] + sign * s;
    }
    return out;
  }
}
