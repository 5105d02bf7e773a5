package org.trialmatch.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.trialmatch.analysis.AnalysisInputs;
import org.trialmatch.analysis.AnalysisResult;
import org.trialmatch.analysis.MatchedPairs;
import org.trialmatch.analysis.SessionCorrelation;
import org.trialmatch.analysis.SessionInputs;
import org.trialmatch.data.TrialTensor;

/**
 * Rasters of matched trial pairs: a test trial of the data above the model trial the t_trial matching
 * assigned to it, the same units in the same order, for the pairs at the 10th, 50th and 90th percentile
 * of the per-pair correlation ({@link MatchedPairs#atPercentiles}).
 */
final class MatchedRasterFigures {
  static final String SECTION = "pairs";
  /** The percentiles of the per-pair correlation whose pairs are drawn. */
  static final double[] PERCENTILES = {0.1, 0.5, 0.9};
  private static final String TIME_AXIS = "time from alignment (ms)";

  private MatchedRasterFigures() {}

  /** @return the rule that picks the pairs, in words */
  static String rule() {
    return "the pairs at the 10th, 50th and 90th percentile of the per-pair correlation (t_trial) among all "
        + "matched (test, model) pairs";
  }

  static void add(FigurePage page, AnalysisInputs in, AnalysisResult r) {
    MatchedPairs pairs = r.tTrial().modelMatches();
    if (pairs.atPercentiles(PERCENTILES).length == 0) {
      List<String> why = new ArrayList<>();
      for (SessionCorrelation sc : r.tTrial().perSession()) {
        if (!sc.note().isEmpty()) {
          why.add(sc.session() + ": " + sc.note());
        }
      }
      page.note("matched_raster", SECTION, "No matched trial pair to draw: t_trial matched no test trial to a model "
          + "trial" + (why.isEmpty() ? "." : " (" + String.join("; ", why) + ")."));
      return;
    }
    int defined = 0;
    for (double v : pairs.correlations()) {
      defined += Double.isFinite(v) ? 1 : 0;
    }
    List<Integer> drawn = new ArrayList<>();
    for (double q : PERCENTILES) {
      int p = pairs.atPercentiles(q)[0];
      if (!drawn.contains(p)) {
        drawn.add(p);
        page.add(raster(in, pairs, p, (int) Math.round(100 * q), defined, drawn.size()));
      }
    }
  }

  private static String ordinal(int q) {
    int m100 = q % 100;
    String suffix = m100 >= 11 && m100 <= 13 ? "th" : switch (q % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return q + suffix;
  }

  private static Figure raster(AnalysisInputs in, MatchedPairs pairs, int p, int percent,
      int defined, int number) {
    int s = pairs.session(p);
    SessionInputs si = in.sessions().get(s);
    int k = pairs.testTrial(p);
    int j = pairs.otherTrial(p);
    double rho = pairs.correlation(p);
    XYChart c = Figures.xy(String.format(Locale.ROOT, "Matched pair at the %s percentile (r = %.2f): test trial %d vs "
        + "model trial %d", ordinal(percent), rho, k, j), TIME_AXIS, "units: data (top), model (bottom)",
        Figures.RASTER_HEIGHT);
    int[] area = in.unitAreaIndex(s);
    Integer[] order = new Integer[area.length];
    for (int u = 0; u < order.length; u++) {
      order[u] = u;
    }
    Arrays.sort(order, (x, y) -> area[x] != area[y] ? Integer.compare(area[x], area[y]) : Integer.compare(x, y));
    int n = area.length;
    int nAreas = in.areaNames().size();
    int spikes = 0;
    int[] marks = new int[2];
    for (int src = 0; src < 2; src++) {
      TrialTensor counts = src == 0 ? si.test() : si.model();
      int trial = src == 0 ? k : j;
      Color base = src == 0 ? Palette.DATA : Palette.MODEL;
      double offset = src == 0 ? n + 1 : 0;
      for (int a = 0; a < nAreas; a++) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        int row = 0;
        for (int u : order) {
          if (area[u] == a) {
            for (int t = 0; t < counts.steps(); t++) {
              if (counts.get(t, trial, u) > 0) {
                xs.add(in.windowStartMs() + in.dtMs() * (t + 0.5));
                ys.add(offset + row);
              }
            }
          }
          row++;
        }
        if (xs.isEmpty()) {
          continue;
        }
        spikes += xs.size();
        marks[src] += xs.size();
        String label = (src == 0 ? "data, test trial " + k + " (" + si.testTypes().get(k) + ")"
            : "model, trial " + j + " (" + si.modelTypes().get(j) + ")")
            + (nAreas > 1 ? ", " + in.areaNames().get(a) : "");
        XYSeries sr = c.addSeries(label, unbox(xs), unbox(ys));
        sr.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        sr.setMarker(SeriesMarkers.RECTANGLE);
        sr.setMarkerColor(Palette.shade(base, a, nAreas));
      }
    }
    c.getStyler().setMarkerSize(3);
    c.getStyler().setYAxisTicksVisible(false);
    c.getStyler().setXAxisMin(in.windowStartMs());
    c.getStyler().setXAxisMax(in.windowStartMs() + in.dtMs() * si.bins());
    ChartParts.yRangeAndEvents(c, in.events(), -1, 2 * n + 1);
    c.addAnnotation(new AnnotationLine(n + 0.5, false, false));
    double middle = in.windowStartMs() + in.dtMs() * si.bins() / 2.0;
    for (int src = 0; src < 2; src++) {
      if (marks[src] == 0) {
        c.addAnnotation(new AnnotationText((src == 0 ? "test trial" : "model trial") + ": no spike in these units",
            middle, (src == 0 ? n + 1 : 0) + (n - 1) / 2.0, false));
      }
    }
    ChartParts.fitLegend(c);
    String empty = spikes == 0 ? " Neither trial has a spike in these units."
        : marks[0] == 0 ? " The test trial has no spike in these units."
        : marks[1] == 0 ? " The model trial has no spike in these units." : "";
    return new Figure("matched_raster_" + number, SECTION, "Test trial " + k + " of session " + si.name() + " ("
        + si.testTypes().get(k) + ", top) and the model trial " + j + " (" + si.modelTypes().get(j) + ", bottom) that "
        + "the t_trial matching assigned to it; its correlation r = " + Figures.fmt(rho) + " is at the "
        + ordinal(percent) + " percentile of the " + defined + " matched pairs. Pairs shown: " + rule() + ". One "
        + "mark per bin of " + Figures.num(in.dtMs()) + " ms with a spike; the same " + n + " recorded units in both"
        + " halves, grouped by area (for the model, the model units standing for them)." + empty
        + UnitPsthFigures.eventsSentence(in), c);
  }

  private static double[] unbox(List<Double> v) {
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i);
    }
    return out;
  }
}
