package org.trialmatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.pseudo.PseudoDataConfig;
import org.trialmatch.pseudo.PseudoDataGenerator;
import org.trialmatch.pseudo.PseudoDataWriter;
import org.trialmatch.testing.TinyRuns;

/** A run whose data moved: the error says where its config points; --data-dir finds them, checked by SHA-256. */
class MovedDataTest {
  @TempDir Path dir;

  @Test
  void aRunKeepsWorkingWhenItsDataMoveAndRefusesOtherData() throws Exception {
    Path run = TinyRuns.pseudo(dir);
    Path moved = dir.resolve("moved");
    Files.move(dir.resolve("data"), moved);

    CliRunner.Result r = CliRunner.run("analyze", "--quiet", "--run", run.toString(), "--trials", "20");
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains(run.resolve("config.json") + ": data.files names " + dir.resolve("data/PS000.nwb")
        + ", which does not exist (did the data move?); give the folder that now holds the run's data files with "
        + "--data-dir DIR"), r.err());

    r = CliRunner.run("analyze", "--quiet", "--run", run.toString(), "--trials", "20", "--data-dir", moved.toString());
    assertEquals(0, r.code(), r.err());
    r = CliRunner.run("simulate", "--quiet", "--run", run.toString(), "--trials", "5", "--data-dir", moved.toString(),
        "--out", dir.resolve("s.nwb").toString());
    assertEquals(0, r.code(), r.err());

    Path other = Files.createDirectories(dir.resolve("other"));
    PseudoDataConfig cfg = PseudoDataConfig.figure2().resized(2, 30, 60, 0.4, 0.1).withSeed(6);
    PseudoDataWriter.writeAll(PseudoDataGenerator.generate(cfg), cfg, other);
    r = CliRunner.run("analyze", "--quiet", "--run", run.toString(), "--data-dir", other.toString());
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains(other.resolve("PS000.nwb") + " is not the file the run was fitted on"), r.err());

    r = CliRunner.run("analyze", "--quiet", "--run", run.toString(), "--data-dir", dir.resolve("nowhere").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--data-dir: " + dir.resolve("nowhere") + " is not a folder"), r.err());
    r = CliRunner.run("fit", "--quiet", "--resume", run.toString());
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains("did the data move?"), r.err());
  }
}
