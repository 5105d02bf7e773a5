package org.trialmatch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.cli.CliRunner;
import org.trialmatch.testing.TinyRuns;

/** Fits of a tiny network on tiny artificial data: learning, determinism, kill-and-resume, NaN. */
class FitTest {
  @TempDir static Path data;
  @TempDir Path dir;
  private static final ObjectMapper M = new ObjectMapper();

  @BeforeAll
  static void writeData() throws IOException {
    TinyRuns.pseudoData(data);
  }

  static String config(int steps, int validateEvery, int threads, String lr, String matching) {
    return TinyRuns.pseudoConfig(data, steps, validateEvery, threads, lr, matching, "");
  }

  private Path writeConfig(String name, String json) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, json);
    return p;
  }

  private static List<double[]> metrics(Path run) throws IOException {
    List<double[]> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
    assertEquals(String.join(",", RunDirectory.METRIC_COLUMNS), lines.get(0));
    for (String l : lines.subList(1, lines.size())) {
      String[] c = l.split(",", -1);
      double[] v = new double[c.length];
      for (int i = 0; i < c.length; i++) {
        v[i] = c[i].isEmpty() ? Double.NaN : Double.parseDouble(c[i]);
      }
      rows.add(v);
    }
    return rows;
  }

  @Test
  void shortFitLowersTrainingAndValidationLoss() throws IOException {
    Path run = dir.resolve("run");
    CliRunner.Result r = CliRunner.run("fit", "--quiet", "--config",
        writeConfig("c.json", config(60, 10, 2, "0.005", "hard")).toString(), "--out", run.toString());
    assertEquals(0, r.code(), r.err());
    List<double[]> m = metrics(run);
    assertEquals(60, m.size());
    double first = 0;
    double last = 0;
    for (int i = 0; i < 10; i++) {
      first += m.get(i)[1] / 10;
      last += m.get(m.size() - 1 - i)[1] / 10;
    }
    assertTrue(last < 0.8 * first, "training loss " + first + " -> " + last);
    double val10 = m.get(9)[4];
    double valBest = Double.POSITIVE_INFINITY;
    for (double[] row : m) {
      if (!Double.isNaN(row[4])) {
        valBest = Math.min(valBest, row[4]);
      }
    }
    assertTrue(valBest < val10, "validation loss " + val10 + " -> best " + valBest);
    JsonNode manifest = M.readTree(run.resolve("manifest.json").toFile());
    assertEquals(2, manifest.get("inputs").size());
    assertEquals(64, manifest.at("/inputs/0/sha256").asText().length());
    assertTrue(manifest.get("finished").isTextual());
    // built from this git checkout: the commit recorded at build time (tests run from target/classes)
    if (Files.isDirectory(Path.of(".git")) || Files.isRegularFile(Path.of(".git"))) {
      assertTrue(manifest.get("git_commit").asText().matches("[0-9a-f]{7,}(-dirty)?"), manifest.toString());
    }
    JsonNode resolved = M.readTree(run.resolve("config.json").toFile());
    assertEquals(100, resolved.at("/model/steps").asInt());
    assertTrue(Files.isRegularFile(run.resolve("checkpoints/best/parameters.bin")));
    try (Fit a = Fit.load(RunDirectory.at(run)); Fit b = Fit.load(RunDirectory.at(run))) {
      Fit.Simulated x = a.simulateTest(40, 7);
      Fit.Simulated y = b.simulateTest(40, 7);
      assertEquals(40, x.spikes().trials());
      assertEquals(100 * 40 * 50, x.spikes().values().length);
      assertArrayEquals(x.spikes().values(), y.spikes().values());
      assertEquals("1", x.condition(39));
      assertTrue(a.step() >= 10);
    }
  }

  private static byte[] lastParameters(Path run) throws IOException {
    return Files.readAllBytes(run.resolve("checkpoints/last/parameters.bin"));
  }

  @Test
  void sameParametersForAnyThreadCount() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertEquals(0, CliRunner.run("fit", "--quiet", "--config",
        writeConfig("a.json", config(6, 3, 1, "0.002", "sinkhorn")).toString(), "--out", a.toString()).code());
    assertEquals(0, CliRunner.run("fit", "--quiet", "--config",
        writeConfig("b.json", config(6, 3, 2, "0.002", "sinkhorn")).toString(), "--out", b.toString()).code());
    assertArrayEquals(lastParameters(a), lastParameters(b));
  }

  @Test
  void killedRunResumesBitIdentically() throws Exception {
    int steps = 150;
    Path cfg = writeConfig("k.json", config(steps, 5, 2, "0.002", "hard"));
    Path whole = dir.resolve("whole");
    assertEquals(0, CliRunner.run("fit", "--quiet", "--config", cfg.toString(), "--out", whole.toString()).code());

    Path killed = dir.resolve("killed");
    Process child = TinyRuns.startFit(cfg, killed, dir.resolve("child.log"));
    Path state = killed.resolve("checkpoints/last/state.json");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && child.isAlive()) {
      if (Files.exists(state)) {
        try {
          if (M.readTree(state.toFile()).get("step").asLong() >= 10) {
            break;
          }
        } catch (IOException racing) {
          // the checkpoint is being replaced; look again
        }
      }
      Thread.sleep(5);
    }
    assertTrue(child.isAlive(), "the child finished before it could be killed: " + Files.readString(dir.resolve("child.log")));
    child.destroyForcibly().waitFor();
    long reached = M.readTree(killed.resolve("checkpoints/last/state.json").toFile()).get("step").asLong();
    assertTrue(reached < steps, "killed at step " + reached);

    CliRunner.Result resumed = CliRunner.run("fit", "--quiet", "--resume", killed.toString());
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("resuming"), resumed.out());
    assertArrayEquals(lastParameters(whole), lastParameters(killed));
    assertArrayEquals(Files.readAllBytes(whole.resolve("checkpoints/last/optimizer.bin")),
        Files.readAllBytes(killed.resolve("checkpoints/last/optimizer.bin")));
    List<double[]> mw = metrics(whole);
    List<double[]> mk = metrics(killed);
    assertEquals(mw.size(), mk.size());
    for (int i = 0; i < mw.size(); i++) {
      assertEquals(mw.get(i)[1], mk.get(i)[1], 0.0, "loss at step " + (i + 1));
    }
  }

  @Test
  void explodingLossStopsWithExitOneAndKeepsTheCheckpoint() throws IOException {
    Path run = dir.resolve("nan");
    String json = config(40, 1, 1, "1.0", "none").replace("\"seed\":3", "\"seed\":3,\"maxLossFactor\":1.05");
    CliRunner.Result r = CliRunner.run("fit", "--quiet", "--config", writeConfig("n.json", json).toString(), "--out",
        run.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("step (\\d+): the loss exploded.*the last good checkpoint \\(step (\\d+)\\).*try a smaller train.lr")
        .matcher(r.err());
    assertTrue(m.find(), r.err());
    long failed = Long.parseLong(m.group(1));
    long kept = Long.parseLong(m.group(2));
    assertEquals(failed - 1, kept);
    JsonNode st = M.readTree(run.resolve("checkpoints/last/state.json").toFile());
    assertEquals(kept, st.get("step").asLong());
    assertEquals(kept, metrics(run).size());
  }

  @Test
  void realRecordingWithEventsConditionsAndBehaviour() throws IOException {
    // The ALM sample: conditions 'lick left'/'lick right', per-trial sample/delay/cue bursts, lick rate.
    String json = "{\"data\":{\"preset\":\"delayed-response\",\"files\":[\""
        + org.trialmatch.testing.TestData.alm().toAbsolutePath() + "\"],\"startS\":-0.4,\"stopS\":0.4},"
        + "\"model\":{\"preset\":\"figure2\",\"nUnits\":100,\"nInputs\":30,\"areas\":[\"ALM\"],"
        + "\"motorAreas\":[\"ALM\"],\"hiddenUnits\":true},"
        + "\"loss\":{\"matching\":\"sinkhorn\"},"
        + "\"train\":{\"steps\":3,\"modelTrials\":12,\"validateEvery\":3}}";
    Path run = dir.resolve("alm");
    CliRunner.Result r = CliRunner.run("fit", "--quiet", "--config", writeConfig("alm.json", json).toString(), "--out",
        run.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("fit: reached 3 steps (best validation loss at step 3)"), r.out());
    List<double[]> m = metrics(run);
    assertEquals(3, m.size());
    assertTrue(Double.isFinite(m.get(2)[5]), "tm_distance at the validation step");
  }

  @Test
  void configErrorsNameTheKey() throws IOException {
    String bad = config(5, 5, 1, "0.001", "hard").replace("\"modelTrials\":16", "\"modelTrails\":16");
    CliRunner.Result r = CliRunner.run("fit", "--config", writeConfig("bad.json", bad).toString(), "--out",
        dir.resolve("x").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("train.modelTrails") && r.err().contains("unknown key"), r.err());
    String lr = config(5, 5, 1, "-1", "hard");
    r = CliRunner.run("fit", "--config", writeConfig("lr.json", lr).toString(), "--out", dir.resolve("y").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("train.lr: must be in (0, 1.0], was -1.0"), r.err());
    String steps = config(5, 5, 1, "0.001", "hard").replace("\"figure2\",", "\"figure2\",\"steps\":10,");
    r = CliRunner.run("fit", "--config", writeConfig("s.json", steps).toString(), "--out", dir.resolve("z").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("model.steps"), r.err());
    assertTrue(new File(dir.toFile(), "x").listFiles() == null || new File(dir.toFile(), "x").listFiles().length == 0);
  }
}
