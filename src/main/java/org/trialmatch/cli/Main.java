package org.trialmatch.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Entry point of the {@code trialmatch} command line: {@code java -jar target/trialmatch.jar <command>}.
 *
 * <p>Exit codes are those of {@link ExitCodes}. Errors are printed as one line; the stack trace only
 * with {@code --verbose}.
 */
@Command(
    name = "trialmatch",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Fit area-structured spiking networks to multi-area recordings (NWB) with a trial-matching loss,",
      "generate synthetic trials and analyse their modes of variability.",
      "",
      "Exit codes: 0 success, 1 failure while running, 2 bad command line or config, 3 bad input data."
    },
    subcommands = {
      CommandLine.HelpCommand.class,
      InspectCommand.class,
      InitCommand.class,
      PseudodataCommand.class,
      TmDistanceCommand.class,
      FitCommand.class,
      SimulateCommand.class,
      PerturbCommand.class,
      AnalyzeCommand.class,
      DemoCommand.class,
      ExperimentCommand.class,
      SweepCommand.class,
      BenchCommand.class
    })
public final class Main implements Runnable {

  /** Print stack traces with errors, and more log output; inherited by every sub-command. */
  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces with errors and more log output.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: see 'trialmatch --help'.");
  }

  /**
   * Runs the command line and returns its exit code, printing to the given writers.
   *
   * @param out standard output
   * @param err standard error
   * @param args the arguments
   * @return the exit code of {@link ExitCodes}
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    boolean verbose = false;
    for (String a : args) {
      if ("--verbose".equals(a)) {
        verbose = true;
      }
    }
    // the command line is the application: it draws figures without a display (library code sets nothing global)
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    if (!verbose && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    final boolean showTrace = verbose;
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setUsageHelpAutoWidth(true);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          err.println(commandLine.getCommandSpec().qualifiedName() + ": " + ExitCodes.message(ex));
          if (showTrace) {
            ex.printStackTrace(err);
          }
          err.flush();
          return ExitCodes.forException(ex);
        });
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          CommandLine c = ex.getCommandLine();
          String msg = ex.getMessage();
          java.util.List<String> unmatched = c.getParseResult() == null ? java.util.List.of()
              : c.getParseResult().unmatched();
          if (!(ex instanceof CommandLine.UnmatchedArgumentException) && !unmatched.isEmpty()) {
            // an unknown option explains a missing one better than the missing one does
            msg = "unknown " + (unmatched.get(0).startsWith("-") ? "option" : "argument") + " '" + unmatched.get(0)
                + "'";
            String near = Suggestions.nearest(unmatched.get(0), c.getCommandSpec().optionsMap().keySet());
            if (near != null) {
              msg += "; did you mean '" + near + "'?";
            }
          } else if (c == cl && ex instanceof CommandLine.UnmatchedArgumentException u && !unmatched.isEmpty()
              && !unmatched.get(0).startsWith("-")) {
            msg = "unknown command '" + unmatched.get(0) + "'" + (u.getSuggestions().isEmpty() ? ""
                : "; did you mean " + String.join(" or ", u.getSuggestions().stream().limit(3)
                    .map(x -> "'" + x + "'").toList()) + "?");
          } else if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            msg += "; did you mean " + String.join(" or ", u.getSuggestions().stream().limit(3)
                .map(x -> "'" + x + "'").toList()) + "?";
          }
          c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + msg);
          c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          c.getErr().flush();
          return ExitCodes.USAGE;
        });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * Command-line entry point.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(execute(out, err, args));
  }
}
