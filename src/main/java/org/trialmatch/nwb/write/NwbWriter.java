package org.trialmatch.nwb.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import org.trialmatch.nwb.write.Hdf5Image.ImageWriteFailure;
import org.trialmatch.nwb.write.Hdf5Library.Hdf5Failure;

/**
 * Writes an {@link NwbWriteSpec} as an NWB 2.x HDF5 file through the HDF5 C library
 * ({@code org.bytedeco.hdf5}).
 *
 * <ul>
 *   <li>Format bounds: lowest = earliest, highest = HDF5 1.10, so HDF5 1.10 readers (h5py builds on Debian)
 *       open the files; object references are the old-style 8-byte {@code H5R_OBJECT}
 *       ({@code hobj_ref_t}), as pynwb writes them, not the 1.12 {@code H5R_ref_t} ({@link Hdf5Image}).</li>
 *   <li>Object modification times are not stored, so a spec with a fixed {@code objectIdSeed} and fixed
 *       {@code file_create_date} gives the same bytes every time.</li>
 *   <li>The library builds the file in memory ({@code core} driver, no backing store); Java writes the finished
 *       image to a temporary file in the target's directory and renames it onto the target only when
 *       complete. On any failure (a full disk included, which thus never reaches the library) the temporary
 *       is removed and the target is left as it was.</li>
 *   <li>The library's automatic error printing is switched off; HDF5 failures become an
 *       {@link IOException} naming the file, the in-file path and the library's own explanation
 *       ({@link Hdf5Library}).</li>
 * </ul>
 *
 * <p>What each part of the spec becomes in the file is {@link NwbLayout}'s job; this class handles the target
 * file. Calls into the HDF5 library are serialised (one write at a time per JVM), since the bundled library
 * is not built thread-safe.
 */
public final class NwbWriter {
  private NwbWriter() {
  }

  /**
   * Writes {@code spec} to {@code out} (replacing an existing file only when the new one is complete).
   *
   * @param out the file to write
   * @param spec what to write
   * @throws IOException when the file cannot be written; the message names the file and, for HDF5
   *     failures, the in-file path
   */
  public static void write(Path out, NwbWriteSpec spec) throws IOException {
    write(out, spec, null);
  }

  /** Called before each section of a file is written; lets tests fail a write part-way. */
  interface SectionHook {
    /**
     * @param section section about to be written ({@code general}, {@code units}, {@code intervals},
     *     {@code series})
     * @param fileId HDF5 id of the open (temporary) file
     * @throws IOException to abort the write
     */
    void beforeSection(String section, long fileId) throws IOException;
  }

  static void write(Path out, NwbWriteSpec spec, SectionHook hook) throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(spec, "spec");
    Path target = out.toAbsolutePath().normalize();
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IOException("cannot write NWB file " + target + ": directory " + dir + " does not exist");
    }
    if (Files.isDirectory(target)) {
      throw new IOException("cannot write NWB file " + target + ": it is a directory");
    }
    Path tmp;
    try {
      tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    } catch (IOException e) {
      throw new IOException("cannot write NWB file " + target + ": cannot create a temporary file in " + dir
          + " (" + e + ")", e);
    }
    try {
      synchronized (Hdf5Library.LOCK) {
        try {
          Hdf5Library.initialise();
        } catch (LinkageError e) {
          throw new IOException("cannot write NWB file " + target + ": the HDF5 native library"
              + " (org.bytedeco:hdf5, " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
              + ") could not be loaded: " + e, e);
        }
        Hdf5Image.write(tmp, image -> new NwbLayout(spec, hook, image).writeFile());
      }
      makeReadable(tmp);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (Hdf5Failure | ImageWriteFailure f) {
      IOException e = new IOException("cannot write NWB file " + target + ": " + f.getMessage(), f);
      deleteQuietly(tmp, e);
      throw e;
    } catch (IOException | RuntimeException | Error e) {
      deleteQuietly(tmp, e);
      throw e;
    }
  }

  /**
   * For tests that check every handle was closed: the files, groups, datasets and attributes the library
   * has open, plus the writer's own handles (dataspaces, datatypes, property lists included) not yet
   * closed successfully. The library's predefined datatypes are not counted.
   *
   * @return the number of open objects
   */
  static long openObjectCount() {
    return Hdf5Library.openObjectCount();
  }

  private static void deleteQuietly(Path tmp, Throwable primary) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException d) {
      primary.addSuppressed(d);
    }
  }

  private static void makeReadable(Path file) throws IOException {
    // createTempFile makes the file owner-only; a data file is normally world-readable
    if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }
}
