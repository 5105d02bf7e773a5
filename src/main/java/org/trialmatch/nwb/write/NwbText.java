package org.trialmatch.nwb.write;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The rules for what a file description may say, in one place: in-file names (groups, datasets, columns,
 * series, neurodata types) may contain spaces and ':' but not '/' or NUL, and may not be empty, "." or "..";
 * text values are stored as variable-length UTF-8 strings and may not be null or contain the NUL character;
 * date-times are ISO 8601 with an offset. Each check adds what it finds to a list of problems, so that a
 * builder can report every problem of a description at once ({@link #joinProblems(String, List)}).
 */
final class NwbText {
  private NwbText() {
  }

  /**
   * @param problems where a problem is added
   * @param what what the name names, for the message (e.g. {@code device})
   * @param name the in-file name
   */
  static void checkName(List<String> problems, String what, String name) {
    if (name == null || name.isEmpty()) {
      problems.add(what + ": name must not be empty");
      return;
    }
    if (name.indexOf('/') >= 0 || name.indexOf('\0') >= 0 || ".".equals(name) || "..".equals(name)) {
      problems.add(what + ": name '" + name + "' must not contain '/' or NUL, nor be '.' or '..'");
    }
  }

  /**
   * @param problems where a problem is added
   * @param what what the text is, for the message (e.g. {@code session_description})
   * @param text the text value
   */
  static void checkText(List<String> problems, String what, String text) {
    if (text == null) {
      problems.add(what + " must not be null");
    } else if (text.indexOf('\0') >= 0) {
      problems.add(what + " must not contain the NUL character");
    }
  }

  /**
   * @param text a text value
   * @return whether {@link #checkText(List, String, String)} accepts it (not null, no NUL)
   */
  static boolean isText(String text) {
    return text != null && text.indexOf('\0') < 0;
  }

  /**
   * @param problems where a problem is added
   * @param what what the date-time is, for the message (e.g. {@code session_start_time})
   * @param text ISO 8601 date-time with offset, e.g. {@code 2024-05-01T10:00:00+02:00}
   */
  static void checkIsoTime(List<String> problems, String what, String text) {
    try {
      OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      problems.add(what + " must be an ISO 8601 date-time with offset, was '" + text + "'");
    }
  }

  /**
   * @param title what was checked, e.g. {@code invalid units table}
   * @param problems the problems found, at least one
   * @return the message: title, count and the problems separated by "; "
   */
  static String joinProblems(String title, List<String> problems) {
    return title + " (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "): "
        + String.join("; ", problems);
  }
}
