package org.trialmatch.report;

import java.util.ArrayList;
import java.util.List;

/**
 * What the page shows, in page order: the figures to draw, and the notes standing for figures that have
 * nothing to show.
 */
final class FigurePage {
  final List<Figure> figures = new ArrayList<>();
  final List<FigureNote> notes = new ArrayList<>();

  void add(Figure f) {
    figures.add(f);
  }

  void addAll(List<Figure> fs) {
    figures.addAll(fs);
  }

  void note(String name, String section, String text) {
    notes.add(new FigureNote(name, section, text));
  }
}
