package org.trialmatch.nwb.write;

import static org.bytedeco.hdf5.global.hdf5.H5Aclose;
import static org.bytedeco.hdf5.global.hdf5.H5Dclose;
import static org.bytedeco.hdf5.global.hdf5.H5Fclose;
import static org.bytedeco.hdf5.global.hdf5.H5Gclose;
import static org.bytedeco.hdf5.global.hdf5.H5Pclose;
import static org.bytedeco.hdf5.global.hdf5.H5Sclose;
import static org.bytedeco.hdf5.global.hdf5.H5Tclose;

import java.util.Locale;

/**
 * An open HDF5 id, closed by try-with-resources; a failed open or close is an {@link Hdf5Library.Hdf5Failure}
 * naming the in-file path. Opens and closes are counted ({@link Hdf5Library#openObjectCount()}).
 *
 * @param id the library's id
 * @param kind what it is, which says how it is closed
 * @param where the in-file path it belongs to, for messages ("" for the file)
 */
record Hdf5Handle(long id, Kind kind, String where) implements AutoCloseable {
  /** The kinds of HDF5 id the writer opens. */
  enum Kind { GROUP, DATASET, DATASPACE, DATATYPE, ATTRIBUTE, PLIST, FILE }

  /**
   * @param id the id a library call returned (negative on failure)
   * @param kind what it is
   * @param where the in-file path, for messages
   * @param operation the library call, for messages
   * @return the handle
   * @throws Hdf5Library.Hdf5Failure when the id is negative
   */
  static Hdf5Handle of(long id, Kind kind, String where, String operation) {
    if (id < 0) {
      throw Hdf5Library.failure(operation, where);
    }
    Hdf5Library.handleOpened();
    return new Hdf5Handle(id, kind, where);
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
    Hdf5Library.check(status, "closing " + kind.name().toLowerCase(Locale.ROOT), where);
    Hdf5Library.handleClosed();
  }
}
