package org.trialmatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchLossCommandTest {

  private static String run(int expectedCode, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    assertEquals(expectedCode, code, err.toString());
    return expectedCode == 0 ? out.toString() : err.toString();
  }

  private static void assertPositive(JsonNode row, String key) {
    double v = row.get(key).asDouble();
    assertTrue(row.get(key).isNumber() && Double.isFinite(v) && v > 0, key + " in " + row);
  }

  @Test
  void jsonHasTheDocumentedFields() throws Exception {
    JsonNode j = new ObjectMapper().readTree(run(0, "bench", "loss", "--trials", "4,6", "--features", "3",
        "--eps", "0.1", "--repeats", "2", "--warmup", "0", "--json"));
    List<String> top = new ArrayList<>();
    j.fieldNames().forEachRemaining(top::add);
    assertEquals(List.of("features", "seed", "blur", "threads", "java_version", "processors", "results"), top);
    assertEquals(3, j.get("features").asInt());
    assertEquals(1, j.get("threads").asInt());
    JsonNode results = j.get("results");
    assertEquals(8, results.size(), "4 kernels x 2 sizes x 1 eps: " + results);
    String[] kernels = {"hard", "assignment", "annealed", "converged"};
    for (int i = 0; i < results.size(); i++) {
      JsonNode row = results.get(i);
      assertEquals(i < 4 ? 4 : 6, row.get("trials").asInt());
      assertEquals(kernels[i % 4], row.get("kernel").asText());
      assertPositive(row, "best_s");
      assertPositive(row, "median_s");
      assertTrue(row.get("best_s").asDouble() <= row.get("median_s").asDouble(), row.toString());
      assertEquals(2, row.get("runs_s").size());
      row.get("runs_s").forEach(r -> assertTrue(r.asDouble() > 0 && Double.isFinite(r.asDouble()), row.toString()));
      assertEquals(0, row.get("warmup").asInt());
      assertPositive(row, "value");
      boolean sinkhorn = i % 4 >= 2;
      assertEquals(!sinkhorn, row.get("epsilon").isNull(), row.toString());
      boolean converged = i % 4 == 3;
      for (String key : new String[] {"sweeps", "newton_steps", "marginal_error", "converged"}) {
        assertEquals(converged, row.has(key), key + " in " + row);
      }
      if (converged) {
        assertEquals(0.1, row.get("epsilon").asDouble());
        assertPositive(row, "sweeps");
        assertTrue(row.get("converged").asBoolean() && row.get("marginal_error").asDouble() < 1e-9, row.toString());
      }
    }
  }

  @Test
  void defaultsRepeatByKernelAndSize() throws Exception {
    JsonNode results = new ObjectMapper().readTree(run(0, "bench", "loss", "--trials", "3", "--features", "2",
        "--kernels", "assignment,converged", "--eps", "0.5", "--json")).get("results");
    assertEquals(2, results.size());
    assertEquals(30, results.get(0).get("runs_s").size());
    assertEquals(10, results.get(0).get("warmup").asInt());
    assertEquals(3, results.get(1).get("runs_s").size());
    assertEquals(1, results.get(1).get("warmup").asInt());
  }

  @Test
  void summaryHasOneLinePerKernel() {
    String out = run(0, "bench", "loss", "--trials", "4", "--features", "2", "--kernels", "hard,annealed",
        "--repeats", "1", "--warmup", "0");
    String[] lines = out.strip().split("\n");
    assertEquals(3, lines.length, out);
    assertTrue(lines[0].contains("kernels single-threaded, D = 2"), out);
    assertTrue(lines[1].contains("hard matching") && lines[2].contains("Sinkhorn annealed eps 0.01"), out);
  }

  @Test
  void helpExplainsTheMode() {
    String h = run(0, "bench", "loss", "--help");
    for (String s : new String[] {"--trials", "--features", "--kernels", "--blur", "--eps", "--repeats", "--warmup",
        "--json", "174", "best_s", "median_s", "newton_steps", "single-threaded"}) {
      assertTrue(h.contains(s), s);
    }
    assertTrue(run(0, "bench", "--help").contains("loss"));
  }

  @Test
  void badValuesAreUsageErrors() {
    assertTrue(run(ExitCodes.USAGE, "bench", "loss", "--trials", "5,0").contains("--trials must be >= 1, was 0"));
    assertTrue(run(ExitCodes.USAGE, "bench", "loss", "--eps", "-1").contains("--eps must be finite and > 0"));
    String err = run(ExitCodes.USAGE, "bench", "loss", "--kernels", "sinkhorn");
    assertTrue(err.contains("--kernels") && err.contains("Try 'trialmatch bench loss --help'"), err);
  }
}
