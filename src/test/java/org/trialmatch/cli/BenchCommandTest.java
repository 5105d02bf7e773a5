package org.trialmatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

  @Test
  void jsonHasTheDocumentedFields() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "bench", "--units", "60", "--areas", "3",
        "--steps", "40", "--pre-steps", "10", "--batch", "5", "--threads", "2", "--repeats", "1", "--warmup", "0",
        "--backward", "--json");
    assertEquals(0, code, err.toString());
    JsonNode j = new ObjectMapper().readTree(out.toString());
    double f = j.get("forward_s").asDouble();
    assertTrue(f > 0);
    assertTrue(j.get("backward_s").asDouble() > 0, j.toString());
    assertEquals(1, j.get("backward_runs_s").size());
    JsonNode ph = j.get("backward_phases_s");
    double parts = ph.get("adjoint").asDouble() + ph.get("products").asDouble() + ph.get("weight_gradients").asDouble()
        + ph.get("waiting").asDouble();
    assertTrue(parts > 0 && parts <= j.get("backward_s").asDouble() * 1.01, j.toString());
    assertEquals(5 / f, j.get("trials_per_s").asDouble(), 1e-9 * (5 / f));
    assertTrue(j.get("mean_rate_hz").asDouble() >= 0);
    assertTrue(j.get("peak_rss_mb").isNull() || j.get("peak_rss_mb").asDouble() > 0);
    assertEquals(60, j.get("units").asInt());
  }

  @Test
  void withoutBackwardItIsNull() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "bench", "--units", "40", "--areas", "2",
        "--steps", "10", "--pre-steps", "5", "--batch", "2", "--threads", "1", "--repeats", "2", "--warmup", "0",
        "--json");
    assertEquals(0, code, err.toString());
    JsonNode j = new ObjectMapper().readTree(out.toString());
    assertTrue(j.get("backward_s").isNull());
    assertTrue(j.get("backward_runs_s") == null);
    assertEquals(2, j.get("forward_runs_s").size());
  }

  @Test
  void helpShowsOptionsWithDefaults() {
    StringWriter out = new StringWriter();
    int code = Main.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "bench", "--help");
    assertEquals(0, code);
    String h = out.toString();
    for (String opt : new String[] {"--units", "--areas", "--steps", "--batch", "--threads", "--backward", "--json"}) {
      assertTrue(h.contains(opt), opt);
    }
    assertTrue(h.contains("1500") && h.contains("150") && h.contains("700"), h);
  }

  @Test
  void badSizesAreUsageErrors() {
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "bench", "--batch", "0");
    assertEquals(ExitCodes.USAGE, code);
    assertTrue(err.toString().contains("--batch must be >= 1, was 0"), err.toString());
  }

  @Test
  void humanReadableSummary() {
    StringWriter out = new StringWriter();
    int code = Main.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "bench", "--units", "30",
        "--areas", "2", "--steps", "10", "--pre-steps", "5", "--batch", "2", "--threads", "1", "--repeats", "1",
        "--warmup", "0", "--backward");
    assertEquals(0, code);
    assertTrue(out.toString().contains("trials/s"), out.toString());
    assertTrue(out.toString().contains("forward + backward"), out.toString());
  }
}
