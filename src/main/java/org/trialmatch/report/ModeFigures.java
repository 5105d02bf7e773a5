package org.trialmatch.report;

import static org.trialmatch.report.Figures.allNaN;
import static org.trialmatch.report.Figures.fmt;
import static org.trialmatch.report.Figures.HEIGHT;
import static org.trialmatch.report.Figures.line;
import static org.trialmatch.report.Figures.pct;
import static org.trialmatch.report.Figures.safe;
import static org.trialmatch.report.Figures.say;
import static org.trialmatch.report.Figures.scatter;
import static org.trialmatch.report.Figures.SECTION_VARIABILITY;
import static org.trialmatch.report.Figures.SOLID;
import static org.trialmatch.report.Figures.TIME_AXIS;
import static org.trialmatch.report.Figures.unbox;
import static org.trialmatch.report.Figures.xy;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.trialmatch.analysis.AnalysisInputs;
import org.trialmatch.analysis.AnalysisResult;
import org.trialmatch.analysis.ClusterSummary;
import org.trialmatch.analysis.Modes;
import org.trialmatch.analysis.Stats;

/**
 * The modes of variability: the PCA embedding of data and model trials (by source and by mode) and the
 * mean population activity and behaviour of each mode.
 */
final class ModeFigures {
  private ModeFigures() {}

  /** @return the embedding figures, and with modes computed the per-mode activity (and behaviour) figures */
  static List<Figure> all(AnalysisInputs in, AnalysisResult r) {
    List<Figure> out = new ArrayList<>();
    out.add(embeddingBySource(r));
    out.add(embeddingByCluster(r));
    Modes m = r.modes();
    if (m.computed()) {
      for (String area : m.areasUsed()) {
        out.add(clusterActivity(in, r, in.areaNames().indexOf(area)));
      }
      if (hasClusterBehaviour(m)) {
        out.add(clusterBehaviour(in, r));
      }
    }
    return out;
  }

  private static String pcTitle(Modes m, int c) {
    double[] ev = m.explainedRatio();
    return "PC" + (c + 1) + " (" + (c < ev.length ? pct(ev[c]) : "n/a") + " of variance, a.u.)";
  }

  static Figure embeddingBySource(AnalysisResult r) {
    Modes m = r.modes();
    if (!m.computed()) {
      XYChart c = xy("Embedding of single trials (PCA)", "PC1 (a.u.)", "PC2 (a.u.)", HEIGHT);
      say(c, "not computed: " + m.note());
      return new Figure("embedding_source", SECTION_VARIABILITY, "Embedding not computed: " + m.note(), c);
    }
    XYChart c = xy("Embedding of single trials (PCA): data vs model", pcTitle(m, 0), pcTitle(m, 1), HEIGHT);
    double[] x = m.pc1();
    double[] y = m.pc2();
    boolean[] isModel = m.isModel();
    scatter(c, "data (test)", Stats.select(x, k -> !isModel[k]), Stats.select(y, k -> !isModel[k]), Palette.DATA,
        SeriesMarkers.CIRCLE);
    scatter(c, "model", Stats.select(x, k -> isModel[k]), Stats.select(y, k -> isModel[k]), Palette.MODEL,
        SeriesMarkers.CROSS);
    c.getStyler().setMarkerSize(6);
    return new Figure("embedding_source", SECTION_VARIABILITY, "Each point is one trial, its features (per-area "
        + "population averages" + (m.behaviourUsed() ? " and behaviour" : "") + ", centred on its session's data mean) "
        + "projected on the first two principal components of data and model together (PCA only; the methods note "
        + "says why).",
        c);
  }

