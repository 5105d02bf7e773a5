package org.trialmatch.loss;

import org.trialmatch.errors.InputException;

/**
 * A CSV file of trials (one trial per row, one feature per column, no header) is malformed: a
 * ragged row, a cell that is not a finite number, or a width that differs from the other file's.
 * Carries the file, the 1-based row and column of the first problem, what was expected and what was
 * found; the message also counts the further problems. The command line maps it to exit code 3.
 */
public final class TrialCsvException extends InputException {
  private static final long serialVersionUID = 1L;

  /** The file, as given. */
  private final String file;
  /** 1-based row of the first problem. */
  private final int row;
  /** 1-based column of the first problem. */
  private final int column;
  /** What a valid file has there. */
  private final String expected;
  /** What this file has there. */
  private final String found;
  /** Number of problems found. */
  private final int problems;

  /**
   * @param file the file, as given
   * @param row 1-based row of the first problem
   * @param column 1-based column of the first problem
   * @param expected what a valid file has there
   * @param found what this file has there
   * @param problems number of problems found in the file (>= 1)
   */
  public TrialCsvException(String file, int row, int column, String expected, String found, int problems) {
    super(Kind.DATA, file + ": row " + row + ", column " + column + ": expected " + expected + ", found " + found
        + (problems > 1 ? " (and " + (problems - 1) + " more problem" + (problems > 2 ? "s" : "") + " in this file)" : "")
        + "; the file must hold one trial per row, one finite number per column, no header");
    this.file = file;
    this.row = row;
    this.column = column;
    this.expected = expected;
    this.found = found;
    this.problems = problems;
  }

  /** @return the file, as given */
  public String file() {
    return file;
  }

  /** @return 1-based row of the first problem */
  public int row() {
    return row;
  }

  /** @return 1-based column of the first problem */
  public int column() {
    return column;
  }

  /** @return what a valid file has at that place */
  public String expected() {
    return expected;
  }

  /** @return what the file has at that place */
  public String found() {
    return found;
  }

  /** @return number of problems found in the file */
  public int problems() {
    return problems;
  }
}
