package org.trialmatch.train;

import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.PosixFileAttributeView;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The files of a run directory (architecture: "A run directory"): {@code config.json} (fully
 * resolved), {@code manifest.json} ({@code version}, {@code git_commit} if known, {@code seed},
 * {@code command}, {@code inputs} with SHA-256, {@code started}, {@code finished}),
 * {@code metrics.csv}, {@code stitching.csv} ({@link Stitching}) and {@code checkpoints/}. Every JSON
 * file is written to a temporary name and renamed.
 */
public final class RunDirectory {
  /** Columns of {@code metrics.csv}, in order. */
  public static final List<String> METRIC_COLUMNS = List.of(
      "step", "loss", "loss_psth", "loss_tm", "val_loss", "tm_distance", "rate_hz", "seconds");

  private final Path root;

  private RunDirectory(Path root) {
    this.root = root;
  }

  /**
   * @param root the run directory
   * @return a handle (nothing is created)
   */
  public static RunDirectory at(Path root) {
    return new RunDirectory(root);
  }

  /** @return the run directory */
  public Path root() {
    return root;
  }

  /** @return {@code config.json} */
  public Path config() {
    return root.resolve("config.json");
  }

  /** @return {@code manifest.json} */
  public Path manifest() {
    return root.resolve("manifest.json");
  }

  /** @return {@code metrics.csv} */
  public Path metrics() {
    return root.resolve("metrics.csv");
  }

  /** @return {@code stitching.csv}: which model unit stands for which recorded unit ({@link Stitching}) */
  public Path stitching() {
    return root.resolve("stitching.csv");
  }

  /** @return {@code checkpoints/} */
  public Path checkpoints() {
    return root.resolve("checkpoints");
  }

  /**
   * @return the commit the toolkit was built from ({@code abc1234}, with {@code -dirty} when the working tree had
   *     changes), recorded at build time in {@code trialmatch-git.properties}; "" when not built from git
   */
  public static String gitCommit() {
    try (java.io.InputStream in = RunDirectory.class.getResourceAsStream("/trialmatch-git.properties")) {
      if (in == null) {
        return "";
      }
      java.util.Properties p = new java.util.Properties();
      p.load(in);
      String id = p.getProperty("git.commit.id.abbrev", "").trim();
      return id.isEmpty() ? "" : id + ("true".equals(p.getProperty("git.dirty", "").trim()) ? "-dirty" : "");
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Temporary files and directories are made owner-only; the files of a run are readable by group and
   * others, as files usually are.
   *
   * @param p a file or directory
   * @param directory whether it is a directory
   * @throws IOException if the mode cannot be set
   */
  static void readable(Path p, boolean directory) throws IOException {
    if (Files.getFileAttributeView(p, PosixFileAttributeView.class) != null) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(directory ? "rwxr-xr-x" : "rw-r--r--"));
    }
  }

  /**
   * Writes a JSON file atomically (temporary name in the same directory, then rename).
   *
   * @param file target
   * @param node content
   * @throws IOException on failure (the previous file stays intact)
   */
  public static void writeJson(Path file, JsonNode node) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      readable(tmp, false);
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), node);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Starts a new run in this directory: creates it, writes the resolved {@code config.json} and a
   * {@code manifest.json} (inputs = the data files, hashed) and returns the manifest to finish later.
   *
   * @param cfg the resolved configuration
   * @param version the toolkit version
   * @param command the command line
   * @return the manifest, {@code finished} null
   * @throws IOException on failure
   */
  public ObjectNode begin(FitConfig cfg, String version, List<String> command) throws IOException {
    Files.createDirectories(root);
    List<Path> inputs = new ArrayList<>();
    for (String f : cfg.data().files()) {
      inputs.add(Path.of(f));
    }
    ObjectNode m = manifest(version, gitCommit(), cfg.train().seed(), command, inputs);
    writeJson(config(), cfg.toJson());
    writeJson(manifest(), m);
    return m;
  }

  /**
   * Records the end of the run in its manifest.
   *
   * @param manifest the manifest returned by {@link #begin} (or read back when resuming)
   * @throws IOException on failure
   */
  public void finish(ObjectNode manifest) throws IOException {
    manifest.put("finished", Instant.now().toString());
    writeJson(manifest(), manifest);
  }

  /**
   * Deletes a directory tree if it exists.
   *
   * @param p the directory (or file)
   * @throws IOException on failure
   */
  public static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (java.util.stream.Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }

  /**
   * A new manifest.
   *
   * @param version the toolkit version
   * @param gitCommit the source commit, or "" when unknown
   * @param seed the run's seed
   * @param command the command line
   * @param inputs the input files (hashed with SHA-256)
   * @return the manifest, {@code finished} null
   * @throws IOException if an input cannot be read
   */
  public static ObjectNode manifest(String version, String gitCommit, long seed, List<String> command, List<Path> inputs)
      throws IOException {
    ObjectMapper m = new ObjectMapper();
    ObjectNode o = m.createObjectNode();
    o.put("version", version);
    if (gitCommit.isEmpty()) {
      o.putNull("git_commit");
    } else {
      o.put("git_commit", gitCommit);
    }
    o.put("seed", seed);
    ArrayNode cmd = o.putArray("command");
    command.forEach(cmd::add);
    ArrayNode in = o.putArray("inputs");
    for (Path p : inputs) {
      ObjectNode e = in.addObject();
      e.put("path", p.toString());
      e.put("sha256", sha256(p));
    }
    o.put("started", Instant.now().toString());
    o.putNull("finished");
    return o;
  }

  /**
   * @param file a file
   * @return its SHA-256, lower-case hex
   * @throws IOException if it cannot be read
   */
  public static String sha256(Path file) throws IOException {
    MessageDigest d;
    try {
      d = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }

  /**
   * Starts {@code metrics.csv} with its header, or, when resuming, keeps only the rows with
   * {@code step <= lastStep} (rows written after the checkpoint are redone).
   *
   * @param lastStep the step of the checkpoint resumed from, or -1 for a new run
   * @throws IOException on failure
   */
  public void resetMetrics(long lastStep) throws IOException {
    List<String> keep = new ArrayList<>();
    keep.add(String.join(",", METRIC_COLUMNS));
    if (lastStep >= 0 && Files.exists(metrics())) {
      List<String> lines = Files.readAllLines(metrics(), StandardCharsets.UTF_8);
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i);
        int comma = line.indexOf(',');
        if (comma > 0 && Long.parseLong(line.substring(0, comma)) <= lastStep) {
          keep.add(line);
        }
      }
    }
    Path tmp = Files.createTempFile(root, ".metrics", ".tmp");
    readable(tmp, false);
    Files.write(tmp, keep, StandardCharsets.UTF_8);
    Files.move(tmp, metrics(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Appends one row to {@code metrics.csv}; NaN (a value not computed at this step) is written as
   * an empty cell.
   *
   * @param values one per column of {@link #METRIC_COLUMNS}; {@code step} first
   * @throws IOException on failure
   */
  public void appendMetrics(double... values) throws IOException {
    if (values.length != METRIC_COLUMNS.size()) {
      throw new IllegalArgumentException("expected " + METRIC_COLUMNS.size() + " values, got " + values.length);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      double v = values[i];
      if (i == 0) {
        sb.append((long) v);
      } else if (!Double.isNaN(v)) {
        sb.append(v);
      }
    }
    sb.append('\n');
    Files.writeString(metrics(), sb, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
  }
}
