package org.trialmatch.nwb.write;

import static org.bytedeco.hdf5.global.hdf5.H5E_DEFAULT;
import static org.bytedeco.hdf5.global.hdf5.H5E_WALK_DOWNWARD;
import static org.bytedeco.hdf5.global.hdf5.H5Eclear2;
import static org.bytedeco.hdf5.global.hdf5.H5Eget_msg;
import static org.bytedeco.hdf5.global.hdf5.H5Eset_auto2;
import static org.bytedeco.hdf5.global.hdf5.H5Ewalk2;
import static org.bytedeco.hdf5.global.hdf5.H5F_OBJ_ALL;
import static org.bytedeco.hdf5.global.hdf5.H5F_OBJ_ATTR;
import static org.bytedeco.hdf5.global.hdf5.H5F_OBJ_DATASET;
import static org.bytedeco.hdf5.global.hdf5.H5F_OBJ_FILE;
import static org.bytedeco.hdf5.global.hdf5.H5F_OBJ_GROUP;
import static org.bytedeco.hdf5.global.hdf5.H5Fget_obj_count;
import static org.bytedeco.hdf5.global.hdf5.H5open;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.hdf5.H5E_error2_t;
import org.bytedeco.hdf5.H5E_walk2_t;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The HDF5 C library ({@code org.bytedeco.hdf5}) as the writer uses it, and the library-wide state that goes
 * with it: the one lock that serialises every call (the bundled library is not built thread-safe), the
 * initialisation that switches the library's automatic error printing off, the count of handles the writer
 * holds open, and the one reader of the library's error stack, which turns a failed call into an
 * {@link Hdf5Failure} naming the operation, the in-file path and the library's own explanation. Everything
 * here except {@link #openObjectCount()} is called with {@link #LOCK} held.
 */
final class Hdf5Library {
  /** Held around every use of the library. */
  static final Object LOCK = new Object();
  private static ErrorWalker errorWalker;
  /** Handles opened by the writer and not (successfully) closed; guarded by LOCK. */
  private static long openHandles;

  private Hdf5Library() {
  }

  /** Loads the library once, switches its error printing off and clears its error stack. */
  static void initialise() {
    if (errorWalker == null) {
      H5open();
      errorWalker = new ErrorWalker();
    }
    // nothing is printed to stderr: failures are reported through exceptions
    H5Eset_auto2(H5E_DEFAULT, null, null);
    H5Eclear2(H5E_DEFAULT);
  }

  /**
   * The files, groups, datasets and attributes the library has open, plus the writer's own handles
   * (dataspaces, datatypes, property lists included) not yet closed successfully. The library's predefined
   * datatypes are not counted.
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

  /** Counts a handle the writer opened. */
  static void handleOpened() {
    openHandles++;
  }

  /** Counts a handle the writer closed successfully. */
  static void handleClosed() {
    openHandles--;
  }

  /**
   * @param operation the failed library call, e.g. {@code H5Gcreate2}
   * @param inFilePath the in-file path it failed at ("" for the file itself)
   * @return the failure, with the library's error stack (which is cleared)
   */
  static Hdf5Failure failure(String operation, String inFilePath) {
    String where = inFilePath.isEmpty() ? "/" : inFilePath;
    return new Hdf5Failure(operation + " failed at " + where + ": " + errorWalker.drain());
  }

  /**
   * @param status a library call's status (negative on failure)
   * @param operation the library call
   * @param inFilePath the in-file path it worked on
   * @throws Hdf5Failure when the status is negative
   */
  static void check(int status, String operation, String inFilePath) {
    if (status < 0) {
      throw failure(operation, inFilePath);
    }
  }

  /** An HDF5 call failed; turned into an IOException naming the file at the top. */
  static final class Hdf5Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Hdf5Failure(String message) {
      super(message);
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
}