  static Figure embeddingByCluster(AnalysisResult r) {
    Modes m = r.modes();
    if (!m.computed()) {
      XYChart c = xy("Modes of variability (k-means clusters)", "PC1 (a.u.)", "PC2 (a.u.)", HEIGHT);
      say(c, "not computed: " + m.note());
      return new Figure("embedding_clusters", SECTION_VARIABILITY, "Clusters not computed: " + m.note(), c);
    }
    XYChart c = xy("Modes of variability: k = " + m.k() + " clusters (silhouette " + fmt(m.silhouetteByK().get(m.k()))
        + ")", pcTitle(m, 0), pcTitle(m, 1), HEIGHT);
    double[] x = m.pc1();
    double[] y = m.pc2();
    boolean[] isModel = m.isModel();
    int[] cl = m.cluster();
    for (int k = 0; k < m.k(); k++) {
      for (int src = 0; src < 2; src++) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
          if (cl[i] == k && isModel[i] == (src == 1)) {
            xs.add(x[i]);
            ys.add(y[i]);
          }
        }
        if (!xs.isEmpty()) {
          scatter(c, "mode " + (k + 1) + (src == 0 ? " data" : " model"), unbox(xs), unbox(ys), Palette.cluster(k),
              src == 0 ? SeriesMarkers.CIRCLE : SeriesMarkers.CROSS);
        }
      }
    }
    c.getStyler().setMarkerSize(6);
    return new Figure("embedding_clusters", SECTION_VARIABILITY, "The same embedding coloured by mode (k-means on the "
        + "first " + m.pcsUsed() + " principal components, k chosen by the largest mean silhouette); circles are data "
        + "trials, crosses model trials.", c);
  }

  static boolean hasClusterBehaviour(Modes m) {
    for (ClusterSummary cs : m.clusters()) {
      if (cs.dataBehaviour().length > 0 || cs.modelBehaviour().length > 0) {
        return true;
      }
    }
    return false;
  }

  static Figure clusterActivity(AnalysisInputs in, AnalysisResult r, int a) {
    Modes m = r.modes();
    String area = in.areaNames().get(a);
    XYChart c = xy("Mean activity per mode, " + area, TIME_AXIS, "population rate (Hz)", HEIGHT);
    double[] t = r.f1TimesMs();
    for (ClusterSummary cs : m.clusters()) {
      double[] d = cs.dataActivity(a);
      double[] mo = cs.modelActivity(a);
      if (!allNaN(d)) {
        line(c, "mode " + (cs.index() + 1) + " data (" + cs.dataShare().count() + ")", t, d,
            Palette.cluster(cs.index()), SOLID);
      }
      if (!allNaN(mo)) {
        line(c, "mode " + (cs.index() + 1) + " model (" + cs.modelShare().count() + ")", t, mo,
            Palette.cluster(cs.index()), SeriesLines.DASH_DASH);
      }
    }
    if (c.getSeriesMap().isEmpty()) {
      say(c, "no trial of any mode has units in this area");
    }
    return new Figure("modes_activity_" + a + "_" + safe(area), SECTION_VARIABILITY, "Population rate of " + area
        + " averaged over the trials of each mode (F1-filtered); data solid, model dashed, colours as in the "
        + "embedding; counts of trials in brackets.", c);
  }

  static Figure clusterBehaviour(AnalysisInputs in, AnalysisResult r) {
    Modes m = r.modes();
    XYChart c = xy("Mean behaviour per mode", TIME_AXIS, in.behaviourLabel(), HEIGHT);
    double[] t = r.f1TimesMs();
    for (ClusterSummary cs : m.clusters()) {
      if (cs.dataBehaviour().length > 0) {
        line(c, "mode " + (cs.index() + 1) + " data", t, cs.dataBehaviour(), Palette.cluster(cs.index()),
            SOLID);
      }
      if (cs.modelBehaviour().length > 0) {
        line(c, "mode " + (cs.index() + 1) + " model", t, cs.modelBehaviour(), Palette.cluster(cs.index()),
            SeriesLines.DASH_DASH);
      }
    }
    return new Figure("modes_behaviour", SECTION_VARIABILITY, "Behaviour averaged over the trials of each mode "
        + "(F1-filtered); data solid, model dashed.", c);
  }
}
