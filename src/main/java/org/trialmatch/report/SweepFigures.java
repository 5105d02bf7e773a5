package org.trialmatch.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

/**
 * The figures of a sweep: one score against one swept key, a bar per value of the key (the mean over the
 * points that have it: every seed and every value of the other keys) with the standard deviation across
 * those points, and the data's ceiling as a second bar when the score has one.
 */
public final class SweepFigures {
  private SweepFigures() {}

  /**
   * A score's mean over points for each value of a key.
   *
   * @param value the key's value
   * @param mean mean over the points that ran to the end (NaN when none)
   * @param sd standard deviation across them (0 for one point)
   * @param n how many
   * @param ceiling mean of the score's ceiling over the same points, or NaN
   */
  public record Bar(String value, double mean, double sd, int n, double ceiling) {}

  /**
   * @param key the swept key
   * @param score the score's name
   * @param bars one per value of the key, in the spec's order
   * @return the figure {@code <score>_vs_<key>}
   */
  public static Figure scoreAgainst(String key, String score, List<Bar> bars) {
    CategoryChart ch = Figures.bars(score + " against " + key, key, score);
    List<String> cats = new ArrayList<>();
    List<Double> means = new ArrayList<>();
    List<Double> sds = new ArrayList<>();
    List<Double> ceil = new ArrayList<>();
    boolean anyCeiling = false;
    StringBuilder ns = new StringBuilder();
    for (Bar b : bars) {
      cats.add(b.value());
      means.add(Double.isFinite(b.mean()) ? b.mean() : 0.0);
      sds.add(Double.isFinite(b.sd()) ? b.sd() : 0.0);
      ceil.add(Double.isFinite(b.ceiling()) ? b.ceiling() : 0.0);
      anyCeiling |= Double.isFinite(b.ceiling());
      ns.append(ns.length() == 0 ? "" : ", ").append(b.value()).append(": ").append(b.n());
    }
    CategorySeries s = ch.addSeries("model (mean ± sd over points)", cats, means, sds);
    s.setFillColor(Palette.MODEL);
    if (anyCeiling) {
      CategorySeries c = ch.addSeries("data ceiling (train vs test)", cats, ceil);
      c.setFillColor(new Color(0xBB, 0xBB, 0xBB));
    }
    ch.getStyler().setYAxisDecimalPattern("0.###");
    String caption = "Test-trial " + score + " of every point that ran to the end, grouped by " + key
        + "; points per bar: " + ns + ". A missing bar (height 0) has no finished point.";
    return new Figure(score + "_vs_" + key.replace('.', '_'), "sweep", caption, ch);
  }
}
