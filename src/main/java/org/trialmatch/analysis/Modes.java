package org.trialmatch.analysis;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Modes of variability (docs/analysis.md): the single-trial features of test data and model,
 * centred on each session's data mean, embedded together by weighted PCA (each source carries
 * half the weight) and clustered by weighted k-means on the leading components, with k chosen by
 * the largest mean silhouette.
 */
public final class Modes {
  /** What the page and analysis.json say about UMAP. */
  public static final String UMAP_NOTE = "not available: no maintained, permissively licensed UMAP library for the JVM"
      + " is published on Maven Central (Smile's is GPL; the MIT-licensed umap-java of Tag.bio has no release there,"
      + " only a one-off repackaging, tech.molecules:external-umap-java 1.0), so the embedding is PCA only";

  private final boolean computed;
  private final String note;
  private final List<String> areasUsed;
  private final List<String> sessionsUsed;
  private final boolean behaviourUsed;
  private final int featureDims;
  private final double[] explainedRatio;
  private final int pcsUsed;
  private final Map<Integer, Double> silhouetteByK;
  private final int k;
  private final double[] pc1;
  private final double[] pc2;
  private final boolean[] isModel;
  private final int[] session;
  private final String[] type;
  private final int[] cluster;
  private final List<ClusterSummary> clusters;

  /** Not computed, for {@code reason}. */
  private Modes(String reason) {
    this.computed = false;
    this.note = reason;
    this.areasUsed = List.of();
    this.sessionsUsed = List.of();
    this.behaviourUsed = false;
    this.featureDims = 0;
    this.explainedRatio = new double[0];
    this.pcsUsed = 0;
    this.silhouetteByK = java.util.Collections.unmodifiableMap(new TreeMap<>());
    this.k = 0;
    this.pc1 = new double[0];
    this.pc2 = new double[0];
    this.isModel = new boolean[0];
    this.session = new int[0];
    this.type = new String[0];
    this.cluster = new int[0];
    this.clusters = List.of();
  }

  private Modes(ModeFeatures features, ModeEmbedding embedding, ModeClustering clustering,
      List<ClusterSummary> clusters, String note) {
    this.computed = true;
    this.note = note;
    this.areasUsed = List.copyOf(features.areaNames);
    this.sessionsUsed = List.copyOf(features.sessionNames);
    this.behaviourUsed = features.behaviour;
    this.featureDims = features.dims;
    this.explainedRatio = embedding.explained;
    this.pcsUsed = embedding.pcs;
    this.silhouetteByK = java.util.Collections.unmodifiableMap(new TreeMap<>(clustering.silhouetteByK));
    this.k = clustering.k;
    this.pc1 = embedding.pc1;
    this.pc2 = embedding.pc2;
    this.isModel = features.isModel;
    this.session = features.session;
    this.type = features.type;
    this.cluster = clustering.labels;
    this.clusters = List.copyOf(clusters);
  }

  static Modes notComputed(String reason) {
    return new Modes(reason);
  }

  /**
   * @param features the embedded trials and their features
   * @param embedding their PCA embedding
   * @param clustering their clusters
   * @param clusters one summary per cluster
   * @param note what was left out (empty when nothing)
   * @return the computed modes
   */
  static Modes of(ModeFeatures features, ModeEmbedding embedding, ModeClustering clustering,
      List<ClusterSummary> clusters, String note) {
    return new Modes(features, embedding, clustering, clusters, note);
  }

  /** @return true when the embedding and clustering were computed */
  public boolean computed() {
    return computed;
  }

  /** @return why not computed, or what was left out; empty when nothing to say */
  public String note() {
    return note;
  }

  /** @return areas whose population averages formed the features */
  public List<String> areasUsed() {
    return areasUsed;
  }

  /** @return sessions whose trials were embedded */
  public List<String> sessionsUsed() {
    return sessionsUsed;
  }

  /** @return whether the behaviour trace was part of the features */
  public boolean behaviourUsed() {
    return behaviourUsed;
  }

  /** @return feature dimension */
  public int featureDims() {
    return featureDims;
  }

  /** @return share of variance of the leading components (up to 10), a copy */
  public double[] explainedRatio() {
    return explainedRatio.clone();
  }

  /** @return principal components the clustering ran on */
  public int pcsUsed() {
    return pcsUsed;
  }

  /** @return mean silhouette per k tried */
  public Map<Integer, Double> silhouetteByK() {
    return silhouetteByK;
  }

  /** @return the chosen number of clusters */
  public int k() {
    return k;
  }

  /** @return number of embedded trials */
  public int points() {
    return pc1.length;
  }

  /** @return first principal component score per embedded trial (a copy) */
  public double[] pc1() {
    return pc1.clone();
  }

  /** @return second principal component score per embedded trial (0 when one dimension), a copy */
  public double[] pc2() {
    return pc2.clone();
  }

  /** @return true for model trials, false for data trials (a copy) */
  public boolean[] isModel() {
    return isModel.clone();
  }

  /** @return session index per embedded trial (a copy) */
  public int[] session() {
    return session.clone();
  }

  /** @return trial type per embedded trial (a copy) */
  public String[] type() {
    return type.clone();
  }

  /** @return cluster per embedded trial (a copy) */
  public int[] cluster() {
    return cluster.clone();
  }

  /** @return one summary per cluster, by index */
  public List<ClusterSummary> clusters() {
    return clusters;
  }
}
