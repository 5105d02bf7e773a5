package org.trialmatch.nwb.write;

import static org.bytedeco.hdf5.global.hdf5.H5Aclose;
import static org.bytedeco.hdf5.global.hdf5.H5Acreate2;
import static org.bytedeco.hdf5.global.hdf5.H5Awrite;
import static org.bytedeco.hdf5.global.hdf5.H5Dclose;
import static org.bytedeco.hdf5.global.hdf5.H5Dcreate2;
import static org.bytedeco.hdf5.global.hdf5.H5Dwrite;
import static org.bytedeco.hdf5.global.hdf5.H5E_DEFAULT;
import static org.bytedeco.hdf5.global.hdf5.H5E_WALK_DOWNWARD;
import static org.bytedeco.hdf5.global.hdf5.H5Eclear2;
import static org.bytedeco.hdf5.global.hdf5.H5Eget_msg;
import static org.bytedeco.hdf5.global.hdf5.H5Eset_auto2;
import static org.bytedeco.hdf5.global.hdf5.H5Ewalk2;
import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_TRUNC;
import static org.bytedeco.hdf5.global.hdf5.H5F_LIBVER_EARLIEST;
import static org.bytedeco.hdf5.global.hdf5.H5F_LIBVER_V110;
import static org.bytedeco.hdf5.global.hdf5.H5F_OBJ_ALL;
import static org.bytedeco.hdf5.global.hdf5.H5F_OBJ_ATTR;
import static org.bytedeco.hdf5.global.hdf5.H5F_OBJ_DATASET;
import static org.bytedeco.hdf5.global.hdf5.H5F_OBJ_FILE;
import static org.bytedeco.hdf5.global.hdf5.H5F_OBJ_GROUP;
import static org.bytedeco.hdf5.global.hdf5.H5Fclose;
import static org.bytedeco.hdf5.global.hdf5.H5F_SCOPE_GLOBAL;
import static org.bytedeco.hdf5.global.hdf5.H5Fcreate;
import static org.bytedeco.hdf5.global.hdf5.H5Fflush;
import static org.bytedeco.hdf5.global.hdf5.H5Fget_file_image;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_fapl_core;
import static org.bytedeco.hdf5.global.hdf5.H5Fget_obj_count;
import static org.bytedeco.hdf5.global.hdf5.H5Gclose;
import static org.bytedeco.hdf5.global.hdf5.H5Gcreate2;
import static org.bytedeco.hdf5.global.hdf5.H5Gopen2;
import static org.bytedeco.hdf5.global.hdf5.H5Lcreate_soft;
import static org.bytedeco.hdf5.global.hdf5.H5P_CLS_DATASET_CREATE_ID_g;
import static org.bytedeco.hdf5.global.hdf5.H5P_CLS_FILE_ACCESS_ID_g;
import static org.bytedeco.hdf5.global.hdf5.H5P_CLS_ATTRIBUTE_CREATE_ID_g;
import static org.bytedeco.hdf5.global.hdf5.H5P_CLS_GROUP_CREATE_ID_g;
import static org.bytedeco.hdf5.global.hdf5.H5P_CLS_LINK_CREATE_ID_g;
import static org.bytedeco.hdf5.global.hdf5.H5P_DEFAULT;
import static org.bytedeco.hdf5.global.hdf5.H5Pclose;
import static org.bytedeco.hdf5.global.hdf5.H5Pcreate;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_char_encoding;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_chunk;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_deflate;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_libver_bounds;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_obj_track_times;
import static org.bytedeco.hdf5.global.hdf5.H5R_OBJECT;
import static org.bytedeco.hdf5.global.hdf5.H5Rcreate;
import static org.bytedeco.hdf5.global.hdf5.H5S_ALL;
import static org.bytedeco.hdf5.global.hdf5.H5S_SCALAR;
import static org.bytedeco.hdf5.global.hdf5.H5Sclose;
import static org.bytedeco.hdf5.global.hdf5.H5Screate;
import static org.bytedeco.hdf5.global.hdf5.H5Screate_simple;
import static org.bytedeco.hdf5.global.hdf5.H5T_CSET_UTF8;
import static org.bytedeco.hdf5.global.hdf5.H5T_C_S1_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_IEEE_F64LE_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_NATIVE_DOUBLE_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_NATIVE_INT32_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_NATIVE_INT64_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_STD_I32LE_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_STD_I64LE_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_STD_I8LE_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_STD_REF_OBJ_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_STD_U16LE_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_STD_U32LE_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_STD_U64LE_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_STD_U8LE_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_VARIABLE;
import static org.bytedeco.hdf5.global.hdf5.H5Tclose;
import static org.bytedeco.hdf5.global.hdf5.H5Tcopy;
import static org.bytedeco.hdf5.global.hdf5.H5Tenum_create;
import static org.bytedeco.hdf5.global.hdf5.H5Tenum_insert;
import static org.bytedeco.hdf5.global.hdf5.H5Tset_cset;
import static org.bytedeco.hdf5.global.hdf5.H5Tset_size;
import static org.bytedeco.hdf5.global.hdf5.H5open;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.bytedeco.hdf5.H5E_error2_t;
import org.bytedeco.hdf5.H5E_walk2_t;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Writes an {@link NwbWriteSpec} as an NWB 2.x HDF5 file through the HDF5 C library
 * ({@code org.bytedeco.hdf5}).
 *
 * <ul>
 *   <li>Format bounds: lowest = earliest, highest = HDF5 1.10, so HDF5 1.10 readers (h5py builds on Debian)
 *       open the files; object references are the old-style 8-byte {@code H5R_OBJECT}
 *       ({@code hobj_ref_t}), as pynwb writes them, not the 1.12 {@code H5R_ref_t}.</li>
 *   <li>Object modification times are not stored, so a spec with a fixed {@code objectIdSeed} and fixed
 *       {@code file_create_date} gives the same bytes every time.</li>
 *   <li>The library builds the file in memory ({@code core} driver, no backing store); Java writes the finished
 *       image to a temporary file in the target's directory and renames it onto the target only when
 *       complete. On any failure (a full disk included, which thus never reaches the library) the temporary
 *       is removed and the target is left as it was.</li>
 *   <li>The library's automatic error printing is switched off; HDF5 failures become an
 *       {@link IOException} naming the file, the in-file path and the library's own explanation.</li>
 * </ul>
 *
 * <p>One file on purpose: every object of the file goes through the same small set of handle, attribute and
 * dataset helpers and the one error walker of the library, whose state (open handles, the error stack) must
 * not be shared with a second writer; the sections of the file are its private methods, in file order.
 *
 * <p>Calls into the HDF5 library are serialised (one write at a time per JVM), since the bundled library
 * is not built thread-safe.
 */
