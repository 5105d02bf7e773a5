package org.trialmatch.errors;

import java.util.Objects;

/**
 * A problem with what the user gave the toolkit, as opposed to a defect of the toolkit: a
 * configuration value or command-line option that is missing, unknown or out of range, or an input
 * file that is missing, unreadable or invalid. The message is one line naming the key or file, what
 * was expected and what was found. Subclasses carry those facts as getters.
 *
 * <p>The command line maps {@link Kind#CONFIGURATION} to exit code 2 and {@link Kind#DATA} to exit
 * code 3; any other exception is an internal error (exit code 1).
 */
public abstract class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Where the problem lies. */
  public enum Kind {
    /** A configuration value or command-line option (exit code 2). */
    CONFIGURATION,
    /** The content of an input file, or a missing or unreadable file (exit code 3). */
    DATA
  }

  private final Kind kind;

  /**
   * @param kind where the problem lies
   * @param message one line: key or file, what was expected, what was found
   * @param cause the underlying exception, or null
   */
  protected InputException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * @param kind where the problem lies
   * @param message one line: key or file, what was expected, what was found
   */
  protected InputException(Kind kind, String message) {
    this(kind, message, null);
  }

  /** @return where the problem lies */
  public final Kind kind() {
    return kind;
  }

  /** @return true for a configuration or command-line problem, false for a bad-input-data problem */
  public final boolean isConfiguration() {
    return kind == Kind.CONFIGURATION;
  }
}
