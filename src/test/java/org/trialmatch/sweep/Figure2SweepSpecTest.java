package org.trialmatch.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trialmatch.evaluate.Comparison;
import org.trialmatch.evaluate.ComparisonSpec;
import org.trialmatch.evaluate.Figure2Fits;
import org.trialmatch.train.FitConfig;

/**
 * The shipped {@code data-samples/sweeps/figure2.json} is {@code experiment figure2}: the same nine
 * configurations (three variants x seeds 0, 1, 2) and the same evaluation, so it reproduces docs/results.md
 * (with the same OpenBLAS kernels, docs/grad.md).
 */
class Figure2SweepSpecTest {
  @Test
  void theShippedSpecIsTheFigure2Experiment() throws IOException {
    SweepSpec spec = SweepSpec.read(Path.of("data-samples/sweeps/figure2.json"));
    assertEquals("figure2", spec.pseudodata());
    List<String> files = Figure2Fits.sessionFiles(Path.of("data-samples/pseudodata"));
    List<SweepPoint> points = SweepPlan.points(spec, files);
    assertEquals(9, points.size());
    int i = 0;
    for (Map.Entry<String, String> v : Comparison.VARIANTS.entrySet()) {
      for (long seed = 0; seed < 3; seed++) {
        SweepPoint p = points.get(i++);
        assertEquals("matching-" + v.getValue() + "_seed-" + seed, p.name());
        ComparisonSpec c = Figure2Fits.figure2(files, 1500, 500, 500, seed);
        FitConfig want = FitConfig.fromJson(Figure2Fits.config(c, v.getValue()), Path.of("."));
        assertEquals(SweepPlan.canonical(want.toJson()), SweepPlan.canonical(p.config()), p.name());
        assertEquals(c.evaluationSeed(), spec.evaluation().seedFor(p.seed()));
        assertEquals(c.evalTrials(), spec.evaluation().modelTrials());
      }
    }
    assertEquals("figure2", spec.evaluation().response());
  }
}
