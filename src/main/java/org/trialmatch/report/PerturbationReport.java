package org.trialmatch.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.trialmatch.analysis.PerturbationResult;

/**
 * The page of a perturbation experiment ({@code index.html} and its figures): per area the control
 * and perturbed PSTHs of E and I units with the window shaded; the change of each unit's window rate
 * with its 95 % interval; the dose–response of each area when several strengths were simulated; the
 * behaviour readout and the outcome fractions, control against perturbed. Files are written under
 * temporary names and renamed, {@code index.html} last.
 */
public final class PerturbationReport {
  private static final Color CONTROL = Color.BLACK;
  private static final Color PERTURBED = Palette.MODEL;
  private static final Color WINDOW = new Color(0x56, 0xB4, 0xE9);

  private PerturbationReport() {}

  /**
   * Writes the page and its figures.
   *
   * @param r the experiment's result
   * @param lines summary lines shown at the top
   * @param extra further sections as (title, preformatted text), e.g. a comparison with a recording
   * @param dir the output directory (created when missing)
   * @return the figures written
   * @throws IOException if a file cannot be written
   */
  public static List<Figure> write(PerturbationResult r, List<String> lines, Map<String, String> extra, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    List<Figure> figs = figures(r);
    Map<String, byte[]> png = new HashMap<>();
    for (Figure f : figs) {
      png.put(f.name(), ChartRenderer.write(f, dir));
    }
    AtomicFiles.write(dir.resolve("index.html"), html(r, lines, extra, figs, png).getBytes(StandardCharsets.UTF_8));
    return figs;
  }

