package org.trialmatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.trialmatch.data.ConfigException;
import org.trialmatch.nwb.NwbContents;
import org.trialmatch.nwb.NwbReadOptions;
import org.trialmatch.nwb.NwbReader;
import org.trialmatch.report.AtomicFiles;
import org.trialmatch.train.FitConfig;
import org.trialmatch.train.StarterConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trialmatch init FILE.nwb}: a first fit configuration for one's own recording. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    header = "Write a first fit configuration for a recording.",
    showDefaultValues = true,
    description = "Reads FILE.nwb as 'inspect' does, picks the data preset that keeps the most trials (or --preset), "
        + "sizes the model so that every recorded unit has an excitatory slot in its area, uses the behaviour as "
        + "the model's readout when there is one, and writes C.json with the settings of the project's real-data "
        + "fits. Its \"notes\" (ignored by 'fit') say what was found; check them, then run "
        + "'trialmatch fit --config C.json --out RUN'. See docs/config.md.")
public final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.nwb", description = "The recording.")
  Path file;

  @Option(names = "--preset", paramLabel = "P", description = "Data preset: detection or delayed-response "
      + "(default: the one that keeps the most trials).")
  String preset;

  @Option(names = "--out", paramLabel = "C.json", defaultValue = "trialmatch.json",
      description = "Configuration file to write (refused if it exists).")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(out)) {
      throw new ConfigException("--out", out + " exists; give another name or remove it");
    }
    NwbContents c = NwbReader.read(file, NwbReadOptions.DEFAULT);
    ObjectNode cfg = StarterConfig.of(c, StarterConfig.relativeFile(out, file), preset);
    Path base = out.toAbsolutePath().normalize().getParent();
    FitConfig.fromJson(cfg, base); // it must read back as a configuration
    AtomicFiles.write(out, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(cfg) + "\n");
    PrintWriter o = spec.commandLine().getOut();
    cfg.get(StarterConfig.NOTES).forEach(n -> o.println("  " + n.asText()));
    o.println("wrote " + out + "; next: trialmatch fit --config " + out + " --out RUN");
    return ExitCodes.OK;
  }
}