public final class NwbWriter {
  private static final Object LOCK = new Object();
  /** Growth step of the in-memory file, bytes. */
  private static final long CORE_INCREMENT = 16L << 20;
  /** Bytes handed to the operating system per write. */
  private static final long WRITE_CHUNK = 64L << 20;
  private static final String CORE = "core";
  private static final String HDMF = "hdmf-common";
  private static ErrorWalker errorWalker;
  /** Handles opened by the writer and not (successfully) closed; guarded by LOCK. */
  private static long openHandles;

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
      synchronized (LOCK) {
        try {
          initialise();
        } catch (LinkageError e) {
          throw new IOException("cannot write NWB file " + target + ": the HDF5 native library"
              + " (org.bytedeco:hdf5, " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
              + ") could not be loaded: " + e, e);
        }
        new FileWriter(tmp, spec, hook).run();
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
    synchronized (LOCK) {
      initialise();
      long lib = H5Fget_obj_count(H5F_OBJ_ALL,
          H5F_OBJ_FILE | H5F_OBJ_GROUP | H5F_OBJ_DATASET | H5F_OBJ_ATTR);
      return lib + openHandles;
    }
  }

  /** Writes the in-memory file to disk in chunks (a file image may exceed 2 GB). */
  private static void writeImage(BytePointer image, Path tmp) throws IOException {
    long size = image.capacity();
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      for (long off = 0; off < size; ) {
        long n = Math.min(WRITE_CHUNK, size - off);
        ByteBuffer chunk = new BytePointer(image).position(off).limit(off + n).asByteBuffer();
        while (chunk.hasRemaining()) {
          ch.write(chunk);
        }
        off += n;
      }
      ch.force(true);
    } catch (IOException e) {
      throw new ImageWriteFailure(e.getMessage() + " (while writing the temporary file " + tmp + ")", e);
    }
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

  private static void initialise() {
    if (errorWalker == null) {
      H5open();
      errorWalker = new ErrorWalker();
    }
    // nothing is printed to stderr: failures are reported through exceptions
    H5Eset_auto2(H5E_DEFAULT, null, null);
    H5Eclear2(H5E_DEFAULT);
  }

  // ------------------------------------------------------------------------------------------------
  // failures

