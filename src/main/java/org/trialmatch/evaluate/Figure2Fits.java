package org.trialmatch.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.trialmatch.nwb.write.NwbWriter;
import org.trialmatch.pseudo.PseudoDataConfig;
import org.trialmatch.pseudo.PseudoDataGenerator;
import org.trialmatch.pseudo.PseudoDataWriter;
import org.trialmatch.pseudo.PseudoSession;

/**
 * The data and the fits of the Figure 2 comparison (method reference §5), at the demo's laptop scale and
 * at the paper's size: the artificial data sets, and the configuration every variant shares (detection
 * preset, window −0.1…0.3 s, the {@code figure2} network with hidden units, no behaviour in the trial
 * features, stimulus value 4, no weight decay). docs/demo.md and docs/results.md list every difference
 * from the authors' runs.
 */
public final class Figure2Fits {
  /** Model trials per training step in the demo. */
  public static final int DEMO_TRAIN_TRIALS = 100;
  /** Network size of the demo. */
  public static final int DEMO_UNITS = 200;
  /** Steps between validations in the demo. */
  public static final int DEMO_VALIDATE_EVERY = 50;
  /** AdamW learning rate (the public artificial-data configuration's). */
  public static final double LR = 1e-3;
  /** Model trials per training step at the paper's size (the shipped Figure 2 models' batch). */
  public static final int FIGURE2_TRAIN_TRIALS = 150;
  /** Steps between validations at the paper's size. */
  public static final int FIGURE2_VALIDATE_EVERY = 100;
  /** The effective trial-matching : PSTH gradient ratio of the comparison (the default; docs/losses.md). */
  public static final double TRIAL_TO_PSTH_RATIO = 1;
  /** The stimulus value of the stimulus trials (the authors' {@code stim = 4}). */
  public static final double STIMULUS_VALUE = 4;
  /** Fraction of each session's trials held out for testing in the comparison. */
  public static final double TEST_FRACTION = 0.3;
  /** Fraction for validation. */
  public static final double VALIDATION_FRACTION = 0.2;

  private Figure2Fits() {}

  /**
   * The demo's data set: 6 sessions x 100 units x 400 trials of 0.6 s, stimulus at 0.2 s. With 30 % held
   * out, the two sessions whose area-2 units the 200-unit network stands for give about 240 test trials,
   * so with 1000 model trials two standard errors of a response-fraction difference near 0.8 are 0.059.
   *
   * @return the data set
   */
  public static PseudoDataConfig demoData() {
    return PseudoDataConfig.figure2().resized(6, 100, 400, 0.6, 0.2).withSeed(0);
  }

  /** @return the Figure 2 data set at the paper's size, generator seed 0 */
  public static PseudoDataConfig figure2Data() {
    return PseudoDataConfig.figure2().withSeed(0);
  }

  /**
   * @param files the data
   * @param steps training steps per variant
   * @param evalTrials evaluation trials
   * @param seed seed of the fits
   * @return the demo's comparison
   */
  public static ComparisonSpec demo(List<String> files, int steps, int evalTrials, long seed) {
    return demo(files, steps, evalTrials, seed, TRIAL_TO_PSTH_RATIO);
  }

  /**
   * @param files the data
   * @param steps training steps per variant
   * @param evalTrials evaluation trials
   * @param seed seed of the fits
   * @param trialToPsthRatio the trial-matching : PSTH gradient ratio
   * @return the demo's comparison
   */
  public static ComparisonSpec demo(List<String> files, int steps, int evalTrials, long seed,
      double trialToPsthRatio) {
    return new ComparisonSpec(files, steps, DEMO_TRAIN_TRIALS, LR, DEMO_UNITS, DEMO_VALIDATE_EVERY, evalTrials, seed,
        trialToPsthRatio);
  }

  /**
   * @param files the data
   * @param steps training steps per variant
   * @param units network size
   * @param evalTrials evaluation trials
   * @param seed seed of the fits
   * @return the comparison at the paper's size
   */
  public static ComparisonSpec figure2(List<String> files, int steps, int units, int evalTrials, long seed) {
    return new ComparisonSpec(files, steps, FIGURE2_TRAIN_TRIALS, LR, units, FIGURE2_VALIDATE_EVERY, evalTrials, seed,
        TRIAL_TO_PSTH_RATIO);
  }

