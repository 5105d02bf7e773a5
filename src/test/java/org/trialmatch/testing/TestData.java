package org.trialmatch.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Paths of the real recordings the tests read (both CC-BY-4.0; see their READMEs). */
public final class TestData {
  private TestData() {}

  /** @return the ALM recording (Economo et al. 2018, DANDI:000006) shipped in data-samples/ */
  public static Path alm() {
    return existing(Paths.get("data-samples", "sub-anm372904_ses-20170619.nwb"));
  }

  /** @return the thalamus recording (Guo, Inagaki et al. 2017, DANDI:000009) in test resources */
  public static Path thalamus() {
    return existing(Paths.get("src", "test", "resources", "nwb",
        "sub_anm00239123_ses_20170627T093549_ecephys_and_ogen.nwb"));
  }

  private static Path existing(Path p) {
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("test recording missing: " + p.toAbsolutePath());
    }
    return p;
  }
}
