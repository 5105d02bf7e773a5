package org.trialmatch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.cli.CliRunner;
import org.trialmatch.testing.TinyRuns;

/** Runs at their edges: two processes on one run, exploding fits, a kill before the first checkpoint. */
class RunEdgesTest {
  @TempDir static Path data;
  @TempDir Path dir;
  private static final ObjectMapper M = new ObjectMapper();

  @BeforeAll
  static void writeData() throws IOException {
    TinyRuns.pseudoData(data);
  }

  private static String config(int steps, int validateEvery, String lr, String extraTrain) {
    return TinyRuns.pseudoConfig(data, steps, validateEvery, 1, lr, "hard", extraTrain);
  }

  private Path writeConfig(String name, String json) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, json);
    return p;
  }

  private static List<Long> metricSteps(Path run) throws IOException {
    List<Long> steps = new ArrayList<>();
    List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
    for (String l : lines.subList(1, lines.size())) {
      steps.add(Long.parseLong(l.split(",", -1)[0]));
    }
    return steps;
  }

  @Test
  void aSecondProcessOnALockedRunIsRefusedWithTheHoldersPid() throws Exception {
    int steps = 120;
    Path cfg = writeConfig("lock.json", config(steps, 10, "0.002", ""));
    Path run = dir.resolve("locked");
    Process child = TinyRuns.startFit(cfg, run, dir.resolve("child.log"));
    Path metrics = run.resolve("metrics.csv");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && child.isAlive()
        && !(Files.exists(metrics) && Files.readAllLines(metrics).size() > 2)) {
      Thread.sleep(5);
    }
    assertTrue(child.isAlive(), "the child ended too soon: " + Files.readString(dir.resolve("child.log")));
    CliRunner.Result resume = CliRunner.run("fit", "--quiet", "--resume", run.toString());
    CliRunner.Result again = CliRunner.run("fit", "--quiet", "--config", cfg.toString(), "--out", run.toString());
    boolean stillRunning = child.isAlive();
    assertTrue(child.waitFor(300, TimeUnit.SECONDS), "the child did not finish");
    assertEquals(0, child.exitValue(), Files.readString(dir.resolve("child.log")));
    assertTrue(stillRunning, "the child ended while the others ran; the refusals prove nothing");
    assertEquals(2, resume.code(), resume.out() + resume.err());
    assertTrue(resume.err().contains("is being written by another process (pid " + child.pid() + ","), resume.err());
    assertEquals(2, again.code(), again.out() + again.err());
    // every step once, in order
    List<Long> expected = new ArrayList<>();
    for (long s = 1; s <= steps; s++) {
      expected.add(s);
    }
    assertEquals(expected, metricSteps(run));
    // the lock of the finished (dead) process is stale: a resume now takes it
    CliRunner.Result later = CliRunner.run("fit", "--quiet", "--resume", run.toString());
    assertEquals(0, later.code(), later.err());
  }

  @Test
  void noCheckpointHoldsExplodedParametersOrLosses() throws IOException {
    CliRunner.Result absurd = CliRunner.run("fit", "--quiet", "--config",
        writeConfig("huge.json", config(20, 1, "1e30", "")).toString(), "--out", dir.resolve("absurd").toString());
    assertEquals(2, absurd.code(), absurd.err());
    assertTrue(absurd.err().contains("train.lr: must be in (0, 1.0], was 1.0E30"), absurd.err());

    Path run = dir.resolve("exploding");
    CliRunner.Result r = CliRunner.run("fit", "--quiet", "--config",
        writeConfig("exploding.json", config(40, 1, "1.0", ",\"maxLossFactor\":1.05")).toString(), "--out",
        run.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("exploded"), r.err());
    List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
    for (String name : List.of("last", "best")) {
      Path ck = run.resolve("checkpoints").resolve(name);
      if (!Files.isDirectory(ck)) {
        continue;
      }
      long step = M.readTree(ck.resolve("state.json").toFile()).get("step").asLong();
      double val = Double.parseDouble(rows.get((int) step).split(",", -1)[4]);
      double bestBefore = Double.POSITIVE_INFINITY;
      for (int k = 1; k < step; k++) {
        bestBefore = Math.min(bestBefore, Double.parseDouble(rows.get(k).split(",", -1)[4]));
      }
      assertTrue(Double.isFinite(val) && !(val > 1.05 * bestBefore),
          name + " at step " + step + ": validation loss " + val + " > 1.05 x the best before, " + bestBefore);
      for (float v : parameters(ck.resolve("parameters.bin"))) {
        assertTrue(Float.isFinite(v) && Math.abs(v) <= Trainer.MAX_PARAMETER, name + " holds " + v);
      }
    }
  }

  @Test
  void parametersBeyondTheLimitAreUnfitForACheckpoint() {
    assertEquals(null, Trainer.unfitParameters(List.of(new NamedTensor("w", new float[] {0.5f, -3f}))));
    String big = Trainer.unfitParameters(List.of(new NamedTensor("w", new float[] {0.5f, -3e7f})));
    assertTrue(big != null && big.contains("w[1]") && big.contains("diverged"), big);
    String nan = Trainer.unfitParameters(List.of(new NamedTensor("b", new float[] {Float.NaN})));
    assertTrue(nan != null && nan.contains("b[0] is NaN"), nan);
  }

  @Test
  void aRunKilledBeforeItsFirstCheckpointResumesFromTheStart() throws IOException {
    Path cfg = writeConfig("early.json", config(6, 3, "0.002", ""));
    Path whole = dir.resolve("whole");
    assertEquals(0, CliRunner.run("fit", "--quiet", "--config", cfg.toString(), "--out", whole.toString()).code());
    // the state of a run killed at step 2: config, manifest, two metrics rows, no checkpoint
    Path killed = dir.resolve("killed");
    Files.createDirectories(killed);
    Files.copy(whole.resolve("config.json"), killed.resolve("config.json"));
    Files.copy(whole.resolve("manifest.json"), killed.resolve("manifest.json"));
    List<String> rows = Files.readAllLines(whole.resolve("metrics.csv"));
    Files.write(killed.resolve("metrics.csv"), rows.subList(0, 3));
    CliRunner.Result r = CliRunner.run("fit", "--quiet", "--resume", killed.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("has no checkpoint yet: starting again from step 0"), r.out());
    assertArrayEquals(Files.readAllBytes(whole.resolve("checkpoints/last/parameters.bin")),
        Files.readAllBytes(killed.resolve("checkpoints/last/parameters.bin")));
    assertEquals(Files.readAllLines(whole.resolve("metrics.csv")).size(),
        Files.readAllLines(killed.resolve("metrics.csv")).size());
  }

  @Test
  void outOfRangeIntegersNameTheKeyBeforeAnyWork() throws IOException {
    String[][] cases = {
        {"\"steps\":6", "\"steps\":99999999999999", "train.steps: must be in [1, 10000000], was 99999999999999"},
        {"\"modelTrials\":16", "\"modelTrials\":2e9", "train.modelTrials: must be in [1, 100000], was 2.0E9"},
        {"\"steps\":6", "\"steps\":6.5", "train.steps: must be an integer, was 6.5"},
        {"\"nUnits\":50", "\"nUnits\":2e9", "model.nUnits"},
        {"\"nUnits\":50", "\"nUnits\":2000000000", "model.nUnits: nUnits must be in [2, "},
        {"\"modelTrials\":16", "\"modelTrials\":100000", "train.modelTrials: the fit needs at least"},
        {"\"steps\":6", "\"steps\":6,\"steps\":7", "the key 'steps' comes twice in one object"},
    };
    int k = 0;
    for (String[] c : cases) {
      String json = config(6, 3, "0.002", "").replace(c[0], c[1]);
      assertTrue(json.contains(c[1]), c[1]);
      Path out = dir.resolve("bad" + k);
      CliRunner.Result r = CliRunner.run("fit", "--quiet", "--config", writeConfig("bad" + k + ".json", json).toString(),
          "--out", out.toString());
      k++;
      assertEquals(2, r.code(), c[1] + ": " + r.err());
      assertTrue(r.err().contains(c[2]), c[1] + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
    Path deep = dir.resolve("deep.json");
    Files.writeString(deep, "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000));
    CliRunner.Result r = CliRunner.run("fit", "--config", deep.toString(), "--out", dir.resolve("deep").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("deep.json: not a configuration: its JSON is nested more than"), r.err());
    assertFalse(Files.exists(dir.resolve("deep")), "a run directory was made for a bad configuration");
  }

  @Test
  void identicalRunsWriteIdenticalConfigurations() throws IOException {
    // the detection preset's outcome map has four entries, in no particular order in memory
    String json = config(3, 3, "0.002", "");
    Path cfg = writeConfig("same.json", json);
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    CliRunner.Result ra = CliRunner.run("fit", "--quiet", "--config", cfg.toString(), "--out", a.toString());
    assertEquals(0, ra.code(), ra.err());
    assertEquals(0, CliRunner.run("fit", "--quiet", "--config", cfg.toString(), "--out", b.toString()).code());
    assertArrayEquals(Files.readAllBytes(a.resolve("config.json")), Files.readAllBytes(b.resolve("config.json")));
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = M.readTree(a.resolve("config.json").toFile()).get("data").get("outcomeMap")
        .fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    assertEquals(List.of("CR", "FA", "Hit", "Miss"), keys);
  }

  @Test
  void aFifoInDataFilesIsRefusedWithItsPath() throws Exception {
    Path fifo = dir.resolve("pipe.nwb");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "no mkfifo");
    String json = config(3, 3, "0.002", "").replace(data.resolve("PS001.nwb").toString(), fifo.toString());
    CliRunner.Result r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
        () -> CliRunner.run("fit", "--quiet", "--config", writeConfig("fifo.json", json).toString(), "--out",
            dir.resolve("fifo-run").toString()));
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains(fifo.toString()) && r.err().contains("FIFO"), r.err());
  }

  /** The values of every tensor of a {@code parameters.bin}. */
  private static List<Float> parameters(Path file) throws IOException {
    List<Float> out = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      in.readInt();
      in.readInt();
      int n = in.readInt();
      for (int k = 0; k < n; k++) {
        in.readUTF();
        int len = in.readInt();
        for (int i = 0; i < len; i++) {
          out.add(in.readFloat());
        }
      }
    }
    return out;
  }
}
