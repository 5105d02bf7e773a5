package org.trialmatch.nwb.write;

import static org.bytedeco.hdf5.global.hdf5.H5Acreate2;
import static org.bytedeco.hdf5.global.hdf5.H5Awrite;
import static org.bytedeco.hdf5.global.hdf5.H5Dcreate2;
import static org.bytedeco.hdf5.global.hdf5.H5Dwrite;
import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_TRUNC;
import static org.bytedeco.hdf5.global.hdf5.H5F_LIBVER_EARLIEST;
import static org.bytedeco.hdf5.global.hdf5.H5F_LIBVER_V110;
import static org.bytedeco.hdf5.global.hdf5.H5F_SCOPE_GLOBAL;
import static org.bytedeco.hdf5.global.hdf5.H5Fcreate;
import static org.bytedeco.hdf5.global.hdf5.H5Fflush;
import static org.bytedeco.hdf5.global.hdf5.H5Fget_file_image;
import static org.bytedeco.hdf5.global.hdf5.H5Gcreate2;
import static org.bytedeco.hdf5.global.hdf5.H5Gopen2;
import static org.bytedeco.hdf5.global.hdf5.H5Lcreate_soft;
import static org.bytedeco.hdf5.global.hdf5.H5P_CLS_ATTRIBUTE_CREATE_ID_g;
import static org.bytedeco.hdf5.global.hdf5.H5P_CLS_DATASET_CREATE_ID_g;
import static org.bytedeco.hdf5.global.hdf5.H5P_CLS_FILE_ACCESS_ID_g;
import static org.bytedeco.hdf5.global.hdf5.H5P_CLS_GROUP_CREATE_ID_g;
import static org.bytedeco.hdf5.global.hdf5.H5P_CLS_LINK_CREATE_ID_g;
import static org.bytedeco.hdf5.global.hdf5.H5P_DEFAULT;
import static org.bytedeco.hdf5.global.hdf5.H5Pcreate;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_char_encoding;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_chunk;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_deflate;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_fapl_core;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_libver_bounds;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_obj_track_times;
import static org.bytedeco.hdf5.global.hdf5.H5R_OBJECT;
import static org.bytedeco.hdf5.global.hdf5.H5Rcreate;
import static org.bytedeco.hdf5.global.hdf5.H5S_ALL;
import static org.bytedeco.hdf5.global.hdf5.H5S_SCALAR;
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
import static org.bytedeco.hdf5.global.hdf5.H5Tcopy;
import static org.bytedeco.hdf5.global.hdf5.H5Tenum_create;
import static org.bytedeco.hdf5.global.hdf5.H5Tenum_insert;
import static org.bytedeco.hdf5.global.hdf5.H5Tset_cset;
import static org.bytedeco.hdf5.global.hdf5.H5Tset_size;
import static org.trialmatch.nwb.write.Hdf5Library.check;
import static org.trialmatch.nwb.write.Hdf5Library.failure;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.trialmatch.nwb.write.Attr.DoubleAttr;
import org.trialmatch.nwb.write.Attr.IntAttr;
import org.trialmatch.nwb.write.Attr.RefAttr;
import org.trialmatch.nwb.write.Attr.TextAttr;
import org.trialmatch.nwb.write.Attr.TextsAttr;
import org.trialmatch.nwb.write.Hdf5Handle.Kind;

/**
 * One HDF5 file built in memory and then written to disk: {@link #write(Path, Content)} opens the file with
 * the library's {@code core} driver (no backing store), lets a {@link Content} create its groups, datasets,
 * attributes, links and references through this class's primitives, and writes the finished image to the
 * given path in chunks from Java.
 *
 * <ul>
 *   <li>Format bounds: lowest = earliest, highest = HDF5 1.10, so HDF5 1.10 readers (h5py builds on Debian)
 *       open the files; object references are the old-style 8-byte {@code H5R_OBJECT}
 *       ({@code hobj_ref_t}), as pynwb writes them, not the 1.12 {@code H5R_ref_t}.</li>
 *   <li>Object modification times are not stored, so the same calls give the same bytes every time.</li>
 *   <li>Names and text are UTF-8 and marked so, as h5py writes them; text is variable-length; booleans are an
 *       enum over int8 ({@code FALSE = 0}, {@code TRUE = 1}), as h5py stores numpy booleans.</li>
 *   <li>A full or failing disk is an {@link ImageWriteFailure} from Java, never a failed write inside the
 *       library.</li>
 * </ul>
 *
 * <p>Paths are in-file, without the leading '/'. Used with {@link Hdf5Library#LOCK} held.
 */
final class Hdf5Image {
  /** Growth step of the in-memory file, bytes. */
  private static final long CORE_INCREMENT = 16L << 20;
  /** Bytes handed to the operating system per write. */
  private static final long WRITE_CHUNK = 64L << 20;

