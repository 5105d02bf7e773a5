package org.trialmatch.report;

import java.awt.Color;

/**
 * Colours shared by every figure: data is always blue and the model always vermillion (Okabe-Ito
 * colours, distinguishable with the common colour-vision deficiencies); where colour encodes a
 * cluster instead, data is drawn solid (or with circles) and the model dashed (or with crosses).
 */
public final class Palette {
  /** Test data. */
  public static final Color DATA = new Color(0x00, 0x72, 0xB2);
  /** Train data (the ceiling of every correlation), a lighter data colour. */
  public static final Color DATA_TRAIN = new Color(0x56, 0xB4, 0xE9);
  /** Model. */
  public static final Color MODEL = new Color(0xD5, 0x5E, 0x00);
  /** Modes (clusters) of variability, in cluster order. */
  private static final Color[] CLUSTERS = {
      new Color(0x00, 0x9E, 0x73), new Color(0xE6, 0x9F, 0x00), new Color(0xCC, 0x79, 0xA7),
      new Color(0x33, 0x33, 0x33), new Color(0xF0, 0xE4, 0x42), new Color(0x8C, 0x56, 0x4B),
      new Color(0x7F, 0x7F, 0x7F), new Color(0x17, 0xBE, 0xCF)};

  /**
   * Task conditions (e.g. lick left, lick right) where colour encodes the condition: Okabe-Ito colours
   * other than the data blue and the model vermillion; data is then drawn solid and the model dashed.
   */
  private static final Color[] CONDITIONS = {
      new Color(0x00, 0x9E, 0x73), new Color(0xCC, 0x79, 0xA7), new Color(0xE6, 0x9F, 0x00),
      new Color(0x56, 0xB4, 0xE9), new Color(0x00, 0x00, 0x00), new Color(0x8C, 0x56, 0x4B)};

  private Palette() {}

  /**
   * @param c condition index
   * @return its colour (cycled)
   */
  public static Color condition(int c) {
    return CONDITIONS[c % CONDITIONS.length];
  }

  /**
   * @param c cluster index
   * @return its colour (cycled)
   */
  public static Color cluster(int c) {
    return CLUSTERS[c % CLUSTERS.length];
  }

  /**
   * A shade of a colour for the k-th of n groups (darker to lighter).
   *
   * @param base the colour
   * @param k group
   * @param n groups
   * @return the shade
   */
  public static Color shade(Color base, int k, int n) {
    if (n <= 1) {
      return base;
    }
    double f = 0.45 * k / (n - 1);
    return new Color(mix(base.getRed(), f), mix(base.getGreen(), f), mix(base.getBlue(), f));
  }

  private static int mix(int v, double f) {
    return (int) Math.round(v + (255 - v) * f);
  }

  /**
   * @param c colour
   * @return {@code #rrggbb}
   */
  public static String hex(Color c) {
    return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }
}
