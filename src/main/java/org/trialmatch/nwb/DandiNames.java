package org.trialmatch.nwb;

import java.util.regex.Pattern;

/**
 * File names in the form DANDI's {@code dandi organize} gives NWB files, {@code sub-<subject>_ses-<session>.nwb}:
 * each label keeps letters, digits and hyphens; any other character becomes a hyphen.
 */
public final class DandiNames {
  private static final Pattern OTHER = Pattern.compile("[^A-Za-z0-9-]+");

  private DandiNames() {}

  /**
   * @param subjectId the file's {@code subject_id}
   * @param session the session's label
   * @return {@code sub-<subject>_ses-<session>.nwb}
   */
  public static String of(String subjectId, String session) {
    return "sub-" + label(subjectId) + "_ses-" + label(session) + ".nwb";
  }

  /**
   * @param s a subject or session id
   * @return it as a DANDI label
   * @throws IllegalArgumentException when nothing usable is left
   */
  static String label(String s) {
    String l = OTHER.matcher(s).replaceAll("-").replaceAll("^-+|-+$", "");
    if (l.isEmpty()) {
      throw new IllegalArgumentException("no letters or digits in the id '" + s + "'");
    }
    return l;
  }
}
