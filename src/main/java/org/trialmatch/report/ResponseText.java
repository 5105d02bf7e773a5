package org.trialmatch.report;

import java.util.Locale;
import org.trialmatch.analysis.ResponseFractions;

/** The response fractions in words and as an HTML table. */
final class ResponseText {
  private ResponseText() {}

  /**
   * @param rf the fractions
   * @return one sentence: data vs model by both rules, with the model's distance in standard errors
   */
  static String sentence(ResponseFractions rf) {
    ResponseFractions.Rule w = rf.window();
    ResponseFractions.Rule p = rf.peak();
    return String.format(Locale.ROOT,
        "It responds on %.1f %% of %d test trials and %.1f %% of %d model trials (window rule; the model is %+.1f "
            + "standard errors from the data); by the authors' peak rule (population rate above %.0f Hz), %.1f %% and "
            + "%.1f %% (%+.1f SE).",
        100 * w.dataFraction(), w.dataTrials(), 100 * w.modelFraction(), w.modelTrials(), w.distanceInSe(),
        rf.rule().peakThresholdHz(), 100 * p.dataFraction(), 100 * p.modelFraction(),
        p.distanceInSe());
  }

  /**
   * Appends the table of both rules.
   *
   * @param h the page
   * @param rf the fractions
   */
  static void table(StringBuilder h, ResponseFractions rf) {
    h.append("<table>\n<caption>Response of ").append(HtmlPage.esc(rf.rule().area()))
        .append(": share of trials in which it responds</caption>\n<tr><th class=\"l\">rule</th><th>data (test)</th>"
            + "<th>trials</th><th>model</th><th>trials</th><th>2 SE of the difference</th><th>model − data (SE)</th></tr>\n");
    row(h, String.format(Locale.ROOT, "window: %s–%s ms vs %s ms before", Figures.fmt(rf.rule().responseFromMs()),
        Figures.fmt(rf.rule().responseToMs()), Figures.fmt(rf.rule().baselineMs())), rf.window());
    row(h, String.format(Locale.ROOT, "peak population rate above %.0f Hz (authors')", rf.rule().peakThresholdHz()),
        rf.peak());
    h.append("</table>\n");
  }

  private static void row(StringBuilder h, String label, ResponseFractions.Rule r) {
    h.append(String.format(Locale.ROOT,
        "<tr><td class=\"l\">%s</td><td>%.3f</td><td>%d</td><td>%.3f</td><td>%d</td><td>%.3f</td><td>%+.2f</td></tr>%n",
        HtmlPage.esc(label), r.dataFraction(), r.dataTrials(), r.modelFraction(), r.modelTrials(),
        2 * r.standardError(), r.distanceInSe()));
  }
}
