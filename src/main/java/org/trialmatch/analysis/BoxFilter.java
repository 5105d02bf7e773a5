package org.trialmatch.analysis;

/**
 * A box (average-pool) filter along time (method reference §3.1): output bin j averages the input
 * bins {@code [j*stride - padding, j*stride - padding + kernel)} that lie inside {@code [0, T)};
 * padding is excluded from the average. Output length {@code floor((T + 2*padding - kernel) / stride) + 1}.
 * F1 has kernel {@code round(widthMs / dtMs)} (6 bins at 2 ms), stride kernel/2, padding
 * {@code (kernel-1)/2}; F2 with factor r has kernel 2r, stride r, padding {@code (2r-1)/2}.
 *
 * @param kernel window length in input bins
 * @param stride step between windows, input bins
 * @param padding virtual bins before the first input bin (and after the last)
 */
public record BoxFilter(int kernel, int stride, int padding) {

  /** Validates the fields. */
  public BoxFilter {
    if (kernel < 1) {
      throw new IllegalArgumentException("kernel must be >= 1, was " + kernel);
    }
    if (stride < 1) {
      throw new IllegalArgumentException("stride must be >= 1, was " + stride);
    }
    if (padding < 0 || padding >= kernel) {
      throw new IllegalArgumentException("padding must be in [0, kernel), was " + padding);
    }
  }

  /**
   * The first filter F1.
   *
   * @param dtMs bin width, ms
   * @param widthMs filter width, ms (12 in the reference)
   * @return kernel {@code max(1, round(widthMs/dtMs))}, stride {@code max(1, kernel/2)}, padding {@code (kernel-1)/2}
   */
  public static BoxFilter f1(double dtMs, double widthMs) {
    int k = (int) Math.max(1, Math.round(widthMs / dtMs));
    return new BoxFilter(k, Math.max(1, k / 2), (k - 1) / 2);
  }

  /**
   * The second filter F2, applied to the output of F1.
   *
   * @param resample the factor r
   * @return kernel 2r, stride r, padding {@code (2r-1)/2}
   */
  public static BoxFilter f2(int resample) {
    if (resample < 1) {
      throw new IllegalArgumentException("resample must be >= 1, was " + resample);
    }
    return new BoxFilter(2 * resample, resample, (2 * resample - 1) / 2);
  }

  /**
   * @param inBins input length T
   * @return output length (0 when the input is shorter than one window)
   */
  public int outLength(int inBins) {
    int n = inBins + 2 * padding - kernel;
    return n < 0 ? 0 : n / stride + 1;
  }

  /**
   * Filters {@code rows} independent series stored time-major, {@code in[t * rows + r]}.
   *
   * @param in input, row-major {@code [t][row]}, length {@code inBins * rows}
   * @param inBins T
   * @param rows series per time bin
   * @param out output, row-major {@code [j][row]}, length {@code outLength(inBins) * rows}
   */
  public void apply(double[] in, int inBins, int rows, double[] out) {
    int nOut = outLength(inBins);
    if (in.length != inBins * rows || out.length != nOut * rows) {
      throw new IllegalArgumentException("box filter sizes: in " + in.length + " (T " + inBins + " x " + rows
          + "), out " + out.length + " (" + nOut + " x " + rows + ")");
    }
    for (int j = 0; j < nOut; j++) {
      int lo = Math.max(0, j * stride - padding);
      int hi = Math.min(inBins, j * stride - padding + kernel);
      double inv = 1.0 / (hi - lo);
      int o = j * rows;
      for (int r = 0; r < rows; r++) {
        out[o + r] = 0;
      }
      for (int t = lo; t < hi; t++) {
        int i = t * rows;
        for (int r = 0; r < rows; r++) {
          out[o + r] += in[i + r];
        }
      }
      for (int r = 0; r < rows; r++) {
        out[o + r] *= inv;
      }
    }
  }

  /**
   * @param in input, row-major {@code [t][row]}
   * @param inBins T
   * @param rows series per time bin
   * @return the filtered series, row-major {@code [j][row]}
   */
  public double[] apply(double[] in, int inBins, int rows) {
    double[] out = new double[outLength(inBins) * rows];
    apply(in, inBins, rows, out);
    return out;
  }

  /**
   * The time of each output bin: the average of the times of the input bins it covers.
   *
   * @param inTimesMs time of each input bin, ms
   * @return time of each output bin, ms
   */
  public double[] times(double[] inTimesMs) {
    return apply(inTimesMs, inTimesMs.length, 1);
  }
}
