package org.trialmatch.grad;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The single-precision matrix product of OpenBLAS (the build ND4J's native CPU backend links,
 * {@code org.bytedeco:openblas}), called on native buffers with pointer offsets, so sub-blocks need no
 * copy and a call allocates nothing. OpenBLAS is set to one thread: the backward pass calls it from
 * its own worker threads on a fixed split of the work, so results do not depend on the thread count.
 */
final class NativeBlas {
  private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
  private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
  private static final int TRANS = openblas_nolapack.CblasTrans;
  private static volatile boolean ready;

  private NativeBlas() {}

  /**
   * Loads the native library (once) and sets OpenBLAS to one thread.
   *
   * @throws IllegalStateException if the natives cannot be loaded on this platform
   */
  static synchronized void init() {
    if (ready) {
      return;
    }
    try {
      org.bytedeco.javacpp.Loader.load(openblas_nolapack.class);
      org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(1);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError ex) {
      throw new IllegalStateException("OpenBLAS natives could not be loaded for " + System.getProperty("os.name")
          + "/" + System.getProperty("os.arch") + " (the backward pass needs nd4j-native's OpenBLAS for this "
          + "platform; see the OS profiles in pom.xml): " + ex.getMessage(), ex);
    }
    ready = true;
  }

  /**
   * Row-major {@code C = A · Bᵀ + beta·C}, A {@code m × k} (leading dimension lda), B {@code n × k}
   * (ldb), C {@code m × n} (ldc); the pointers' positions mark the first elements.
   */
  static void gemmNt(int m, int n, int k, FloatPointer a, int lda, FloatPointer b, int ldb, float beta,
      FloatPointer c, int ldc) {
    openblas_nolapack.cblas_sgemm(ROW_MAJOR, NO_TRANS, TRANS, m, n, k, 1f, a, lda, b, ldb, beta, c, ldc);
  }
}
