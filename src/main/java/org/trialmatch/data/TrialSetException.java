package org.trialmatch.data;

import org.trialmatch.errors.InputException;

/**
 * A recording cannot be turned into trials as configured: a named column or series is missing, a
 * mapping is empty, or no trial survives the exclusion rules. The message names the file, the place
 * in it, what was expected and what was found.
 */
public final class TrialSetException extends InputException {
  private static final long serialVersionUID = 1L;

  /** @param message one line: file, in-file place, expected, found, what to do */
  public TrialSetException(String message) {
    super(Kind.DATA, message);
  }
}
