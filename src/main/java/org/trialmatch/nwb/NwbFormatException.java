package org.trialmatch.nwb;

import java.nio.file.Path;
import org.trialmatch.errors.InputException;

/**
 * A recording cannot be read as NWB: the file is missing, not HDF5, truncated, or lacks or misshapes
 * something the toolkit needs. Carries the facts (file, in-file path, expected, found) as getters and
 * puts them in one line with what to do.
 */
public final class NwbFormatException extends InputException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String inFilePath;
  private final String expected;
  private final String found;

  /**
   * @param file the file
   * @param inFilePath the HDF5 path inside the file, without a leading '/', or "" for the file itself
   * @param expected what the toolkit expected there
   * @param found what it found
   * @param cause the underlying exception, or null
   */
  public NwbFormatException(Path file, String inFilePath, String expected, String found, Throwable cause) {
    super(Kind.DATA, format(file, inFilePath, expected, found), cause);
    this.file = file;
    this.inFilePath = inFilePath;
    this.expected = expected;
    this.found = found;
  }

  /**
   * @param file the file
   * @param inFilePath the HDF5 path inside the file
   * @param expected what was expected
   * @param found what was found
   */
  public NwbFormatException(Path file, String inFilePath, String expected, String found) {
    this(file, inFilePath, expected, found, null);
  }

  private static String format(Path file, String inFilePath, String expected, String found) {
    String where = inFilePath == null || inFilePath.isEmpty() ? "" : ": " + inFilePath;
    return file + where + ": expected " + expected + ", found " + found;
  }

  /** @return the file that could not be read */
  public Path file() {
    return file;
  }

  /** @return the in-file HDF5 path (no leading '/'), or "" for the file as a whole */
  public String inFilePath() {
    return inFilePath;
  }

  /** @return what the toolkit expected */
  public String expected() {
    return expected;
  }

  /** @return what it found */
  public String found() {
    return found;
  }
}
