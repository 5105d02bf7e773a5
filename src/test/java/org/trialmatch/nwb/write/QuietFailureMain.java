package org.trialmatch.nwb.write;

import java.io.IOException;
import java.nio.file.Path;
import org.trialmatch.nwb.NwbFixtures;

/**
 * Child-process entry point of {@link NwbWriterFailureTest#libraryPrintsNothingOnFailure()}: runs a write
 * that fails inside the HDF5 library and prints nothing itself. Exit code 0 when the write failed with
 * the expected exception, 1 when it succeeded, 2 when it failed otherwise.
 */
final class QuietFailureMain {
  private QuietFailureMain() {
  }

  public static void main(String[] args) {
    Path out = Path.of(args[0]).resolve("quiet.nwb");
    try {
      NwbWriter.write(out, NwbFixtures.twoAreaRecording(1), NwbWriterFailureTest::occupyUnits);
      System.exit(1);
    } catch (IOException e) {
      System.exit(e.getMessage().contains("H5Gcreate2 failed at units") ? 0 : 2);
    }
  }
}
