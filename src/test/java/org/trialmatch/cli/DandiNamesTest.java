package org.trialmatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.nwb.NwbReader;
import org.trialmatch.testing.TinyRuns;

/** File names in DANDI's sub-<subject>_ses-<session> form, when asked, carrying the file's own subject id. */
class DandiNamesTest {
  @TempDir Path dir;

  @Test
  void pseudodataAndSimulateNameTheirFilesAsDandiDoes() throws Exception {
    Path pd = dir.resolve("pd");
    CliRunner.Result r = CliRunner.run("pseudodata", "--out", pd.toString(), "--dandi-names", "--sessions", "2", "--units",
        "20", "--trials", "20", "--record-s", "0.4", "--stim-s", "0.1");
    assertEquals(0, r.code(), r.err());
    Path f = pd.resolve("sub-pseudo-PS001_ses-PS001.nwb");
    assertTrue(Files.isRegularFile(f), r.out());
    assertEquals("pseudo-PS001", NwbReader.read(f).subjectId());

    Path run = TinyRuns.pseudo(dir.resolve("fit"));
    r = CliRunner.run("simulate", "--quiet", "--run", run.toString(), "--trials", "3", "--seed", "7", "--dandi-name");
    assertEquals(0, r.code(), r.err());
    Path s = run.resolve("sub-model-pseudo-run_ses-synthetic-seed7.nwb");
    assertTrue(Files.isRegularFile(s), r.out());
    assertEquals("model-pseudo-run", NwbReader.read(s).subjectId());
    r = CliRunner.run("simulate", "--run", run.toString(), "--trials", "3", "--dandi-name", "--out",
        dir.resolve("x.nwb").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--dandi-name: names the default output"), r.err());
  }
}
