package org.trialmatch.report;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.trialmatch.analysis.AnalysisInputs;
import org.trialmatch.analysis.AnalysisResult;
import org.trialmatch.analysis.AreaCorrelation;
import org.trialmatch.analysis.ClusterSummary;
import org.trialmatch.analysis.Modes;
import org.trialmatch.analysis.Proportion;
import org.trialmatch.analysis.SessionCorrelation;
import org.trialmatch.analysis.SessionInputs;
import org.trialmatch.analysis.Summary;
import org.trialmatch.analysis.TrainingCurves;
import org.trialmatch.analysis.TrialTypeFractions;
import org.trialmatch.analysis.TrialTypeRow;

/**
 * {@code index.html}: one self-contained page (no external file or script; PNG figures embedded as
 * base64) that tells the run's story: how well the model's PSTHs and single trials match the test
 * data against the train-vs-test ceilings, which modes of variability the data and the model have
 * and in which shares, trial types, behaviour, connectivity and training; last, which sessions the
 * model's units stand for (the only link out of the page: to the run's {@code stitching.csv}).
 */
final class HtmlPage {
  private HtmlPage() {}

  /**
   * @param in the analysis inputs
   * @param r the analysis
   * @param figures the rendered figures
   * @param notes the figures not drawn, with the reason (shown in their place)
   * @param pngs their PNG bytes by name
   * @param stitching the run's stitching table, when it has one
   * @param stitchingProblem why the run's stitching table could not be read, when it could not
   * @param outDir the report directory (links are relative to it)
   * @return the page
   */
  static String build(AnalysisInputs in, AnalysisResult r, List<String> checks, List<RenderedFigure> figures,
      List<FigureNote> notes, Map<String, byte[]> pngs, Optional<StitchingSummary> stitching,
      Optional<String> stitchingProblem, Path outDir) {
    StringBuilder h = new StringBuilder(1 << 16);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>trialmatch report: ")
        .append(esc(in.runName())).append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}")
        .append("h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
        .append("th{background:#f3f3f3}td.l,th.l{text-align:left}figure{margin:1.5em 0}figcaption{font-size:.9em;color:#444}")
        .append("img{max-width:100%;height:auto;border:1px solid #eee}.data{color:").append(Palette.hex(Palette.DATA))
        .append(";font-weight:bold}.model{color:").append(Palette.hex(Palette.MODEL))
        .append(";font-weight:bold}.note{color:#8a4b00}\n</style>\n</head>\n<body>\n");
    h.append("<h1>trialmatch report: ").append(esc(in.runName())).append("</h1>\n");
    if (!in.metadata().isEmpty()) {
      h.append("<table>\n");
      in.metadata().forEach((k, v) -> h.append("<tr><th class=\"l\">").append(esc(k)).append("</th><td class=\"l\">")
          .append(k.equals(Report.COMPARISON_KEY) ? "<a href=\"" + esc(v) + "\">the comparison this run belongs to</a>" : esc(v))
          .append("</td></tr>\n"));
      h.append("</table>\n");
    }
    if (!checks.isEmpty()) {
      h.append("<h2 id=\"targets\">Targets (test trials)</h2>\n<ul>\n");
      for (String c : checks) {
        h.append("<li>").append(esc(c)).append("</li>\n");
      }
      h.append("</ul>\n");
    }
    summary(h, in, r);

    h.append("<h2>1. Activity: data vs model</h2>\n<p>Colours: <span class=\"data\">data</span> and "
        + "<span class=\"model\">model</span> throughout. Every number below uses the <em>test</em> trials; the "
        + "ceiling of each correlation is the same measure computed between the train and the test trials of the "
        + "data, i.e. what a perfect model could reach given the finite number of trials.</p>\n");
    correlationTable(h, "t_neuron (PSTH correlation per unit)", r.tNeuron().perArea(), r.tNeuron().overallModel(),
        r.tNeuron().overallCeiling(), "units");
    var ex = r.tNeuron().exclusions();
    h.append("<p>Model and ceiling are averaged over the same units: ").append(ex.constantData())
        .append(" unit(s) with a constant test or train PSTH left out of both")
        .append(ex.minRateHz() > 0 ? ", " + ex.belowRate() + " at or below " + Figures.fmt(ex.minRateHz())
            + " Hz in the training data left out of both" : " (no rate filter)")
        .append("; ").append(ex.modelFlat()).append(" unit(s) whose model PSTH is constant scored 0.</p>\n");
    figures(h, figures, pngs, Figures.SECTION_ACTIVITY);
    h.append("<h3 id=\"conditions\">PSTHs by condition: population and single units</h3>\n<p>Per area, the population "
        + "(mean over its recorded units) and ").append(org.trialmatch.analysis.UnitPsths.UNITS_PER_AREA)
        .append(" units chosen as ").append(esc(org.trialmatch.analysis.UnitPsths.rule())).append(": test trials "
            + "solid, the evaluation's model trials dashed, one colour per condition, ± s.e.m. over trials shaded.</p>\n");
    section(h, figures, notes, pngs, UnitPsthFigures.SECTION);
    h.append("<h3 id=\"t_neuron_distribution\">t_neuron per unit against its ceiling</h3>\n");
    section(h, figures, notes, pngs, ScoreDistributionFigures.SECTION_NEURON);

    h.append("<h2>2. Trial-to-trial variability</h2>\n");
    correlationTable(h, "t_trial (trial-matched correlation)", r.tTrial().perArea(), r.tTrial().overallModel(),
        r.tTrial().overallCeiling(), "pairs");
    sessionTable(h, r);
    h.append("<p>Trial-matching distance (converged Sinkhorn divergence of the trial features, mean over sessions): "
        + "model vs test ").append(Figures.fmt(r.tTrial().tmDistance())).append(", train vs test data ")
        .append(Figures.fmt(r.tTrial().tmDistanceCeiling())).append(".</p>\n");
    h.append("<h3 id=\"t_trial_distribution\">t_trial per matched pair against its ceiling</h3>\n");
    section(h, figures, notes, pngs, ScoreDistributionFigures.SECTION_TRIAL);
    h.append("<h3 id=\"matched_pairs\">Matched trial pairs</h3>\n<p>Rasters of ").append(esc(MatchedRasterFigures.rule()))
        .append(": each test trial above the model trial the matching assigned to it.</p>\n");
    section(h, figures, notes, pngs, MatchedRasterFigures.SECTION);
    h.append("<h3 id=\"modes\">").append(r.response().isPresent() ? "Response fractions and modes of variability"
        : "Modes of variability").append("</h3>\n");
    r.response().ifPresent(rf -> ResponseText.table(h, rf));
    modes(h, in, r);
    figures(h, figures, pngs, Figures.SECTION_VARIABILITY);

    h.append("<h2>3. Trial types</h2>\n");
    typeTable(h, r.trialTypes());
    figures(h, figures, pngs, Figures.SECTION_TYPES);

    h.append("<h2>4. Behaviour</h2>\n");
    section(h, figures, notes, pngs, Figures.SECTION_BEHAVIOUR);

    h.append("<h2>5. Connectivity</h2>\n");
    figures(h, figures, pngs, Figures.SECTION_CONNECTIVITY);

    h.append("<h2>6. Training</h2>\n");
    training(h, r.training());
    figures(h, figures, pngs, Figures.SECTION_TRAINING);

    if (!r.notes().isEmpty()) {
      h.append("<h2>Notes</h2>\n<ul>\n");
      for (String n : r.notes()) {
        h.append("<li class=\"note\">").append(esc(n)).append("</li>\n");
      }
      h.append("</ul>\n");
    }
    h.append("<h2>Data</h2>\n<table>\n<tr><th class=\"l\">session</th><th>units</th><th>test trials</th>"
        + "<th>train trials</th><th>model trials</th><th class=\"l\">behaviour (test/train/model)</th></tr>\n");
    for (SessionInputs si : in.sessions()) {
      h.append("<tr><td class=\"l\">").append(esc(si.name())).append("</td><td>").append(si.units()).append("</td><td>")
          .append(si.test().trials()).append("</td><td>").append(si.train().trials()).append("</td><td>")
          .append(si.model().trials()).append("</td><td class=\"l\">").append(yn(si.testBehaviour().isPresent()))
          .append('/').append(yn(si.trainBehaviour().isPresent())).append('/').append(yn(si.modelBehaviour().isPresent()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n<p>Bins of ").append(Figures.fmt(in.dtMs())).append(" ms from ")
        .append(Figures.fmt(in.windowStartMs())).append(" ms; F1 = box filter of ").append(r.f1().kernelBins())
        .append(" bins (stride ").append(r.f1().strideBins()).append("), F2 = box filter of ").append(r.f2().kernelBins())
        .append(" F1 bins (stride ").append(r.f2().strideBins()).append("). Every number is in <code>analysis.json</code>"
            + " and defined in the project's <code>docs/analysis.md</code>; each figure is also saved as PNG and SVG"
            + " beside this page.</p>\n");
    stitching.ifPresent(st -> stitchingSection(h, st, outDir));
    stitchingProblem.ifPresent(p -> h.append("<h2>Stitching</h2>\n<p class=\"note\">").append(esc(p))
        .append("</p>\n"));
    h.append("<h2 id=\"methods\">Methods note</h2>\n<p>Embedding: UMAP is ").append(esc(Modes.UMAP_NOTE))
        .append(".</p>\n");
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /** Which sessions the model's units stand for, with a link to the full table. */
  private static void stitchingSection(StringBuilder h, StitchingSummary st, Path outDir) {
    String href = outDir.toAbsolutePath().normalize().relativize(st.csv().toAbsolutePath().normalize()).toString()
        .replace('\\', '/');
    h.append("<h2 id=\"stitching\">Stitching</h2>\n<p>").append(st.recordedUnits()).append(" recorded unit(s) of ")
        .append(st.sessions().size()).append(" session(s) stand behind ").append(st.recordedUnits()).append(" of the ")
        .append(st.modelUnits()).append(" model units; ").append(st.hidden()).append(" are hidden (no recorded unit). "
            + "Which model unit stands for which recorded unit: <a href=\"").append(esc(href)).append("\">")
        .append(esc(StitchingSummary.FILE)).append("</a>.</p>\n<table>\n<tr><th class=\"l\">session</th>"
            + "<th>units</th><th class=\"l\">area(s)</th><th class=\"l\">model units</th></tr>\n");
    for (StitchingSummary.Session s : st.sessions()) {
      h.append("<tr><td class=\"l\">").append(esc(s.name())).append("</td><td>").append(s.units())
          .append("</td><td class=\"l\">").append(esc(String.join(", ", s.areas()))).append("</td><td class=\"l\">")
          .append(esc(StitchingSummary.ranges(s.modelUnits()))).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static String yn(boolean b) {
    return b ? "yes" : "no";
  }

  private static void summary(StringBuilder h, AnalysisInputs in, AnalysisResult r) {
    int units = 0;
    for (SessionInputs si : in.sessions()) {
      units += si.units();
    }
    Summary tnM = r.tNeuron().overallModel();
    Summary tnC = r.tNeuron().overallCeiling();
    Summary ttM = r.tTrial().overallModel();
    Summary ttC = r.tTrial().overallCeiling();
    h.append("<h2>Summary</h2>\n<p>").append(in.sessions().size()).append(" session(s), ").append(units)
        .append(" recorded units in ").append(in.areaNames().size()).append(" area(s) (")
        .append(esc(String.join(", ", in.areaNames()))).append(").</p>\n<ul>\n");
    h.append("<li><b>PSTHs.</b> The model's trial-averaged activity correlates with the test data at t_neuron = <b>")
        .append(Figures.fmt(tnM.mean())).append("</b> (mean over ").append(tnM.n()).append(" units), against a ceiling of ")
        .append(Figures.fmt(tnC.mean())).append(" between train and test data").append(ratio(tnM.mean(), tnC.mean()))
        .append(".</li>\n");
    h.append("<li><b>Single trials.</b> Matched one to one, model and test trials correlate at t_trial = <b>")
        .append(Figures.fmt(ttM.mean())).append("</b> (").append(ttM.n()).append(" pairs), against a ceiling of ")
        .append(Figures.fmt(ttC.mean())).append(ratio(ttM.mean(), ttC.mean())).append(".</li>\n");
    Modes m = r.modes();
    if (m.computed()) {
      h.append("<li><b>Modes of variability.</b> The trials of data and model together fall into <b>").append(m.k())
          .append("</b> clusters (largest mean silhouette, ").append(Figures.fmt(m.silhouetteByK().get(m.k())))
          .append("). ").append(esc(largestShareGap(m))).append("</li>\n");
    } else {
      h.append("<li><b>Modes of variability</b> were not computed: ").append(esc(m.note())).append("</li>\n");
    }
    r.response().ifPresent(rf -> h.append("<li><b>Response of ").append(esc(rf.rule().area())).append(".</b> ")
        .append(esc(ResponseText.sentence(rf))).append("</li>\n"));
    TrialTypeFractions t = r.trialTypes();
    if (t.modelComparable()) {
      h.append("<li><b>Trial types.</b> For ").append(AnalysisJson.typesWithinDataInterval(t)).append(" of ")
          .append(t.rows().size()).append(" trial types the model's fraction lies inside the data's 95% interval.</li>\n");
    } else {
      h.append("<li><b>Trial types.</b> ").append(esc(t.modelNote())).append(".</li>\n");
    }
    h.append("</ul>\n");
  }

  private static String ratio(double model, double ceiling) {
    if (Double.isNaN(model) || Double.isNaN(ceiling) || ceiling == 0) {
      return "";
    }
    return " (ratio " + Figures.fmt(model / ceiling) + ")";
  }

  /** The mode whose data and model shares differ most, in words. */
  static String largestShareGap(Modes m) {
    ClusterSummary best = null;
    double gap = -1;
    for (ClusterSummary cs : m.clusters()) {
      double g = Math.abs(cs.dataShare().p() - cs.modelShare().p());
      if (g > gap) {
        gap = g;
        best = cs;
      }
    }
    if (best == null) {
      return "";
    }
    return "Mode " + (best.index() + 1) + " shows the largest difference: it holds " + share(best.dataShare())
        + " of the data trials (" + dominant(best.dataTypes()) + ") and " + share(best.modelShare())
        + " of the model trials (" + dominant(best.modelTypes()) + ").";
  }

  private static String share(Proportion p) {
    return Figures.pct(p.p()) + " [" + Figures.pct(p.lo()) + ", " + Figures.pct(p.hi()) + "]";
  }

  private static String dominant(Map<String, Integer> types) {
    String best = "none";
    int n = 0;
    int total = 0;
    for (Map.Entry<String, Integer> e : types.entrySet()) {
      total += e.getValue();
      if (e.getValue() > n) {
        n = e.getValue();
        best = e.getKey();
      }
    }
    return total == 0 ? "none" : "mostly " + best + ", " + n + " of " + total;
  }

  private static void correlationTable(StringBuilder h, String title, List<AreaCorrelation> perArea, Summary allM,
      Summary allC, String what) {
    h.append("<table>\n<caption>").append(esc(title)).append("</caption>\n<tr><th class=\"l\">area</th>"
        + "<th>model (mean ± s.e.m.)</th><th>").append(what).append("</th><th>excluded</th>"
        + "<th>ceiling: train vs test</th><th>").append(what).append("</th><th>excluded</th></tr>\n");
    for (AreaCorrelation ac : perArea) {
      row(h, ac.area(), ac.model(), ac.ceiling());
    }
    row(h, "all", allM, allC);
    h.append("</table>\n");
  }

  private static void row(StringBuilder h, String label, Summary m, Summary c) {
    h.append("<tr><td class=\"l\">").append(esc(label)).append("</td><td>").append(pm(m)).append("</td><td>")
        .append(m.n()).append("</td><td>").append(m.excluded()).append("</td><td>").append(pm(c)).append("</td><td>")
        .append(c.n()).append("</td><td>").append(c.excluded()).append("</td></tr>\n");
  }

  private static String pm(Summary s) {
    return Figures.fmt(s.mean()) + (Double.isNaN(s.sem()) ? "" : " ± " + Figures.fmt(s.sem()));
  }

  private static void sessionTable(StringBuilder h, AnalysisResult r) {
    h.append("<table>\n<caption>t_trial per session</caption>\n<tr><th class=\"l\">session</th><th class=\"l\">"
        + "features</th><th>model</th><th>ceiling</th><th class=\"l\">note</th></tr>\n");
    for (SessionCorrelation sc : r.tTrial().perSession()) {
      h.append("<tr><td class=\"l\">").append(esc(sc.session())).append("</td><td class=\"l\">")
          .append(esc(String.join(", ", sc.areas()) + (sc.behaviour() ? " + behaviour" : ""))).append("</td><td>")
          .append(pm(sc.model())).append("</td><td>").append(pm(sc.ceiling())).append("</td><td class=\"l\">")
          .append(esc(sc.note())).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void modes(StringBuilder h, AnalysisInputs in, AnalysisResult r) {
    Modes m = r.modes();
    h.append("<p>Each trial, data or model, is described by its per-area population activity");
    if (m.behaviourUsed()) {
      h.append(" and its behaviour");
    }
    h.append(" (F2∘F1-filtered, centred on its session's mean data trial). These features are embedded together by"
        + " PCA and clustered by k-means; k is the number of clusters with the largest mean silhouette. A mode the data"
        + " has and the model lacks (or the reverse) shows as a cluster whose data and model shares differ (PCA only:"
        + " see the methods note at the end).</p>\n");
    if (!m.computed()) {
      h.append("<p class=\"note\">Not computed: ").append(esc(m.note())).append("</p>\n");
      return;
    }
    h.append("<p>Areas: ").append(esc(String.join(", ", m.areasUsed()))).append("; sessions: ")
        .append(esc(String.join(", ", m.sessionsUsed()))).append("; ").append(m.points()).append(" trials; mean"
            + " silhouette per k: ");
    StringBuilder sil = new StringBuilder();
    m.silhouetteByK().forEach((k, v) -> sil.append(sil.length() > 0 ? ", " : "").append(k).append(": ")
        .append(Figures.fmt(v)));
    h.append(esc(sil.toString())).append(".</p>\n");
    h.append("<table>\n<caption>Modes of variability</caption>\n<tr><th class=\"l\">mode</th>"
        + "<th>share of data trials [95%]</th><th>share of model trials [95%]</th><th class=\"l\">data trial types</th>"
        + "<th class=\"l\">model trial types</th></tr>\n");
    for (ClusterSummary cs : m.clusters()) {
      h.append("<tr><td class=\"l\"><span style=\"color:").append(Palette.hex(Palette.cluster(cs.index())))
          .append("\">&#9679;</span> ").append(cs.index() + 1).append("</td><td>").append(share(cs.dataShare()))
          .append("</td><td>").append(share(cs.modelShare())).append("</td><td class=\"l\">")
          .append(esc(mix(cs.dataTypes()))).append("</td><td class=\"l\">").append(esc(mix(cs.modelTypes())))
          .append("</td></tr>\n");
    }
    h.append("</table>\n<p>").append(esc(largestShareGap(m))).append("</p>\n");
  }

  private static String mix(Map<String, Integer> types) {
    if (types.isEmpty()) {
      return "none";
    }
    StringBuilder b = new StringBuilder();
    types.forEach((k, v) -> b.append(b.length() > 0 ? ", " : "").append(k).append(": ").append(v));
    return b.toString();
  }

  private static void typeTable(StringBuilder h, TrialTypeFractions t) {
    if (!t.modelComparable()) {
      h.append("<p class=\"note\">").append(esc(t.modelNote())).append(".</p>\n");
      h.append("<table>\n<caption>Trial-type fractions of the test data (95% Wilson intervals)</caption>\n"
          + "<tr><th class=\"l\">type</th><th>data (test, n=").append(t.dataTrials()).append(")</th></tr>\n");
      for (TrialTypeRow row : t.rows()) {
        if (row.data().count() > 0) {
          h.append("<tr><td class=\"l\">").append(esc(row.label())).append("</td><td>").append(share(row.data()))
              .append("</td></tr>\n");
        }
      }
      h.append("</table>\n");
      return;
    }
    h.append("<table>\n<caption>Trial-type fractions (95% Wilson intervals)</caption>\n<tr><th class=\"l\">type</th>"
        + "<th>data (test, n=").append(t.dataTrials()).append(")</th><th>model (n=").append(t.modelTrials())
        .append(")</th><th class=\"l\">model inside data interval</th></tr>\n");
    for (TrialTypeRow row : t.rows()) {
      double p = row.model().p();
      boolean inside = !Double.isNaN(p) && p >= row.data().lo() && p <= row.data().hi();
      h.append("<tr><td class=\"l\">").append(esc(row.label())).append("</td><td>").append(share(row.data()))
          .append("</td><td>").append(share(row.model())).append("</td><td class=\"l\">").append(yn(inside))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void training(StringBuilder h, TrainingCurves tc) {
    if (!tc.present()) {
      h.append("<p class=\"note\">").append(esc(String.join("; ", tc.problems()))).append("</p>\n");
      return;
    }
    h.append("<p>").append(tc.rows()).append(" logged steps");
    for (String c : List.of("step", "loss", "val_loss", "tm_distance")) {
      tc.last(c).ifPresent(v -> h.append("; last ").append(esc(c)).append(" = ").append(Figures.fmt(v)));
    }
    h.append(".</p>\n");
    for (String p : tc.problems()) {
      h.append("<p class=\"note\">").append(esc(p)).append("</p>\n");
    }
  }

  /** The figures of a section, then, in place of those not drawn, why. */
  private static void section(StringBuilder h, List<RenderedFigure> figures, List<FigureNote> notes,
      Map<String, byte[]> pngs, String section) {
    figures(h, figures, pngs, section);
    for (FigureNote n : notes) {
      if (n.section().equals(section)) {
        h.append("<p class=\"note\" id=\"").append(esc(n.name())).append("\">").append(esc(n.text()))
            .append("</p>\n");
      }
    }
  }

  private static void figures(StringBuilder h, List<RenderedFigure> figures, Map<String, byte[]> pngs, String section) {
    for (RenderedFigure f : figures) {
      if (!f.section().equals(section)) {
        continue;
      }
      h.append("<figure id=\"").append(esc(f.name())).append("\">\n<img alt=\"").append(esc(f.title()))
          .append("\" width=\"").append(f.width()).append("\" height=\"").append(f.height())
          .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(pngs.get(f.name())))
          .append("\">\n<figcaption>").append(esc(f.caption())).append(" <a href=\"").append(esc(f.svg()))
          .append("\">SVG</a></figcaption>\n</figure>\n");
    }
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
