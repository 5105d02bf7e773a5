package org.trialmatch.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.trialmatch.cli.CliRunner;
import org.trialmatch.pseudo.PseudoDataConfig;
import org.trialmatch.pseudo.PseudoDataGenerator;
import org.trialmatch.pseudo.PseudoDataWriter;

/**
 * Tiny fitted runs for tests of what reads a run (simulate, analyze): three steps of a 50-unit
 * network on two small artificial sessions (no behaviour), and of a 100-unit network on the ALM
 * sample (conditions lick left / right, per-trial events, lick-rate behaviour and a motor area, so
 * its model trials get outcomes from the outcome classifier).
 */
public final class TinyRuns {
  private TinyRuns() {}

  /**
   * @param dir a scratch directory
   * @return the run directory of a 3-step fit on artificial data
   * @throws IOException on a write failure
   */
  public static Path pseudo(Path dir) throws IOException {
    Path data = pseudoData(Files.createDirectories(dir.resolve("data")));
    return fit(dir, pseudoConfig(data, 3, 3, 2, "0.002", "hard", ""), "pseudo.json", dir.resolve("pseudo-run"));
  }

  /**
   * Writes two small artificial sessions ({@code PS000.nwb}, {@code PS001.nwb}: 30 units, 60 trials each).
   *
   * @param dir the folder to write them in
   * @return the folder
   * @throws IOException on a write failure
   */
  public static Path pseudoData(Path dir) throws IOException {
    PseudoDataConfig cfg = PseudoDataConfig.figure2().resized(2, 30, 60, 0.4, 0.1).withSeed(5);
    PseudoDataWriter.writeAll(PseudoDataGenerator.generate(cfg), cfg, dir);
    return dir;
  }

  /**
   * A fit configuration of a 50-unit network on the sessions of {@link #pseudoData}: 16 model trials, seed 3.
   *
   * @param data the folder of {@link #pseudoData}
   * @param steps training steps
   * @param validateEvery validation period
   * @param threads worker threads
   * @param lr learning rate, as JSON
   * @param matching loss.matching
   * @param extraTrain more train keys, e.g. {@code ,"maxLossFactor":1.05} (or empty)
   * @return the JSON text
   */
  public static String pseudoConfig(Path data, int steps, int validateEvery, int threads, String lr, String matching,
      String extraTrain) {
    return "{\"data\":{\"preset\":\"detection\",\"files\":[\"" + data.resolve("PS000.nwb") + "\",\""
        + data.resolve("PS001.nwb") + "\"],\"startS\":-0.05,\"stopS\":0.15},"
        + "\"model\":{\"preset\":\"figure2\",\"nUnits\":50,\"nInputs\":20,\"hiddenUnits\":true},"
        + "\"loss\":{\"matching\":\"" + matching + "\",\"behaviourInFeatures\":false},"
        + "\"train\":{\"steps\":" + steps + ",\"modelTrials\":16,\"validateEvery\":" + validateEvery
        + ",\"threads\":" + threads + ",\"lr\":" + lr + ",\"seed\":3" + extraTrain + "}}";
  }

  /**
   * @param dir a scratch directory
   * @return the run directory of a 3-step fit on the ALM sample
   * @throws IOException on a write failure
   */
  public static Path alm(Path dir) throws IOException {
    String json = "{\"data\":{\"preset\":\"delayed-response\",\"files\":[\""
        + TestData.alm().toAbsolutePath() + "\"],\"startS\":-0.4,\"stopS\":0.4},"
        + "\"model\":{\"preset\":\"figure2\",\"nUnits\":100,\"nInputs\":30,\"areas\":[\"ALM\"],"
        + "\"motorAreas\":[\"ALM\"],\"hiddenUnits\":true},"
        + "\"loss\":{\"matching\":\"sinkhorn\"},"
        + "\"train\":{\"steps\":3,\"modelTrials\":12,\"validateEvery\":3}}";
    return fit(dir, json, "alm.json", dir.resolve("alm-run"));
  }

  private static Path fit(Path dir, String json, String name, Path run) throws IOException {
    Path c = dir.resolve(name);
    Files.writeString(c, json);
    CliRunner.Result r = CliRunner.run("fit", "--quiet", "--config", c.toString(), "--out", run.toString());
    assertEquals(0, r.code(), r.err());
    return run;
  }

  /**
   * Starts {@code trialmatch fit --quiet --config CFG --out RUN} in a child JVM (same class path).
   *
   * @param cfg the configuration file
   * @param run the run directory
   * @param log where the child's output goes
   * @return the child process
   * @throws IOException if it cannot be started
   */
  public static Process startFit(Path cfg, Path run, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "org.trialmatch.cli.Main", "fit", "--quiet", "--config", cfg.toString(), "--out", run.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    return pb.start();
  }
}