  /**
   * The configuration of one variant.
   *
   * @param s the comparison
   * @param matching {@code loss.matching}
   * @return the configuration, as {@code fit --config} reads it
   */
  public static ObjectNode config(ComparisonSpec s, String matching) {
    ObjectNode c = new ObjectMapper().createObjectNode();
    ObjectNode d = c.putObject("data");
    d.put("preset", "detection");
    s.files().forEach(d.putArray("files")::add);
    d.put("startS", -0.1);
    d.put("stopS", 0.3);
    d.put("trainFraction", 1 - TEST_FRACTION - VALIDATION_FRACTION);
    d.put("validationFraction", VALIDATION_FRACTION);
    d.put("testFraction", TEST_FRACTION);
    // the authors gave stimulus trials the value 4 (input burst probability 0.195 per step, not 0.090)
    d.putObject("stimulusValues").put("1", STIMULUS_VALUE);
    ObjectNode model = c.putObject("model");
    model.put("preset", "figure2");
    if (s.nUnits() > 0) {
      model.put("nUnits", s.nUnits());
    }
    model.put("hiddenUnits", true);
    ObjectNode loss = c.putObject("loss");
    loss.put("matching", matching);
    loss.put("behaviourInFeatures", false);
    loss.put("trialWeight", 100);
    loss.put("psthWeight", 10);
    loss.put("trialToPsthRatio", s.trialToPsthRatio());
    ObjectNode train = c.putObject("train");
    train.put("steps", s.steps());
    train.put("modelTrials", s.trainTrials());
    train.put("validateEvery", s.validateEvery());
    train.put("lr", s.lr());
    train.put("seed", s.seed());
    train.put("weightDecay", 0.0);
    return c;
  }

  /**
   * The files of an artificial data set in {@code dataDir}, generated there first if any is missing.
   *
   * @param cfg the data set
   * @param dataDir its directory
   * @return absolute paths of PS000.nwb, PS001.nwb, ..., and whether they were generated now
   * @throws IOException when a file cannot be written
   */
  public static DataFiles ensureData(PseudoDataConfig cfg, Path dataDir) throws IOException {
    List<String> files = new ArrayList<>();
    boolean all = true;
    for (int s = 0; s < cfg.sessions(); s++) {
      Path f = dataDir.resolve(String.format(Locale.ROOT, "PS%03d.nwb", s));
      files.add(f.toAbsolutePath().toString());
      all &= Files.isRegularFile(f);
    }
    if (!all) {
      Files.createDirectories(dataDir);
      List<PseudoSession> sessions = PseudoDataGenerator.generate(cfg);
      for (PseudoSession s : sessions) {
        NwbWriter.write(dataDir.resolve(s.name() + ".nwb"), PseudoDataWriter.spec(s, cfg));
      }
    }
    return new DataFiles(files, !all);
  }

  /**
   * The files of an artificial data set.
   *
   * @param files absolute paths, sorted
   * @param generated whether they were generated by this call
   */
  public record DataFiles(List<String> files, boolean generated) {
    /** Copies the list. */
    public DataFiles {
      files = List.copyOf(files);
    }
  }

  /**
   * The PS*.nwb files of a data directory, sorted by name; none is an input error.
   *
   * @param dir the directory
   * @return absolute paths
   * @throws IOException when it is not a directory of PS*.nwb files
   */
  public static List<String> sessionFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "expected a directory of PS*.nwb files");
    }
    List<String> files = new ArrayList<>();
    try (var stream = Files.newDirectoryStream(dir, "PS*.nwb")) {
      stream.forEach(f -> files.add(f.toAbsolutePath().toString()));
    }
    if (files.isEmpty()) {
      throw new NoSuchFileException(dir.toString(), null, "expected PS*.nwb files, found none");
    }
    files.sort(null);
    return files;
  }
}
