package org.trialmatch.analysis;

import java.util.Map;
import java.util.TreeMap;

/**
 * One mode of variability: a cluster of the embedded trials. Shares are the fraction of all
 * embedded data (resp. model) trials that fall in this cluster, with 95 % Wilson intervals; the
 * trial-type mix counts the cluster's trials per type; the mean traces are F1-filtered, on the F1
 * time axis (activity in Hz per area, behaviour in its own unit); a trace is empty (or NaN for an
 * area) when the cluster has no such trial.
 */
public final class ClusterSummary {
  private final int index;
  private final Proportion dataShare;
  private final Proportion modelShare;
  private final Map<String, Integer> dataTypes;
  private final Map<String, Integer> modelTypes;
  private final double[][] dataActivity;
  private final double[][] modelActivity;
  private final double[] dataBehaviour;
  private final double[] modelBehaviour;

  ClusterSummary(int index, Proportion dataShare, Proportion modelShare, Map<String, Integer> dataTypes,
      Map<String, Integer> modelTypes, double[][] dataActivity, double[][] modelActivity, double[] dataBehaviour,
      double[] modelBehaviour) {
    this.index = index;
    this.dataShare = dataShare;
    this.modelShare = modelShare;
    this.dataTypes = java.util.Collections.unmodifiableMap(new TreeMap<>(dataTypes));
    this.modelTypes = java.util.Collections.unmodifiableMap(new TreeMap<>(modelTypes));
    this.dataActivity = dataActivity;
    this.modelActivity = modelActivity;
    this.dataBehaviour = dataBehaviour;
    this.modelBehaviour = modelBehaviour;
  }

  /** @return cluster index, 0 = largest total weight */
  public int index() {
    return index;
  }

  /** @return share of the embedded data trials in this cluster */
  public Proportion dataShare() {
    return dataShare;
  }

  /** @return share of the embedded model trials in this cluster */
  public Proportion modelShare() {
    return modelShare;
  }

  /** @return data trials of the cluster per trial type */
  public Map<String, Integer> dataTypes() {
    return dataTypes;
  }

  /** @return model trials of the cluster per trial type */
  public Map<String, Integer> modelTypes() {
    return modelTypes;
  }

  /**
   * @param area area index
   * @return mean population rate of the cluster's data trials, Hz (NaN when none), a copy
   */
  public double[] dataActivity(int area) {
    return dataActivity[area].clone();
  }

  /**
   * @param area area index
   * @return mean population rate of the cluster's model trials, Hz (NaN when none), a copy
   */
  public double[] modelActivity(int area) {
    return modelActivity[area].clone();
  }

  /** @return mean behaviour of the cluster's data trials (empty when none), a copy */
  public double[] dataBehaviour() {
    return dataBehaviour.clone();
  }

  /** @return mean behaviour of the cluster's model trials (empty when none), a copy */
  public double[] modelBehaviour() {
    return modelBehaviour.clone();
  }
}
