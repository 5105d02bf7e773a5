package org.trialmatch.cli;

import java.io.FileNotFoundException;
import java.nio.file.NoSuchFileException;
import org.trialmatch.data.ConfigException;
import org.trialmatch.data.TrialSetException;
import org.trialmatch.nwb.NwbFormatException;

/** The exit codes of the command line, and which failure maps to which. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** Failure while running (a fit stopped by NaN included). */
  public static final int FAILURE = 1;
  /** Bad command line or configuration. */
  public static final int USAGE = 2;
  /** Bad input data: missing, unreadable or invalid files, missing columns. */
  public static final int BAD_INPUT = 3;

  private ExitCodes() {}

  /**
   * The exit code for an exception thrown by a command.
   *
   * @param ex the exception
   * @return one of the codes above
   */
  public static int forException(Throwable ex) {
    if (ex instanceof NwbFormatException
        || ex instanceof TrialSetException
        || ex instanceof org.trialmatch.loss.TrialCsvException
        || ex instanceof NoSuchFileException
        || ex instanceof FileNotFoundException) {
      return BAD_INPUT;
    }
    if (ex instanceof org.trialmatch.train.TrainingStoppedException) {
      return FAILURE;
    }
    if (ex instanceof ConfigException || ex instanceof IllegalArgumentException) {
      return USAGE;
    }
    return FAILURE;
  }

  /**
   * A one-line message for an exception.
   *
   * @param ex the exception
   * @return its message, or its type when it has none
   */
  public static String message(Throwable ex) {
    String m = ex.getMessage();
    if (ex instanceof NoSuchFileException) {
      return "file not found: " + m;
    }
    if (m == null || m.isBlank()) {
      return ex.getClass().getSimpleName() + " (run with --verbose for details)";
    }
    return m.replace('\n', ' ');
  }
}
