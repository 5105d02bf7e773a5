package org.trialmatch.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.lines.SeriesLines;
import org.trialmatch.analysis.ResponseFractions;

/**
 * Histograms of the per-trial response statistic, test data against model, so a reader can see whether
 * the response is bimodal: the peak population rate (the authors' rule) and the window rule's
 * {@code delta} over its threshold. Each histogram is normalised to a fraction of trials per bin.
 */
final class ResponseFigures {
  private static final int BINS = 25;

  private ResponseFigures() {}

  static List<Figure> histograms(ResponseFractions rf) {
    List<Figure> out = new ArrayList<>();
    String area = rf.rule().area();
    out.add(histogram("response_peak", "Peak population rate of " + area + " per trial",
        "peak F1-filtered population rate (Hz)", rf.dataPeakHz(), rf.modelPeakHz(), rf.rule().peakThresholdHz(),
        String.format(Locale.ROOT, "Per trial, the maximum over time of the population-average rate of %s; the "
            + "authors' rule counts a response above %s Hz (dashed). Test data %d trials, model %d trials.", area,
            Figures.fmt(rf.rule().peakThresholdHz()), rf.dataPeakHz().length, rf.modelPeakHz().length)));
    out.add(histogram("response_window", "Response of " + area + " per trial (window rule)",
        "response / threshold", rf.dataIndex(), rf.modelIndex(), 1.0,
        String.format(Locale.ROOT, "Per trial, the rate %s–%s ms after the event minus the rate in the %s ms before, "
            + "over its session's threshold (half the test trials' mean); above 1 (dashed) counts as a response. A "
            + "model trial's value is the mean over sessions, weighted as the data fraction.",
            Figures.fmt(rf.rule().responseFromMs()), Figures.fmt(rf.rule().responseToMs()),
            Figures.fmt(rf.rule().baselineMs()))));
    return out;
  }

  private static Figure histogram(String name, String title, String xTitle, double[] data, double[] model,
      double threshold, String caption) {
    XYChart c = Figures.xy(title, xTitle, "fraction of trials", Figures.HEIGHT);
    double lo = threshold;
    double hi = threshold;
    for (double[] v : List.of(data, model)) {
      for (double x : v) {
        if (Double.isFinite(x)) {
          lo = Math.min(lo, x);
          hi = Math.max(hi, x);
        }
      }
    }
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    double w = (hi - lo) / BINS;
    Figures.line(c, "data (test)", stepX(lo, w), stepY(data, lo, w), Palette.DATA, Figures.SOLID);
    Figures.line(c, "model", stepX(lo, w), stepY(model, lo, w), Palette.MODEL, Figures.SOLID);
    double top = 0;
    for (double y : stepY(data, lo, w)) {
      top = Math.max(top, y);
    }
    for (double y : stepY(model, lo, w)) {
      top = Math.max(top, y);
    }
    Figures.line(c, "threshold", new double[] {threshold, threshold}, new double[] {0, top}, java.awt.Color.GRAY,
        SeriesLines.DASH_DASH);
    c.getStyler().setYAxisMin(0.0);
    return new Figure(name, Figures.SECTION_VARIABILITY, caption, c);
  }

  /** x of a step outline: each bin's left and right edge. */
  private static double[] stepX(double lo, double w) {
    double[] x = new double[2 * BINS];
    for (int b = 0; b < BINS; b++) {
      x[2 * b] = lo + b * w;
      x[2 * b + 1] = lo + (b + 1) * w;
    }
    return x;
  }

  /** y of a step outline: the fraction of finite values in each bin, twice. */
  private static double[] stepY(double[] v, double lo, double w) {
    double[] counts = new double[BINS];
    int n = 0;
    for (double x : v) {
      if (!Double.isFinite(x)) {
        continue;
      }
      int b = (int) Math.min(BINS - 1, Math.max(0, Math.floor((x - lo) / w)));
      counts[b]++;
      n++;
    }
    double[] y = new double[2 * BINS];
    for (int b = 0; b < BINS; b++) {
      y[2 * b] = n == 0 ? 0 : counts[b] / n;
      y[2 * b + 1] = y[2 * b];
    }
    return y;
  }
}
