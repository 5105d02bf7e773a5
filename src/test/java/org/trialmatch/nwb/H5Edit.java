package org.trialmatch.nwb;

import static org.bytedeco.hdf5.global.hdf5.H5Dclose;
import static org.bytedeco.hdf5.global.hdf5.H5Dcreate2;
import static org.bytedeco.hdf5.global.hdf5.H5Dget_type;
import static org.bytedeco.hdf5.global.hdf5.H5Dopen2;
import static org.bytedeco.hdf5.global.hdf5.H5Dwrite;
import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_RDWR;
import static org.bytedeco.hdf5.global.hdf5.H5Fclose;
import static org.bytedeco.hdf5.global.hdf5.H5Fopen;
import static org.bytedeco.hdf5.global.hdf5.H5Ldelete;
import static org.bytedeco.hdf5.global.hdf5.H5P_DEFAULT;
import static org.bytedeco.hdf5.global.hdf5.H5S_ALL;
import static org.bytedeco.hdf5.global.hdf5.H5Sclose;
import static org.bytedeco.hdf5.global.hdf5.H5Screate_simple;
import static org.bytedeco.hdf5.global.hdf5.H5T_NATIVE_DOUBLE_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_NATIVE_LLONG_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_STD_I64LE_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_IEEE_F64LE_g;
import static org.bytedeco.hdf5.global.hdf5.H5Tclose;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.LongPointer;

/**
 * Structural edits of an existing HDF5 file for reader tests, through the HDF5 library (the same one our
 * writer uses): replace a dataset by one of another type or shape, or empty a table. Every call opens
 * and closes the file.
 */
final class H5Edit {
  private H5Edit() {
  }

  /** Replaces the dataset at {@code path} by a 1-D int64 dataset. */
  static void replaceWithLongs(Path file, String path, long[] data) {
    try (LongPointer buf = new LongPointer(data)) {
      replace(file, path, H5T_STD_I64LE_g(), H5T_NATIVE_LLONG_g(), new long[] {data.length}, buf);
    }
  }

  /** Replaces the dataset at {@code path} by a 1-D float64 dataset. */
  static void replaceWithDoubles(Path file, String path, double[] data) {
    try (DoublePointer buf = new DoublePointer(data)) {
      replace(file, path, H5T_IEEE_F64LE_g(), H5T_NATIVE_DOUBLE_g(), new long[] {data.length}, buf);
    }
  }

  /** Replaces the dataset at {@code path} by a 2-D float64 dataset {@code [rows][cols]}. */
  static void replaceWith2d(Path file, String path, double[][] data) {
    int cols = data[0].length;
    double[] flat = new double[data.length * cols];
    for (int r = 0; r < data.length; r++) {
      System.arraycopy(data[r], 0, flat, r * cols, cols);
    }
    try (DoublePointer buf = new DoublePointer(flat)) {
      replace(file, path, H5T_IEEE_F64LE_g(), H5T_NATIVE_DOUBLE_g(), new long[] {data.length, cols}, buf);
    }
  }

  /** Replaces each named dataset of a group by an empty 1-D dataset of the same type. */
  static void empty(Path file, String group, List<String> datasets) {
    long f = H5Fopen(file.toString(), H5F_ACC_RDWR, H5P_DEFAULT);
    require(f, "H5Fopen " + file);
    try {
      for (String name : datasets) {
        String p = group + "/" + name;
        long d = H5Dopen2(f, p, H5P_DEFAULT);
        require(d, "H5Dopen2 " + p);
        long type = H5Dget_type(d);
        H5Dclose(d);
        require(H5Ldelete(f, p, H5P_DEFAULT), "H5Ldelete " + p);
        long space = H5Screate_simple(1, new long[] {0}, null);
        long nd = H5Dcreate2(f, p, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        require(nd, "H5Dcreate2 " + p);
        H5Dclose(nd);
        H5Sclose(space);
        H5Tclose(type);
      }
    } finally {
      H5Fclose(f);
    }
  }

  /**
   * Gives a file a user block: {@code bytes} bytes (a multiple of 512) before the HDF5 data, the superblock's
   * base and end-of-file addresses moved by as much (what {@code h5jam} does). Only the version 0/1
   * superblock our writer makes is handled.
   */
  static void prependUserBlock(Path file, int bytes) throws IOException {
    byte[] old = Files.readAllBytes(file);
    if (old[8] > 1) {
      throw new IllegalArgumentException("superblock version " + old[8] + " is not 0 or 1");
    }
    ByteBuffer b = ByteBuffer.allocate(bytes + old.length).order(ByteOrder.LITTLE_ENDIAN);
    byte[] text = "a user block\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    b.put(text);
    b.position(bytes);
    b.put(old);
    int sb = bytes;
    b.putLong(sb + 24, b.getLong(sb + 24) + bytes); // base address
    b.putLong(sb + 40, b.getLong(sb + 40) + bytes); // end-of-file address (counts from the file's start)
    Files.write(file, b.array());
  }

  private static void replace(Path file, String path, long fileType, long memType, long[] dims,
      org.bytedeco.javacpp.Pointer buf) {
    long f = H5Fopen(file.toString(), H5F_ACC_RDWR, H5P_DEFAULT);
    require(f, "H5Fopen " + file);
    try {
      require(H5Ldelete(f, path, H5P_DEFAULT), "H5Ldelete " + path);
      long space = H5Screate_simple(dims.length, dims, null);
      long d = H5Dcreate2(f, path, fileType, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
      require(d, "H5Dcreate2 " + path);
      require(H5Dwrite(d, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf), "H5Dwrite " + path);
      H5Dclose(d);
      H5Sclose(space);
    } finally {
      H5Fclose(f);
    }
  }

  private static void require(long status, String what) {
    if (status < 0) {
      throw new IllegalStateException(what + " failed");
    }
  }
}
