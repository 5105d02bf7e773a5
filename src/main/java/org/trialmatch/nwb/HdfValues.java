package org.trialmatch.nwb;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.file.Path;

/**
 * The values of HDF5 datasets and attributes, as the reader needs them: numbers, integers (offsets and
 * ids) and text, from whatever Java type the HDF5 reader returns; and the checks of a ragged column's
 * index. A value of the wrong kind is an {@link NwbFormatException} naming the file and the in-file path.
 */
final class HdfValues {
  private final Path file;

  /** @param file the file being read, for the messages */
  HdfValues(Path file) {
    this.file = file;
  }

  void checkIndex(long[] index, int rows, int dataLength, String indexPath, String dataPath) {
    if (index.length != rows) {
      throw new NwbFormatException(
          file, indexPath, rows + " offsets (one per row)", index.length + " offsets");
    }
    long prev = 0;
    for (int r = 0; r < rows; r++) {
      if (index[r] < prev) {
        throw new NwbFormatException(
            file, indexPath, "non-decreasing offsets",
            "offset " + index[r] + " after " + prev + " at row " + r);
      }
      if (index[r] > dataLength) {
        throw new NwbFormatException(
            file, indexPath, "offsets <= " + dataLength + " (the length of " + dataPath + ")",
            "offset " + index[r] + " at row " + r + ": the index runs past the data");
      }
      prev = index[r];
    }
  }

  double[] toDoubles(Object raw, String p) {
    if (raw instanceof double[] d) {
      return d;
    }
    if (raw instanceof String[] s) {
      double[] out = new double[s.length];
      for (int i = 0; i < s.length; i++) {
        String v = s[i].trim();
        if (v.equalsIgnoreCase("TRUE")) {
          out[i] = 1;
        } else if (v.equalsIgnoreCase("FALSE")) {
          out[i] = 0;
        } else {
          throw new NwbFormatException(file, p, "numbers", "text ('" + s[i] + "' at row " + i + ")");
        }
      }
      return out;
    }
    if (raw instanceof Number n) {
      return new double[] {n.doubleValue()};
    }
    if (raw == null || !raw.getClass().isArray()) {
      throw new NwbFormatException(file, p, "a numeric array", raw == null ? "nothing" : raw.getClass().getSimpleName());
    }
    int n = Array.getLength(raw);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      Object v = Array.get(raw, i);
      if (v instanceof Number num) {
        out[i] = num.doubleValue();
      } else if (v instanceof Boolean b) {
        out[i] = b ? 1 : 0;
      } else {
        throw new NwbFormatException(file, p, "numbers", String.valueOf(v) + " at row " + i);
      }
    }
    return out;
  }

  long[] toLongs(Object raw, String p) {
    if (raw instanceof long[] l) {
      return l;
    }
    if (raw instanceof int[] a) {
      long[] out = new long[a.length];
      for (int i = 0; i < a.length; i++) {
        out[i] = a[i];
      }
      return out;
    }
    if (raw instanceof BigInteger[] b) {
      long[] out = new long[b.length];
      for (int i = 0; i < b.length; i++) {
        if (b[i].bitLength() > 62) {
          throw new NwbFormatException(file, p, "offsets below 2^62", b[i] + " at row " + i);
        }
        out[i] = b[i].longValue();
      }
      return out;
    }
    if (raw != null && raw.getClass().isArray()) {
      int n = Array.getLength(raw);
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        Object v = Array.get(raw, i);
        if (!(v instanceof Number num) || v instanceof Double || v instanceof Float) {
          throw new NwbFormatException(file, p, "integers", String.valueOf(v) + " at row " + i);
        }
        out[i] = num.longValue();
      }
      return out;
    }
    throw new NwbFormatException(file, p, "an integer array", raw == null ? "nothing" : raw.getClass().getSimpleName());
  }

  String[] toStrings(Object raw, String p) {
    if (raw instanceof String[] s) {
      return s;
    }
    if (raw instanceof String s) {
      return new String[] {s};
    }
    throw new NwbFormatException(file, p, "text", raw == null ? "nothing" : raw.getClass().getSimpleName());
  }

  /** @return the rows of a DynamicTable: the length of its {@code id} (or {@code start_time}) */
  int tableRows(Group g, String p) {
    Dataset id = HdfNodes.childDataset(g, "id");
    if (id != null) {
      return (int) id.getSize();
    }
    Dataset start = HdfNodes.childDataset(g, "start_time");
    if (start != null) {
      return (int) start.getSize();
    }
    throw new NwbFormatException(file, p + "/id", "an id column (a DynamicTable)", "no id dataset");
  }
}
