package org.trialmatch.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.trialmatch.analysis.AnalysisInputs;
import org.trialmatch.analysis.AnalysisResult;
import org.trialmatch.analysis.AreaCorrelation;
import org.trialmatch.analysis.AreaMatrix;
import org.trialmatch.analysis.SessionInputs;
import org.trialmatch.analysis.Summary;
import org.trialmatch.analysis.TrainingCurves;
import org.trialmatch.data.TrialTensor;

/**
 * Builds every figure of the report from the analysis inputs and result. Every figure has a title,
 * axis titles with units and a legend; data is blue and the model vermillion throughout
 * ({@link Palette}). A figure whose content is missing (no behaviour, no metrics.csv, ...) is still
 * drawn, with a line saying why it is empty.
 */
public final class Figures {
  /** Width of every figure, pixels. */
  public static final int WIDTH = 800;
  /** Height of every figure, pixels. */
  public static final int HEIGHT = 500;
  /** Height of the rasters, pixels. */
  public static final int RASTER_HEIGHT = 600;

  static final String SECTION_ACTIVITY = "activity";
  static final String SECTION_VARIABILITY = "variability";
  static final String SECTION_TYPES = "types";
  static final String SECTION_BEHAVIOUR = "behaviour";
  static final String SECTION_CONNECTIVITY = "connectivity";
  static final String SECTION_TRAINING = "training";

  static final String TIME_AXIS = "time from alignment (ms)";
  static final BasicStroke SOLID = new BasicStroke(2.0f);

  private Figures() {}

  /**
   * @param in the analysis inputs (rasters are drawn from them)
   * @param r the analysis result
   * @return every figure, in page order
   */
  public static List<Figure> all(AnalysisInputs in, AnalysisResult r) {
    return page(in, r).figures;
  }

  /**
   * @param in the analysis inputs
   * @param r the analysis result
   * @return every figure, in page order, and a note for each figure left out because it has nothing to show
   */
  static FigurePage page(AnalysisInputs in, AnalysisResult r) {
    FigurePage out = new FigurePage();
    int s = rasterSession(in);
    out.add(raster(in, s, false));
    out.add(raster(in, s, true));
    for (int a = 0; a < in.areaNames().size(); a++) {
      out.add(psth(in, r, a));
    }
    out.add(tNeuron(in, r));
    out.add(tTrial(in, r));
    UnitPsthFigures.add(out, in, r);
    ScoreDistributionFigures.add(out, in, r);
    out.addAll(ModeFigures.all(in, r));
    MatchedRasterFigures.add(out, in, r);
    r.response().ifPresent(rf -> out.addAll(ResponseFigures.all(rf, r.f1TimesMs())));
    out.add(TrialTypeFigures.fractions(r));
    BehaviourFigures.add(out, in, r);
    out.add(connectivity(r));
    out.add(trainingLosses(r.training()));
    out.add(trainingMetrics(r.training()));
    for (Figure f : out.figures) {
      ChartParts.fitLegend(f.chart());
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------

  static XYChart xy(String title, String xTitle, String yTitle, int height) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
        .build();
    Styler st = c.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotBorderColor(Color.GRAY);
    st.setLegendPosition(Styler.LegendPosition.OutsideS);
    st.setLegendLayout(Styler.LegendLayout.Horizontal);
    st.setLegendBorderColor(Color.WHITE);
    st.setChartTitleBoxVisible(false);
    st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    st.setAntiAlias(true);
    c.getStyler().setPlotGridLinesColor(new Color(0xE6, 0xE6, 0xE6));
    c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    // XChart's own pattern drops the leading zero (".05")
    c.getStyler().setYAxisDecimalPattern("#,##0.###");
    return c;
  }

  /**
   * A training-step axis: from 0 to the last step, whole-number labels spaced so that they do not collide.
   *
   * @param c the chart
   * @param step the logged steps
   */
  static void stepAxis(XYChart c, double[] step) {
    double last = 0;
    for (double v : step) {
      last = Math.max(last, v);
    }
    c.getStyler().setXAxisMin(0.0);
    c.getStyler().setXAxisMax(Math.max(1.0, last));
    c.getStyler().setXAxisDecimalPattern("#,##0");
    c.getStyler().setXAxisTickMarkSpacingHint(90);
  }

  static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color, BasicStroke stroke) {
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineStyle(stroke);
    s.setLineWidth(2f);
    return s;
  }

  static XYSeries scatter(XYChart c, String name, double[] x, double[] y, Color color, Marker marker) {
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(marker);
    s.setMarkerColor(color);
    return s;
  }

