package org.trialmatch.report;

/**
 * A figure written to disk: {@code name.png} and {@code name.svg} in the report directory.
 *
 * @param name file stem
 * @param section part of the page
 * @param title chart title
 * @param caption what it shows
 * @param width pixels
 * @param height pixels
 */
public record RenderedFigure(String name, String section, String title, String caption, int width, int height) {
  /** @return the PNG file name */
  public String png() {
    return name + ".png";
  }

  /** @return the SVG file name */
  public String svg() {
    return name + ".svg";
  }
}
