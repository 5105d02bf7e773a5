package org.trialmatch.analysis;

import java.util.List;
import java.util.Optional;

/**
 * The modes of variability ({@link Modes}, docs/analysis.md) in four steps: choose the trials and build
 * their features ({@link ModeFeatures}), embed them by weighted PCA ({@link ModeEmbedding}), cluster the
 * leading components by k-means with k chosen by the silhouette ({@link ModeClustering}), and describe
 * each cluster ({@link ClusterSummaries}). Each step that cannot run says why in a not-computed result.
 */
final class ModeAnalysis {
  private ModeAnalysis() {}

  /**
   * @param run the filtered inputs
   * @param cfg the settings (minUnitsPerArea, clusterPcs, k range, restarts, silhouette points, seed)
   * @return the modes, or why they were not computed
   */
  static Modes compute(FilteredInputs run, AnalysisConfig cfg) {
    int minUnits = cfg.minUnitsPerArea();
    Optional<List<Integer>> areas = ModeFeatures.bestAreaSet(run, minUnits);
    if (areas.isEmpty()) {
      return Modes.notComputed("no session has an area with at least " + minUnits + " units");
    }
    List<Integer> included = ModeFeatures.embeddedSessions(run, areas.get(), minUnits);
    // every embedded session has test and model trials: none embedded is none of either
    if (included.isEmpty()) {
      return Modes.notComputed("no session with test and model trials records areas " + run.areaNames(areas.get()));
    }
    ModeFeatures features = ModeFeatures.build(run, areas.get(), included);
    Optional<ModeEmbedding> embedding = ModeEmbedding.fit(features, cfg.clusterPcs());
    if (embedding.isEmpty()) {
      return Modes.notComputed("the trial features do not vary");
    }
    int n = features.points;
    int kMax = Math.min(cfg.kMax(), n - 1);
    if (kMax < cfg.kMin()) {
      return Modes.notComputed("only " + n + " trials to cluster");
    }
    ModeClustering clustering = ModeClustering.choose(embedding.get(), features.weight, cfg, kMax);
    List<ClusterSummary> clusters = ClusterSummaries.of(run, features, clustering);
    return Modes.of(features, embedding.get(), clustering, clusters, leftOut(run, features, minUnits));
  }

  /** @return what the embedding left out, or empty when every session was embedded */
  private static String leftOut(FilteredInputs run, ModeFeatures features, int minUnits) {
    int all = run.sessions().size();
    int embedded = features.sessions.size();
    if (embedded == all) {
      return "";
    }
    return "modes: " + (all - embedded) + " of " + all
        + " sessions not embedded (they do not record every area of " + features.areaNames + " with at least "
        + minUnits + " units, or lack test or model trials)";
  }
}
