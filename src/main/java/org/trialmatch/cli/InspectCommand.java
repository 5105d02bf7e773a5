package org.trialmatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code trialmatch inspect FILE.nwb}: what a recording holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "What an NWB recording holds.")
public final class InspectCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return ExitCodes.OK;
  }
}
