package org.trialmatch.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.cli.CliRunner;
import org.trialmatch.testing.TinyRuns;

/** {@code trialmatch sweep} with the local engine: outputs, identity with fit + analyze, resuming, failures. */
class SweepTest {
  private static final ObjectMapper M = new ObjectMapper();
  @TempDir static Path dir;
  static Path spec;
  static Path out;
  static CliRunner.Result first;

  @BeforeAll
  static void sweep() throws IOException {
    Path data = TinyRuns.pseudoData(Files.createDirectories(dir.resolve("data")));
    Files.writeString(dir.resolve("base.json"), TinyRuns.pseudoConfig(data, 8, 4, 1, "0.002", "hard", ""));
    spec = dir.resolve("s.json");
    Files.writeString(spec, "{\"name\":\"tiny\",\"base\":\"base.json\",\"grid\":{\"loss.matching\":[\"none\",\"hard\"]},"
        + "\"points\":[{\"name\":\"ok\"},{\"name\":\"few-units\",\"model.nUnits\":4}],"
        + "\"evaluate\":{\"modelTrials\":40,\"seed\":2}}");
    out = dir.resolve("out");
    first = CliRunner.run("sweep", "--quiet", "--spec", spec.toString(), "--out", out.toString(), "--parallel", "2");
  }

  @Test
  void everyPointIsAnOrdinaryRunAndTheSweepIsTabulated() throws IOException {
    assertEquals(1, first.code(), "a failed point makes the exit code 1: " + first.err());
    assertTrue(first.out().contains("sweep tiny: 4 points; 0 finished earlier (kept), 0 failed earlier, 4 to run "
        + "(engine local, 2 at once, 1 thread each)"), first.out());
    assertTrue(first.out().contains("matching-hard_ok done in"), first.out());
    assertTrue(first.out().contains("matching-hard_few-units failed: loss.matching"), first.out());
    JsonNode s = M.readTree(out.resolve("sweep.json").toFile());
    assertEquals(4, s.get("points_total").asInt());
    assertEquals(3, s.get("points_done").asInt(), "with no trial matching, 4 units are enough");
    assertEquals(List.of("loss.matching", "model.nUnits"),
        M.convertValue(s.get("swept_keys"), List.class));
    List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
    assertEquals(5, csv.size());
    assertTrue(csv.get(0).startsWith("point,loss.matching,model.nUnits,seed,status,psth_corr,"), csv.get(0));
    assertTrue(csv.get(1).startsWith("matching-none_ok,none,,3,done,"), csv.get(1));
    String md = Files.readString(out.resolve("summary.md"));
    assertTrue(md.contains("| hard | (base) | 1/1 |"), md);
    assertTrue(md.contains("## Failed points") && md.contains("`matching-hard_few-units`: loss.matching"), md);
    assertTrue(Files.isRegularFile(out.resolve("figures/psth_corr_vs_loss_matching.png")));
    for (String f : List.of("config.json", "manifest.json", "metrics.csv", "stitching.csv", "checkpoints/best/parameters.bin",
        "report/index.html", "report/analysis.json", "report/targets.json")) {
      assertTrue(Files.exists(out.resolve("points/matching-hard_ok").resolve(f)), f);
    }
  }

  @Test
  void aPointIsWhatFitAndAnalyzeWriteForItsConfiguration() throws IOException {
    Path run = dir.resolve("by-hand");
    Path cfg = out.resolve("points/matching-hard_ok/config.json");
    CliRunner.Result f = CliRunner.run("fit", "--quiet", "--config", cfg.toString(), "--out", run.toString());
    assertEquals(0, f.code(), f.err());
    CliRunner.Result a = CliRunner.run("analyze", "--quiet", "--run", run.toString(), "--trials", "40", "--seed", "2");
    assertEquals(0, a.code(), a.err());
    for (String file : List.of("checkpoints/best/parameters.bin", "checkpoints/last/parameters.bin",
        "checkpoints/last/optimizer.bin", "report/targets.json", "stitching.csv")) {
      assertArrayEquals(Files.readAllBytes(run.resolve(file)),
          Files.readAllBytes(out.resolve("points/matching-hard_ok").resolve(file)), file);
    }
    JsonNode p = M.readTree(out.resolve("points/matching-hard_ok.json").toFile());
    JsonNode analysis = M.readTree(run.resolve("report/analysis.json").toFile());
    assertEquals(analysis.at("/t_neuron/all/model/mean").asDouble(), p.at("/scores/psth_corr").asDouble(), 0.0,
        analysis.at("/t_neuron").toString());
  }

