package org.trialmatch.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.trialmatch.testing.Tolerances;

class KMeansTest {
  private static final double[][] CENTRES = {{0, 0}, {6, 6}, {-6, 6}, {0, 12}};

  /** Blobs of the given sizes around CENTRES, sd 0.4; truth[i] = blob of point i. */
  private static double[] blobs(int[] sizes, int[] truth, SplittableRandom rng) {
    int n = Arrays.stream(sizes).sum();
    double[] x = new double[n * 2];
    int i = 0;
    for (int b = 0; b < sizes.length; b++) {
      for (int j = 0; j < sizes[b]; j++) {
        x[i * 2] = CENTRES[b][0] + 0.4 * rng.nextGaussian();
        x[i * 2 + 1] = CENTRES[b][1] + 0.4 * rng.nextGaussian();
        truth[i] = b;
        i++;
      }
    }
    return x;
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    return w;
  }

  @Test
  void recoversSeparatedBlobsUpToRelabelling() {
    int[] sizes = {40, 30, 20};
    int[] truth = new int[90];
    double[] x = blobs(sizes, truth, new SplittableRandom(11));
    KMeans km = KMeans.fit(x, 90, 2, ones(90), 3, 5, new SplittableRandom(1));
    int[] l = km.labels();
    int[] map = {-1, -1, -1};
    for (int i = 0; i < 90; i++) {
      if (map[truth[i]] < 0) {
        map[truth[i]] = l[i];
      }
      assertEquals(map[truth[i]], l[i], "point " + i + " of blob " + truth[i]);
    }
    Set<Integer> distinct = new HashSet<>();
    for (int m : map) {
      distinct.add(m);
    }
    assertEquals(3, distinct.size());
    // clusters are numbered by size
    assertArrayEquals(new int[] {0, 1, 2}, map);
  }

  @Test
  void centroidsAreTheBlobMeans() {
    int[] sizes = {25, 25};
    int[] truth = new int[50];
    double[] x = blobs(sizes, truth, new SplittableRandom(2));
    KMeans km = KMeans.fit(x, 50, 2, ones(50), 2, 3, new SplittableRandom(4));
    int[] l = km.labels();
    for (int c = 0; c < 2; c++) {
      double sx = 0;
      double sy = 0;
      int n = 0;
      for (int i = 0; i < 50; i++) {
        if (l[i] == c) {
          sx += x[i * 2];
          sy += x[i * 2 + 1];
          n++;
        }
      }
      assertArrayEquals(new double[] {sx / n, sy / n}, km.centroid(c), Tolerances.PATH);
    }
  }

  @Test
  void sameSeedSameClustering() {
    int[] truth = new int[60];
    double[] x = blobs(new int[] {20, 20, 20}, truth, new SplittableRandom(8));
    int[] a = KMeans.fit(x, 60, 2, ones(60), 4, 3, new SplittableRandom(99)).labels();
    int[] b = KMeans.fit(x, 60, 2, ones(60), 4, 3, new SplittableRandom(99)).labels();
    assertArrayEquals(a, b);
  }

  @Test
  void silhouetteClosedForm() {
    double[] x = {0, 1, 10, 11};
    int[] labels = {0, 0, 1, 1};
    double expected = (9.5 / 10.5 + 8.5 / 9.5) / 2;
    assertEquals(expected, Silhouette.mean(x, 4, 1, ones(4), labels, 2), Tolerances.EXACT);
    double[] w = new double[4];
    Arrays.fill(w, 7.0);
    assertEquals(expected, Silhouette.mean(x, 4, 1, w, labels, 2), Tolerances.EXACT);
    // a point alone in its cluster scores 0; s(10) = (10 - 1) / 10, s(11) = (11 - 1) / 11
    assertEquals((0 + 0.9 + 10.0 / 11) / 3,
        Silhouette.mean(new double[] {0, 10, 11}, 3, 1, ones(3), new int[] {0, 1, 1}, 2), Tolerances.EXACT);
  }

  @Test
  void silhouetteAgainstADirectComputation() {
    SplittableRandom rng = new SplittableRandom(21);
    int n = 30;
    int d = 3;
    int k = 3;
    double[] x = new double[n * d];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % k;
      for (int q = 0; q < d; q++) {
        x[i * d + q] = rng.nextGaussian() + labels[i];
      }
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      double[] mean = new double[k];
      int[] cnt = new int[k];
      for (int j = 0; j < n; j++) {
        if (j != i) {
          double s = 0;
          for (int q = 0; q < d; q++) {
            s += Math.pow(x[i * d + q] - x[j * d + q], 2);
          }
          mean[labels[j]] += Math.sqrt(s);
          cnt[labels[j]]++;
        }
      }
      double a = mean[labels[i]] / cnt[labels[i]];
      double b = Double.MAX_VALUE;
      for (int c = 0; c < k; c++) {
        if (c != labels[i]) {
          b = Math.min(b, mean[c] / cnt[c]);
        }
      }
      total += (b - a) / Math.max(a, b);
    }
    assertEquals(total / n, Silhouette.mean(x, n, d, ones(n), labels, k), Tolerances.PATH);
  }

  @Test
  void silhouetteChoosesTheNumberOfBlobs() {
    for (int blobs = 2; blobs <= 4; blobs++) {
      int[] sizes = new int[blobs];
      Arrays.fill(sizes, 25);
      int n = 25 * blobs;
      int[] truth = new int[n];
      double[] x = blobs(sizes, truth, new SplittableRandom(blobs));
      int bestK = -1;
      double best = Double.NEGATIVE_INFINITY;
      for (int k = 2; k <= 6; k++) {
        KMeans km = KMeans.fit(x, n, 2, ones(n), k, 5, new SplittableRandom(k));
        double s = Silhouette.mean(x, n, 2, ones(n), km.labels(), k);
        if (s > best) {
          best = s;
          bestK = k;
        }
      }
      assertEquals(blobs, bestK);
      assertTrue(best > 0.7, "well-separated blobs should have a high silhouette, was " + best);
    }
  }
}
