package org.trialmatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress bar redraws in place on a terminal and prints a plain line per tenth elsewhere. */
class ProgressBarTest {
  private static String run(boolean terminal) {
    StringWriter w = new StringWriter();
    try (ProgressBar bar = new ProgressBar(new PrintWriter(w), "work", 1000, true, terminal)) {
      for (int i = 0; i <= 1000; i++) {
        bar.update(i, "");
      }
    }
    return w.toString();
  }

  @Test
  void aLogGetsOnePlainLinePerTenth() {
    String out = run(false);
    assertFalse(out.contains("\r"), out);
    assertEquals(11, out.lines().count(), out);
    assertTrue(out.lines().toList().get(5).contains(" 500/1000 "), out);
    assertTrue(out.lines().reduce((a, b) -> b).orElse("").contains(" 1000/1000 "), out);
  }

  @Test
  void aTerminalGetsOneRedrawnLine() {
    String out = run(true);
    assertTrue(out.contains("\r"), out);
    assertEquals(1, out.split("\n", -1).length - 1, "one newline at the end: " + out);
    assertTrue(out.contains("1000/1000"), out);
  }

  @Test
  void disabledPrintsNothing() {
    StringWriter w = new StringWriter();
    try (ProgressBar bar = new ProgressBar(new PrintWriter(w), "work", 10, false, false)) {
      bar.update(5, "");
    }
    assertEquals("", w.toString());
  }
}
