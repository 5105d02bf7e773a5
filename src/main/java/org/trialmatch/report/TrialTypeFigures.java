package org.trialmatch.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.trialmatch.analysis.AnalysisResult;
import org.trialmatch.analysis.TrialTypeRow;

/** The trial-type figure: the share of each condition/outcome among test and model trials, with Wilson intervals. */
final class TrialTypeFigures {
  private TrialTypeFigures() {}

  static Figure fractions(AnalysisResult r) {
    boolean comparable = r.trialTypes().modelComparable();
    // without model fractions, a type no test trial has (e.g. an unread outcome '?') is not drawn
    List<TrialTypeRow> rows = r.trialTypes().rows().stream()
        .filter(row -> comparable || row.data().p() > 0).toList();
    XYChart c = Figures.xy("Trial-type fractions (95% Wilson intervals)", "trial type", "fraction of trials",
        Figures.HEIGHT);
    if (rows.isEmpty()) {
      Figures.say(c, "no trial types");
      return new Figure("trial_types", Figures.SECTION_TYPES, "No trial types.", c);
    }
    int n = rows.size();
    boolean model = comparable;
    for (int src = 0; src < (model ? 2 : 1); src++) {
      double off = src == 0 ? -0.12 : 0.12;
      double[] x = new double[n];
      double[] y = new double[n];
      double[] ix = new double[3 * n];
      double[] iy = new double[3 * n];
      for (int i = 0; i < n; i++) {
        var p = src == 0 ? rows.get(i).data() : rows.get(i).model();
        x[i] = i + off;
        y[i] = p.p();
        ix[3 * i] = i + off;
        ix[3 * i + 1] = i + off;
        ix[3 * i + 2] = Double.NaN;
        iy[3 * i] = p.lo();
        iy[3 * i + 1] = p.hi();
        iy[3 * i + 2] = Double.NaN;
      }
      Color col = src == 0 ? Palette.DATA : Palette.MODEL;
      String who = src == 0 ? "data (test, n=" + r.trialTypes().dataTrials() + ")"
          : "model (n=" + r.trialTypes().modelTrials() + ")";
      XYSeries pts = Figures.scatter(c, who, x, y, col, src == 0 ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
      pts.setMarkerColor(col);
      XYSeries ci = Figures.line(c, who.replaceFirst(" \\(.*", "") + " 95% interval", ix, iy, col, Figures.SOLID);
      ci.setLineWidth(2.5f);
    }
    c.getStyler().setMarkerSize(10);
    c.getStyler().setXAxisMin(-0.5);
    c.getStyler().setXAxisMax(n - 0.5);
    // category labels: XChart's numeric axis has no category ticks, so the labels are drawn in a band below
    // 0 whose tick labels are left blank (a fraction is never negative)
    c.getStyler().setYAxisMin(-0.1);
    c.getStyler().setYAxisMax(1.0);
    c.getStyler().setyAxisTickLabelsFormattingFunction(v -> v < -1e-9 ? "" : new java.text.DecimalFormat("0.#",
        java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)).format(v));
    c.getStyler().setXAxisTicksVisible(false);
    c.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    c.getStyler().setAnnotationTextFontColor(Color.BLACK);
    for (int i = 0; i < n; i++) {
      c.addAnnotation(new AnnotationText(rows.get(i).label(), i, -0.055, false));
    }
    double[] zx = {-0.5, n - 0.5};
    XYSeries zero = Figures.line(c, "zero", zx, new double[] {0, 0}, Color.GRAY, new BasicStroke(1f));
    zero.setShowInLegend(false);
    return new Figure("trial_types", Figures.SECTION_TYPES, model ? "Share of each trial type among the test trials "
        + "and among the model trials, with 95% Wilson score intervals." : "Share of each trial type among the test trials, with "
        + "95% Wilson score intervals; " + r.trialTypes().modelNote() + ".", c);
  }
}
