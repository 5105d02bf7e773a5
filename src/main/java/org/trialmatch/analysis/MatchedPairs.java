package org.trialmatch.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The matched pairs behind t_trial ({@link TrialScore}): for every pair, the session, the test trial, the
 * trial of the other set (model trial, or training trial for the ceiling) it was assigned to, the
 * pair's correlation over the whole feature vector and over each area's block. Pairs are in the order
 * the matching produced them (session, then condition, then test trial).
 */
public final class MatchedPairs {
  private final int[] session;
  private final int[] test;
  private final int[] other;
  private final double[] r;
  private final double[][] areaR;

  private MatchedPairs(int[] session, int[] test, int[] other, double[] r, double[][] areaR) {
    this.session = session;
    this.test = test;
    this.other = other;
    this.r = r;
    this.areaR = areaR;
  }

  /** @return number of pairs */
  public int size() {
    return r.length;
  }

  /**
   * @param pair pair index
   * @return index of its session in the analysis inputs
   */
  public int session(int pair) {
    return session[pair];
  }

  /**
   * @param pair pair index
   * @return its test trial (index into the session's test trials)
   */
  public int testTrial(int pair) {
    return test[pair];
  }

  /**
   * @param pair pair index
   * @return the trial of the other set it was matched with (model or training trial index)
   */
  public int otherTrial(int pair) {
    return other[pair];
  }

  /**
   * @param pair pair index
   * @return its correlation over the whole feature vector (NaN when undefined)
   */
  public double correlation(int pair) {
    return r[pair];
  }

  /** @return the correlation of every pair over the whole feature vector (a copy) */
  public double[] correlations() {
    return r.clone();
  }

  /**
   * @param area run area index
   * @return the correlation of every pair over that area's block, NaN for the pairs of sessions where
   *     the area did not enter the features (a copy)
   */
  public double[] areaCorrelations(int area) {
    return areaR[area].clone();
  }

  /**
   * The pairs at given percentiles of the correlation: among the pairs with a defined correlation,
   * sorted ascending (ties by order of the pairs), the one at rank {@code round(q (n − 1))} for each q.
   * A pair is returned once even when two percentiles land on it.
   *
   * @param percentiles values in [0, 1], e.g. 0.1, 0.5, 0.9
   * @return pair indices, one per distinct rank, in the order of the percentiles (empty without pairs)
   */
  public int[] atPercentiles(double... percentiles) {
    List<Integer> defined = new ArrayList<>();
    for (int i = 0; i < r.length; i++) {
      if (Double.isFinite(r[i])) {
        defined.add(i);
      }
    }
    defined.sort(Comparator.comparingDouble((Integer i) -> r[i]));
    int n = defined.size();
    List<Integer> out = new ArrayList<>();
    for (double q : percentiles) {
      if (!(q >= 0 && q <= 1)) {
        throw new IllegalArgumentException("percentile must be in [0, 1], was " + q);
      }
      if (n == 0) {
        break;
      }
      int pair = defined.get((int) Math.round(q * (n - 1)));
      if (!out.contains(pair)) {
        out.add(pair);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Collects the pairs session by session. */
  static final class Builder {
    private final int areas;
    private final List<int[]> rows = new ArrayList<>();
    private final List<Double> r = new ArrayList<>();
    private final List<double[]> areaR = new ArrayList<>();

    Builder(int areas) {
      this.areas = areas;
    }

    /**
     * @param session session index
     * @param pairs (test trial, other trial) per pair
     * @param scores the matching's scores: [0] the whole vector, [1 + b] block b, per pair
     * @param blockAreas run area index of each block
     */
    void add(int session, List<int[]> pairs, double[][] scores, List<Integer> blockAreas) {
      for (int p = 0; p < pairs.size(); p++) {
        rows.add(new int[] {session, pairs.get(p)[0], pairs.get(p)[1]});
        r.add(scores[0][p]);
        double[] a = new double[areas];
        Arrays.fill(a, Double.NaN);
        for (int b = 0; b < blockAreas.size(); b++) {
          a[blockAreas.get(b)] = scores[1 + b][p];
        }
        areaR.add(a);
      }
    }

    MatchedPairs build() {
      int n = rows.size();
      int[] s = new int[n];
      int[] t = new int[n];
      int[] o = new int[n];
      double[] rr = new double[n];
      double[][] ar = new double[areas][n];
      for (int i = 0; i < n; i++) {
        s[i] = rows.get(i)[0];
        t[i] = rows.get(i)[1];
        o[i] = rows.get(i)[2];
        rr[i] = r.get(i);
        for (int a = 0; a < areas; a++) {
          ar[a][i] = areaR.get(i)[a];
        }
      }
      return new MatchedPairs(s, t, o, rr, ar);
    }
  }
}
