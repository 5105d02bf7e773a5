package org.trialmatch.report;

import java.util.Objects;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One figure before rendering.
 *
 * @param name file stem ({@code name.png}, {@code name.svg}); letters, digits, '_' and '-' only
 * @param section the part of the page it belongs to
 * @param caption what it shows, one or two sentences for the page
 * @param chart the XChart chart (its width and height are the image size in pixels)
 */
public record Figure(String name, String section, String caption, Chart<?, ?> chart) {
  /** Validates the name. */
  public Figure {
    Objects.requireNonNull(chart, "chart");
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("figure name must be letters, digits, '_' or '-', was '" + name + "'");
    }
  }

  /** @return the chart's title */
  public String title() {
    return chart.getTitle();
  }

  /** @return image width, pixels */
  public int width() {
    return chart.getWidth();
  }

  /** @return image height, pixels */
  public int height() {
    return chart.getHeight();
  }
}
