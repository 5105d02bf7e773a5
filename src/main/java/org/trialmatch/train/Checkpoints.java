package org.trialmatch.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Checkpoints of a run: {@code checkpoints/<name>/} holds {@code parameters.bin} (every tensor of
 * {@link NamedTensor#of}), {@code optimizer.bin} (AdamW moments and step count) and
 * {@code state.json} (training step, random-stream position, early-stopping state).
 *
 * <p>A checkpoint is written to a fresh temporary directory beside its final place, then swapped in
 * by renames: the old one is renamed to {@code <name>.old}, the new one to {@code <name>}, and the
 * old one deleted. A crash at any moment leaves a complete checkpoint under {@code <name>} or, only
 * between the two renames, under {@code <name>.old}, which {@link #read} falls back to.
 *
 * <p>Binary layout (big-endian, {@link DataOutputStream}): magic {@code TMCK}, version 1, tensor
 * count, then per tensor its name (UTF) and length followed by its floats.
 */
public final class Checkpoints {
  private static final int MAGIC = 0x544d434b; // "TMCK"
  private static final int VERSION = 1;

  private Checkpoints() {}

  /**
   * Writes a checkpoint atomically.
   *
   * @param dir the {@code checkpoints} directory (created if absent)
   * @param name {@code last} or {@code best}
   * @param params parameter tensors
   * @param opt the optimiser
   * @param state training state
   * @throws IOException if writing fails (the previous checkpoint stays intact)
   */
  public static void write(Path dir, String name, List<NamedTensor> params, AdamW opt, TrainingState state)
      throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempDirectory(dir, "." + name + "-");
    RunDirectory.readable(tmp, true);
    try {
      try (DataOutputStream out = data(Files.newOutputStream(tmp.resolve("parameters.bin")))) {
        writeTensors(out, params, null);
      }
      try (DataOutputStream out = data(Files.newOutputStream(tmp.resolve("optimizer.bin")))) {
        out.writeLong(opt.steps());
        writeTensors(out, params, opt.firstMoments());
        writeTensors(out, params, opt.secondMoments());
      }
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.resolve("state.json").toFile(),
          state.toJson());
      Path target = dir.resolve(name);
      Path old = dir.resolve(name + ".old");
      deleteTree(old);
      if (Files.exists(target)) {
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(old);
    } finally {
      deleteTree(tmp);
    }
  }

  /**
   * Reads a checkpoint into live tensors and an optimiser.
   *
   * @param dir the {@code checkpoints} directory
   * @param name {@code last} or {@code best}
   * @param params tensors to fill (names and lengths must match)
   * @param opt the optimiser to restore, or null to skip its state
   * @return the training state
   * @throws IOException if the checkpoint is missing or does not match the configuration
   */
  public static TrainingState read(Path dir, String name, List<NamedTensor> params, AdamW opt) throws IOException {
    Path src = dir.resolve(name);
    Path old = dir.resolve(name + ".old");
    if (!Files.isDirectory(src) && Files.isDirectory(old)) {
      src = old;
    }
    if (!Files.isDirectory(src)) {
      throw new NoSuchFileException(src.toString(), null, "no checkpoint");
    }
    try {
      return readOne(src, params, opt);
    } catch (DamagedCheckpointException e) {
      if (src.equals(old) || !Files.isDirectory(old)) {
        throw e;
      }
      return readOne(old, params, opt);
    }
  }

  /**
   * @param dir the {@code checkpoints} directory
   * @param name {@code last} or {@code best}
   * @return true when the checkpoint (or its {@code .old} copy, left by an interrupted write) exists
   */
  public static boolean exists(Path dir, String name) {
    return Files.isDirectory(dir.resolve(name)) || Files.isDirectory(dir.resolve(name + ".old"));
  }

  /**
   * @param dir the {@code checkpoints} directory
   * @param name {@code last} or {@code best}
   * @return the step the checkpoint holds (its {@code .old} copy when an interrupted write left only that)
   * @throws IOException if there is no such checkpoint or its state cannot be read
   */
  public static long step(Path dir, String name) throws IOException {
    Path src = Files.isDirectory(dir.resolve(name)) ? dir.resolve(name) : dir.resolve(name + ".old");
    Path file = src.resolve("state.json");
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no checkpoint");
    }
    return TrainingState.fromJson(new ObjectMapper().readTree(file.toFile()), file.toString()).step();
  }

  private static TrainingState readOne(Path src, List<NamedTensor> params, AdamW opt) throws IOException {
    Path file = src.resolve("parameters.bin");
    try {
      try (DataInputStream in = data(Files.newInputStream(file))) {
        readTensors(in, params, null, file);
      }
      if (opt != null) {
        file = src.resolve("optimizer.bin");
        try (DataInputStream in = data(Files.newInputStream(file))) {
          long steps = in.readLong();
          readTensors(in, params, opt.firstMoments(), file);
          readTensors(in, params, opt.secondMoments(), file);
          opt.restoreSteps(steps);
        }
      }
      file = src.resolve("state.json");
      return TrainingState.fromJson(new ObjectMapper().readTree(file.toFile()), file.toString());
    } catch (java.io.EOFException e) {
      throw new DamagedCheckpointException(file + ": the checkpoint is damaged (the file ends early)", e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new DamagedCheckpointException(file + ": the checkpoint is damaged (not valid JSON: "
          + e.getOriginalMessage() + ")", e);
    } catch (NoSuchFileException e) {
      throw new DamagedCheckpointException(file + ": the checkpoint is damaged (the file is missing)", e);
    }
  }

  /** A checkpoint whose files end early, are missing or are not what was written. */
  static final class DamagedCheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    DamagedCheckpointException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static DataOutputStream data(OutputStream o) {
    return new DataOutputStream(new BufferedOutputStream(o, 1 << 16));
  }

  private static DataInputStream data(InputStream i) {
    return new DataInputStream(new BufferedInputStream(i, 1 << 16));
  }

  private static void writeTensors(DataOutputStream out, List<NamedTensor> params, float[][] values) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(params.size());
    for (int k = 0; k < params.size(); k++) {
      float[] v = values == null ? params.get(k).values() : values[k];
      out.writeUTF(params.get(k).name());
      out.writeInt(v.length);
      for (float x : v) {
        out.writeFloat(x);
      }
    }
  }

  private static void readTensors(DataInputStream in, List<NamedTensor> params, float[][] into, Path file)
      throws IOException {
    if (in.readInt() != MAGIC || in.readInt() != VERSION) {
      throw new DamagedCheckpointException(file + ": the checkpoint is damaged (not a trialmatch checkpoint: bad magic or version)", null);
    }
    int n = in.readInt();
    if (n != params.size()) {
      throw new IOException(file + ": expected " + params.size() + " tensors, found " + n
          + " (was it written with another model configuration?)");
    }
    for (int k = 0; k < n; k++) {
      String name = in.readUTF();
      int len = in.readInt();
      float[] dst = into == null ? params.get(k).values() : into[k];
      if (!name.equals(params.get(k).name()) || len != dst.length) {
        throw new IOException(file + ": tensor " + k + ": expected " + params.get(k).name() + "[" + dst.length
            + "], found " + name + "[" + len + "] (was it written with another model configuration?)");
      }
      for (int i = 0; i < len; i++) {
        dst[i] = in.readFloat();
      }
    }
  }

  private static void deleteTree(Path p) throws IOException {
    RunDirectory.deleteTree(p);
  }

}
