package org.trialmatch.report;

import java.util.Objects;

/**
 * A figure the report has nothing to draw for: the page says so, in its place, instead of showing an
 * empty plot.
 *
 * @param name the file stem the figure would have had
 * @param section the part of the page it belongs to
 * @param text what is missing and why, one sentence
 */
public record FigureNote(String name, String section, String text) {
  /** Validates the fields. */
  public FigureNote {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(text, "text");
  }
}
