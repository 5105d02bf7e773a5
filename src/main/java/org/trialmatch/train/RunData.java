package org.trialmatch.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.trialmatch.data.ConfigException;
import org.trialmatch.data.TrialSetException;

/**
 * Where a fitted run's data are: the files its {@code config.json} names (absolute, as the fit resolved
 * them), or — when the data moved — the files of the same names in a folder given with {@code --data-dir},
 * each checked against the SHA-256 the run's manifest recorded, so that a run is never read against other
 * data than it was fitted on.
 */
public final class RunData {
  private RunData() {}

  /**
   * @param run the run
   * @param root its configuration (not changed)
   * @param dataDir the folder that now holds the data files, or null to use the configuration's paths
   * @return the configuration with {@code data.files} pointing where the data are
   * @throws TrialSetException when a data file is missing or is not the one the run was fitted on
   * @throws ConfigException when {@code dataDir} is not a folder
   * @throws IOException when a file cannot be read
   */
  public static JsonNode locate(RunDirectory run, JsonNode root, Path dataDir) throws IOException {
    return locate(run, root, dataDir, "give the folder that now holds the run's data files with --data-dir DIR");
  }

  /**
   * @param run the run
   * @param root its configuration (not changed)
   * @param dataDir the folder that now holds the data files, or null to use the configuration's paths
   * @param whatToDo how the caller's user fixes a missing file (the end of the message)
   * @return the configuration with {@code data.files} pointing where the data are
   * @throws IOException when a file cannot be read
   */
  public static JsonNode locate(RunDirectory run, JsonNode root, Path dataDir, String whatToDo) throws IOException {
    JsonNode files = root.path("data").path("files");
    if (!files.isArray()) {
      return root;
    }
    if (dataDir == null) {
      for (JsonNode f : files) {
        Path p = Path.of(f.asText());
        if (p.isAbsolute() && !Files.exists(p)) {
          throw new TrialSetException(run.config() + ": data.files names " + p + ", which does not exist (did the "
              + "data move?); " + whatToDo);
        }
      }
      return root;
    }
    if (!Files.isDirectory(dataDir)) {
      throw new ConfigException("--data-dir", dataDir + " is not a folder");
    }
    Map<String, String> sha = recordedHashes(run);
    ObjectNode copy = root.deepCopy();
    ArrayNode moved = ((ObjectNode) copy.get("data")).putArray("files");
    for (JsonNode f : files) {
      Path was = Path.of(f.asText());
      Path now = dataDir.resolve(was.getFileName()).toAbsolutePath().normalize();
      if (!Files.isRegularFile(now)) {
        throw new TrialSetException("--data-dir " + dataDir + ": no file " + was.getFileName() + " (the run's "
            + run.config() + " names " + was + ")");
      }
      String want = sha.get(was.toString());
      if (want != null && !want.equals(RunDirectory.sha256(now))) {
        throw new TrialSetException(now + " is not the file the run was fitted on: its SHA-256 differs from the one "
            + run.manifest() + " recorded for " + was);
      }
      moved.add(now.toString());
    }
    return copy;
  }

  private static Map<String, String> recordedHashes(RunDirectory run) throws IOException {
    Map<String, String> m = new HashMap<>();
    if (!Files.isRegularFile(run.manifest())) {
      return m;
    }
    for (JsonNode in : new ObjectMapper().readTree(run.manifest().toFile()).path("inputs")) {
      if (in.hasNonNull("path") && in.hasNonNull("sha256")) {
        m.put(in.get("path").asText(), in.get("sha256").asText());
      }
    }
    return m;
  }
}
