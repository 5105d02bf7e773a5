package org.trialmatch.loss;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Hard trial matching (reference section 3.4, Hungarian variant): model trials y_i and data trials x_j
 * (feature vectors of length D) are paired by the assignment that minimises the total of
 * {@code C_ij = mean_d (y_i,d - x_j,d)^2}, and the loss is the mean over matched pairs and features
 * of the squared difference. The assignment is exact ({@link LinearAssignment}) and is held fixed for
 * the gradient, {@code dL/dy_i = 2 (y_i - x_pi(i)) / (m D)} for matched model trials, 0 for the others.
 *
 * <p>With unequal counts, a subset of the larger set of the size of the smaller one is drawn without
 * replacement from the given random generator (the reference took the first trials instead), and
 * kept in its original order. Workspaces are reused; not thread-safe.
 */
public final class HardMatching {
  private final LinearAssignment solver = new LinearAssignment();
  private double[] cost = new double[0];
  private int[] dataSubset = new int[0];
  private int[] modelSubset = new int[0];
  private int[] colForRow = new int[0];
  private int[] shuffle = new int[0];

  /** A matcher with empty workspaces. */
  public HardMatching() {}

  /**
   * @param data data features, row-major {@code [nData][dim]}
   * @param nData data trials (>= 1)
   * @param model model features, row-major {@code [nModel][dim]}
   * @param nModel model trials (>= 1)
   * @param dim feature length D (>= 1)
   * @param random draws the subset when the counts differ (may be null when they are equal)
   * @param gradModel receives dL/d(model) {@code [nModel][dim]} (overwritten), or {@code null}
   * @param modelToData receives, per model trial, the matched data trial or -1 (length >= nModel), or {@code null}
   * @return the mean squared difference of the matched pairs
   */
  public double evaluate(
      double[] data, int nData, double[] model, int nModel, int dim,
      RandomGenerator random, double[] gradModel, int[] modelToData) {
    if (nData < 1 || nModel < 1 || dim < 1) {
      throw new IllegalArgumentException(
          "nData, nModel and dim must be >= 1, were " + nData + ", " + nModel + ", " + dim);
    }
    if (data.length < (long) nData * dim || model.length < (long) nModel * dim) {
      throw new IllegalArgumentException("feature arrays are shorter than trials x dim");
    }
    if (nData != nModel && random == null) {
      throw new IllegalArgumentException(
          "unequal trial counts (" + nData + " data, " + nModel + " model) need a random generator for the subset");
    }
    int m = Math.min(nData, nModel);
    ensureCapacity(nData, nModel, m);
    choose(nData, m, random, dataSubset);
    choose(nModel, m, random, modelSubset);
    double invDim = 1.0 / dim;
    for (int r = 0; r < m; r++) {
      int yo = modelSubset[r] * dim;
      for (int c = 0; c < m; c++) {
        cost[r * m + c] = VectorOps.squaredDistance(model, yo, data, dataSubset[c] * dim, dim) * invDim;
      }
    }
    double total = solver.solve(cost, m, m, colForRow);
    double value = total / m;
    if (modelToData != null) {
      Arrays.fill(modelToData, 0, nModel, -1);
      for (int r = 0; r < m; r++) {
        modelToData[modelSubset[r]] = dataSubset[colForRow[r]];
      }
    }
    if (gradModel != null) {
      Arrays.fill(gradModel, 0, nModel * dim, 0.0);
      double scale = 2.0 / ((double) m * dim);
      for (int r = 0; r < m; r++) {
        int yo = modelSubset[r] * dim;
        int xo = dataSubset[colForRow[r]] * dim;
        for (int d = 0; d < dim; d++) {
          gradModel[yo + d] = scale * (model[yo + d] - data[xo + d]);
        }
      }
    }
    return value;
  }

  /** {@code m} distinct indices of {@code [0, n)} in increasing order; all of them when m == n. */
  private void choose(int n, int m, RandomGenerator random, int[] out) {
    if (m == n) {
      for (int i = 0; i < n; i++) {
        out[i] = i;
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      shuffle[i] = i;
    }
    for (int i = 0; i < m; i++) {
      int j = i + random.nextInt(n - i);
      int t = shuffle[i];
      shuffle[i] = shuffle[j];
      shuffle[j] = t;
    }
    System.arraycopy(shuffle, 0, out, 0, m);
    Arrays.sort(out, 0, m);
  }

  private void ensureCapacity(int nData, int nModel, int m) {
    if (cost.length < m * m) {
      cost = new double[m * m];
    }
    int n = Math.max(nData, nModel);
    if (shuffle.length < n) {
      shuffle = new int[n];
      dataSubset = new int[n];
      modelSubset = new int[n];
    }
    if (colForRow.length < m) {
      colForRow = new int[m];
    }
  }
}
