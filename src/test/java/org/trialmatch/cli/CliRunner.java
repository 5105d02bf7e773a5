package org.trialmatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures its output and exit code. */
public final class CliRunner {
  /** What a run printed and returned. */
  public record Result(int code, String out, String err) {}

  private CliRunner() {}

  /**
   * @param args command-line arguments
   * @return exit code, standard output and standard error
   */
  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }
}
