package org.trialmatch.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import org.trialmatch.analysis.PerturbationResult;
import org.trialmatch.nwb.write.NwbWriter;
import org.trialmatch.report.PerturbationReport;
import org.trialmatch.train.Fit;

/**
 * {@code trialmatch perturb}: runs a {@link PerturbationExperiment} on a fitted run, compares it with the
 * recorded perturbed trials when the run's sessions have any, and writes {@code perturbation.json},
 * {@code control.nwb}, {@code perturbed.nwb} and {@code report/index.html} into the output directory
 * (each file through a temporary name).
 */
public final class PerturbationRun {
  private PerturbationRun() {}

  /**
   * What was written and found.
   *
   * @param result the experiment's statistics
   * @param recorded the comparison with the recording (empty when no session has perturbed trials)
   * @param lines the summary lines
   * @param files the files written
   */
  public record Written(PerturbationResult result, List<RecordedPerturbation.UnitComparison> recorded,
      List<String> lines, List<Path> files) {}

  /** The JSON document: the result and the comparison. */
  record Document(PerturbationResult prediction, List<RecordedPerturbation.UnitComparison> recorded) {}

  /**
   * @param fit the fitted model
   * @param run its run directory (for provenance)
   * @param req the perturbation and strengths
   * @param n paired trials per level
   * @param seed seed of the draws
   * @param out output directory (created when missing)
   * @param progress told the trials simulated so far (may be null)
   * @return what was written
   * @throws IOException if a file cannot be written
   */
  public static Written write(Fit fit, Path run, PerturbationRequest req, int n, long seed, Path out,
      LongConsumer progress) throws IOException {
    String provenance = String.format(Locale.ROOT, "run %s, checkpoint step %d, seed %d, %d paired trials; %s",
        run.toAbsolutePath().normalize(), fit.step(), seed, n, req.spec().name());
    PerturbationExperiment.Output o = PerturbationExperiment.run(fit, req, n, seed, provenance, progress);
    List<RecordedPerturbation.UnitComparison> rec = RecordedPerturbation.compare(fit, req.spec(), o.result(),
        req.recordedColumns());
    Files.createDirectories(out);
    List<Path> files = new ArrayList<>();
    Path control = out.resolve("control.nwb");
    Path perturbed = out.resolve("perturbed.nwb");
    NwbWriter.write(control, o.control());
    NwbWriter.write(perturbed, o.perturbed());
    Path json = out.resolve("perturbation.json");
    ResultJson.write(json, new Document(o.result(), rec));
    List<String> lines = new ArrayList<>(PerturbationExperiment.summary(o.result()));
    Map<String, String> extra = new LinkedHashMap<>();
    if (!rec.isEmpty()) {
      String table = RecordedPerturbation.table(rec);
      extra.put("Predicted against recorded (perturbed vs unperturbed recorded trials)", table);
      lines.add(table.lines().reduce((a, b) -> b).orElse(""));
    }
    Path report = out.resolve("report");
    PerturbationReport.write(o.result(), lines, extra, report);
    files.addAll(List.of(json, control, perturbed, report.resolve("index.html")));
    return new Written(o.result(), rec, lines, files);
  }
}
