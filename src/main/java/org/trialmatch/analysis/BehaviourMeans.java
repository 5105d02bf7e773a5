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
  private final List<String> types;
  private final List<String> channels;

  BehaviourMeans(List<String> labels, double[][] data, double[][] model, int[] dataTrials, int[] modelTrials) {
    this(labels, labels, List.of(""), data, model, dataTrials, modelTrials);
  }

  /**
   * @param labels one per row: type, or "type · channel" with several channels
   * @param types the trial types; row {@code type * channels + channel}
   * @param channels channel names (one empty name for a single channel)
   */
  BehaviourMeans(List<String> labels, List<String> types, List<String> channels, double[][] data, double[][] model,
      int[] dataTrials, int[] modelTrials) {
    this.types = List.copyOf(types);
    this.channels = List.copyOf(channels);
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

  /** @return one label per row: the trial type, with several channels "type · channel" */
  public List<String> labels() {
    return labels;
  }

  /** @return the trial types, sorted */
  public List<String> types() {
    return types;
  }

  /** @return the behaviour channels' names (one empty name for a single channel) */
  public List<String> channels() {
    return channels;
  }

  /**
   * @param type index into {@link #types()}
   * @param channel index into {@link #channels()}
   * @return the row of that type and channel, an index into {@link #labels()}
   */
  public int row(int type, int channel) {
    return type * channels.size() + channel;
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
