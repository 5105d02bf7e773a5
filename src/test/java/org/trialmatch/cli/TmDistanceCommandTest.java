package org.trialmatch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TmDistanceCommandTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  private static JsonNode oracle(String name) throws IOException {
    try (InputStream in = TmDistanceCommandTest.class.getResourceAsStream("/oracles/" + name + ".json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private Path csv(String name, JsonNode rows) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (JsonNode row : rows) {
      for (int c = 0; c < row.size(); c++) {
        sb.append(c == 0 ? "" : ",").append(row.get(c).asText());
      }
      sb.append('\n');
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sb.toString());
    return p;
  }

  @Test
  void hardMatchingReproducesScipy() throws IOException {
    JsonNode o = oracle("small");
    Run r = run("tm-distance", "--data", csv("d.csv", o.get("data")).toString(),
        "--model", csv("m.csv", o.get("model")).toString(), "--method", "hard", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("hard", j.get("method").asText());
    assertEquals(o.get("hard").get("value").asDouble(), j.get("value").asDouble(), 1e-12);
    assertEquals(50, j.get("k_data").asInt());
    assertEquals(50, j.get("k_model").asInt());
    assertEquals(20, j.get("dim").asInt());
    int[] expected = new ObjectMapper().convertValue(o.get("hard").get("assignment_model_to_data"), int[].class);
    assertArrayEquals(expected, new ObjectMapper().convertValue(j.get("assignment_model_to_data"), int[].class));
    assertTrue(j.get("seconds").asDouble() >= 0);
    assertEquals(1, r.out().strip().split("\n").length, "one JSON object on one line");
  }

  @Test
  void sinkhornReproducesPotWithUnequalCounts() throws IOException {
    JsonNode o = oracle("unequal");
    double eps = o.get("sinkhorn").get("eps").asDouble();
    Run r = run("tm-distance", "--data", csv("d.csv", o.get("data")).toString(),
        "--model", csv("m.csv", o.get("model")).toString(), "--method", "sinkhorn", "--eps", Double.toString(eps), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    double expected = o.get("sinkhorn").get("divergence").asDouble();
    assertEquals(expected, j.get("value").asDouble(), 1e-6 * expected);
    assertEquals(eps, j.get("eps").asDouble(), 0.0);
    assertEquals(60, j.get("k_data").asInt());
    assertEquals(40, j.get("k_model").asInt());
    assertTrue(j.get("converged").asBoolean());
    assertFalse(j.has("assignment_model_to_data"));
  }

  @Test
  void unequalHardHasNoAssignmentAndTheSeedMatters() throws IOException {
    JsonNode o = oracle("unequal");
    String d = csv("d.csv", o.get("data")).toString();
    String m = csv("m.csv", o.get("model")).toString();
    JsonNode a = new ObjectMapper().readTree(run("tm-distance", "--data", d, "--model", m, "--method", "hard", "--json").out());
    JsonNode b = new ObjectMapper().readTree(run("tm-distance", "--data", d, "--model", m, "--method", "hard", "--seed", "0", "--json").out());
    JsonNode c = new ObjectMapper().readTree(run("tm-distance", "--data", d, "--model", m, "--method", "hard", "--seed", "7", "--json").out());
    assertFalse(a.has("assignment_model_to_data"));
    assertEquals(a.get("value").asDouble(), b.get("value").asDouble(), 0.0, "default seed is 0");
    assertTrue(a.get("value").asDouble() != c.get("value").asDouble(), "another seed, another subset");
  }

  @Test
  void readableSummaryWithoutJson() throws IOException {
    JsonNode o = oracle("tiny");
    Run r = run("tm-distance", "--data", csv("d.csv", o.get("data")).toString(),
        "--model", csv("m.csv", o.get("model")).toString(), "--method", "sinkhorn", "--eps", "0.5");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("value") && r.out().contains("1.68972228"), r.out());
  }

  @Test
  void malformedCsvExitsWithThreeAndOneLine() throws IOException {
    Path d = dir.resolve("d.csv");
    Files.writeString(d, "1,2\n3,oops\n");
    Path m = dir.resolve("m.csv");
    Files.writeString(m, "1,2\n");
    Run r = run("tm-distance", "--data", d.toString(), "--model", m.toString(), "--method", "hard");
    assertEquals(3, r.code());
    String line = r.err().strip();
    assertEquals(1, line.split("\n").length, line);
    assertTrue(line.contains(d.toString()) && line.contains("row 2") && line.contains("column 2"), line);

    Path wide = dir.resolve("w.csv");
    Files.writeString(wide, "1,2,3\n");
    Run w = run("tm-distance", "--data", m.toString(), "--model", wide.toString(), "--method", "sinkhorn");
    assertEquals(3, w.code());
    assertTrue(w.err().contains(wide.toString()) && w.err().contains("column 3"), w.err());

    assertEquals(3, run("tm-distance", "--data", dir.resolve("missing.csv").toString(), "--model", m.toString(),
        "--method", "hard").code());
  }

  @Test
  void badOptionsExitWithTwoAndHelpShowsDefaults() {
    assertEquals(2, run("tm-distance", "--data", "a.csv", "--model", "b.csv", "--method", "exact").code());
    assertEquals(2, run("tm-distance", "--data", "a.csv", "--model", "b.csv", "--method", "sinkhorn", "--eps", "-1").code());
    Run h = run("tm-distance", "--help");
    assertEquals(0, h.code());
    assertTrue(h.out().contains("--eps") && h.out().contains("default: 0.1"), h.out());
    assertTrue(h.out().contains("--seed") && h.out().contains("default: 0"), h.out());
    assertTrue(h.out().contains("hard, sinkhorn"), h.out());
  }
}
