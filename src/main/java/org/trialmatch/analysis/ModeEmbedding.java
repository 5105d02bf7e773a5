package org.trialmatch.analysis;

import java.util.Optional;

/**
 * The PCA embedding of the modes' trials ({@link ModeFeatures}): weighted PCA of the features, the
 * scores on the leading {@code pcs} components that k-means clusters, the first two components for the
 * figures and the explained share of variance of the leading components.
 */
final class ModeEmbedding {
  /** Components whose variance is below this times the largest's do not count in the rank. */
  private static final double RANK_TOLERANCE = 1e-9;
  /** Leading components whose explained share is reported. */
  private static final int EXPLAINED_SHOWN = 10;

  /** Number of embedded points. */
  final int points;
  /** Components clustered on: the configured number, at most the rank. */
  final int pcs;
  /** Scores on the first {@code pcs} components, row-major [point][pcs]. */
  final double[] scores;
  /** Per point, its first component score. */
  final double[] pc1;
  /** Per point, its second component score (0 with a single dimension). */
  final double[] pc2;
  /** Share of variance of the leading components (up to 10). */
  final double[] explained;

  private ModeEmbedding(int points, int pcs, double[] scores, double[] pc1, double[] pc2, double[] explained) {
    this.points = points;
    this.pcs = pcs;
    this.scores = scores;
    this.pc1 = pc1;
    this.pc2 = pc2;
    this.explained = explained;
  }

  /**
   * @param f the trials' features and weights
   * @param clusterPcs the components to cluster on (fewer when the rank is lower)
   * @return the embedding; empty when the features do not vary (rank 0)
   */
  static Optional<ModeEmbedding> fit(ModeFeatures f, int clusterPcs) {
    int n = f.points;
    int d = f.dims;
    Pca pca = Pca.fit(f.x, n, d, f.weight);
    int rank = pca.rank(RANK_TOLERANCE);
    if (rank == 0) {
      return Optional.empty();
    }
    int pcs = Math.min(clusterPcs, rank);
    int shown = Math.min(d, Math.max(2, pcs));
    double[] scores = pca.project(f.x, n, shown);
    double[] y = new double[n * pcs];
    double[] pc1 = new double[n];
    double[] pc2 = new double[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(scores, i * shown, y, i * pcs, pcs);
      pc1[i] = scores[i * shown];
      pc2[i] = shown > 1 ? scores[i * shown + 1] : 0.0;
    }
    double[] explained = new double[Math.min(EXPLAINED_SHOWN, d)];
    for (int c = 0; c < explained.length; c++) {
      explained[c] = pca.explainedRatio(c);
    }
    return Optional.of(new ModeEmbedding(n, pcs, y, pc1, pc2, explained));
  }
}
