package org.trialmatch.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.lines.SeriesLines;
import org.trialmatch.analysis.ResponseFractions;
import org.trialmatch.analysis.SplitPsths;

/**
 * Histograms of the per-trial response statistic, test data against model, so a reader can see whether
 * the response is bimodal: the peak population rate (the authors' rule) and the window rule's
 * {@code delta} over its threshold. Each histogram is normalised to a fraction of trials per bin. And per
 * area, the population PSTHs of data trials by outcome beside model trials by the peak rule.
 */
public final class ResponseFigures {
  private static final int BINS = 25;

  private ResponseFigures() {}

  static List<Figure> all(ResponseFractions rf, double[] timesMs) {
    List<Figure> out = histograms(rf);
    rf.split().ifPresent(sp -> {
      for (int a = 0; a < sp.areas().size(); a++) {
        out.add(split(sp.areas().get(a), timesMs, sp, java.util.Map.of("model", sp), a));
      }
    });
    return out;
  }

  /**
   * Per area, the data's PSTH of each outcome (solid) and each model's PSTH of its responding and quiet
   * trials (dashed, one colour per model).
   *
   * @param area the area's name
   * @param timesMs the F1 bins' times, ms
   * @param dataSource the split whose data curves are drawn
   * @param models the splits of each model, by name, in order
   * @param areaIndex the area's index in the splits
   * @return the figure
   */
  public static Figure split(String area, double[] timesMs, SplitPsths dataSource, java.util.Map<String, SplitPsths> models,
      int areaIndex) {
    XYChart c = Figures.xy("Population PSTH of " + area + " by outcome", "time from alignment (ms)", "rate (Hz)",
        Figures.HEIGHT);
    StringBuilder counts = new StringBuilder();
    for (int l = 0; l < dataSource.dataLabels().size(); l++) {
      double[] y = dataSource.data(areaIndex, l);
      if (y.length == timesMs.length) {
        Figures.line(c, "data " + dataSource.dataLabels().get(l), timesMs, y,
            Palette.shade(Palette.DATA, l, dataSource.dataLabels().size()), Figures.SOLID);
        counts.append(counts.length() == 0 ? "" : ", ").append(dataSource.dataLabels().get(l)).append(' ')
            .append(dataSource.dataTrials(l));
      }
    }
    int m = 0;
    for (java.util.Map.Entry<String, SplitPsths> e : models.entrySet()) {
      for (boolean resp : new boolean[] {true, false}) {
        double[] y = e.getValue().model(areaIndex, resp);
        if (y.length == timesMs.length) {
          Figures.line(c, e.getKey() + (resp ? " responding" : " quiet") + " (" + e.getValue().modelTrials(resp) + ")",
              timesMs, y, Palette.shade(Palette.cluster(m + 1), resp ? 0 : 1, 2),
              resp ? SeriesLines.DASH_DASH : SeriesLines.DOT_DOT);
        }
      }
      m++;
    }
    // many series: a vertical legend in the flat late part of the window, where it hides nothing
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
    c.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
    return new Figure("split_psth_" + area, Figures.SECTION_VARIABILITY, "F1-filtered population PSTH of " + area
        + ": test-data trials by their recorded outcome (" + counts + "), model trials by the peak rule "
        + "(responding: peak rate above the threshold; trial counts in the legend).", c);
  }

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