  @Test
  void aSecondRunKeepsFinishedPointsListsFailedOnesAndRetriesThemWhenAsked() {
    CliRunner.Result again = CliRunner.run("sweep", "--quiet", "--spec", spec.toString(), "--out", out.toString());
    assertEquals(1, again.code(), again.err());
    assertTrue(again.out().contains("3 finished earlier (kept), 1 failed earlier (listed, not retried: --retry-failed), "
        + "0 to run"), again.out());
    assertTrue(again.out().contains("failed earlier: matching-hard_few-units: loss.matching"), again.out());
    CliRunner.Result retry = CliRunner.run("sweep", "--quiet", "--retry-failed", "--spec", spec.toString(), "--out",
        out.toString());
    assertTrue(retry.out().contains(", 1 to run"), retry.out());
    assertTrue(retry.out().contains("[4/4] matching-hard_few-units failed"), retry.out());
  }

  @Test
  void aSweepKilledInTheMiddleOfAPointResumesItFromItsCheckpoint() throws Exception {
    Path slowBase = dir.resolve("slow.json");
    Files.writeString(slowBase, TinyRuns.pseudoConfig(dir.resolve("data"), 150, 5, 1, "0.002", "hard", ""));
    Path slow = dir.resolve("slow-sweep.json");
    Files.writeString(slow, "{\"base\":\"slow.json\",\"seeds\":[0],\"evaluate\":{\"modelTrials\":40}}");
    Path whole = dir.resolve("slow-whole");
    assertEquals(0, CliRunner.run("sweep", "--quiet", "--spec", slow.toString(), "--out", whole.toString()).code());

    Path killed = dir.resolve("slow-killed");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), "org.trialmatch.cli.Main", "sweep", "--quiet", "--spec", slow.toString(),
        "--out", killed.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile());
    Process child = pb.start();
    Path state = killed.resolve("points/seed-0/checkpoints/last/state.json");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    long reached = 0;
    while (System.nanoTime() < deadline && child.isAlive() && reached < 10) {
      try {
        reached = Files.exists(state) ? M.readTree(state.toFile()).get("step").asLong() : 0;
      } catch (IOException racing) {
        // being replaced; look again
      }
      Thread.sleep(5);
    }
    assertTrue(child.isAlive(), "the sweep ended before it could be killed: " + Files.readString(dir.resolve("killed.log")));
    child.destroyForcibly().waitFor();
    assertFalse(Files.exists(killed.resolve("points/seed-0.json")), "killed before the point finished");

    CliRunner.Result resumed = CliRunner.run("sweep", "--quiet", "--spec", slow.toString(), "--out", killed.toString());
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("(resumed at step "), resumed.out());
    for (String file : List.of("checkpoints/best/parameters.bin", "checkpoints/last/parameters.bin", "report/targets.json")) {
      assertArrayEquals(Files.readAllBytes(whole.resolve("points/seed-0").resolve(file)),
          Files.readAllBytes(killed.resolve("points/seed-0").resolve(file)), file);
    }
    assertEquals(M.readTree(whole.resolve("points/seed-0.json").toFile()).get("scores"),
        M.readTree(killed.resolve("points/seed-0.json").toFile()).get("scores"));
  }

  @Test
  void aChangedEvaluationEvaluatesAgainWithoutFittingAgain() throws IOException {
    Path one = dir.resolve("one.json");
    Files.writeString(one, "{\"base\":\"base.json\",\"seeds\":[5],\"evaluate\":{\"modelTrials\":30}}");
    Path o = dir.resolve("eval-out");
    assertEquals(0, CliRunner.run("sweep", "--quiet", "--spec", one.toString(), "--out", o.toString()).code());
    Path metrics = o.resolve("points/seed-5/metrics.csv");
    String fitted = Files.readString(metrics);
    Files.writeString(one, "{\"base\":\"base.json\",\"seeds\":[5],\"evaluate\":{\"modelTrials\":35}}");
    CliRunner.Result r = CliRunner.run("sweep", "--quiet", "--spec", one.toString(), "--out", o.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("0 finished earlier (kept), 0 failed earlier, 1 to run"), r.out());
    JsonNode p = M.readTree(o.resolve("points/seed-5.json").toFile());
    assertTrue(p.get("evaluation").asText().startsWith("modelTrials=35 "), p.toString());
    assertEquals(0, p.get("resumedFromStep").asLong(), p.toString());
    assertEquals(fitted, Files.readString(metrics), "the fit was not run again");
    assertTrue(p.get("stopReason").asText().startsWith("reached 8 steps"), p.toString());
  }

  @Test
  void aPointKilledAfterItsFitIsEvaluatedWithoutFittingAgainAlsoAfterAnEarlyStop() throws IOException {
    Path early = dir.resolve("early.json");
    Files.writeString(early, TinyRuns.pseudoConfig(dir.resolve("data"), 40, 2, 1, "0.002", "hard",
        ",\"earlyStopPatience\":2"));
    Path one = dir.resolve("early-sweep.json");
    Files.writeString(one, "{\"base\":\"early.json\",\"seeds\":[1],\"evaluate\":{\"modelTrials\":30}}");
    Path o = dir.resolve("early-out");
    CliRunner.Result r = CliRunner.run("sweep", "--quiet", "--spec", one.toString(), "--out", o.toString());
    assertEquals(0, r.code(), r.err());
    Path point = o.resolve("points/seed-1");
    JsonNode before = M.readTree(o.resolve("points/seed-1.json").toFile());
    assertTrue(before.get("stopReason").asText().startsWith("early stop"), before.toString());
    byte[] last = Files.readAllBytes(point.resolve("checkpoints/last/parameters.bin"));
    String metrics = Files.readString(point.resolve("metrics.csv"));

    // as if killed between the end of the fit and the manifest's finish, and before the evaluation
    com.fasterxml.jackson.databind.node.ObjectNode manifest =
        (com.fasterxml.jackson.databind.node.ObjectNode) M.readTree(point.resolve("manifest.json").toFile());
    manifest.putNull("finished");
    Files.writeString(point.resolve("manifest.json"), manifest.toString());
    Files.delete(o.resolve("points/seed-1.json"));
    org.trialmatch.train.RunDirectory.deleteTree(point.resolve("report"));
    r = CliRunner.run("sweep", "--quiet", "--spec", one.toString(), "--out", o.toString());
    assertEquals(0, r.code(), r.err());
    assertArrayEquals(last, Files.readAllBytes(point.resolve("checkpoints/last/parameters.bin")), "no step after the stop");
    assertEquals(metrics, Files.readString(point.resolve("metrics.csv")));
    JsonNode after = M.readTree(o.resolve("points/seed-1.json").toFile());
    assertEquals(before.get("scores"), after.get("scores"));
    assertTrue(Files.isRegularFile(point.resolve("report/index.html")));
  }

  @Test
  void commandLineMistakesAreNamed() throws IOException {
    String s = spec.toString();
    String o = dir.resolve("x").toString();
    CliRunner.Result r = CliRunner.run("sweep", "--spec", s, "--out", o, "--engine", "yarn");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--engine: must be local or spark, was 'yarn'"), r.err());
    r = CliRunner.run("sweep", "--spec", s, "--out", o, "--parallel", "0");
    assertTrue(r.code() == 2 && r.err().contains("--parallel: must be >= 1"), r.err());
    r = CliRunner.run("sweep", "--spec", s, "--out", o, "--master", "local[2]");
    assertTrue(r.code() == 2 && r.err().contains("--master: is for --engine spark"), r.err());
    r = CliRunner.run("sweep", "--spec", s, "--out", o, "--engine", "spark", "--parallel", "2");
    assertTrue(r.code() == 2 && r.err().contains("--parallel: is for --engine local"), r.err());
    r = CliRunner.run("sweep", "--spec", s, "--out", spec.toString());
    assertTrue(r.code() == 2 && r.err().contains("exists and is not a directory"), r.err());
    r = CliRunner.run("sweep", "--spec", s, "--out", dir.resolve("data").toString());
    assertTrue(r.code() == 2 && r.err().contains("is not a sweep directory (it holds PS000.nwb, PS001.nwb"), r.err());
    r = CliRunner.run("sweep", "--spec", dir.resolve("none.json").toString(), "--out", o);
    assertTrue(r.code() == 2 && r.err().contains("no such sweep spec"), r.err());
    r = CliRunner.run("sweep", "--spec", s, "--out", o, "--engine", "spark", "--spark-conf", "novalue");
    assertTrue(r.code() == 2 && r.err().contains("--spark-conf: must be KEY=VALUE"), r.err());
    assertFalse(Files.exists(dir.resolve("x")), "nothing written for a bad command line");
  }
}
