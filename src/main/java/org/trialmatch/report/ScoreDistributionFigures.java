package org.trialmatch.report;

import java.awt.BasicStroke;
import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.trialmatch.analysis.AnalysisInputs;
import org.trialmatch.analysis.AnalysisResult;
import org.trialmatch.analysis.Histogram;
import org.trialmatch.analysis.MatchedPairs;
import org.trialmatch.analysis.Stats;

/**
 * The distributions behind the mean scores: per area, the per-unit t_neuron against its per-unit
 * train-vs-test ceiling, and the per-pair t_trial against the per-pair ceiling (over the whole feature
 * vector, and per area block when there are several areas), as histograms in bins of
 * {@value #BIN_WIDTH} over [−1, 1], each normalised to its number of values.
 */
final class ScoreDistributionFigures {
  static final String SECTION_NEURON = "scores_neuron";
  static final String SECTION_TRIAL = "scores_trial";
  static final double BIN_WIDTH = 0.1;
  private static final int BINS = 20;
  private static final BasicStroke MEAN_LINE = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
      10.0f, new float[] {4.0f, 3.0f}, 0.0f);

  private ScoreDistributionFigures() {}

  static void add(FigurePage page, AnalysisInputs in, AnalysisResult r) {
    double[] model = r.tNeuron().model();
    double[] ceiling = r.tNeuron().ceiling();
    int[] area = r.tNeuron().areaOfUnit();
    int nA = in.areaNames().size();
    for (int a = 0; a < nA; a++) {
      final int inArea = a;
      String name = in.areaNames().get(a);
      String stem = "t_neuron_dist_" + a + "_" + Figures.safe(name);
      double[] m = Stats.select(model, k -> area[k] == inArea);
      double[] c = Stats.select(ceiling, k -> area[k] == inArea);
      if (Histogram.of(c, -1, 1, BINS).total() == 0) {
        page.note(stem, SECTION_NEURON, "t_neuron distribution of " + name + ": not drawn, no unit of this area has a "
            + "defined score (" + m.length + " recorded units; a unit with a constant test or train PSTH, or below the "
            + "rate filter, is left out).");
        continue;
      }
      page.add(figure(stem, SECTION_NEURON, "t_neuron per unit, " + name, "fraction of units", m, c,
          "model vs test", "ceiling: train vs test", "units", "Per recorded unit of " + name + ", the Pearson "
              + "correlation over time of its F1-filtered trial-averaged PSTH: model vs test data (t_neuron) and train"
              + " vs test data (its ceiling), over the same units; histograms in bins of " + BIN_WIDTH + ", each "
              + "normalised to its number of units; dashed vertical lines: the means. A unit whose model PSTH is "
              + "constant scores 0."));
    }
    MatchedPairs mp = r.tTrial().modelMatches();
    MatchedPairs cp = r.tTrial().ceilingMatches();
    if (mp.size() == 0 && cp.size() == 0) {
      page.note("t_trial_dist", SECTION_TRIAL, "t_trial distribution: not drawn, no session had matched pairs "
          + "(see the t_trial per session table).");
      return;
    }
    String pairs = "Per matched pair, the Pearson correlation of the two trials' feature vectors (per-area F2∘F1 "
        + "population rates, and behaviour when the features hold it, z-scored): test trial vs its matched model trial "
        + "(t_trial) and test trial vs its matched training trial (ceiling); histograms in bins of " + BIN_WIDTH
        + ", each normalised to its number of pairs; dashed vertical lines: the means.";
    page.add(figure("t_trial_dist", SECTION_TRIAL, "t_trial per matched pair, all features", "fraction of pairs",
        mp.correlations(), cp.correlations(), "model vs test", "ceiling: train vs test", "pairs", pairs));
    if (nA < 2) {
      return;
    }
    for (int a = 0; a < nA; a++) {
      String name = in.areaNames().get(a);
      double[] m = mp.areaCorrelations(a);
      double[] c = cp.areaCorrelations(a);
      String stem = "t_trial_dist_" + a + "_" + Figures.safe(name);
      if (Histogram.of(m, -1, 1, BINS).total() + Histogram.of(c, -1, 1, BINS).total() == 0) {
        page.note(stem, SECTION_TRIAL, "t_trial distribution of " + name + ": not drawn, the area entered the trial "
            + "features of no session (fewer units than the minimum per area in every session).");
        continue;
      }
      page.add(figure(stem, SECTION_TRIAL, "t_trial per matched pair, " + name + " block", "fraction of pairs", m, c,
          "model vs test", "ceiling: train vs test", "pairs", "The same pairs as in the figure over all features, "
              + "scored on the block of " + name + " only (the matching is not redone)."));
    }
  }

  private static Figure figure(String stem, String section, String title, String yTitle, double[] model,
      double[] ceiling, String modelName, String ceilingName, String what, String caption) {
    XYChart c = Figures.xy(title, "Pearson r", yTitle, Figures.HEIGHT);
    Histogram hm = Histogram.of(model, -1, 1, BINS);
    Histogram hc = Histogram.of(ceiling, -1, 1, BINS);
    double top = Math.max(peak(hc), peak(hm));
    outline(c, hc, ceilingName + " (" + hc.total() + " " + what + ", mean " + Figures.fmt(hc.mean()) + ")",
        Palette.DATA, top);
    outline(c, hm, modelName + " (" + hm.total() + " " + what + ", mean " + Figures.fmt(hm.mean()) + ")",
        Palette.MODEL, top);
    c.getStyler().setXAxisMin(-1.0);
    c.getStyler().setXAxisMax(1.0);
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisDecimalPattern("0.00");
    c.getStyler().setYAxisMax(top > 0 ? top * 1.1 : 1.0);
    ChartParts.fitLegend(c);
    return new Figure(stem, section, caption, c);
  }

  private static double peak(Histogram h) {
    double p = 0;
    int n = h.total();
    for (int i = 0; i < h.bins() && n > 0; i++) {
      p = Math.max(p, h.count(i) / (double) n);
    }
    return p;
  }

  /** A histogram as a translucent filled step outline, plus a dashed line at its mean. */
  private static void outline(XYChart c, Histogram h, String label, Color color, double top) {
    int n = h.total();
    if (n == 0) {
      return;
    }
    int b = h.bins();
    double[] x = new double[2 * b + 2];
    double[] y = new double[2 * b + 2];
    x[0] = h.lowerEdge(0);
    y[0] = 0;
    for (int i = 0; i < b; i++) {
      double f = h.count(i) / (double) n;
      x[1 + 2 * i] = h.lowerEdge(i);
      y[1 + 2 * i] = f;
      x[2 + 2 * i] = h.upperEdge(i);
      y[2 + 2 * i] = f;
    }
    x[2 * b + 1] = h.upperEdge(b - 1);
    y[2 * b + 1] = 0;
    XYSeries fill = c.addSeries(label + " fill", x, y);
    fill.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    fill.setMarker(SeriesMarkers.NONE);
    Color translucent = new Color(color.getRed(), color.getGreen(), color.getBlue(), 60);
    fill.setFillColor(translucent);
    fill.setLineColor(translucent);
    fill.setShowInLegend(false);
    Figures.line(c, label, x, y, color, Figures.SOLID);
    if (Double.isFinite(h.mean())) {
      XYSeries m = Figures.line(c, label + " mean", new double[] {h.mean(), h.mean()}, new double[] {0, top * 1.05},
          color, MEAN_LINE);
      m.setShowInLegend(false);
    }
  }
}
