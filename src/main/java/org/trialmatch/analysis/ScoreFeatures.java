package org.trialmatch.analysis;

import java.util.List;

/**
 * The single-trial features that t_trial and tm_distance compare ({@link TrialScore}), for one session:
 * per area block the F2∘F1 population average ({@code t2} bins), then, with behaviour, one block per
 * behaviour channel; row-major {@code [trial][block * t2 + t]}.
 *
 * <p><b>How it z-scores.</b> Every block, behaviour included, has one scalar mean and one scalar standard
 * deviation, both of the session's <em>test data</em> over all (trial × bin) entries of the block; the
 * standard deviation divides by the number of entries (population form) and is replaced by 1 below
 * {@value #MIN_STD}. The same statistics normalise the test, training and model trials, each entry as
 * {@code (x - mean) / std}.
 *
 * <p>The training loss's {@link org.trialmatch.loss.TrialFeatures} (when it z-scores) differs: its
 * statistics are per condition set, of that set's data trials; its standard deviation is the sample one
 * (divides by n − 1) and is applied as a multiplication by 1/std; its behaviour blocks are not z-scored.
 * So the two give different numbers for the same trials. The
 * embedding of the modes of variability ({@link ModeFeatures}) differs too: it centres each bin.
 */
final class ScoreFeatures {
  /** Scalar standard deviations below this are replaced by 1 when normalising (method reference §3.3). */
  static final double MIN_STD = 1e-4;

  /** The areas whose population averages form the leading blocks, in block order. */
  final List<Integer> areas;
  /** Whether the behaviour channels follow as blocks. */
  final boolean behaviour;
  /** Bins per block (F2∘F1 time axis). */
  final int t2;
  /** Per block, the mean subtracted. */
  final double[] mean;
  /** Per block, the standard deviation divided by. */
  final double[] std;

  /**
   * @param areas the areas of the leading blocks
   * @param behaviour whether behaviour blocks follow
   * @param t2 bins per block
   * @param mean per block, the mean subtracted
   * @param std per block, the standard deviation divided by
   */
  ScoreFeatures(List<Integer> areas, boolean behaviour, int t2, double[] mean, double[] std) {
    this.areas = areas;
    this.behaviour = behaviour;
    this.t2 = t2;
    this.mean = mean;
    this.std = std;
  }

  /**
   * @param p the session
   * @param areas the areas of the leading blocks
   * @param behaviour whether the behaviour channels follow (the test data must have behaviour then)
   * @param t2 bins per block
   * @return the blocks, z-scored with the test data's scalar mean and std over (trials x bins) of each block
   */
  static ScoreFeatures zScored(FilteredSession p, List<Integer> areas, boolean behaviour, int t2) {
    int blocks = areas.size() + (behaviour ? p.test.behF2.length : 0);
    double[] mean = new double[blocks];
    double[] std = new double[blocks];
    for (int b = 0; b < blocks; b++) {
      double[] v = b < areas.size() ? p.test.popF2[areas.get(b)] : p.test.behF2[b - areas.size()];
      double m = 0;
      for (double x : v) {
        m += x;
      }
      m /= v.length;
      double ss = 0;
      for (double x : v) {
        ss += (x - m) * (x - m);
      }
      double sd = Math.sqrt(ss / v.length);
      mean[b] = m;
      std[b] = sd < MIN_STD ? 1.0 : sd;
    }
    return new ScoreFeatures(areas, behaviour, t2, mean, std);
  }

  /** @return number of blocks */
  int blocks() {
    return mean.length;
  }

  /** @return feature dimension, blocks x t2 */
  int dims() {
    return blocks() * t2;
  }

  /**
   * @param src a set of trials of the session
   * @return features, row-major [trial][block * t2 + t]
   */
  double[] of(FilteredTrials src) {
    int d = dims();
    int nK = src.trials;
    double[] x = new double[nK * d];
    for (int b = 0; b < blocks(); b++) {
      double[] v = b < areas.size() ? src.popF2[areas.get(b)] : src.behF2[b - areas.size()];
      for (int k = 0; k < nK; k++) {
        for (int t = 0; t < t2; t++) {
          x[k * d + b * t2 + t] = (v[t * nK + k] - mean[b]) / std[b];
        }
      }
    }
    return x;
  }
}
