package org.trialmatch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.trialmatch.analysis.Analysis;
import org.trialmatch.analysis.AnalysisConfig;
import org.trialmatch.analysis.AnalysisInputs;
import org.trialmatch.analysis.AnalysisResult;
import org.trialmatch.analysis.MatchedPairs;
import org.trialmatch.analysis.SessionInputs;
import org.trialmatch.analysis.SyntheticInputs;
import org.trialmatch.analysis.TaskEvent;
import org.trialmatch.data.TrialTensor;

/**
 * The report's per-condition PSTHs, behaviour, matched-pair rasters and score distributions: what each
 * draws (data solid and model dashed per condition with shaded bands, the picked pairs' spikes, one
 * histogram per score) and that every legend stays inside its image.
 */
class ConditionFiguresTest {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** The synthetic inputs with a second condition on half the trials and two task events. */
  private static AnalysisInputs inputs() {
    AnalysisInputs base = SyntheticInputs.build(1, 40, true, null, 21);
    AnalysisInputs.Builder b = AnalysisInputs.builder("cond", base.areaNames(), base.dtMs())
        .windowStartMs(base.windowStartMs()).behaviourLabel("jaw position (a.u.)")
        .event(new TaskEvent("stimulus", 0.0)).event(new TaskEvent("response", 100.0)).modelTrialsShared(true);
    for (SessionInputs s : base.sessions()) {
      b.session(SessionInputs.builder(s.name(), s.unitAreas())
          .test(s.test(), s.testTypes(), halves(s.test().trials()))
          .train(s.train(), halves(s.train().trials()))
          .model(s.model(), s.modelTypes(), halves(s.model().trials()))
          .testBehaviour(s.testBehaviour().orElseThrow()).trainBehaviour(s.trainBehaviour().orElseThrow())
          .modelBehaviour(s.modelBehaviour().orElseThrow()).build());
    }
    return b.build();
  }

