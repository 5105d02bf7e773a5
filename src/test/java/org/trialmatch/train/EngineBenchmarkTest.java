package org.trialmatch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineBenchmarkTest {
  private static EngineBenchmark.Spec tiny(boolean backward, int repeats) {
    return new EngineBenchmark.Spec(20, 2, 5, 3, 2, 1, backward, repeats, 0, 7);
  }

  private static List<String> keys(ObjectNode j) {
    List<String> k = new ArrayList<>();
    j.fieldNames().forEachRemaining(k::add);
    return k;
  }

  @Test
  void withTheBackwardPassEveryRunAndPhaseIsReported() {
    EngineBenchmark.Result r = EngineBenchmark.run(tiny(true, 2));
    assertEquals(2, r.forwardRunsS().size());
    assertTrue(r.backward().isPresent());
    EngineBenchmark.BackwardResult b = r.backward().get();
    assertEquals(2, b.runsS().size());
    assertEquals(b.bestS(), Math.min(b.runsS().get(0), b.runsS().get(1)), 0.0);
    assertTrue(b.skippedColumns() >= 0 && b.skippedColumns() <= 1, String.valueOf(b.skippedColumns()));
    assertEquals(Math.min(r.forwardRunsS().get(0), r.forwardRunsS().get(1)), r.forwardS(), 0.0);
    ObjectNode j = r.toJson();
    assertEquals(List.of("forward_s", "backward_s", "skipped_columns", "backward_phases_s", "gradient_sha256",
        "trials_per_s",
        "mean_rate_hz", "peak_rss_mb", "units", "areas", "steps", "pre_steps", "batch", "threads", "init_s",
        "forward_runs_s", "backward_runs_s"), keys(j));
    assertEquals(List.of("adjoint", "products", "weight_gradients", "waiting"),
        keys((ObjectNode) j.get("backward_phases_s")));
    assertEquals(20, j.get("units").asInt());
    assertEquals(2, j.get("areas").asInt());
    assertEquals(5, j.get("steps").asInt());
    assertEquals(3, j.get("pre_steps").asInt());
    assertEquals(2, j.get("batch").asInt());
    assertEquals(2, j.get("backward_runs_s").size());
  }

  @Test
  void theGradientDigestIsRepeatableAndFollowsTheGradient() {
    String a = EngineBenchmark.run(tiny(true, 1)).backward().get().gradientSha256();
    String again = EngineBenchmark.run(tiny(true, 1)).backward().get().gradientSha256();
    EngineBenchmark.Spec other = new EngineBenchmark.Spec(20, 2, 5, 3, 2, 1, true, 1, 0, 8);
    String otherSeed = EngineBenchmark.run(other).backward().get().gradientSha256();
    assertEquals(64, a.length(), a);
    assertEquals(a, again);
    assertNotEquals(a, otherSeed);
  }

  @Test
  void withoutTheBackwardPassItsTimeIsNull() {
    EngineBenchmark.Result r = EngineBenchmark.run(tiny(false, 1));
    assertFalse(r.backward().isPresent());
    assertTrue(r.meanRateHz() >= 0, String.valueOf(r.meanRateHz()));
    ObjectNode j = r.toJson();
    assertEquals(List.of("forward_s", "backward_s", "trials_per_s", "mean_rate_hz", "peak_rss_mb", "units",
        "areas", "steps", "pre_steps", "batch", "threads", "init_s", "forward_runs_s"), keys(j));
    assertTrue(j.get("backward_s").isNull());
    assertEquals(1, j.get("forward_runs_s").size());
  }

  @Test
  void theSpecNamesTheBadSize() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new EngineBenchmark.Spec(20, 2, 5, 3, 0, 1, false, 1, 0, 7));
    assertEquals("batch must be >= 1, was 0", e.getMessage());
    assertEquals(List.of("area1", "area2"), tiny(false, 1).config().areas());
  }
}