  /** What goes into the file. */
  interface Content {
    /**
     * @param image the open in-memory file
     * @throws IOException to abort the write
     */
    void write(Hdf5Image image) throws IOException;
  }

  private final long file;
  private final long gcpl;
  private final long dcpl;
  private final long lcpl;
  private final long acpl;
  private final long textType;
  private final long boolType;

  private Hdf5Image(long file, long gcpl, long dcpl, long lcpl, long acpl, long textType, long boolType) {
    this.file = file;
    this.gcpl = gcpl;
    this.dcpl = dcpl;
    this.lcpl = lcpl;
    this.acpl = acpl;
    this.textType = textType;
    this.boolType = boolType;
  }

  /**
   * Builds a file in memory and writes it to {@code tmp}.
   *
   * @param tmp the file to write (existing, to be overwritten)
   * @param content what goes into the file
   * @throws IOException from the content, or an {@link ImageWriteFailure} when writing to disk fails
   * @throws Hdf5Library.Hdf5Failure when a library call fails
   */
  static void write(Path tmp, Content content) throws IOException {
    BytePointer image = null;
    try (Hdf5Handle fapl = Hdf5Handle.of(H5Pcreate(H5P_CLS_FILE_ACCESS_ID_g()), Kind.PLIST, "", "H5Pcreate")) {
      check(H5Pset_libver_bounds(fapl.id(), H5F_LIBVER_EARLIEST, H5F_LIBVER_V110), "H5Pset_libver_bounds",
          "");
      // The file is built in memory and written to disk by Java: a full or failing disk is then an
      // IOException here, never a failed write inside the HDF5 library (whose state after a failed
      // H5Fclose is not safe to touch again, not even by its own clean-up at exit).
      check(H5Pset_fapl_core(fapl.id(), CORE_INCREMENT, false), "H5Pset_fapl_core", "");
      try (BytePointer fileName = new BytePointer(tmp.toString(), fileNameCharset());
          Hdf5Handle f = Hdf5Handle.of(H5Fcreate(fileName, H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id()), Kind.FILE, "",
              "H5Fcreate");
          Hdf5Handle g = Hdf5Handle.of(H5Pcreate(H5P_CLS_GROUP_CREATE_ID_g()), Kind.PLIST, "", "H5Pcreate");
          Hdf5Handle d = Hdf5Handle.of(H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g()), Kind.PLIST, "", "H5Pcreate");
          Hdf5Handle l = Hdf5Handle.of(H5Pcreate(H5P_CLS_LINK_CREATE_ID_g()), Kind.PLIST, "", "H5Pcreate");
          Hdf5Handle a = Hdf5Handle.of(H5Pcreate(H5P_CLS_ATTRIBUTE_CREATE_ID_g()), Kind.PLIST, "", "H5Pcreate");
          Hdf5Handle t = Hdf5Handle.of(H5Tcopy(H5T_C_S1_g()), Kind.DATATYPE, "", "H5Tcopy");
          Hdf5Handle b = Hdf5Handle.of(H5Tenum_create(H5T_STD_I8LE_g()), Kind.DATATYPE, "", "H5Tenum_create")) {
        Hdf5Image img = new Hdf5Image(f.id(), g.id(), d.id(), l.id(), a.id(), t.id(), b.id());
        // names are stored as UTF-8 and marked so, as h5py does
        check(H5Pset_char_encoding(img.lcpl, H5T_CSET_UTF8), "H5Pset_char_encoding", "");
        check(H5Pset_char_encoding(img.acpl, H5T_CSET_UTF8), "H5Pset_char_encoding", "");
        check(H5Pset_obj_track_times(img.gcpl, false), "H5Pset_obj_track_times", "");
        check(H5Pset_obj_track_times(img.dcpl, false), "H5Pset_obj_track_times", "");
        check(H5Tset_size(img.textType, H5T_VARIABLE), "H5Tset_size", "");
        check(H5Tset_cset(img.textType, H5T_CSET_UTF8), "H5Tset_cset", "");
        insertEnum(img.boolType, "FALSE", (byte) 0);
        insertEnum(img.boolType, "TRUE", (byte) 1);
        content.write(img);
        image = img.fileImage();
      }
      writeImage(image, tmp);
    } finally {
      if (image != null) {
        image.close();
      }
    }
  }

  /** @return the HDF5 id of the open file */
  long fileId() {
    return file;
  }

  /** Writes attributes on the root group. */
  void rootAttributes(List<Attr> attrs) {
    try (Hdf5Handle root = Hdf5Handle.of(H5Gopen2(file, "/", H5P_DEFAULT), Kind.GROUP, "", "H5Gopen2")) {
      writeAttrs(root.id(), "", attrs);
    }
  }

  /** Creates a group with these attributes. */
  void group(String path, List<Attr> attrs) {
    try (BytePointer name = utf8("/" + path);
        Hdf5Handle g = Hdf5Handle.of(H5Gcreate2(file, name, lcpl, gcpl, H5P_DEFAULT), Kind.GROUP, path, "H5Gcreate2")) {
      writeAttrs(g.id(), path, attrs);
    }
  }

  /** Creates a soft link at {@code link} pointing at {@code target}. */
  void softLink(String target, String link) {
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

  private static Hdf5Handle space(long[] dims, String where) {
    if (dims == null) {
      return Hdf5Handle.of(H5Screate(H5S_SCALAR), Kind.DATASPACE, where, "H5Screate");
    }
    return Hdf5Handle.of(H5Screate_simple(dims.length, dims, null), Kind.DATASPACE, where, "H5Screate_simple");
  }

  /** Creates a dataset of {@code count} values (or a scalar when dims is null) and writes buf. */
  private void dataset(String path, long fileType, long memType, long[] dims, long createPlist, Pointer buf,
      List<Attr> attrs) {
    try (BytePointer name = utf8("/" + path);
        Hdf5Handle space = space(dims, path);
        Hdf5Handle d = Hdf5Handle.of(H5Dcreate2(file, name, fileType, space.id(), lcpl, createPlist, H5P_DEFAULT),
            Kind.DATASET, path, "H5Dcreate2")) {
      if (buf != null) {
        check(H5Dwrite(d.id(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf), "H5Dwrite", path);
      }
      writeAttrs(d.id(), path, attrs);
    }
  }

  /** Writes a 1-D float64 dataset, contiguous. */
  void doubles(String path, double[] v, List<Attr> attrs) {
    doubles(path, v, dcpl, attrs);
  }

  /**
   * Writes a 1-D float64 dataset in chunks of {@code chunkLength} values, gzip-compressed at {@code gzipLevel}
   * (0: not compressed).
   */
  void chunkedDoubles(String path, double[] v, int chunkLength, int gzipLevel, List<Attr> attrs) {
    try (Hdf5Handle chunked = Hdf5Handle.of(H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g()), Kind.PLIST, path,
        "H5Pcreate")) {
      check(H5Pset_obj_track_times(chunked.id(), false), "H5Pset_obj_track_times", path);
      check(H5Pset_chunk(chunked.id(), 1, new long[] {chunkLength}), "H5Pset_chunk", path);
      if (gzipLevel > 0) {
        check(H5Pset_deflate(chunked.id(), gzipLevel), "H5Pset_deflate", path);
      }
      doubles(path, v, chunked.id(), attrs);
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

  /** Writes a float64 scalar dataset. */
  void doubleScalar(String path, double v, List<Attr> attrs) {
    try (DoublePointer p = new DoublePointer(1)) {
      p.put(0, v);
      dataset(path, H5T_IEEE_F64LE_g(), H5T_NATIVE_DOUBLE_g(), null, dcpl, p, attrs);
    }
  }

  /** Writes a 1-D int32 dataset. */
  void ints(String path, int[] v, List<Attr> attrs) {
    if (v.length == 0) {
      dataset(path, H5T_STD_I32LE_g(), H5T_NATIVE_INT32_g(), new long[] {0}, dcpl, null, attrs);
      return;
    }
    try (IntPointer p = new IntPointer(v)) {
      dataset(path, H5T_STD_I32LE_g(), H5T_NATIVE_INT32_g(), new long[] {v.length}, dcpl, p, attrs);
    }
  }

  /** Writes int64 values converted by the library to the stored type (values checked to fit). */
  void longs(String path, long[] v, IndexType stored, List<Attr> attrs) {
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

  /** Writes a 1-D boolean dataset (the int8 enum {@code FALSE}/{@code TRUE}). */
  void bools(String path, boolean[] v, List<Attr> attrs) {
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

  /** Writes a 1-D dataset of object references to the objects at {@code targets}. */
  void refs(String path, String[] targets, List<Attr> attrs) {
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

  /** Writes a scalar text dataset. */
  void textScalar(String path, String value, List<Attr> attrs) {
    try (Strings s = new Strings(new String[] {value})) {
      dataset(path, textType, textType, null, dcpl, s.pointers, attrs);
    }
  }

  /** Writes a 1-D text dataset. */
  void texts(String path, String[] values, List<Attr> attrs) {
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
        Hdf5Handle space = space(dims, where);
        Hdf5Handle a = Hdf5Handle.of(H5Acreate2(object, attrName, fileType, space.id(), acpl, H5P_DEFAULT),
            Kind.ATTRIBUTE, where, "H5Acreate2")) {
      if (buf != null && (dims == null || dims[0] > 0)) {
        check(H5Awrite(a.id(), memType, buf), "H5Awrite", where);
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

  /** Writing the finished file image to disk failed (a full disk, say). */
  static final class ImageWriteFailure extends IOException {
    private static final long serialVersionUID = 1L;

    ImageWriteFailure(String message, IOException cause) {
      super(message, cause);
    }
  }
}
