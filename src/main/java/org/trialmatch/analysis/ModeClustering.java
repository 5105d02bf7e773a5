package org.trialmatch.analysis;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.trialmatch.model.RandomStreams;

/**
 * The clusters of the modes of variability: weighted k-means ({@link KMeans}) on the embedding's
 * leading components for every k from {@code kMin} to {@code kMax}, keeping the k of the largest
 * weighted mean silhouette ({@link Silhouette}; the first such k on ties). The silhouette is taken on
 * at most {@code silhouetteMaxPoints} points, a seeded random subset. Each k and the subset draw from
 * their own stream of the run seed ({@link #seed}), so the result is deterministic for a given seed.
 */
final class ModeClustering {
  private static final long STREAM_KMEANS = 2;
  private static final long STREAM_SILHOUETTE = 3;

  /** Mean silhouette per k tried, in k order. */
  final Map<Integer, Double> silhouetteByK;
  /** The chosen number of clusters. */
  final int k;
  /** Cluster per point under the chosen k. */
  final int[] labels;

  private ModeClustering(Map<Integer, Double> silhouetteByK, int k, int[] labels) {
    this.silhouetteByK = silhouetteByK;
    this.k = k;
    this.labels = labels;
  }

  /**
   * @param e the embedding
   * @param weights one weight per point
   * @param cfg the settings (kMin, restarts, silhouette points, seed)
   * @param kMax the largest k tried (at least {@code cfg.kMin()}, below the number of points)
   * @return the clustering of the k with the largest mean silhouette
   */
  static ModeClustering choose(ModeEmbedding e, double[] weights, AnalysisConfig cfg, int kMax) {
    int n = e.points;
    int pcs = e.pcs;
    double[] y = e.scores;
    SplittableRandom subsetRng = new SplittableRandom(seed(cfg.seed(), STREAM_SILHOUETTE, 0));
    int[] sil = silhouetteSubset(n, cfg.silhouetteMaxPoints(), subsetRng);
    double[] ys = new double[sil.length * pcs];
    double[] ws = new double[sil.length];
    for (int i = 0; i < sil.length; i++) {
      System.arraycopy(y, sil[i] * pcs, ys, i * pcs, pcs);
      ws[i] = weights[sil[i]];
    }
    Map<Integer, Double> silByK = new LinkedHashMap<>();
    KMeans chosen = null;
    double bestSil = Double.NEGATIVE_INFINITY;
    for (int k = cfg.kMin(); k <= kMax; k++) {
      SplittableRandom rng = new SplittableRandom(seed(cfg.seed(), STREAM_KMEANS, k));
      KMeans km = KMeans.fit(y, n, pcs, weights, k, cfg.kMeansRestarts(), rng);
      int[] labels = km.labels();
      int[] ls = new int[sil.length];
      for (int i = 0; i < sil.length; i++) {
        ls[i] = labels[sil[i]];
      }
      double sv = Silhouette.mean(ys, sil.length, pcs, ws, ls, k);
      silByK.put(k, sv);
      if (sv > bestSil) {
        bestSil = sv;
        chosen = km;
      }
    }
    return new ModeClustering(silByK, chosen.k(), chosen.labels());
  }

  /**
   * @return {@code max} distinct indices of {@code 0…n-1} drawn without replacement, ascending; all of
   *     them when {@code n <= max}
   */
  private static int[] silhouetteSubset(int n, int max, SplittableRandom rng) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    if (n <= max) {
      return idx;
    }
    for (int i = 0; i < max; i++) {
      int j = i + rng.nextInt(n - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    int[] out = Arrays.copyOf(idx, max);
    Arrays.sort(out);
    return out;
  }

  /**
   * A seed for stream {@code stream}, item {@code item} of the run seed: the SplitMix64 output function
   * ({@link RandomStreams#mix64}) of {@code seed + φ·(1 + stream) + c·(1 + item)}, with φ the SplitMix64
   * increment {@code 0x9E3779B97F4A7C15} and c its first multiplier {@code 0xBF58476D1CE4E5B9}.
   */
  static long seed(long seed, long stream, long item) {
    return RandomStreams.mix64(seed + 0x9E3779B97F4A7C15L * (1 + stream) + 0xBF58476D1CE4E5B9L * (1 + item));
  }
}
