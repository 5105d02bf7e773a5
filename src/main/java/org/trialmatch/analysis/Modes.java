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

  private Modes(boolean computed, String note, List<String> areasUsed, List<String> sessionsUsed,
      boolean behaviourUsed, int featureDims, double[] explainedRatio, int pcsUsed, Map<Integer, Double> silhouetteByK,
      int k, double[] pc1, double[] pc2, boolean[] isModel, int[] session, String[] type, int[] cluster,
      List<ClusterSummary> clusters) {
    this.computed = computed;
    this.note = note;
    this.areasUsed = List.copyOf(areasUsed);
    this.sessionsUsed = List.copyOf(sessionsUsed);
    this.behaviourUsed = behaviourUsed;
    this.featureDims = featureDims;
    this.explainedRatio = explainedRatio;
    this.pcsUsed = pcsUsed;
    this.silhouetteByK = java.util.Collections.unmodifiableMap(new TreeMap<>(silhouetteByK));
    this.k = k;
    this.pc1 = pc1;
    this.pc2 = pc2;
    this.isModel = isModel;
    this.session = session;
    this.type = type;
    this.cluster = cluster;
    this.clusters = List.copyOf(clusters);
  }

  static Modes notComputed(String reason) {
    return new Modes(false, reason, List.of(), List.of(), false, 0, new double[0], 0, Map.of(), 0,
        new double[0], new double[0], new boolean[0], new int[0], new String[0], new int[0], List.of());
  }

  static Modes of(List<String> areasUsed, List<String> sessionsUsed, boolean behaviourUsed, int featureDims,
      double[] explainedRatio, int pcsUsed, Map<Integer, Double> silhouetteByK, int k, double[] pc1, double[] pc2,
      boolean[] isModel, int[] session, String[] type, int[] cluster, List<ClusterSummary> clusters, String note) {
    return new Modes(true, note, areasUsed, sessionsUsed, behaviourUsed, featureDims, explainedRatio, pcsUsed,
        silhouetteByK, k, pc1, pc2, isModel, session, type, cluster, clusters);
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
