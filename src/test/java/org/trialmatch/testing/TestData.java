package org.trialmatch.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Paths of the real recordings the tests read (all CC-BY-4.0; see their READMEs). */
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

  /**
   * @return the folder of 28 more sessions of the ALM study (DANDI:000006, 1-4 units each) in the
   *     project's shared data beside the repository ({@code ../shared/nwb/dandi-000006})
   */
  public static Path dandi000006() {
    Path d = Paths.get("..", "shared", "nwb", "dandi-000006").toAbsolutePath().normalize();
    if (!Files.isDirectory(d)) {
      throw new IllegalStateException("shared recordings missing: " + d);
    }
    return d;
  }

  /**
   * @param session a session of DANDI:000006 such as {@code sub-anm372795_ses-20170714}
   * @return its file in {@link #dandi000006()}
   */
  public static Path dandi000006(String session) {
    return existing(dandi000006().resolve(session + ".nwb"));
  }

  private static Path existing(Path p) {
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("test recording missing: " + p.toAbsolutePath());
    }
    return p;
  }
}