  private static List<String> halves(int n) {
    List<String> c = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      c.add(k % 2 == 0 ? "left" : "right");
    }
    return c;
  }

  private static Figure named(List<Figure> figures, String name) {
    for (Figure f : figures) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no figure " + name);
  }

  @Test
  void conditionFiguresDrawDataSolidAndModelDashedWithBandsPerCondition() throws Exception {
    AnalysisInputs in = inputs();
    AnalysisResult r = Analysis.run(in, AnalysisConfig.defaults(0));
    List<Figure> figures = Figures.all(in, r);
    for (String name : List.of("psth_conditions_1_area2", "psth_unit_0_area1_1", "behaviour")) {
      Figure f = named(figures, name);
      XYChart c = (XYChart) f.chart();
      Map<String, XYSeries> s = c.getSeriesMap();
      assertEquals(List.of("data band left", "model band left", "data band right", "model band right",
          "data left (n=20)", "model left (n=20)", "data right (n=20)", "model right (n=20)"),
          new ArrayList<>(s.keySet()), name);
      for (String band : List.of("data band left", "model band right")) {
        assertEquals(XYSeries.XYSeriesRenderStyle.PolygonArea, s.get(band).getXYSeriesRenderStyle(), name);
        assertFalse(s.get(band).isShowInLegend(), name + ": bands are not in the legend");
      }
      assertEquals(Figures.SOLID, s.get("data left (n=20)").getLineStyle(), name);
      assertEquals(ChartParts.DASHED, s.get("model left (n=20)").getLineStyle(), name);
      assertEquals(s.get("data left (n=20)").getLineColor(), s.get("model left (n=20)").getLineColor(),
          "one colour per condition");
      assertTrue(f.caption().contains("task events at their median time over the test trials (stimulus 0 ms, "
          + "response 100 ms)"), f.caption());
      FiguresRenderTest.checkRenders(f);
    }
    assertTrue(named(figures, "psth_unit_0_area1_1").caption().contains("the 4 units of the area with the highest "
        + "t_neuron ceiling"));
  }

  @Test
  void matchedRastersShowThePairsAtThe10th50thAnd90thPercentile() throws Exception {
    AnalysisInputs in = inputs();
    AnalysisResult r = Analysis.run(in, AnalysisConfig.defaults(0));
    List<Figure> figures = Figures.all(in, r);
    MatchedPairs pairs = r.tTrial().modelMatches();
    int[] q = {10, 50, 90};
    for (int i = 0; i < 3; i++) {
      Figure f = named(figures, "matched_raster_" + (i + 1));
      int p = pairs.atPercentiles(q[i] / 100.0)[0];
      int k = pairs.testTrial(p);
      int j = pairs.otherTrial(p);
      assertTrue(f.title().startsWith(String.format(java.util.Locale.ROOT,
          "Matched pair at the %dth percentile (r = %.2f): test trial %d vs model trial %d", q[i],
          pairs.correlation(p), k, j)), f.title());
      SessionInputs si = in.sessions().get(pairs.session(p));
      int dataMarks = 0;
      int modelMarks = 0;
      for (XYSeries s : ((XYChart) f.chart()).getSeriesMap().values()) {
        if (s.getName().startsWith("data")) {
          dataMarks += s.getXData().length;
        } else if (s.getName().startsWith("model")) {
          modelMarks += s.getXData().length;
        }
      }
      assertEquals(binsWithSpikes(si.test(), k), dataMarks, "one mark per bin with a spike of the test trial");
      assertEquals(binsWithSpikes(si.model(), j), modelMarks, "one mark per bin with a spike of the model trial");
      FiguresRenderTest.checkRenders(f);
    }
  }

  private static int binsWithSpikes(TrialTensor c, int trial) {
    int n = 0;
    for (int t = 0; t < c.steps(); t++) {
      for (int u = 0; u < c.units(); u++) {
        n += c.get(t, trial, u) > 0 ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void scoreDistributionsHoldEveryScoredUnitAndPair() throws Exception {
    AnalysisInputs in = inputs();
    AnalysisResult r = Analysis.run(in, AnalysisConfig.defaults(0));
    List<Figure> figures = Figures.all(in, r);
    Figure f = named(figures, "t_neuron_dist_1_area2");
    int units = r.tNeuron().perArea().get(1).model().n();
    for (XYSeries s : ((XYChart) f.chart()).getSeriesMap().values()) {
      if (s.isShowInLegend()) {
        assertTrue(s.getName().contains("(" + units + " units, mean "), s.getName());
      }
    }
    Figure t = named(figures, "t_trial_dist");
    int pairs = r.tTrial().overallModel().n();
    assertTrue(((XYChart) t.chart()).getSeriesMap().keySet().stream()
        .anyMatch(n -> n.startsWith("model vs test (" + pairs + " pairs")), "model pairs counted");
    FiguresRenderTest.checkRenders(f);
    FiguresRenderTest.checkRenders(t);
  }

  @Test
  void legendsThatDoNotFitBelowThePlotMoveBesideIt() {
    XYChart few = Figures.xy("few", "x", "y", Figures.HEIGHT);
    XYChart many = Figures.xy("many", "x", "y", Figures.HEIGHT);
    for (int i = 0; i < 12; i++) {
      Figures.line(many, "a long series name number " + i, new double[] {0, 1}, new double[] {0, i}, Palette.DATA,
          Figures.SOLID);
    }
    Figures.line(few, "data", new double[] {0, 1}, new double[] {0, 1}, Palette.DATA, Figures.SOLID);
    ChartParts.fitLegend(few);
    ChartParts.fitLegend(many);
    assertEquals(Styler.LegendPosition.OutsideS, few.getStyler().getLegendPosition());
    assertEquals(Styler.LegendPosition.OutsideE, many.getStyler().getLegendPosition());
    assertEquals(Styler.LegendLayout.Vertical, many.getStyler().getLegendLayout());

    AnalysisInputs in = inputs();
    for (Figure f : Figures.all(in, Analysis.run(in, AnalysisConfig.defaults(0)))) {
      Styler st = f.chart().getStyler();
      if (st.getLegendPosition() == Styler.LegendPosition.OutsideS) {
        assertTrue(ChartParts.legendWidth(f.chart()) <= f.width() - 20, f.name() + ": legend wider than the image");
      }
    }
  }
}