  static void say(XYChart c, String text) {
    c.addAnnotation(new AnnotationText(text, WIDTH / 2.0, c.getHeight() / 2.0, true));
    c.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.ITALIC, 14));
    c.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
  }

  static boolean allNaN(double[] v) {
    for (double x : v) {
      if (!Double.isNaN(x)) {
        return false;
      }
    }
    return true;
  }

  static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }

  /** @return v with at most 3 decimals and no trailing zeros ("2", "12.5"), "n/a" when NaN */
  static String num(double v) {
    if (!Double.isFinite(v)) {
      return "n/a";
    }
    return new java.math.BigDecimal(v).setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
        .toPlainString();
  }

  static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  static String safe(String s) {
    String t = s.replaceAll("[^A-Za-z0-9_-]", "_");
    return t.isEmpty() ? "_" : t;
  }

  // ---------------------------------------------------------------------------------------------
  // rasters and PSTHs

  /** The session with the most units (first on ties) that has a test and a model trial. */
  static int rasterSession(AnalysisInputs in) {
    int best = 0;
    for (int s = 0; s < in.sessions().size(); s++) {
      SessionInputs si = in.sessions().get(s);
      SessionInputs b = in.sessions().get(best);
      boolean ok = si.test().trials() > 0 && si.model().trials() > 0;
      boolean bestOk = b.test().trials() > 0 && b.model().trials() > 0;
      if ((ok && !bestOk) || (ok == bestOk && si.units() > b.units())) {
        best = s;
      }
    }
    return best;
  }

  static Figure raster(AnalysisInputs in, int s, boolean model) {
    SessionInputs si = in.sessions().get(s);
    TrialTensor c = model ? si.model() : si.test();
    String who = model ? "Model" : "Data";
    String name = model ? "raster_model" : "raster_data";
    Color base = model ? Palette.MODEL : Palette.DATA;
    if (c.trials() == 0) {
      XYChart ch = xy(who + " raster: session " + si.name(), TIME_AXIS, "unit (sorted by area)", RASTER_HEIGHT);
      say(ch, "no " + (model ? "model" : "test") + " trial in this session");
      return new Figure(name, SECTION_ACTIVITY, who + " raster: no trial to show.", ch);
    }
    int trial = medianTrial(c);
    String type = model ? si.modelTypes().get(trial) : si.testTypes().get(trial);
    XYChart ch = xy(who + " raster: session " + si.name() + ", " + (model ? "model" : "test") + " trial " + trial
        + " (" + type + ")", TIME_AXIS, "unit (sorted by area)", RASTER_HEIGHT);
    int[] area = in.unitAreaIndex(s);
    Integer[] order = new Integer[area.length];
    for (int u = 0; u < order.length; u++) {
      order[u] = u;
    }
    Arrays.sort(order, (p, q) -> area[p] != area[q] ? Integer.compare(area[p], area[q]) : Integer.compare(p, q));
    int nAreas = in.areaNames().size();
    int spikes = 0;
    int row = 0;
    for (int a = 0; a < nAreas; a++) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      int units = 0;
      for (int u : order) {
        if (area[u] != a) {
          continue;
        }
        for (int t = 0; t < c.steps(); t++) {
          if (c.get(t, trial, u) > 0) {
            xs.add(in.windowStartMs() + in.dtMs() * (t + 0.5));
            ys.add((double) row);
          }
        }
        units++;
        row++;
      }
      if (!xs.isEmpty()) {
        spikes += xs.size();
        XYSeries sr = scatter(ch, in.areaNames().get(a) + " (" + units + " units)", unbox(xs), unbox(ys),
            Palette.shade(base, a, nAreas), SeriesMarkers.CIRCLE);
        sr.setMarkerColor(Palette.shade(base, a, nAreas));
      }
    }
    ch.getStyler().setMarkerSize(4);
    ChartParts.yRangeAndEvents(ch, in.events(), -0.5, Math.max(0.5, row - 0.5));
    if (spikes == 0) {
      say(ch, "no spike in this trial");
    }
    return new Figure(name, SECTION_ACTIVITY, who + " raster of one " + (model ? "model" : "test") + " trial of session "
        + si.name() + " (the session with the most units), the trial whose spike count is the median of the session's "
        + (model ? "model" : "test") + " trials (trial " + trial + " of " + c.trials() + "): one dot per bin with at "
        + "least one spike, units grouped by area; grey lines mark the alignment and the task events.", ch);
  }

  /** The trial whose total spike count is the median (the lower one for an even count); ties by index. */
  static int medianTrial(TrialTensor c) {
    Integer[] idx = new Integer[c.trials()];
    double[] total = new double[c.trials()];
    for (int k = 0; k < c.trials(); k++) {
      idx[k] = k;
      for (int t = 0; t < c.steps(); t++) {
        for (int u = 0; u < c.units(); u++) {
          total[k] += c.get(t, k, u);
        }
      }
    }
    Arrays.sort(idx, (p, q) -> total[p] != total[q] ? Double.compare(total[p], total[q]) : Integer.compare(p, q));
    return idx[(idx.length - 1) / 2];
  }

  static Figure psth(AnalysisInputs in, AnalysisResult r, int a) {
    String area = in.areaNames().get(a);
    int units = r.psths().units(a);
    XYChart c = xy("Population PSTH, " + area + " (" + units + " units)", TIME_AXIS, "rate (Hz)", HEIGHT);
    double[] t = r.f1TimesMs();
    String name = "psth_" + a + "_" + safe(area);
    if (units == 0) {
      say(c, "no recorded unit in this area");
      return new Figure(name, SECTION_ACTIVITY, "No recorded unit in " + area + ".", c);
    }
    line(c, "data (test)", t, r.psths().test(a), Palette.DATA, SOLID);
    line(c, "data (train)", t, r.psths().train(a), Palette.DATA_TRAIN, SeriesLines.DASH_DASH);
    line(c, "model", t, r.psths().model(a), Palette.MODEL, SOLID);
    AreaCorrelation tn = r.tNeuron().perArea().get(a);
    return new Figure(name, SECTION_ACTIVITY, "Mean over the " + units + " recorded units of " + area
        + " of each unit's F1-filtered trial-averaged rate. t_neuron in this area: model " + fmt(tn.model().mean())
        + ", train-vs-test ceiling " + fmt(tn.ceiling().mean()) + ".", c);
  }

  static CategoryChart bars(String title, String xTitle, String yTitle) {
    CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    Styler st = c.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setLegendPosition(Styler.LegendPosition.OutsideS);
    st.setLegendLayout(Styler.LegendLayout.Horizontal);
    st.setLegendBorderColor(Color.WHITE);
    st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    c.getStyler().setPlotGridLinesColor(new Color(0xE6, 0xE6, 0xE6));
    c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    c.getStyler().setYAxisDecimalPattern("#,##0.###");
    return c;
  }

  private static Figure correlations(String name, String title, String caption, List<AreaCorrelation> perArea,
      Summary allModel, Summary allCeiling) {
    List<String> cats = new ArrayList<>();
    List<Double> m = new ArrayList<>();
    List<Double> me = new ArrayList<>();
    List<Double> c = new ArrayList<>();
    List<Double> ce = new ArrayList<>();
    for (AreaCorrelation ac : perArea) {
      if (!Double.isNaN(ac.model().mean()) && !Double.isNaN(ac.ceiling().mean())) {
        cats.add(ac.area());
        m.add(ac.model().mean());
        me.add(orZero(ac.model().sem()));
        c.add(ac.ceiling().mean());
        ce.add(orZero(ac.ceiling().sem()));
      }
    }
    if (!Double.isNaN(allModel.mean()) && !Double.isNaN(allCeiling.mean())) {
      cats.add("all");
      m.add(allModel.mean());
      me.add(orZero(allModel.sem()));
      c.add(allCeiling.mean());
      ce.add(orZero(allCeiling.sem()));
    }
    if (cats.isEmpty()) {
      XYChart x = xy(title, "area", "Pearson r", HEIGHT);
      say(x, "no correlation could be computed");
      return new Figure(name, SECTION_ACTIVITY, caption, x);
    }
    CategoryChart ch = bars(title, "area", "Pearson r (mean ± s.e.m.)");
    CategorySeries sm = ch.addSeries("model vs test data", cats, m, me);
    sm.setFillColor(Palette.MODEL);
    CategorySeries sc = ch.addSeries("ceiling: train vs test data", cats, c, ce);
    sc.setFillColor(Palette.DATA);
    ch.getStyler().setErrorBarsColor(Color.BLACK);
    return new Figure(name, SECTION_ACTIVITY, caption, ch);
  }

  private static double orZero(double v) {
    return Double.isNaN(v) ? 0.0 : v;
  }

  static Figure tNeuron(AnalysisInputs in, AnalysisResult r) {
    return correlations("t_neuron", "t_neuron: PSTH correlation per unit", "Per recorded unit, the Pearson correlation "
        + "over time of its F1-filtered trial-averaged PSTH (model vs test data), averaged per area; the ceiling is the "
        + "same measure for train vs test data.", r.tNeuron().perArea(), r.tNeuron().overallModel(),
        r.tNeuron().overallCeiling());
  }

  static Figure tTrial(AnalysisInputs in, AnalysisResult r) {
    return correlations("t_trial", "t_trial: trial-matched correlation", "Pearson correlation of hard-matched pairs "
        + "of single-trial feature vectors (per-area population averages after F2∘F1); per area, over that area's "
        + "part of the same pairs. The ceiling matches test trials with train trials.", r.tTrial().perArea(),
        r.tTrial().overallModel(), r.tTrial().overallCeiling());
  }

  // ---------------------------------------------------------------------------------------------
  // trial types, behaviour, connectivity, training

  static Figure connectivity(AnalysisResult r) {
    Optional<AreaMatrix> om = r.connectivity();
    String title = "Mean inter-area connectivity (signed mean weight, a.u.)";
    if (om.isEmpty()) {
      XYChart c = xy(title, "postsynaptic area", "presynaptic area", HEIGHT);
      say(c, "no connectivity given");
      return new Figure("connectivity", SECTION_CONNECTIVITY, "No connectivity was given for this run.", c);
    }
    AreaMatrix m = om.get();
    int n = m.size();
    double max = 0;
    List<Number[]> cells = new ArrayList<>();
    for (int pre = 0; pre < n; pre++) {
      for (int post = 0; post < n; post++) {
        double v = m.get(pre, post);
        max = Math.max(max, Math.abs(v));
        cells.add(new Number[] {post, pre, v});
      }
    }
    if (max == 0) {
      max = 1;
    }
    // the colour bar prints its ends: two significant digits, rounded up so every cell stays inside
    double scale = Math.pow(10, Math.floor(Math.log10(max)) - 1);
    max = Math.ceil(max / scale) * scale;
    HeatMapChart c = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle("postsynaptic area").yAxisTitle("presynaptic area").build();
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    c.getStyler().setRangeColors(new Color[] {new Color(0x21, 0x66, 0xAC), Color.WHITE, new Color(0xB2, 0x18, 0x2B)});
    c.getStyler().setMin(-max);
    c.getStyler().setMax(max);
    c.getStyler().setShowValue(true);
    c.getStyler().setHeatMapValueDecimalPattern("0.000");
    c.getStyler().setDecimalPattern("0.###");
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    c.addSeries("signed mean weight (red: net excitation, blue: net inhibition)", m.areas(), m.areas(), cells);
    return new Figure("connectivity", SECTION_CONNECTIVITY, "Entry (pre, post) is the mean over pairs of units "
        + "(presynaptic in pre, postsynaptic in post) of the recurrent weight magnitude summed over delay groups, signed "
        + "by the presynaptic unit's type (E +, I -); absent synapses count as zero.", c);
  }

  private static final List<String> LOSS_COLUMNS = List.of("loss", "loss_psth", "loss_tm", "val_loss");
  private static final Color[] LOSS_COLOURS = {Color.BLACK, Palette.DATA, Palette.MODEL, new Color(0x00, 0x9E, 0x73)};

  static Figure trainingLosses(TrainingCurves tc) {
    XYChart c = xy("Training losses", "training step", "loss (a.u.)", HEIGHT);
    String caption = "Losses logged in metrics.csv (val_loss on the validation split).";
    if (!tc.present() || tc.rows() == 0) {
      say(c, tc.present() ? "metrics.csv has no rows" : String.join("; ", tc.problems()));
      return new Figure("training_losses", SECTION_TRAINING, "No training curves: "
          + (tc.present() ? "metrics.csv has no rows." : String.join("; ", tc.problems())), c);
    }
    double[] step = tc.column("step").orElse(null);
    if (step != null) {
      stepAxis(c, step);
    }
    boolean positive = true;
    int drawn = 0;
    for (int k = 0; k < LOSS_COLUMNS.size(); k++) {
      Optional<double[]> col = tc.column(LOSS_COLUMNS.get(k));
      if (col.isEmpty() || step == null) {
        continue;
      }
      double[][] xy = finite(step, col.get());
      if (xy[0].length == 0) {
        continue;
      }
      for (double v : xy[1]) {
        positive &= v > 0;
      }
      XYSeries s = line(c, LOSS_COLUMNS.get(k), xy[0], xy[1], LOSS_COLOURS[k], SOLID);
      if (xy[0].length == 1) {
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(LOSS_COLOURS[k]);
      }
      drawn++;
    }
    if (drawn == 0) {
      say(c, "no loss column has a value");
    } else if (positive) {
      c.getStyler().setYAxisLogarithmic(true);
      c.setYAxisTitle("loss (a.u., log scale)");
    }
    return new Figure("training_losses", SECTION_TRAINING, caption, c);
  }

  static Figure trainingMetrics(TrainingCurves tc) {
    XYChart c = xy("Trial-matching distance and mean rate during training", "training step",
        "trial-matching distance (a.u.)", HEIGHT);
    if (!tc.present() || tc.rows() == 0) {
      say(c, tc.present() ? "metrics.csv has no rows" : String.join("; ", tc.problems()));
      return new Figure("training_metrics", SECTION_TRAINING, "No training curves.", c);
    }
    double[] step = tc.column("step").orElse(null);
    int drawn = 0;
    if (step != null) {
      stepAxis(c, step);
      Optional<double[]> tm = tc.column("tm_distance");
      if (tm.isPresent()) {
        double[][] xy = finite(step, tm.get());
        if (xy[0].length > 0) {
          XYSeries s = line(c, "tm_distance", xy[0], xy[1], Palette.MODEL, SOLID);
          s.setMarker(SeriesMarkers.CIRCLE);
          s.setMarkerColor(Palette.MODEL);
          drawn++;
        }
      }
      Optional<double[]> rate = tc.column("rate_hz");
      if (rate.isPresent()) {
        double[][] xy = finite(step, rate.get());
        if (xy[0].length > 0) {
          XYSeries s = line(c, "rate_hz (right axis)", xy[0], xy[1], Color.DARK_GRAY, SeriesLines.DASH_DASH);
          s.setYAxisGroup(1);
          c.setYAxisGroupTitle(1, "mean model rate (Hz)");
          c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
          drawn++;
        }
      }
    }
    if (drawn == 0) {
      say(c, "neither tm_distance nor rate_hz has a value");
    }
    return new Figure("training_metrics", SECTION_TRAINING, "Trial-matching distance between model and data "
        + "(tm_distance, when computed) and the model's mean firing rate (rate_hz), from metrics.csv.", c);
  }

  private static double[][] finite(double[] x, double[] y) {
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        n++;
      }
    }
    double[][] out = new double[2][n];
    int j = 0;
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        out[0][j] = x[i];
        out[1][j] = y[i];
        j++;
      }
    }
    return out;
  }

  static double[] unbox(List<Double> v) {
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i);
    }
    return out;
  }
  /**
   * Grouped bars: one group per category, one bar per series (e.g. one per seed), each series in a
   * shade of the model colour.
   *
   * @param name file stem
   * @param title chart title
   * @param yTitle y-axis title, with units
   * @param caption what it shows
   * @param categories group labels
   * @param seriesNames bar labels (the legend)
   * @param values per series, one finite value per category
   * @param yMin lower end of the y axis
   * @param yMax upper end of the y axis
   * @return the figure
   */
  public static Figure groupedBars(String name, String title, String yTitle, String caption, List<String> categories,
      List<String> seriesNames, List<double[]> values, double yMin, double yMax) {
    if (seriesNames.size() != values.size()) {
      throw new IllegalArgumentException(seriesNames.size() + " series names for " + values.size() + " series");
    }
    CategoryChart ch = bars(title, "", yTitle);
    ch.getStyler().setYAxisMin(yMin);
    ch.getStyler().setYAxisMax(yMax);
    ch.getStyler().setYAxisTickMarkSpacingHint(40);
    for (int i = 0; i < values.size(); i++) {
      double[] v = values.get(i);
      if (v.length != categories.size()) {
        throw new IllegalArgumentException("series " + seriesNames.get(i) + " has " + v.length + " values for "
            + categories.size() + " categories");
      }
      List<Double> y = new ArrayList<>();
      for (double x : v) {
        if (!Double.isFinite(x)) {
          throw new IllegalArgumentException("series " + seriesNames.get(i) + " has a non-finite value " + x);
        }
        y.add(x);
      }
      CategorySeries cs = ch.addSeries(seriesNames.get(i), categories, y);
      cs.setFillColor(Palette.shade(Palette.MODEL, i, values.size()));
    }
    return new Figure(name, "experiment", caption, ch);
  }
}
