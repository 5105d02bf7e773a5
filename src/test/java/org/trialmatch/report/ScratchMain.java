package org.trialmatch.report;

import java.nio.file.Files;
import java.nio.file.Path;
import org.trialmatch.analysis.SyntheticInputs;

class ScratchMain {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Path csv = dir.resolve("metrics.csv");
    Files.createDirectories(dir);
    StringBuilder sb = new StringBuilder("step,loss,loss_psth,loss_tm,val_loss,tm_distance,rate_hz,seconds\n");
    for (int s = 0; s <= 2000; s += 100) {
      double l = 10 * Math.exp(-s / 700.0) + 1;
      sb.append(s).append(',').append(l).append(',').append(l * 0.3).append(',').append(l * 0.7).append(',')
          .append(s % 500 == 0 ? String.valueOf(l * 1.1) : "").append(',').append(s % 500 == 0 ? String.valueOf(l * 0.2) : "")
          .append(',').append(8 + Math.sin(s / 300.0)).append(',').append(s * 0.1).append('\n');
    }
    Files.writeString(csv, sb.toString());
    long t0 = System.nanoTime();
    var out = Report.write(SyntheticInputs.build(2, 60, true, csv, 7), dir.resolve("report"));
    System.out.println("seconds " + (System.nanoTime() - t0) / 1e9 + " figures " + out.figures().size() + " k " + out.result().modes().k());
  }
}
