package org.trialmatch.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment's bookkeeping: which earlier seeds are reused, and the spread across seeds. */
class ExperimentTest {
  @TempDir Path dir;

  private static ComparisonSpec spec(long seed) {
    return new ComparisonSpec(List.of("/data/PS000.nwb"), 1500, 150, 1e-3, 500, 100, 500, seed, 10);
  }

  private static ComparisonResult result(ComparisonSpec spec, double data, double[] model, String... variants) {
    Map<String, VariantResult> v = new LinkedHashMap<>();
    int i = 0;
    for (String name : variants) {
      Scores.Response r = new Scores.Response("area2", data, model[i], 0.03, (model[i] - data) / 0.03, 360, 500,
          data, model[i], 0);
      v.put(name, new VariantResult("none", 10, 10, "reached", new Scores(0.5, 0.6, 100, 0.9, 0.95, 360, 1.0, 0.5, r),
          "report/index.html", 1));
      i++;
    }
    return new ComparisonResult(spec.seed(), spec.evaluationSeed(), spec.evalTrials(), spec, v, 3);
  }

  @Test
  void aSummaryMadeWithOtherSettingsOrIncompleteIsNotReused() throws IOException {
    Path f = dir.resolve("summary.json");
    ResultJson.write(f, result(spec(0), 0.8, new double[] {0.8, 0.8, 0.8}, "no_tm", "hard_tm", "soft_tm"));
    assertTrue(Experiment.reusable(f, spec(0)).isPresent());
    assertTrue(Experiment.reusable(f, spec(1)).isEmpty(), "another seed");
    ResultJson.write(f, result(spec(0), 0.8, new double[] {0.8, 0.8}, "no_tm", "hard_tm"));
    assertTrue(Experiment.reusable(f, spec(0)).isEmpty(), "an incomplete summary is fitted again");
    assertTrue(Experiment.reusable(dir.resolve("absent.json"), spec(0)).isEmpty());
  }

  @Test
  void aResultReadsBackEqual() throws IOException {
    Path f = dir.resolve("summary.json");
    ComparisonResult r = result(spec(2), 0.8, new double[] {0.9, 0.82, 0.79}, "no_tm", "hard_tm", "soft_tm");
    ResultJson.write(f, r);
    assertEquals(r, ResultJson.read(f, ComparisonResult.class).orElseThrow());
  }

  @Test
  void meansAndStandardDeviationsAcrossSeeds() {
    double[][] fractions = {{0.80, 0.90, 0.78, 0.76}, {0.70, 0.94, 0.82, 0.80}, {0.75, 0.92, 0.80, 0.84}};
    List<ComparisonResult> per = new java.util.ArrayList<>();
    for (int s = 0; s < 3; s++) {
      double[] f = fractions[s];
      per.add(result(spec(s), f[0], new double[] {f[1], f[2], f[3]}, "no_tm", "hard_tm", "soft_tm"));
    }
    ExperimentResult e = Experiment.summarise(spec(0), per, 1);
    assertEquals(0.75, e.dataResponseFraction(), 1e-12);
    assertEquals(0.92, e.acrossSeeds().get("no_tm").get("response_fraction").mean(), 1e-12);
    assertEquals(0.02, e.acrossSeeds().get("no_tm").get("response_fraction").sd(), 1e-12);
    assertEquals(0.80, e.acrossSeeds().get("soft_tm").get("response_fraction").mean(), 1e-12);
    assertEquals(0.04, e.acrossSeeds().get("soft_tm").get("response_fraction").sd(), 1e-12);
    assertEquals(0.0, e.acrossSeeds().get("hard_tm").get("psth_corr").sd(), 1e-12);
  }
}