  /** An HDF5 call failed; turned into an IOException naming the file at the top. */
  private static final class Hdf5Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Hdf5Failure(String message) {
      super(message);
    }
  }

  /** Writing the finished file image to disk failed (a full disk, say). */
  private static final class ImageWriteFailure extends IOException {
    private static final long serialVersionUID = 1L;

    ImageWriteFailure(String message, IOException cause) {
      super(message, cause);
    }
  }

  /** Collects the entries of the library's error stack (one instance: JavaCPP callbacks are scarce). */
  private static final class ErrorWalker extends H5E_walk2_t {
    private final List<String> entries = new ArrayList<>();

    @Override
    public int call(int n, H5E_error2_t err, Pointer clientData) {
      String func = text(err.func_name());
      String desc = text(err.desc());
      String minor = message(err.min_num());
      entries.add(func + ": " + desc + (minor.isEmpty() ? "" : " (" + minor + ")"));
      return 0;
    }

    private static String text(BytePointer p) {
      return p == null || p.isNull() ? "" : p.getString(StandardCharsets.UTF_8);
    }

    private static String message(long id) {
      byte[] buf = new byte[256];
      long len = H5Eget_msg(id, new int[1], buf, buf.length);
      if (len <= 0) {
        return "";
      }
      return new String(buf, 0, (int) Math.min(len, buf.length - 1L), StandardCharsets.UTF_8);
    }

    String drain() {
      entries.clear();
      H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, this, null);
      H5Eclear2(H5E_DEFAULT);
      if (entries.isEmpty()) {
        return "no detail from the HDF5 library";
      }
      String first = entries.get(0);
      String last = entries.get(entries.size() - 1);
      return entries.size() == 1 ? first : first + "; cause: " + last;
    }
  }

  private static Hdf5Failure failure(String operation, String inFilePath) {
    String where = inFilePath.isEmpty() ? "/" : inFilePath;
    return new Hdf5Failure(operation + " failed at " + where + ": " + errorWalker.drain());
  }

  private static void check(int status, String operation, String inFilePath) {
    if (status < 0) {
      throw failure(operation, inFilePath);
    }
  }

  // ------------------------------------------------------------------------------------------------
  // handles

  private enum Kind { GROUP, DATASET, DATASPACE, DATATYPE, ATTRIBUTE, PLIST, FILE }

  /** An open HDF5 id, closed by try-with-resources; a failed close is an error too. */
  private record Handle(long id, Kind kind, String where) implements AutoCloseable {
    static Handle of(long id, Kind kind, String where, String operation) {
      if (id < 0) {
        throw failure(operation, where);
      }
      openHandles++;
      return new Handle(id, kind, where);
    }

    @Override
    public void close() {
      int status = switch (kind) {
        case GROUP -> H5Gclose(id);
        case DATASET -> H5Dclose(id);
        case DATASPACE -> H5Sclose(id);
        case DATATYPE -> H5Tclose(id);
        case ATTRIBUTE -> H5Aclose(id);
        case PLIST -> H5Pclose(id);
        case FILE -> H5Fclose(id);
      };
      check(status, "closing " + kind.name().toLowerCase(Locale.ROOT), where);
      openHandles--;
    }
  }

  // ------------------------------------------------------------------------------------------------
  // attributes

  /** An attribute to attach to a group or dataset. */
  private sealed interface Attr permits TextAttr, TextsAttr, DoubleAttr, IntAttr, RefAttr {
    String name();
  }

  private record TextAttr(String name, String value) implements Attr {
  }

  private record TextsAttr(String name, List<String> values) implements Attr {
  }

  private record DoubleAttr(String name, double value) implements Attr {
  }

  private record IntAttr(String name, int value) implements Attr {
  }

  /** Object reference to the object at {@code target} (absolute in-file path without leading '/'). */
  private record RefAttr(String name, String target) implements Attr {
  }

  // ------------------------------------------------------------------------------------------------
  // one file

  /** Writes one file; lives for one call of {@link #write(Path, NwbWriteSpec, SectionHook)}. */
  private static final class FileWriter {
    private final Path tmp;
    private final NwbWriteSpec spec;
    private final SectionHook hook;
    private final SplittableRandom idRandom;
    private long file = -1;
    private long gcpl = -1;
    private long dcpl = -1;
    private long lcpl = -1;
    private long acpl = -1;
    private long textType = -1;
    private long boolType = -1;

    FileWriter(Path tmp, NwbWriteSpec spec, SectionHook hook) {
      this.tmp = tmp;
      this.spec = spec;
      this.hook = hook;
      this.idRandom = spec.objectIdSeed().isPresent() ? new SplittableRandom(spec.objectIdSeed().getAsLong())
          : null;
    }

    void run() throws IOException {
      BytePointer image = null;
      try (Handle fapl = Handle.of(H5Pcreate(H5P_CLS_FILE_ACCESS_ID_g()), Kind.PLIST, "", "H5Pcreate")) {
        check(H5Pset_libver_bounds(fapl.id(), H5F_LIBVER_EARLIEST, H5F_LIBVER_V110), "H5Pset_libver_bounds",
            "");
        // The file is built in memory and written to disk by Java: a full or failing disk is then an
        // IOException here, never a failed write inside the HDF5 library (whose state after a failed
        // H5Fclose is not safe to touch again, not even by its own clean-up at exit).
        check(H5Pset_fapl_core(fapl.id(), CORE_INCREMENT, false), "H5Pset_fapl_core", "");
        try (BytePointer fileName = new BytePointer(tmp.toString(), fileNameCharset());
            Handle f = Handle.of(H5Fcreate(fileName, H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id()), Kind.FILE, "",
                "H5Fcreate");
            Handle g = Handle.of(H5Pcreate(H5P_CLS_GROUP_CREATE_ID_g()), Kind.PLIST, "", "H5Pcreate");
            Handle d = Handle.of(H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g()), Kind.PLIST, "", "H5Pcreate");
            Handle l = Handle.of(H5Pcreate(H5P_CLS_LINK_CREATE_ID_g()), Kind.PLIST, "", "H5Pcreate");
            Handle a = Handle.of(H5Pcreate(H5P_CLS_ATTRIBUTE_CREATE_ID_g()), Kind.PLIST, "", "H5Pcreate");
            Handle t = Handle.of(H5Tcopy(H5T_C_S1_g()), Kind.DATATYPE, "", "H5Tcopy");
            Handle b = Handle.of(H5Tenum_create(H5T_STD_I8LE_g()), Kind.DATATYPE, "", "H5Tenum_create")) {
          file = f.id();
          gcpl = g.id();
          dcpl = d.id();
          textType = t.id();
          boolType = b.id();
          lcpl = l.id();
          acpl = a.id();
          // names are stored as UTF-8 and marked so, as h5py does
          check(H5Pset_char_encoding(lcpl, H5T_CSET_UTF8), "H5Pset_char_encoding", "");
          check(H5Pset_char_encoding(acpl, H5T_CSET_UTF8), "H5Pset_char_encoding", "");
          check(H5Pset_obj_track_times(gcpl, false), "H5Pset_obj_track_times", "");
          check(H5Pset_obj_track_times(dcpl, false), "H5Pset_obj_track_times", "");
          check(H5Tset_size(textType, H5T_VARIABLE), "H5Tset_size", "");
          check(H5Tset_cset(textType, H5T_CSET_UTF8), "H5Tset_cset", "");
          insertEnum(boolType, "FALSE", (byte) 0);
          insertEnum(boolType, "TRUE", (byte) 1);
          writeFile();
          image = fileImage();
        }
        writeImage(image, tmp);
      } finally {
        if (image != null) {
          image.close();
        }
      }
    }

    /** @return the bytes of the finished in-memory file */
    private BytePointer fileImage() {
      check(H5Fflush(file, H5F_SCOPE_GLOBAL), "H5Fflush", "");
      long size = H5Fget_file_image(file, null, 0);
      if (size < 0) {
        throw failure("H5Fget_file_image", "");
      }
      BytePointer buf = new BytePointer(size);
      if (H5Fget_file_image(file, buf, size) != size) {
        buf.close();
        throw failure("H5Fget_file_image", "");
      }
      return buf;
    }

    private static void insertEnum(long type, String member, byte value) {
      try (BytePointer v = new BytePointer(1)) {
        v.put(0, value);
        check(H5Tenum_insert(type, member, v), "H5Tenum_insert", "");
      }
    }

    private void section(String name) throws IOException {
      if (hook != null) {
        hook.beforeSection(name, file);
      }
    }

    private void writeFile() throws IOException {
      List<Attr> rootAttrs = new ArrayList<>(typed(CORE, "NWBFile"));
      rootAttrs.add(new TextAttr("nwb_version", spec.nwbVersion()));
      try (Handle root = Handle.of(H5Gopen2(file, "/", H5P_DEFAULT), Kind.GROUP, "", "H5Gopen2")) {
        writeAttrs(root.id(), "", rootAttrs);
      }
      textScalar("identifier", spec.identifier(), List.of());
      textScalar("session_description", spec.sessionDescription(), List.of());
      textScalar("session_start_time", spec.sessionStartTime(), List.of());
      textScalar("timestamps_reference_time", spec.timestampsReferenceTime(), List.of());
      texts("file_create_date", spec.fileCreateDate().toArray(new String[0]), List.of());
      for (String g : List.of("acquisition", "analysis", "processing", "stimulus", "stimulus/presentation",
          "stimulus/templates", "general")) {
        group(g, List.of());
      }
      section("general");
      writeGeneral();
      if (spec.units().isPresent()) {
        section("units");
        writeUnits(spec.units().get());
      }
      if (!spec.intervals().isEmpty()) {
        section("intervals");
        group("intervals", List.of());
        for (IntervalsSpec t : spec.intervals()) {
          writeIntervals(t);
        }
      }
      section("series");
      writeSeries();
    }

    // ---- general/

    private void writeGeneral() {
      NwbMetadata m = spec.metadata();
      if (!m.experimentDescription().isEmpty()) {
        textScalar("general/experiment_description", m.experimentDescription(), List.of());
      }
      if (!m.institution().isEmpty()) {
        textScalar("general/institution", m.institution(), List.of());
      }
      if (!m.experimenter().isEmpty()) {
        texts("general/experimenter", m.experimenter().toArray(new String[0]), List.of());
      }
      if (!m.keywords().isEmpty()) {
        texts("general/keywords", m.keywords().toArray(new String[0]), List.of());
      }
      if (m.subject().isPresent()) {
        NwbMetadata.Subject sub = m.subject().get();
        group("general/subject", typed(CORE, "Subject"));
        textScalar("general/subject/subject_id", sub.subjectId(), List.of());
        textScalar("general/subject/species", sub.species(), List.of());
        textScalar("general/subject/sex", sub.sex(), List.of());
        if (!sub.age().isEmpty()) {
          textScalar("general/subject/age", sub.age(), List.of(new TextAttr("reference", "birth")));
        }
        if (!sub.description().isEmpty()) {
          textScalar("general/subject/description", sub.description(), List.of());
        }
      }
      if (!spec.devices().isEmpty()) {
        group("general/devices", List.of());
        for (Device d : spec.devices()) {
          List<Attr> attrs = new ArrayList<>(typed(CORE, "Device"));
          attrs.add(new TextAttr("description", d.description()));
          attrs.add(new TextAttr("manufacturer", d.manufacturer()));
          group("general/devices/" + d.name(), attrs);
        }
      }
      if (spec.electrodeGroups().isEmpty() && spec.electrodes().isEmpty()) {
        return;
      }
      String ece = "general/extracellular_ephys";
      group(ece, List.of());
      for (ElectrodeGroup g : spec.electrodeGroups()) {
        String path = ece + "/" + g.name();
        List<Attr> attrs = new ArrayList<>(typed(CORE, "ElectrodeGroup"));
        attrs.add(new TextAttr("description", g.description()));
        attrs.add(new TextAttr("location", g.location()));
        group(path, attrs);
        softLink("general/devices/" + g.device(), path + "/device");
      }
      List<ElectrodeRow> rows = spec.electrodes();
      if (rows.isEmpty()) {
        return;
      }
      int n = rows.size();
      double[] x = new double[n];
      double[] y = new double[n];
      double[] z = new double[n];
      double[] imp = new double[n];
      String[] location = new String[n];
      String[] filtering = new String[n];
      String[] groupRefs = new String[n];
      String[] groupName = new String[n];
      long[] ids = new long[n];
      for (int i = 0; i < n; i++) {
        ElectrodeRow r = rows.get(i);
        ids[i] = r.id();
        x[i] = r.x();
        y[i] = r.y();
        z[i] = r.z();
        imp[i] = r.imp();
        location[i] = r.location();
        filtering[i] = r.filtering();
        groupRefs[i] = ece + "/" + r.group();
        groupName[i] = r.group();
      }
      String t = ece + "/electrodes";
      List<String> colnames = List.of("x", "y", "z", "imp", "location", "filtering", "group", "group_name");
      List<Attr> attrs = new ArrayList<>(
          typed(spec.electrodesTableType().namespace(), spec.electrodesTableType().neurodataType()));
      attrs.add(new TextsAttr("colnames", colnames));
      attrs.add(new TextAttr("description", spec.electrodesDescription()));
      group(t, attrs);
      doubles(t + "/x", x, dcpl, vectorData("x coordinate of the channel location in the brain"));
      doubles(t + "/y", y, dcpl, vectorData("y coordinate of the channel location in the brain"));
      doubles(t + "/z", z, dcpl, vectorData("z coordinate of the channel location in the brain"));
      doubles(t + "/imp", imp, dcpl, vectorData("the impedance of the channel, in ohms"));
      texts(t + "/location", location, vectorData("the location of channel within the subject e.g. brain region"));
      texts(t + "/filtering", filtering, vectorData("description of hardware filtering"));
      refs(t + "/group", groupRefs, vectorData("a reference to the ElectrodeGroup this electrode is a part of"));
      texts(t + "/group_name", groupName, vectorData("the name of the ElectrodeGroup this electrode is a part of"));
      longs(t + "/id", ids, IndexType.INT64, typed(HDMF, "ElementIdentifiers"));
    }

    // ---- units/

    private void writeUnits(UnitsSpec u) {
      String t = "units";
      boolean hasElectrodes = u.electrodesLayout() != UnitElectrodes.NONE;
      List<String> colnames = new ArrayList<>();
      colnames.add("spike_times");
      if (hasElectrodes) {
        colnames.add("electrodes");
      }
      for (ColumnSpec c : u.columns()) {
        colnames.add(c.name());
      }
      List<Attr> attrs = new ArrayList<>(typed(CORE, "Units"));
      attrs.add(new TextsAttr("colnames", colnames));
      attrs.add(new TextAttr("description", u.description()));
      group(t, attrs);

      double[] spikes = u.spikeTimesData();
      int chunk = Math.min(u.spikeTimesChunkLength(), spikes.length);
      if (chunk > 0) {
        try (Handle chunked = Handle.of(H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g()), Kind.PLIST, t + "/spike_times",
            "H5Pcreate")) {
          check(H5Pset_obj_track_times(chunked.id(), false), "H5Pset_obj_track_times", t + "/spike_times");
          check(H5Pset_chunk(chunked.id(), 1, new long[] {chunk}), "H5Pset_chunk", t + "/spike_times");
          if (u.spikeTimesGzipLevel() > 0) {
            check(H5Pset_deflate(chunked.id(), u.spikeTimesGzipLevel()), "H5Pset_deflate", t + "/spike_times");
          }
          doubles(t + "/spike_times", spikes, chunked.id(),
              vectorData("the spike times for each unit in seconds"));
        }
      } else {
        doubles(t + "/spike_times", spikes, dcpl, vectorData("the spike times for each unit in seconds"));
      }
      longs(t + "/spike_times_index", u.spikeTimesIndex(), u.spikeTimesIndexType(),
          vectorIndex("Index for VectorData 'spike_times'", t + "/spike_times"));

      if (hasElectrodes) {
        List<Attr> region = new ArrayList<>(typed(HDMF, "DynamicTableRegion"));
        region.add(new TextAttr("description", "electrode that each spike unit came from"));
        region.add(new RefAttr("table", "general/extracellular_ephys/electrodes"));
        longs(t + "/electrodes", u.electrodesData(), IndexType.INT64, region);
        if (u.electrodesLayout() == UnitElectrodes.RAGGED) {
          longs(t + "/electrodes_index", u.electrodesIndex(), u.electrodesIndexType(),
              vectorIndex("Index for VectorData 'electrodes'", t + "/electrodes"));
        }
      }
      for (ColumnSpec c : u.columns()) {
        column(t, c);
      }
      longs(t + "/id", u.ids(), IndexType.INT64, typed(HDMF, "ElementIdentifiers"));
    }

    // ---- intervals/

    private void writeIntervals(IntervalsSpec table) {
      String t = "intervals/" + table.name();
      List<String> colnames = new ArrayList<>();
      for (ColumnSpec c : table.columns()) {
        colnames.add(c.name());
      }
      List<Attr> attrs = new ArrayList<>(typed(CORE, "TimeIntervals"));
      attrs.add(new TextsAttr("colnames", colnames));
      attrs.add(new TextAttr("description", table.description()));
      group(t, attrs);
      for (ColumnSpec c : table.columns()) {
        column(t, c);
      }
      longs(t + "/id", table.ids(), IndexType.INT64, typed(HDMF, "ElementIdentifiers"));
    }

    private void column(String table, ColumnSpec c) {
      String path = table + "/" + c.name();
      List<Attr> attrs = vectorData(c.description());
      switch (c.type()) {
        case FLOAT64 -> doubles(path, c.floatValues(), dcpl, attrs);
        case INT32 -> ints(path, c.intValues(), attrs);
        case INT64 -> longs(path, c.longValues(), IndexType.INT64, attrs);
        case BOOL -> bools(path, c.boolValues(), attrs);
        case TEXT -> texts(path, c.textValues(), attrs);
      }
    }

    // ---- acquisition/ and processing/

    private void writeSeries() {
      for (var m : spec.processingModules().entrySet()) {
        List<Attr> attrs = new ArrayList<>(typed(CORE, "ProcessingModule"));
        attrs.add(new TextAttr("description", m.getValue()));
        group("processing/" + m.getKey(), attrs);
      }
      Set<String> containers = new HashSet<>();
      for (SeriesSpec s : spec.series()) {
        String parent = s.module().map(m -> "processing/" + m).orElse("acquisition");
        if (s.containerName().isPresent()) {
          parent = parent + "/" + s.containerName().get();
          if (containers.add(parent)) {
            group(parent, typed(CORE, s.containerType().get()));
          }
        }
        String p = parent + "/" + s.name();
        List<Attr> attrs = new ArrayList<>(typed(CORE, s.neurodataType()));
        attrs.add(new TextAttr("comments", s.comments()));
        attrs.add(new TextAttr("description", s.description()));
        group(p, attrs);
        if (s.hasData()) {
          List<Attr> dataAttrs = List.of(new DoubleAttr("conversion", s.conversion()),
              new DoubleAttr("offset", s.offset()), new DoubleAttr("resolution", s.resolution()),
              new TextAttr("unit", s.unit()));
          doubles(p + "/data", s.data(), dcpl, dataAttrs);
        }
        if (s.hasTimestamps()) {
          doubles(p + "/timestamps", s.timestamps(), dcpl,
              List.of(new IntAttr("interval", 1), new TextAttr("unit", "seconds")));
        } else {
          doubleScalar(p + "/starting_time", s.startingTimeS(),
              List.of(new DoubleAttr("rate", s.rateHz()), new TextAttr("unit", "seconds")));
        }
      }
    }

    // ---- attribute lists

    private List<Attr> typed(String namespace, String neurodataType) {
      return List.of(new TextAttr("namespace", namespace), new TextAttr("neurodata_type", neurodataType),
          new TextAttr("object_id", objectId()));
    }

    private List<Attr> vectorData(String description) {
      List<Attr> a = new ArrayList<>(typed(HDMF, "VectorData"));
      a.add(new TextAttr("description", description));
      return a;
    }

    private List<Attr> vectorIndex(String description, String target) {
      List<Attr> a = new ArrayList<>(typed(HDMF, "VectorIndex"));
      a.add(new TextAttr("description", description));
      a.add(new RefAttr("target", target));
      return a;
    }

    private String objectId() {
      if (idRandom == null) {
        return UUID.randomUUID().toString();
      }
      long msb = (idRandom.nextLong() & ~0xF000L) | 0x4000L;
      long lsb = (idRandom.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
      return new UUID(msb, lsb).toString();
    }

    // ---- HDF5 primitives (paths are in-file, without the leading '/')

    private void group(String path, List<Attr> attrs) {
      try (BytePointer name = utf8("/" + path);
          Handle g = Handle.of(H5Gcreate2(file, name, lcpl, gcpl, H5P_DEFAULT), Kind.GROUP, path, "H5Gcreate2")) {
        writeAttrs(g.id(), path, attrs);
      }
    }

    private void softLink(String target, String link) {
      try (BytePointer to = utf8("/" + target); BytePointer name = utf8("/" + link)) {
        check(H5Lcreate_soft(to, file, name, lcpl, H5P_DEFAULT), "H5Lcreate_soft", link);
      }
    }

    private long reference(String target) {
      try (LongPointer p = new LongPointer(1); BytePointer name = utf8("/" + target)) {
        check(H5Rcreate(p, file, name, H5R_OBJECT, -1), "H5Rcreate (reference to /" + target + ")", target);
        return p.get(0);
      }
    }

    private static Handle space(long[] dims, String where) {
      if (dims == null) {
        return Handle.of(H5Screate(H5S_SCALAR), Kind.DATASPACE, where, "H5Screate");
      }
      return Handle.of(H5Screate_simple(dims.length, dims, null), Kind.DATASPACE, where, "H5Screate_simple");
    }

    /** Creates a dataset of {@code count} values (or a scalar when dims is null) and writes buf. */
    private void dataset(String path, long fileType, long memType, long[] dims, long createPlist, Pointer buf,
        List<Attr> attrs) {
      try (BytePointer name = utf8("/" + path);
          Handle space = space(dims, path);
          Handle d = Handle.of(H5Dcreate2(file, name, fileType, space.id(), lcpl, createPlist, H5P_DEFAULT),
              Kind.DATASET, path, "H5Dcreate2")) {
        if (buf != null) {
          check(H5Dwrite(d.id(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf), "H5Dwrite", path);
        }
        writeAttrs(d.id(), path, attrs);
      }
    }

    private void doubles(String path, double[] v, long createPlist, List<Attr> attrs) {
      if (v.length == 0) {
        dataset(path, H5T_IEEE_F64LE_g(), H5T_NATIVE_DOUBLE_g(), new long[] {0}, createPlist, null, attrs);
        return;
      }
      try (DoublePointer p = new DoublePointer(v)) {
        dataset(path, H5T_IEEE_F64LE_g(), H5T_NATIVE_DOUBLE_g(), new long[] {v.length}, createPlist, p, attrs);
      }
    }

    private void doubleScalar(String path, double v, List<Attr> attrs) {
      try (DoublePointer p = new DoublePointer(1)) {
        p.put(0, v);
        dataset(path, H5T_IEEE_F64LE_g(), H5T_NATIVE_DOUBLE_g(), null, dcpl, p, attrs);
      }
    }

    private void ints(String path, int[] v, List<Attr> attrs) {
      if (v.length == 0) {
        dataset(path, H5T_STD_I32LE_g(), H5T_NATIVE_INT32_g(), new long[] {0}, dcpl, null, attrs);
        return;
      }
      try (IntPointer p = new IntPointer(v)) {
        dataset(path, H5T_STD_I32LE_g(), H5T_NATIVE_INT32_g(), new long[] {v.length}, dcpl, p, attrs);
      }
    }

    /** Writes int64 values converted by the library to the stored type (values checked to fit). */
    private void longs(String path, long[] v, IndexType stored, List<Attr> attrs) {
      long fileType = switch (stored) {
        case UINT8 -> H5T_STD_U8LE_g();
        case UINT16 -> H5T_STD_U16LE_g();
        case UINT32 -> H5T_STD_U32LE_g();
        case UINT64 -> H5T_STD_U64LE_g();
        case INT32 -> H5T_STD_I32LE_g();
        case INT64 -> H5T_STD_I64LE_g();
      };
      for (int i = 0; i < v.length; i++) {
        if (!stored.holds(v[i])) {
          throw new IllegalArgumentException(path + "[" + i + "] = " + v[i] + " does not fit "
              + stored.numpyName());
        }
      }
      if (v.length == 0) {
        dataset(path, fileType, H5T_NATIVE_INT64_g(), new long[] {0}, dcpl, null, attrs);
        return;
      }
      try (LongPointer p = new LongPointer(v)) {
        dataset(path, fileType, H5T_NATIVE_INT64_g(), new long[] {v.length}, dcpl, p, attrs);
      }
    }

    private void bools(String path, boolean[] v, List<Attr> attrs) {
      if (v.length == 0) {
        dataset(path, boolType, boolType, new long[] {0}, dcpl, null, attrs);
        return;
      }
      try (BytePointer p = new BytePointer(v.length)) {
        for (int i = 0; i < v.length; i++) {
          p.put(i, v[i] ? (byte) 1 : (byte) 0);
        }
        dataset(path, boolType, boolType, new long[] {v.length}, dcpl, p, attrs);
      }
    }

    private void refs(String path, String[] targets, List<Attr> attrs) {
      long[] r = new long[targets.length];
      for (int i = 0; i < targets.length; i++) {
        r[i] = reference(targets[i]);
      }
      if (r.length == 0) {
        dataset(path, H5T_STD_REF_OBJ_g(), H5T_STD_REF_OBJ_g(), new long[] {0}, dcpl, null, attrs);
        return;
      }
      try (LongPointer p = new LongPointer(r)) {
        dataset(path, H5T_STD_REF_OBJ_g(), H5T_STD_REF_OBJ_g(), new long[] {r.length}, dcpl, p, attrs);
      }
    }

    private void textScalar(String path, String value, List<Attr> attrs) {
      try (Strings s = new Strings(new String[] {value})) {
        dataset(path, textType, textType, null, dcpl, s.pointers, attrs);
      }
    }

    private void texts(String path, String[] values, List<Attr> attrs) {
      if (values.length == 0) {
        dataset(path, textType, textType, new long[] {0}, dcpl, null, attrs);
        return;
      }
      try (Strings s = new Strings(values)) {
        dataset(path, textType, textType, new long[] {values.length}, dcpl, s.pointers, attrs);
      }
    }

    private void writeAttrs(long object, String path, List<Attr> attrs) {
      for (Attr a : attrs) {
        String where = path + "@" + a.name();
        if (a instanceof TextAttr t) {
          try (Strings s = new Strings(new String[] {t.value()})) {
            attribute(object, where, a.name(), textType, null, s.pointers);
          }
        } else if (a instanceof TextsAttr t) {
          try (Strings s = new Strings(t.values().toArray(new String[0]))) {
            attribute(object, where, a.name(), textType, new long[] {t.values().size()}, s.pointers);
          }
        } else if (a instanceof DoubleAttr d) {
          try (DoublePointer p = new DoublePointer(1)) {
            p.put(0, d.value());
            attribute(object, where, a.name(), H5T_IEEE_F64LE_g(), H5T_NATIVE_DOUBLE_g(), null, p);
          }
        } else if (a instanceof IntAttr i) {
          try (IntPointer p = new IntPointer(1)) {
            p.put(0, i.value());
            attribute(object, where, a.name(), H5T_STD_I32LE_g(), H5T_NATIVE_INT32_g(), null, p);
          }
        } else if (a instanceof RefAttr r) {
          try (LongPointer p = new LongPointer(1)) {
            p.put(0, reference(r.target()));
            attribute(object, where, a.name(), H5T_STD_REF_OBJ_g(), null, p);
          }
        } else {
          throw new IllegalStateException("unknown attribute class " + a.getClass().getName());
        }
      }
    }

    private void attribute(long object, String where, String name, long type, long[] dims, Pointer buf) {
      attribute(object, where, name, type, type, dims, buf);
    }

    private void attribute(long object, String where, String name, long fileType, long memType, long[] dims,
        Pointer buf) {
      try (BytePointer attrName = utf8(name);
          Handle space = space(dims, where);
          Handle a = Handle.of(H5Acreate2(object, attrName, fileType, space.id(), acpl, H5P_DEFAULT),
              Kind.ATTRIBUTE, where, "H5Acreate2")) {
        if (buf != null && (dims == null || dims[0] > 0)) {
          check(H5Awrite(a.id(), memType, buf), "H5Awrite", where);
        }
      }
    }
  }

  private static BytePointer utf8(String s) {
    return new BytePointer(s, StandardCharsets.UTF_8);
  }

  /** The charset the JVM maps file names to bytes with (UTF-8 unless the locale says otherwise). */
  private static Charset fileNameCharset() {
    String name = System.getProperty("sun.jnu.encoding");
    try {
      return name == null ? Charset.defaultCharset() : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return Charset.defaultCharset();
    }
  }

  /** UTF-8, NUL-terminated copies of strings with an array of pointers to them, freed on close. */
  private static final class Strings implements AutoCloseable {
    final PointerPointer<BytePointer> pointers;
    private final BytePointer[] parts;

    Strings(String[] values) {
      parts = new BytePointer[values.length];
      pointers = new PointerPointer<>(Math.max(1, values.length));
      for (int i = 0; i < values.length; i++) {
        parts[i] = new BytePointer(values[i], StandardCharsets.UTF_8);
        pointers.put(i, parts[i]);
      }
    }

    @Override
    public void close() {
      pointers.close();
      for (BytePointer p : parts) {
        if (p != null) {
          p.close();
        }
      }
    }
  }
}
