package org.trialmatch.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.trialmatch.errors.InputException;
import org.trialmatch.train.TrainingStoppedException;

/**
 * The exit codes of the command line, and which failure maps to which. Only an {@link InputException}
 * (and a missing file) is the user's to fix; every other exception, {@link IllegalArgumentException}
 * and {@link IllegalStateException} included, is an internal error of the toolkit.
 */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** Failure while running (a fit stopped by NaN included), or an internal error. */
  public static final int FAILURE = 1;
  /** Bad command line or configuration. */
  public static final int USAGE = 2;
  /** Bad input data: missing, unreadable or invalid files, missing columns. */
  public static final int BAD_INPUT = 3;

  /** How the one-line message of an internal error starts. */
  static final String INTERNAL = "internal error: ";

  private ExitCodes() {}

  /**
   * The exit code for an exception thrown by a command.
   *
   * @param ex the exception
   * @return one of the codes above
   */
  public static int forException(Throwable ex) {
    if (ex instanceof InputException input) {
      return input.isConfiguration() ? USAGE : BAD_INPUT;
    }
    if (ex instanceof NoSuchFileException || ex instanceof FileNotFoundException) {
      return BAD_INPUT;
    }
    return FAILURE;
  }

  /**
   * A one-line message for an exception: its own message for an input problem, a missing file or a
   * stopped fit; the type and message for another I/O failure; otherwise "internal error: " with the type and message and a pointer to
   * {@code --verbose}.
   *
   * @param ex the exception
   * @return one line
   */
  public static String message(Throwable ex) {
    String m = ex.getMessage() == null ? "" : ex.getMessage().replace('\n', ' ').strip();
    if (ex instanceof NoSuchFileException) {
      return "file not found: " + m;
    }
    if ((ex instanceof IOException || ex instanceof UncheckedIOException) && !(ex instanceof FileNotFoundException)) {
      return "I/O error (" + ex.getClass().getSimpleName() + "): " + m;
    }
    if (!isInternal(ex)) {
      return m.isEmpty() ? ex.getClass().getSimpleName() + " (run with --verbose for details)" : m;
    }
    return INTERNAL + ex.getClass().getName() + (m.isEmpty() ? "" : ": " + m)
        + " (re-run with --verbose for the stack trace)";
  }

  /**
   * @param ex an exception thrown by a command
   * @return true when it is none of the failures a user can act on (input problem, missing or
   *     unreadable file, failed write, stopped fit)
   */
  public static boolean isInternal(Throwable ex) {
    return !(ex instanceof InputException
        || ex instanceof IOException
        || ex instanceof UncheckedIOException
        || ex instanceof TrainingStoppedException);
  }
}
