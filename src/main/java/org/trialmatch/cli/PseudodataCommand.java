package org.trialmatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.trialmatch.nwb.write.NwbWriter;
import org.trialmatch.pseudo.PseudoDataConfig;
import org.trialmatch.pseudo.PseudoDataGenerator;
import org.trialmatch.pseudo.PseudoDataWriter;
import org.trialmatch.pseudo.PseudoSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code trialmatch pseudodata --out DIR}: the artificial data set, one NWB file per session. */
@Command(
    name = "pseudodata",
    mixinStandardHelpOptions = true,
    header = "Write the artificial data set of the paper's Figure 2.",
    showDefaultValues = true,
    description =
        "Write the artificial data set of the paper's Figure 2: two areas, sessions covering both or one "
            + "of them, and a hidden binary mode (area 2 responds on ~80%% of trials; every trial gets the same "
            + "stimulus). One NWB file per session (PS000.nwb, ...) in the 'detection' convention, plus "
            + "pseudodata.json with the parameters. Defaults: the Figure 2 sizes.")
public final class PseudodataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if absent).")
  Path out;

  @Option(names = "--dandi-names",
      description = "Name the files as DANDI does, sub-<subject>_ses-<session>.nwb (subject pseudo-<session>), not PS000.nwb.")
  boolean dandiNames;

  @Option(names = "--sessions", defaultValue = "10", description = "Number of sessions (files).")
  int sessions;

  @Option(names = "--units", defaultValue = "100", description = "Recorded units per session.")
  int units;

  @Option(names = "--trials", defaultValue = "200", description = "Trials per session.")
  int trials;

  @Option(names = "--record-s", defaultValue = "4.0", description = "Length of each trial's record, s.")
  double recordS;

  @Option(names = "--stim-s", defaultValue = "1.0", description = "Stimulus onset inside each record, s.")
  double stimS;

  @Option(names = "--hit-probability", defaultValue = "0.8", description = "Probability that area 2 responds.")
  double hitProbability;

  @Option(names = "--rate-spread-inh", defaultValue = "2.0",
      description = "Multiplicative spread (geometric s.d.) of the inhibitory baseline rates; 1 puts every "
          + "inhibitory unit at the median rate, 16 Hz.")
  double rateSpreadInh;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the generator.")
  long seed;

  @Override
  public Integer call() throws Exception {
    PseudoDataConfig cfg = config();
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new org.trialmatch.data.ConfigException("--out", out + " exists and is not a directory");
    }
    Files.createDirectories(out);
    PrintWriter err = spec.commandLine().getErr();
    List<PseudoSession> generated = PseudoDataGenerator.generate(cfg);
    try (ProgressBar bar = new ProgressBar(err, "writing sessions", generated.size(), true)) {
      int i = 0;
      for (PseudoSession s : generated) {
        NwbWriter.write(out.resolve(dandiNames ? org.trialmatch.nwb.DandiNames.of(PseudoDataWriter.subjectId(s), s.name())
            : s.name() + ".nwb"), PseudoDataWriter.spec(s, cfg));
        bar.update(++i, s.name());
      }
    }
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Path json = out.resolve("pseudodata.json");
    Path tmp = out.resolve(".pseudodata.json.tmp");
    m.writeValue(tmp.toFile(), cfg);
    Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    PrintWriter o = spec.commandLine().getOut();
    o.printf("wrote %d sessions to %s (parameters in %s)%n", generated.size(), out, json.getFileName());
    o.flush();
    return ExitCodes.OK;
  }

  /** The options as a configuration; a value the configuration rejects is a command-line error. */
  private PseudoDataConfig config() {
    try {
      return PseudoDataConfig.figure2().resized(sessions, units, trials, recordS, stimS)
          .withHitProbability(hitProbability).withRateSpreadInh(rateSpreadInh).withSeed(seed);
    } catch (IllegalArgumentException e) {
      // the record names its field; say which option sets it
      String m = e.getMessage();
      String field = m.contains(" ") ? m.substring(0, m.indexOf(' ')) : m;
      String option = OPTION_OF_FIELD.get(field);
      throw new ParameterException(spec.commandLine(), (option == null ? "" : option + ": ") + m, e);
    }
  }

  /** The option that sets each field of {@link PseudoDataConfig} this command exposes. */
  private static final Map<String, String> OPTION_OF_FIELD = Map.of(
      "sessions", "--sessions",
      "unitsPerSession", "--units",
      "trialsPerSession", "--trials",
      "trialRecordS", "--record-s",
      "stimOffsetS", "--stim-s",
      "hitProbability", "--hit-probability",
      "rateSpreadInh", "--rate-spread-inh");
}
