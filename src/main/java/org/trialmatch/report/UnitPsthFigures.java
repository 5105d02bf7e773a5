package org.trialmatch.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.trialmatch.analysis.AnalysisInputs;
import org.trialmatch.analysis.AnalysisResult;
import org.trialmatch.analysis.ConditionMeans;
import org.trialmatch.analysis.UnitPsths;

/**
 * Data vs model PSTHs per condition (mean ± s.e.m. over trials) for each area's population and for a
 * few of its units chosen by {@link UnitPsths#rule()}: conditions as colours, data solid, model dashed,
 * the standard error shaded, task events as grey lines.
 */
final class UnitPsthFigures {
  static final String SECTION = "conditions";
  private static final String TIME_AXIS = "time from alignment (ms)";
  private static final int DATA_ALPHA = 70;
  private static final int MODEL_ALPHA = 40;

  private UnitPsthFigures() {}

  static void add(FigurePage page, AnalysisInputs in, AnalysisResult r) {
    UnitPsths u = r.unitPsths();
    double[] t = u.timesMs();
    for (int a = 0; a < in.areaNames().size(); a++) {
      String area = in.areaNames().get(a);
      String stem = a + "_" + Figures.safe(area);
      Optional<ConditionMeans> pop = u.population(a);
      if (pop.isEmpty() || !pop.get().present()) {
        page.note("psth_conditions_" + stem, SECTION, "Population PSTH by condition of " + area
            + ": not drawn, no recorded unit of this area has test or model trials.");
        continue;
      }
      page.add(population(in, r, a, t, pop.get()));
      List<UnitPsths.Unit> units = u.units(a);
      if (units.isEmpty()) {
        page.note("psth_unit_" + stem, SECTION, "Single units of " + area + ": not drawn, no unit of this area has "
            + "a t_neuron ceiling (every unit's test or train PSTH is constant, or below the rate filter).");
        continue;
      }
      for (int k = 0; k < units.size(); k++) {
        page.add(unit(in, r, a, k, units.get(k), units.size(), t));
      }
    }
  }

  private static String filters(AnalysisResult r) {
    return "F1 (box of " + r.f1().kernelBins() + " bins) then F2 (box of " + r.f2().kernelBins() + " F1 bins, every "
        + r.f2().strideBins() + ")";
  }

  static String eventsSentence(AnalysisInputs in) {
    if (in.events().isEmpty()) {
      return " No task event is known for this run.";
    }
    List<String> names = new ArrayList<>();
    in.events().forEach(e -> names.add(e.name() + " " + String.format(Locale.ROOT, "%.0f", e.timeMs()) + " ms"));
    return " Grey lines: task events at their median time over the test trials (" + String.join(", ", names) + ").";
  }

  private static Figure population(AnalysisInputs in, AnalysisResult r, int a, double[] t, ConditionMeans m) {
    String area = in.areaNames().get(a);
    int units = r.unitPsths().unitsInArea(a);
    XYChart c = Figures.xy("Population PSTH by condition, " + area + " (" + units + " units)", TIME_AXIS,
        "rate (Hz), mean ± s.e.m. over trials", Figures.HEIGHT);
    double[] range = conditionTraces(c, t, m);
    ChartParts.yRangeAndEvents(c, in.events(), range[0], range[1]);
    ChartParts.fitLegend(c);
    return new Figure("psth_conditions_" + a + "_" + Figures.safe(area), SECTION, "Population of " + area
        + ": per trial, the mean over its " + units + " recorded units of the rate filtered by " + filters(r)
        + "; per condition (colours), mean over the test trials (solid) and over the evaluation's model trials "
        + "(dashed), shaded ± s.e.m. over trials; trial counts in the legend"
        + (in.sessions().size() > 1 ? "; sessions are combined with weights equal to their units in the area" : "")
        + "." + eventsSentence(in), c);
  }

  private static Figure unit(AnalysisInputs in, AnalysisResult r, int a, int rank, UnitPsths.Unit u, int shown,
      double[] t) {
    String area = in.areaNames().get(a);
    XYChart c = Figures.xy(area + " unit " + u.label() + ": ceiling " + Figures.fmt(u.ceiling()) + ", t_neuron "
        + Figures.fmt(u.model()), TIME_AXIS, "rate (Hz), mean ± s.e.m. over trials", Figures.HEIGHT);
    double[] range = conditionTraces(c, t, u.psth());
    ChartParts.yRangeAndEvents(c, in.events(), range[0], range[1]);
    ChartParts.fitLegend(c);
    return new Figure("psth_unit_" + a + "_" + Figures.safe(area) + "_" + (rank + 1), SECTION, "Unit " + u.label()
        + " of session " + u.session() + " (" + area + ", mean test rate " + Figures.num(u.rateHz()) + " Hz), number "
        + (rank + 1) + " of the " + shown + " shown for " + area + ", chosen as " + UnitPsths.rule() + ". Rate "
        + "filtered by " + filters(r) + "; per condition (colours), mean over the session's test trials (solid) and "
        + "over the model trials of the model unit standing for it (dashed), shaded ± s.e.m. over trials."
        + eventsSentence(in), c);
  }

  /**
   * Draws every condition's data (solid) and model (dashed) mean with its shaded s.e.m.; the bands first, so
   * the lines lie on top.
   *
   * @return {min, max} of the drawn band edges
   */
  static double[] conditionTraces(XYChart c, double[] t, ConditionMeans m) {
    List<double[]> drawn = new ArrayList<>();
    int nc = m.conditions().size();
    for (int k = 0; k < nc; k++) {
      String cond = m.conditions().get(k);
      if (m.dataTrials(k) > 0) {
        ChartParts.band(c, "data band " + cond, t, m.dataMean(k), m.dataSem(k), Palette.condition(k), DATA_ALPHA);
      }
      if (m.modelTrials(k) > 0) {
        ChartParts.band(c, "model band " + cond, t, m.modelMean(k), m.modelSem(k), Palette.condition(k), MODEL_ALPHA);
      }
    }
    for (int k = 0; k < nc; k++) {
      String cond = m.conditions().get(k);
      if (m.dataTrials(k) > 0) {
        Figures.line(c, "data " + cond + " (n=" + m.dataTrials(k) + ")", t, m.dataMean(k), Palette.condition(k),
            Figures.SOLID);
        drawn.add(ChartParts.edge(m.dataMean(k), m.dataSem(k), 1));
        drawn.add(ChartParts.edge(m.dataMean(k), m.dataSem(k), -1));
      }
      if (m.modelTrials(k) > 0) {
        Figures.line(c, "model " + cond + " (n=" + m.modelTrials(k) + ")", t, m.modelMean(k), Palette.condition(k),
            ChartParts.DASHED);
        drawn.add(ChartParts.edge(m.modelMean(k), m.modelSem(k), 1));
        drawn.add(ChartParts.edge(m.modelMean(k), m.modelSem(k), -1));
      }
    }
    return ChartParts.range(drawn);
  }
}
