package org.trialmatch.analysis;

import java.util.List;

/**
 * Mean F1-filtered behaviour trace per trial type, test data and model, on the F1 time axis. A
 * trace is empty when no trial of that type had behaviour.
 */
public final class BehaviourMeans {
  private final List<String> labels;
  private final double[][] data;
  private final double[][] model;
  private final int[] dataTrials;
  private final int[] modelTrials;

  BehaviourMeans(List<String> labels, double[][] data, double[][] model, int[] dataTrials, int[] modelTrials) {
    this.labels = List.copyOf(labels);
    this.data = data;
    this.model = model;
    this.dataTrials = dataTrials;
    this.modelTrials = modelTrials;
  }

  /** @return true when any data or model trial had behaviour */
  public boolean present() {
    for (int i = 0; i < labels.size(); i++) {
      if (dataTrials[i] > 0 || modelTrials[i] > 0) {
        return true;
      }
    }
    return false;
  }

  /** @return trial types, sorted */
  public List<String> labels() {
    return labels;
  }

  /**
   * @param label index into {@link #labels()}
   * @return mean data trace (empty when no trial), a copy
   */
  public double[] data(int label) {
    return data[label].clone();
  }

  /**
   * @param label index into {@link #labels()}
   * @return mean model trace (empty when no trial), a copy
   */
  public double[] model(int label) {
    return model[label].clone();
  }

  /**
   * @param label index into {@link #labels()}
   * @return data trials averaged
   */
  public int dataTrials(int label) {
    return dataTrials[label];
  }

  /**
   * @param label index into {@link #labels()}
   * @return model trials averaged
   */
  public int modelTrials(int label) {
    return modelTrials[label];
  }
}
