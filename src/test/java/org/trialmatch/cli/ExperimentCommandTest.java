package org.trialmatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment's plumbing with a handful of steps on the committed demo data. */
class ExperimentCommandTest {
  @TempDir Path dir;

  @Test
  void fitsASeedOnceAndCollectsIt() throws IOException {
    Path out = dir.resolve("exp");
    String[] args = {"experiment", "figure2", "--quiet", "--out", out.toString(), "--data", "data-samples/pseudodata",
        "--steps", "2", "--units", "100", "--model-trials", "40", "--seeds", "1", "--first-seed", "3"};
    CliRunner.Result first = CliRunner.run(args);
    assertEquals(0, first.code(), first.err());
    Path summary = out.resolve("seed-3/summary.json");
    long modified = Files.getLastModifiedTime(summary).toMillis();
    JsonNode e = new ObjectMapper().readTree(out.resolve("experiment.json").toFile());
    assertEquals(1, e.get("seeds").size());
    assertEquals(3, e.at("/seeds/0/seed").asInt());
    for (String v : List.of("no_tm", "hard_tm", "soft_tm")) {
      assertEquals(2, e.at("/seeds/0/variants/" + v + "/steps").asInt());
      assertEquals(e.at("/seeds/0/variants/" + v + "/scores/response/model_fraction").asDouble(),
          e.at("/across_seeds/" + v + "/response_fraction/mean").asDouble(), 1e-12);
      assertTrue(Files.isRegularFile(out.resolve("seed-3").resolve(v).resolve("metrics.csv")));
      assertTrue(Files.isRegularFile(out.resolve("seed-3").resolve(v).resolve("report").resolve("index.html")));
    }
    String md = Files.readString(out.resolve("results.md"));
    assertTrue(md.contains("## Seed 3") && md.contains("Across 1 seeds"), md);
    for (String f : List.of("response_fraction", "trial_matched_corr")) {
      assertTrue(Files.size(out.resolve(f + ".png")) > 1000, f);
      assertTrue(Files.readString(out.resolve(f + ".svg")).contains("<svg"), f);
    }

    CliRunner.Result again = CliRunner.run(args);
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("seed 3: reusing"), again.out());
    assertEquals(modified, Files.getLastModifiedTime(summary).toMillis());
  }

  @Test
  void aDataDirectoryWithoutSessionsIsAnInputError() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRunner.Result r = CliRunner.run("experiment", "figure2", "--out", dir.resolve("o").toString(), "--data",
        empty.toString());
    assertEquals(ExitCodes.BAD_INPUT, r.code());
    assertTrue(r.err().contains(empty.toString()) && r.err().contains("PS*.nwb"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(Files.notExists(dir.resolve("o").resolve("experiment.json")));
  }

  @Test
  void unknownExperimentIsAUsageError() {
    CliRunner.Result r = CliRunner.run("experiment", "figure3", "--out", dir.toString());
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("figure2") && r.err().contains("figure3"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

}
