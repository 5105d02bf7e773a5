package org.trialmatch.evaluate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.trialmatch.report.AtomicFiles;

/**
 * {@code experiment figure2}: the comparison repeated over seeds, each seed in {@code DIR/seed-<k>/};
 * a seed whose {@code summary.json} holds a complete result of the same comparison is not fitted again.
 * Writes {@code DIR/experiment.json}, the figures and {@code DIR/results.md}.
 */
public final class Experiment {
  /** The scores summarised across seeds. */
  static final Map<String, ToDoubleFunction<Scores>> METRICS = metrics();

  private Experiment() {}

  private static Map<String, ToDoubleFunction<Scores>> metrics() {
    Map<String, ToDoubleFunction<Scores>> m = new LinkedHashMap<>();
    m.put("response_fraction", s -> s.response() == null ? Double.NaN : s.response().modelFraction());
    m.put("peak_response_fraction", s -> s.response() == null ? Double.NaN : s.response().peakModelFraction());
    m.put("psth_corr", Scores::psthCorr);
    m.put("trial_matched_corr", Scores::trialMatchedCorr);
    m.put("tm_distance", Scores::tmDistance);
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Told when a seed's earlier result is reused, before its table is printed. */
  public interface SeedListener {
    /**
     * @param result the seed's result
     * @param reused whether it was read from an earlier run
     */
    void seedDone(ComparisonResult result, boolean reused);
  }

  /**
   * @param first the comparison of the first seed
   * @param seeds number of seeds (first.seed(), first.seed() + 1, ...)
   * @param out the output directory
   * @param progress where the fits report progress
   * @param listener told after each seed
   * @param version toolkit version for the manifests
   * @return the result (also written)
   * @throws IOException when a file cannot be written
   */
  public static ExperimentResult run(ComparisonSpec first, int seeds, Path out, Progress progress,
      SeedListener listener, String version) throws IOException {
    long t0 = System.nanoTime();
    List<ComparisonResult> per = new ArrayList<>();
    for (int k = 0; k < seeds; k++) {
      ComparisonSpec spec = first.withSeed(first.seed() + k);
      Path seedDir = out.resolve("seed-" + spec.seed());
      Optional<ComparisonResult> old = reusable(seedDir.resolve("summary.json"), spec);
      ComparisonResult r = old.isPresent() ? old.get() : Comparison.run(spec, seedDir, progress,
          List.of("trialmatch", "experiment", "figure2", "--first-seed", Long.toString(spec.seed())), version);
      per.add(r);
      listener.seedDone(r, old.isPresent());
    }
    ExperimentResult e = summarise(first, per, (System.nanoTime() - t0) / 1e9);
    ResultJson.write(out.resolve("experiment.json"), e);
    ExperimentReport.writeFigures(out, e);
    AtomicFiles.write(out.resolve("results.md"), ExperimentReport.markdown(e));
    return e;
  }

  /**
   * @param summaryFile a seed's summary.json
   * @param spec the comparison it must have been made with
   * @return its result when complete and made with the same comparison
   */
  static Optional<ComparisonResult> reusable(Path summaryFile, ComparisonSpec spec) {
    return ResultJson.read(summaryFile, ComparisonResult.class)
        .filter(r -> spec.equals(r.spec()) && r.variants().keySet().equals(Comparison.VARIANTS.keySet()));
  }

  /** Mean and standard deviation across seeds of every metric of every variant. */
  static ExperimentResult summarise(ComparisonSpec first, List<ComparisonResult> per, double seconds) {
    Map<String, Map<String, ExperimentResult.Spread>> across = new LinkedHashMap<>();
    for (String v : Comparison.VARIANTS.keySet()) {
      Map<String, ExperimentResult.Spread> m = new LinkedHashMap<>();
      for (Map.Entry<String, ToDoubleFunction<Scores>> e : METRICS.entrySet()) {
        double[] x = per.stream().mapToDouble(r -> e.getValue().applyAsDouble(r.variants().get(v).scores())).toArray();
        m.put(e.getKey(), ExperimentResult.Spread.of(x));
      }
      across.put(v, m);
    }
    double data = per.stream().mapToDouble(r -> dataFraction(r)).average().orElse(Double.NaN);
    return new ExperimentResult("figure2", first, per, across, data, seconds);
  }

  /** The test data's response fraction of a comparison (the same for every variant). */
  static double dataFraction(ComparisonResult r) {
    Scores.Response resp = r.variants().values().iterator().next().scores().response();
    return resp == null ? Double.NaN : resp.dataFraction();
  }
}
