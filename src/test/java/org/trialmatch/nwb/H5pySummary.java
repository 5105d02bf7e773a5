package org.trialmatch.nwb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Reads HDF5 files with h5py through {@code src/test/resources/nwb/h5_summary.py} and returns its JSON
 * summary (see the script's header for the format). Python is {@code /usr/bin/python3}, else
 * {@code python3} on the PATH. When no Python with h5py is found, {@link #require()} skips the calling test,
 * except when the environment variable {@code CI} is {@code true}, where it fails it.
 */
public final class H5pySummary {
  private static final long TIMEOUT_S = 120;
  private static Optional<String> python;

  private H5pySummary() {
  }

  /**
   * @return the Python command that imports h5py; skips (or, on CI, fails) the test when there is none
   */
  static synchronized String require() {
    if (python == null) {
      python = find();
    }
    if (python.isEmpty()) {
      String why = "no Python with h5py (tried /usr/bin/python3 and python3 on the PATH)";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(why + "; CI must install python3-h5py");
      }
      Assumptions.abort(why);
    }
    return python.get();
  }

  private static Optional<String> find() {
    List<String> candidates = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
      candidates.add("/usr/bin/python3");
    }
    candidates.add("python3");
    for (String c : candidates) {
      try {
        Process p = new ProcessBuilder(c, "-c", "import h5py").redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor(TIMEOUT_S, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return Optional.of(c);
        }
        p.destroyForcibly();
      } catch (IOException e) {
        // not installed: try the next candidate
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * @param files HDF5 files
   * @return the script's JSON: {@code h5py}, {@code hdf5} versions and {@code files} keyed by the path
   *     strings given
   * @throws IOException when the script fails (its stderr is in the message)
   */
  public static JsonNode summarise(Path... files) throws IOException, InterruptedException {
    String py = require();
    Path script;
    try {
      script = Path.of(H5pySummary.class.getResource("/nwb/h5_summary.py").toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    List<String> cmd = new ArrayList<>(List.of(py, script.toString()));
    for (Path f : files) {
      cmd.add(f.toString());
    }
    Path out = Files.createTempFile("h5summary", ".json");
    Path err = Files.createTempFile("h5summary", ".err");
    try {
      Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("h5py summary timed out after " + TIMEOUT_S + " s");
      }
      if (p.exitValue() != 0) {
        throw new IOException("h5py summary failed (exit " + p.exitValue() + "): "
            + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new ObjectMapper().readTree(out.toFile());
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
