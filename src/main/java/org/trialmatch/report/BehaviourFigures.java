package org.trialmatch.report;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.trialmatch.analysis.AnalysisInputs;
import org.trialmatch.analysis.AnalysisResult;
import org.trialmatch.analysis.ConditionMeans;

/**
 * One figure per behaviour channel (e.g. the left and the right lick rate): per condition, the
 * F1-filtered trace of the test trials (solid) and of the model trials (dashed), mean ± s.e.m. over
 * trials (shaded), conditions as colours, task events as grey lines.
 */
final class BehaviourFigures {
  private static final String TIME_AXIS = "time from alignment (ms)";

  private BehaviourFigures() {}

  /**
   * @param series a behaviour series name, e.g. {@code lick_left_times}
   * @return how a reader names it, e.g. {@code lick left rate} (event times are shown as a rate)
   */
  static String readable(String series) {
    String s = series.endsWith("_times") ? series.substring(0, series.length() - "_times".length()) + " rate" : series;
    return s.replace('_', ' ').trim();
  }

  static void add(FigurePage page, AnalysisInputs in, AnalysisResult r) {
    List<ConditionMeans> by = r.behaviourByCondition();
    if (by.isEmpty() || by.stream().noneMatch(ConditionMeans::present)) {
      page.note("behaviour", Figures.SECTION_BEHAVIOUR, "No behaviour figure: the data and the model have no "
          + "behaviour trace.");
      return;
    }
    double[] t = r.f1TimesMs();
    int nc = by.size();
    List<String> names = r.behaviour().channels();
    for (int ch = 0; ch < nc; ch++) {
      String name = ch < names.size() && !names.get(ch).isEmpty() ? readable(names.get(ch)) : "channel " + (ch + 1);
      String stem = nc == 1 ? "behaviour" : "behaviour_" + (ch + 1);
      ConditionMeans m = by.get(ch);
      String what = nc == 1 ? "Behaviour" : "Behaviour channel " + (ch + 1) + " of " + nc + " (" + name + ")";
      if (!m.present()) {
        page.note(stem, Figures.SECTION_BEHAVIOUR, what + ": no trial of the data or the model has it.");
        continue;
      }
      XYChart c = Figures.xy("Behaviour by condition" + (nc == 1 ? "" : ": " + name), TIME_AXIS,
          nc == 1 ? in.behaviourLabel() : name + " (z-scored)", Figures.HEIGHT);
      double[] range = UnitPsthFigures.conditionTraces(c, t, m);
      ChartParts.yRangeAndEvents(c, in.events(), range[0], range[1]);
      ChartParts.fitLegend(c);
      page.add(new Figure(stem, Figures.SECTION_BEHAVIOUR, what + ", F1-filtered: per condition (colours), mean over "
          + "the test trials of every session (solid) and over the model trials (dashed), shaded ± s.e.m. over "
          + "trials; trial counts in the legend. The model's trace is its behaviour readout, in the units of the "
          + "data's trace." + UnitPsthFigures.eventsSentence(in), c));
    }
  }
}
