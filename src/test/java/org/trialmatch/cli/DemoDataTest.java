package org.trialmatch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.evaluate.Figure2Fits;

/**
 * The committed {@code data-samples/pseudodata/PS00*.nwb} are byte for byte what the demo's generator
 * and the {@code pseudodata} command line of data-samples/README.md write.
 */
class DemoDataTest {
  private static final Path COMMITTED = Path.of("data-samples", "pseudodata");

  @TempDir Path dir;

  @Test
  void committedFilesAreWhatTheGeneratorWrites() throws IOException {
    List<String> fromDemo = Figure2Fits.ensureData(Figure2Fits.demoData(), dir.resolve("demo")).files();
    // the command line of data-samples/README.md
    Path cli = dir.resolve("cli");
    CliRunner.Result r = CliRunner.run("pseudodata", "--out", cli.toString(), "--sessions", "6", "--units", "100",
        "--trials", "400", "--record-s", "0.6", "--stim-s", "0.2", "--hit-probability", "0.8",
        "--rate-spread-inh", "2", "--seed", "0");
    assertEquals(0, r.code(), r.err());
    assertEquals(Figure2Fits.demoData().sessions(), fromDemo.size());
    for (String f : fromDemo) {
      Path name = Path.of(f).getFileName();
      byte[] committed = Files.readAllBytes(COMMITTED.resolve(name));
      assertArrayEquals(committed, Files.readAllBytes(Path.of(f)),
          name + ": regenerate data-samples/pseudodata as data-samples/README.md says");
      assertArrayEquals(committed, Files.readAllBytes(cli.resolve(name)), name + " from the README's command line");
    }
  }
}