  /**
   * @param r the result
   * @return its figures, unrendered
   */
  public static List<Figure> figures(PerturbationResult r) {
    List<Figure> out = new ArrayList<>();
    int rep = r.reportedLevel();
    String label = r.levelLabel(rep);
    for (PerturbationResult.Area a : r.areas()) {
      XYChart c = Figures.xy(a.name() + ": control and " + r.name(), Figures.TIME_AXIS, "rate (Hz)", Figures.HEIGHT);
      double hi = 0;
      for (double[][] p : List.of(a.psthE(), a.psthI())) {
        for (double v : p[0]) {
          hi = Math.max(hi, Double.isFinite(v) ? v : 0);
        }
        for (double v : p[rep]) {
          hi = Math.max(hi, Double.isFinite(v) ? v : 0);
        }
      }
      shade(c, r.windowMedianMs(), 0, hi * 1.05);
      double[] t = r.timesMs();
      line(c, "E control", t, a.psthE()[0], CONTROL, Figures.SOLID);
      line(c, "E " + label, t, a.psthE()[rep], PERTURBED, Figures.SOLID);
      line(c, "I control", t, a.psthI()[0], CONTROL, ChartParts.DASHED);
      line(c, "I " + label, t, a.psthI()[rep], PERTURBED, ChartParts.DASHED);
      ChartParts.fitLegend(c);
      out.add(new Figure("psth_" + Figures.safe(a.name()), "activity", String.format(Locale.ROOT,
          "%s: mean rate of its E units (solid) and I units (dashed) over %d paired model trials, control (black) and "
              + "%s (orange); the perturbation window is shaded (median over trials, %.0f to %.0f ms).", a.name(),
          r.trials(), label, r.windowMedianMs()[0], r.windowMedianMs()[1]), c));
    }
    out.add(unitChanges(r));
    if (r.strengths().length > 1) {
      out.add(doseResponse(r));
    }
    for (int ch = 0; ch < r.behaviour().size(); ch++) {
      PerturbationResult.Channel b = r.behaviour().get(ch);
      XYChart c = Figures.xy("Behaviour readout: " + b.name(), Figures.TIME_AXIS, b.name() + " (z-scored)",
          Figures.HEIGHT);
      double lo = 0;
      double hi = 0;
      for (double[] m : List.of(b.mean()[0], b.mean()[rep])) {
        for (double v : m) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      shade(c, r.windowMedianMs(), lo, hi);
      line(c, "control", r.timesMs(), b.mean()[0], CONTROL, Figures.SOLID);
      line(c, label, r.timesMs(), b.mean()[rep], PERTURBED, Figures.SOLID);
      ChartParts.fitLegend(c);
      out.add(new Figure("behaviour_" + (ch + 1), "behaviour", "The model's behaviour readout " + b.name()
          + ", mean over the paired trials, control (black) and " + label + " (orange); window shaded.", c));
    }
    return out;
  }

  private static Figure unitChanges(PerturbationResult r) {
    XYChart c = Figures.xy("Change of each unit's window rate (" + r.levelLabel(r.reportedLevel()) + ")",
        "unit (by area and cell type, sorted by change)", "perturbed − control (Hz)", Figures.HEIGHT);
    c.getStyler().setErrorBarsColor(Color.GRAY);
    int x0 = 0;
    List<Color> colours = List.of(Palette.DATA, Palette.MODEL, new Color(0x00, 0x9E, 0x73), new Color(0xCC, 0x79, 0xA7),
        new Color(0xE6, 0x9F, 0x00), Color.DARK_GRAY);
    int k = 0;
    for (PerturbationResult.Area a : r.areas()) {
      for (String cell : List.of("E", "I")) {
        List<PerturbationResult.Unit> us = new ArrayList<>();
        for (PerturbationResult.Unit u : r.units()) {
          if (u.area().equals(a.name()) && u.cellType().equals(cell) && Double.isFinite(u.change())) {
            us.add(u);
          }
        }
        if (us.isEmpty()) {
          continue;
        }
        us.sort((p, q) -> Double.compare(p.change(), q.change()));
        double[] x = new double[us.size()];
        double[] y = new double[us.size()];
        double[] e = new double[us.size()];
        for (int i = 0; i < us.size(); i++) {
          x[i] = x0 + i;
          y[i] = us.get(i).change();
          e[i] = Double.isFinite(us.get(i).hi()) ? us.get(i).hi() - us.get(i).change() : 0;
        }
        x0 += us.size() + 3;
        XYSeries s = c.addSeries(a.name() + " " + cell + " (" + us.size() + ")", x, y, e);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(cell.equals("E") ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
        s.setMarkerColor(colours.get(k++ % colours.size()));
      }
    }
    ChartParts.fitLegend(c);
    return new Figure("unit_change", "activity", "Per model unit, the change of its rate in the perturbation window "
        + "(perturbed − control, paired trials) with its 95 % interval (mean ± 1.96 s.e. over " + r.trials()
        + " trials); units grouped by area and cell type, sorted by change.", c);
  }

  private static Figure doseResponse(PerturbationResult r) {
    XYChart c = Figures.xy("Dose–response: change of each area's window rate", "strength (threshold − rest units)",
        "perturbed − control (Hz)", Figures.HEIGHT);
    c.getStyler().setErrorBarsColor(Color.GRAY);
    double[] x = r.strengths();
    int k = 0;
    List<Color> colours = List.of(Palette.DATA, Palette.MODEL, new Color(0x00, 0x9E, 0x73), new Color(0xCC, 0x79, 0xA7));
    for (PerturbationResult.Area a : r.areas()) {
      Color col = colours.get(k++ % colours.size());
      for (String cell : List.of("E", "I")) {
        double[][] ch = cell.equals("E") ? a.changeE() : a.changeI();
        double[] y = new double[x.length];
        double[] e = new double[x.length];
        boolean any = false;
        for (int i = 0; i < x.length; i++) {
          y[i] = ch[i][0];
          e[i] = Double.isFinite(ch[i][2]) ? ch[i][2] - ch[i][0] : 0;
          any |= Double.isFinite(y[i]);
        }
        if (!any) {
          continue;
        }
        XYSeries s = c.addSeries(a.name() + " " + cell, x, y, e);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(cell.equals("E") ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
        s.setMarkerColor(col);
        s.setLineColor(col);
        s.setLineStyle(cell.equals("E") ? Figures.SOLID : ChartParts.DASHED);
      }
    }
    ChartParts.fitLegend(c);
    return new Figure("dose_response", "activity", "Per area, the mean change of its E units' (solid) and I units' "
        + "(dashed) window rate against the strength, with 95 % intervals over the paired trials.", c);
  }

  private static void shade(XYChart c, double[] windowMs, double lo, double hi) {
    if (!(windowMs[1] > windowMs[0]) || !(hi > lo)) {
      return;
    }
    double[] x = {windowMs[0], windowMs[1]};
    double mid = (lo + hi) / 2;
    double half = (hi - lo) / 2;
    ChartParts.band(c, "window", x, new double[] {mid, mid}, new double[] {half, half}, WINDOW, 50);
  }

  private static void line(XYChart c, String name, double[] x, double[] y, Color col, java.awt.BasicStroke st) {
    if (!Figures.allNaN(y)) {
      Figures.line(c, name, x, y, col, st);
    }
  }

  private static String html(PerturbationResult r, List<String> lines, Map<String, String> extra, List<Figure> figs,
      Map<String, byte[]> png) {
    StringBuilder h = new StringBuilder(1 << 16);
    String title = "trialmatch perturbation: " + r.name();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(HtmlPage.esc(title)).append("</title>\n<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;"
            + "padding:0 1em;color:#222;line-height:1.45}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
            + "padding:3px 8px;text-align:right}td.l,th.l{text-align:left}figcaption{font-size:.9em;color:#444}"
            + "img{max-width:100%;height:auto}pre{background:#f6f6f6;padding:.6em}</style>\n</head>\n<body>\n<h1>")
        .append(HtmlPage.esc(title)).append("</h1>\n<pre>");
    for (String l : lines) {
      h.append(HtmlPage.esc(l)).append('\n');
    }
    h.append("</pre>\n");
    for (Map.Entry<String, String> e : extra.entrySet()) {
      h.append("<h2>").append(HtmlPage.esc(e.getKey())).append("</h2>\n<pre>").append(HtmlPage.esc(e.getValue()))
          .append("</pre>\n");
    }
    if (!r.outcomes().isEmpty()) {
      h.append("<h2>Outcomes (the run's classifier on the behaviour readout)</h2>\n<table>\n<tr><th class=\"l\">"
          + "condition</th><th class=\"l\">outcome</th>");
      for (int l = 0; l < r.outcomes().size(); l++) {
        h.append("<th>").append(HtmlPage.esc(r.levelLabel(l))).append("</th>");
      }
      h.append("</tr>\n");
      java.util.Set<String> conds = new java.util.TreeSet<>(r.outcomes().get(0).keySet());
      for (String cond : conds) {
        java.util.Set<String> outs = new java.util.TreeSet<>();
        r.outcomes().forEach(m -> outs.addAll(m.getOrDefault(cond, Map.of()).keySet()));
        for (String o : outs) {
          h.append("<tr><td class=\"l\">").append(HtmlPage.esc(cond)).append("</td><td class=\"l\">")
              .append(HtmlPage.esc(o)).append("</td>");
          for (Map<String, Map<String, Double>> m : r.outcomes()) {
            double f = m.getOrDefault(cond, Map.of()).getOrDefault(o, 0.0);
            h.append(String.format(Locale.ROOT, "<td>%.3f</td>", f));
          }
          h.append("</tr>\n");
        }
      }
      h.append("</table>\n");
    }
    for (Figure f : figs) {
      h.append("<figure id=\"").append(HtmlPage.esc(f.name())).append("\">\n<img alt=\"").append(HtmlPage.esc(f.title()))
          .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png.get(f.name())))
          .append("\">\n<figcaption>").append(HtmlPage.esc(f.caption())).append(" <a href=\"").append(f.name())
          .append(".svg\">SVG</a></figcaption>\n</figure>\n");
    }
    h.append("</body>\n</html>\n");
    return h.toString();
  }
}
