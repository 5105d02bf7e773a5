package org.trialmatch.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Paths of the real recordings the tests read (all CC-BY-4.0; see their READMEs). The sessions of
 * DANDI:000006 are not copied into the repository: they are read from {@code ../shared/nwb/dandi-000006}
 * beside it (present in CI).
 */
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

  /** @return the folder of the 28 further sessions of DANDI:000006 (Economo et al. 2018) */
  public static Path dandi000006() {
    Path d = Paths.get("..", "shared", "nwb", "dandi-000006");
    if (!Files.isDirectory(d)) {
      throw new IllegalStateException("test recordings missing: " + d.toAbsolutePath());
    }
    return d;
  }

  /**
   * @param session a session of DANDI:000006, e.g. {@code sub-anm369962_ses-20170316}
   * @return its file
   */
  public static Path dandi(String session) {
    return existing(dandi000006().resolve(session + ".nwb"));
  }

  private static Path existing(Path p) {
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("test recording missing: " + p.toAbsolutePath());
    }
    return p;
  }
}
