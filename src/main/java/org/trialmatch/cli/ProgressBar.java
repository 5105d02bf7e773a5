package org.trialmatch.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on standard error: {@code label [#####.....] 3/10 12.0 s ETA 18 s  extra}.
 * On a terminal it is redrawn in place with a carriage return and finished with a newline; otherwise
 * (a log file, a pipe, CI) it prints a plain line at every further tenth of the work, or after a minute
 * without one, and at the end. Silent when disabled.
 */
final class ProgressBar implements AutoCloseable {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final String label;
  private final long total;
  private final boolean enabled;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private long lastTenth = -1;
  private long lastDraw;
  private long done;
  private int lastLength;

  /**
   * @param err where to draw
   * @param label what is being done
   * @param total how many units of work
   * @param enabled false to draw nothing (e.g. with --json or --quiet)
   */
  ProgressBar(PrintWriter err, String label, long total, boolean enabled) {
    this(err, label, total, enabled, System.console() != null);
  }

  /**
   * @param err where to draw
   * @param label what is being done
   * @param total how many units of work
   * @param enabled false to draw nothing
   * @param terminal redraw in place (a terminal) or print plain lines (a log)
   */
  ProgressBar(PrintWriter err, String label, long total, boolean enabled, boolean terminal) {
    this.err = err;
    this.label = label;
    this.total = Math.max(1, total);
    this.enabled = enabled;
    this.terminal = terminal;
  }

  /**
   * @param n units done so far
   * @param extra text shown after the bar (e.g. current losses), or ""
   */
  void update(long n, String extra) {
    done = n;
    long now = System.nanoTime();
    if (!enabled) {
      return;
    }
    if (!terminal) {
      long tenth = Math.min(10, 10 * n / total);
      if (tenth > lastTenth || now - lastDraw > 60_000_000_000L) {
        lastTenth = tenth;
        lastDraw = now;
        err.println(line(n, now, extra));
        err.flush();
      }
      return;
    }
    if (now - lastDraw < 100_000_000L && n < total) {
      return;
    }
    lastDraw = now;
    String line = line(n, now, extra);
    err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
    lastLength = line.length();
    err.flush();
  }

  private String line(long n, long now, String extra) {
    double elapsed = (now - startNanos) / 1e9;
    int filled = (int) (WIDTH * Math.min(1.0, n / (double) total));
    String eta = n > 0 && n < total ? String.format(Locale.ROOT, " ETA %s", seconds(elapsed * (total - n) / n)) : "";
    return String.format(Locale.ROOT, "%s [%s%s] %d/%d %s%s%s", label, "#".repeat(filled),
        ".".repeat(WIDTH - filled), n, total, seconds(elapsed), eta, extra.isEmpty() ? "" : "  " + extra);
  }

  private static String seconds(double s) {
    if (s < 90) {
      return String.format(Locale.ROOT, "%.1f s", s);
    }
    if (s < 5400) {
      return String.format(Locale.ROOT, "%d min %02d s", (long) s / 60, (long) s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", (long) s / 3600, ((long) s % 3600) / 60);
  }

  @Override
  public void close() {
    if (!enabled) {
      return;
    }
    if (!terminal) {
      if (lastTenth < 10) {
        err.println(line(done, System.nanoTime(), ""));
        err.flush();
      }
      return;
    }
    lastDraw = 0;
    update(done, "");
    err.println();
    err.flush();
  }
}
