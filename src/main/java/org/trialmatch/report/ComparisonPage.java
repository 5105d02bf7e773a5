package org.trialmatch.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The page of runs that belong together ({@code demo}: no_tm, hard_tm and soft_tm): the headline — the
 * share of trials in which the readout area responds, in the data and in each variant, with the data's
 * band of ± 2 standard errors — then each variant's scores against their ceilings, the split-PSTH
 * figures beside the page, and a link to each run's own report. Written as {@code DIR/index.html}
 * (temporary name, then renamed).
 */
public final class ComparisonPage {
  private ComparisonPage() {}

  /**
   * One variant's numbers, as in {@code summary.json}.
   *
   * @param name variant name (its run directory under DIR)
   * @param matching the trial-matching loss
   * @param modelFraction response fraction of its model trials (NaN when none)
   * @param distanceInSe its distance from the data's in standard errors of the difference
   * @param psthCorr t_neuron
   * @param psthCeiling its ceiling
   * @param trialCorr t_trial
   * @param trialCeiling its ceiling
   * @param tmDistance trial-matching distance
   * @param tmCeiling its ceiling
   * @param bestStep checkpoint step evaluated
   * @param report address of its report, relative to DIR
   */
  public record Row(String name, String matching, double modelFraction, double distanceInSe, double psthCorr,
      double psthCeiling, double trialCorr, double trialCeiling, double tmDistance, double tmCeiling, long bestStep,
      String report) {}

  /**
   * @param dir the comparison's directory (holds summary.json and the split figures)
   * @param title page title
   * @param area the readout area of the response fraction
   * @param dataFraction the data's response fraction (test trials)
   * @param dataTrials test trials it is computed on
   * @param modelTrials model trials of each variant
   * @param se standard error of a difference of fractions
   * @param rows the variants
   * @param figures figure file stems in DIR (each {@code stem.png}, {@code stem.svg})
   * @return the page written
   * @throws IOException if it cannot be written
   */
  public static Path write(Path dir, String title, String area, double dataFraction, int dataTrials, int modelTrials,
      double se, List<Row> rows, List<String> figures) throws IOException {
    StringBuilder h = new StringBuilder(1 << 14);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(HtmlPage.esc(title)).append("</title>\n<style>body{font-family:sans-serif;max-width:1000px;"
            + "margin:2em auto;padding:0 1em;color:#222;line-height:1.45}table{border-collapse:collapse;margin:1em 0}"
            + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td.l,th.l{text-align:left}"
            + "th{background:#f3f3f3}.in{color:#1a7f37;font-weight:bold}.out{color:#b00;font-weight:bold}"
            + "img{max-width:100%;height:auto}</style>\n</head>\n<body>\n<h1>").append(HtmlPage.esc(title))
        .append("</h1>\n");
    double lo = dataFraction - 2 * se;
    double hi = dataFraction + 2 * se;
    h.append(String.format(Locale.ROOT, "<p>Share of trials in which %s responds: data <b>%.3f</b> (%d test trials); "
        + "a variant reproduces it when its fraction (%d model trials) lies within ± 2 standard errors of the "
        + "difference, <b>%.3f–%.3f</b>.</p>\n", HtmlPage.esc(area), dataFraction, dataTrials, modelTrials, lo, hi));
    h.append("<table>\n<tr><th class=\"l\">variant</th><th class=\"l\">loss</th><th>response fraction</th>"
        + "<th>distance (SE)</th><th></th><th>t_neuron / ceiling</th><th>t_trial / ceiling</th>"
        + "<th>TM distance / ceiling</th><th>checkpoint</th><th class=\"l\">report</th></tr>\n");
    for (Row r : rows) {
      boolean in = Math.abs(r.distanceInSe()) <= 2;
      h.append(String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td class=\"l\">%s</td><td>%.3f</td>"
          + "<td>%+.1f</td><td class=\"%s\">%s</td><td>%.3f / %.3f</td><td>%.3f / %.3f</td><td>%.3f / %.3f</td>"
          + "<td>%d</td><td class=\"l\"><a href=\"%s\">%s</a></td></tr>\n", HtmlPage.esc(r.name()),
          HtmlPage.esc(r.matching()), r.modelFraction(), r.distanceInSe(), in ? "in" : "out",
          in ? "inside the band" : "outside", r.psthCorr(), r.psthCeiling(), r.trialCorr(), r.trialCeiling(),
          r.tmDistance(), r.tmCeiling(), r.bestStep(), HtmlPage.esc(r.report()), HtmlPage.esc(r.name())));
    }
    h.append("</table>\n<p>The same numbers are in <code>summary.json</code> beside this page; the scores are "
        + "defined in the project's <code>docs/demo.md</code> and <code>docs/analysis.md</code>.</p>\n");
    for (String f : figures) {
      if (Files.isRegularFile(dir.resolve(f + ".png"))) {
        h.append("<figure><img alt=\"").append(HtmlPage.esc(f)).append("\" src=\"").append(HtmlPage.esc(f))
            .append(".png\"><figcaption>Data trials split by outcome beside every variant's model trials (")
            .append("<a href=\"").append(HtmlPage.esc(f)).append(".svg\">SVG</a>).</figcaption></figure>\n");
      }
    }
    h.append("</body>\n</html>\n");
    Path page = dir.resolve("index.html");
    AtomicFiles.write(page, h.toString());
    return page;
  }
}
