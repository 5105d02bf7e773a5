package org.trialmatch.analysis;

import java.util.List;

/** Summaries of the recurrent weights of a fitted network. */
public final class Connectivity {
  private Connectivity() {}

  /**
   * The signed mean weight from each presynaptic area to each postsynaptic area:
   * {@code M[a][b] = mean over pairs (pre in a, post in b, pre != post) of sign(pre) * sum_g |W_g[pre][post]|}.
   * Absent synapses count as zeros, so the entry is the total signed drive per pair of units; the
   * sum over delay groups is the total weight of a connection. E units have sign +1, I units -1.
   *
   * @param groups recurrent magnitudes per delay group, each flat row-major {@code [pre][post]} (N x N)
   * @param unitArea area index of each unit (0 .. areas-1)
   * @param unitSign +1 (E) or -1 (I) per unit
   * @param areas area names
   * @return the area matrix {@code [pre][post]}; an entry with no pair is 0
   */
  public static AreaMatrix meanInterArea(List<float[]> groups, int[] unitArea, int[] unitSign, List<String> areas) {
    int n = unitArea.length;
    int na = areas.size();
    if (unitSign.length != n) {
      throw new IllegalArgumentException("unitSign has " + unitSign.length + " entries, unitArea " + n);
    }
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("no recurrent weight groups");
    }
    for (float[] g : groups) {
      if (g.length != n * n) {
        throw new IllegalArgumentException("a weight group has " + g.length + " entries, expected " + n + " x " + n);
      }
    }
    for (int i = 0; i < n; i++) {
      if (unitArea[i] < 0 || unitArea[i] >= na) {
        throw new IllegalArgumentException("unit " + i + " has area " + unitArea[i] + ", expected 0.." + (na - 1));
      }
      if (unitSign[i] != 1 && unitSign[i] != -1) {
        throw new IllegalArgumentException("unit " + i + " has sign " + unitSign[i] + ", expected +1 or -1");
      }
    }
    double[] sum = new double[na * na];
    long[] pairs = new long[na * na];
    int[] perArea = new int[na];
    for (int i = 0; i < n; i++) {
      perArea[unitArea[i]]++;
    }
    for (int a = 0; a < na; a++) {
      for (int b = 0; b < na; b++) {
        pairs[a * na + b] = (long) perArea[a] * perArea[b] - (a == b ? perArea[a] : 0);
      }
    }
    for (int pre = 0; pre < n; pre++) {
      int row = pre * n;
      int a = unitArea[pre];
      double s = unitSign[pre];
      for (int post = 0; post < n; post++) {
        if (post == pre) {
          continue;
        }
        double w = 0;
        for (float[] g : groups) {
          w += Math.abs(g[row + post]);
        }
        sum[a * na + unitArea[post]] += s * w;
      }
    }
    double[] mean = new double[na * na];
    for (int i = 0; i < mean.length; i++) {
      mean[i] = pairs[i] > 0 ? sum[i] / pairs[i] : 0.0;
    }
    return AreaMatrix.copyOf(areas, mean);
  }
}
