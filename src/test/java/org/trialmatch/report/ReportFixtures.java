package org.trialmatch.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A small metrics.csv like the one training writes: losses every row, val_loss and tm_distance every 5th. */
final class ReportFixtures {
  private ReportFixtures() {}

  static Path metricsCsv(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder("step,loss,loss_psth,loss_tm,val_loss,tm_distance,rate_hz,seconds\n");
    for (int s = 0; s <= 2000; s += 100) {
      double l = 10 * Math.exp(-s / 700.0) + 1;
      boolean val = s % 500 == 0;
      sb.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%s,%s,%.4f,%.2f%n", s, l, 0.3 * l, 0.7 * l,
          val ? String.format(Locale.ROOT, "%.6f", 1.1 * l) : "", val ? String.format(Locale.ROOT, "%.6f", 0.2 * l) : "",
          8 + Math.sin(s / 300.0), 0.1 * s));
    }
    Path f = dir.resolve("metrics.csv");
    Files.writeString(f, sb.toString());
    return f;
  }
}
