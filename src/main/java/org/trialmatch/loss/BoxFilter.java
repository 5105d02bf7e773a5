package org.trialmatch.loss;

/**
 * A box (moving-average) filter along time with a stride: output bin {@code j} is the mean of the
 * input bins {@code [j*stride - padding, j*stride - padding + kernel)} that lie inside the signal, so
 * padding is excluded from the average (PyTorch's {@code AvgPool1d(count_include_pad=False)}).
 *
 * <p>Signals are time-major: {@code in[t][w]} with {@code w < width} (width = trials x units, or
 * trials, or any independent channels), row-major in one flat array. The output has
 * {@link #outputLength(int)} rows of the same width.
 *
 * @param kernelBins window length, bins (>= 1)
 * @param strideBins step between windows, bins (>= 1)
 * @param paddingBins bins of (excluded) padding on each side, {@code 0 <= padding <= kernel/2}
 */
public record BoxFilter(int kernelBins, int strideBins, int paddingBins) {

  /** Validates the fields. */
  public BoxFilter {
    if (kernelBins < 1) {
      throw new IllegalArgumentException("kernelBins must be >= 1, was " + kernelBins);
    }
    if (strideBins < 1) {
      throw new IllegalArgumentException("strideBins must be >= 1, was " + strideBins);
    }
    if (paddingBins < 0 || 2 * paddingBins > kernelBins) {
      throw new IllegalArgumentException(
          "paddingBins must be in [0, kernelBins/2] = [0, " + kernelBins / 2 + "], was " + paddingBins);
    }
  }

  /**
   * F1 of the method: kernel {@code floor(widthMs/dtMs)} bins, stride {@code floor(kernel/2)} (at least 1),
   * padding {@code floor((kernel-1)/2)}. With dt = 2 ms and 12 ms: kernel 6, stride 3, padding 2, so
   * 700 bins become 233.
   *
   * @param dtMs time step, ms (> 0)
   * @param widthMs window length, ms (>= dtMs)
   * @return the filter
   */
  public static BoxFilter spikeFilter(double dtMs, double widthMs) {
    if (!(dtMs > 0) || Double.isInfinite(dtMs)) {
      throw new IllegalArgumentException("dtMs must be finite and > 0, was " + dtMs);
    }
    if (!(widthMs >= dtMs) || Double.isInfinite(widthMs)) {
      throw new IllegalArgumentException("widthMs must be finite and >= dtMs (" + dtMs + "), was " + widthMs);
    }
    // a small tolerance so that 12 ms / 2 ms gives 6 even when the division rounds below
    int kernel = (int) Math.floor(widthMs / dtMs + 1e-9);
    return new BoxFilter(kernel, Math.max(1, kernel / 2), (kernel - 1) / 2);
  }

  /**
   * F2 of the method: kernel {@code 2r}, stride {@code r}, padding {@code floor((2r-1)/2) = r-1}, applied
   * to the output of F1. With r = 4, 233 bins become 58.
   *
   * @param resample the factor r (>= 1)
   * @return the filter
   */
  public static BoxFilter resample(int resample) {
    if (resample < 1) {
      throw new IllegalArgumentException("resample must be >= 1, was " + resample);
    }
    return new BoxFilter(2 * resample, resample, (2 * resample - 1) / 2);
  }

  /**
   * @param steps input length, bins
   * @return output length, {@code floor((steps + 2*padding - kernel)/stride) + 1}
   * @throws IllegalArgumentException when the input is shorter than one window
   */
  public int outputLength(int steps) {
    int span = steps + 2 * paddingBins - kernelBins;
    if (steps < 1 || span < 0) {
      throw new IllegalArgumentException(
          "steps must be >= " + Math.max(1, kernelBins - 2 * paddingBins) + " for " + this + ", was " + steps);
    }
    return span / strideBins + 1;
  }

  /**
   * Filters {@code in[t][w]} into {@code out[j][w]}.
   *
   * @param in input, {@code steps x width} row-major
   * @param steps input length, bins
   * @param width channels per bin
   * @param out output, at least {@code outputLength(steps) x width}; overwritten; must not alias {@code in}
   */
  public void apply(double[] in, int steps, int width, double[] out) {
    int outSteps = checkShapes(in, steps, width, out);
    for (int j = 0; j < outSteps; j++) {
      int lo = Math.max(0, j * strideBins - paddingBins);
      int hi = Math.min(steps, j * strideBins - paddingBins + kernelBins);
      double inv = 1.0 / (hi - lo);
      int o = j * width;
      int first = lo * width;
      for (int w = 0; w < width; w++) {
        out[o + w] = in[first + w];
      }
      for (int t = lo + 1; t < hi; t++) {
        int r = t * width;
        for (int w = 0; w < width; w++) {
          out[o + w] += in[r + w];
        }
      }
      for (int w = 0; w < width; w++) {
        out[o + w] *= inv;
      }
    }
  }

  /**
   * Filters {@code in[t][w]} into a new array.
   *
   * @param in input, {@code steps x width} row-major
   * @param steps input length, bins
   * @param width channels per bin
   * @return the output, {@code outputLength(steps) x width}
   */
  public double[] apply(double[] in, int steps, int width) {
    double[] out = new double[outputLength(steps) * width];
    apply(in, steps, width, out);
    return out;
  }

  /**
   * The time of each output bin: the mean of the times of the input bins its window covers.
   *
   * @param inTimesMs time of each input bin, ms
   * @return time of each output bin, ms
   */
  public double[] times(double[] inTimesMs) {
    return apply(inTimesMs, inTimesMs.length, 1);
  }

  /**
   * The adjoint (transpose) of {@link #apply}: adds {@code F^T g} to {@code inGrad}.
   *
   * @param outGrad gradient with respect to the output, {@code outputLength(steps) x width}
   * @param steps input length, bins
   * @param width channels per bin
   * @param inGrad gradient with respect to the input, {@code steps x width}; added to; must not alias
   */
  public void addAdjoint(double[] outGrad, int steps, int width, double[] inGrad) {
    int outSteps = checkShapes(inGrad, steps, width, outGrad);
    for (int j = 0; j < outSteps; j++) {
      int lo = Math.max(0, j * strideBins - paddingBins);
      int hi = Math.min(steps, j * strideBins - paddingBins + kernelBins);
      double inv = 1.0 / (hi - lo);
      int o = j * width;
      for (int t = lo; t < hi; t++) {
        int r = t * width;
        for (int w = 0; w < width; w++) {
          inGrad[r + w] += inv * outGrad[o + w];
        }
      }
    }
  }

  private int checkShapes(double[] in, int steps, int width, double[] out) {
    if (width < 0) {
      throw new IllegalArgumentException("width must be >= 0, was " + width);
    }
    int outSteps = outputLength(steps);
    if (in.length < (long) steps * width) {
      throw new IllegalArgumentException("input holds " + in.length + " values, needs " + (long) steps * width);
    }
    if (out.length < (long) outSteps * width) {
      throw new IllegalArgumentException("output holds " + out.length + " values, needs " + (long) outSteps * width);
    }
    if (in == out) {
      throw new IllegalArgumentException("input and output must be different arrays");
    }
    return outSteps;
  }
}
