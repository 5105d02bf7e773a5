package org.trialmatch.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.trialmatch.analysis.ModelTypeQuality;
import org.trialmatch.data.OutcomeClassifier;
import org.trialmatch.train.Fit;
import org.trialmatch.train.FitData;

/**
 * The trial type ({@code condition/outcome}) of each model trial, read by an outcome classifier from
 * the model's behaviour trace, and how far it can be trusted. The classifier is fitted on the training
 * trials' z-scored behaviour (windows of the loss's spike-filter width, L2 1e-3, 300 iterations: a
 * deterministic function of the run) and measured on the validation trials against the majority-class
 * baseline on the same trials. Without behaviour, or when the model drives none, there is no classifier
 * and model outcomes are {@code ?}.
 */
public final class ModelTrialTypes {
  private static final double L2 = 1e-3;
  private static final int ITERATIONS = 300;

  private final String[] types;
  private final ModelTypeQuality quality;
  private final OutcomeClassifier classifier;

  private ModelTrialTypes(String[] types, ModelTypeQuality quality, OutcomeClassifier classifier) {
    this.types = types;
    this.quality = quality;
    this.classifier = classifier;
  }

  /**
   * @param fit the fitted model
   * @param trials its evaluation trials
   * @return the types of those trials
   */
  public static ModelTrialTypes of(Fit fit, Fit.Simulated trials) {
    Optional<OutcomeClassifier> clf = classifier(fit);
    String[] out = new String[trials.trials()];
    float[] trace = new float[trials.steps()];
    int n = trials.trials();
    for (int b = 0; b < n; b++) {
      String outcome = "?";
      if (clf.isPresent()) {
        for (int t = 0; t < trials.steps(); t++) {
          trace[t] = trials.jaw()[t * n + b];
        }
        outcome = clf.get().predict(trace);
      }
      out[b] = trials.condition(b) + "/" + outcome;
    }
    return new ModelTrialTypes(out, clf.map(c -> quality(fit, c)).orElse(null), clf.orElse(null));
  }

  /**
   * The run's outcome classifier, fitted on the training trials' behaviour.
   *
   * @param fit the fitted model
   * @return the classifier, or empty when the data have no behaviour or the model drives none
   */
  public static Optional<OutcomeClassifier> classifier(Fit fit) {
    if (!fit.data().hasBehaviour() || fit.layout().nMotor() == 0) {
      return Optional.empty();
    }
    List<float[]> x = new ArrayList<>();
    List<String> y = new ArrayList<>();
    for (FitData.Session s : fit.data().sessions()) {
      for (int k : s.split().train()) {
        x.add(trace(fit, s, k));
        y.add(s.trials().outcome(k));
      }
    }
    if (x.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(OutcomeClassifier.fit(x, y, window(fit), L2, ITERATIONS));
  }

  private static int window(Fit fit) {
    return Math.max(1, (int) Math.round(fit.config().loss().spikeFilterMs() / fit.model().dtMs()));
  }

  private static float[] trace(Fit fit, FitData.Session s, int trial) {
    float[] x = new float[fit.model().steps()];
    for (int t = 0; t < x.length; t++) {
      x[t] = s.normalisedBehaviour(t, trial);
    }
    return x;
  }

  /** Held-out accuracy on the validation trials beside the majority outcome of the training trials. */
  private static ModelTypeQuality quality(Fit fit, OutcomeClassifier clf) {
    Map<String, Integer> trainCounts = new TreeMap<>();
    List<float[]> vx = new ArrayList<>();
    List<String> vy = new ArrayList<>();
    for (FitData.Session s : fit.data().sessions()) {
      for (int k : s.split().train()) {
        trainCounts.merge(s.trials().outcome(k), 1, Integer::sum);
      }
      for (int k : s.split().validation()) {
        vx.add(trace(fit, s, k));
        vy.add(s.trials().outcome(k));
      }
    }
    String majority = trainCounts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
        .orElse("");
    int n = vy.size();
    int right = 0;
    int base = 0;
    for (int i = 0; i < n; i++) {
      right += clf.predict(vx.get(i)).equals(vy.get(i)) ? 1 : 0;
      base += majority.equals(vy.get(i)) ? 1 : 0;
    }
    double acc = n == 0 ? Double.NaN : right / (double) n;
    double baseline = n == 0 ? Double.NaN : base / (double) n;
    double se = n == 0 ? Double.NaN : Math.sqrt(acc * (1 - acc) / n);
    boolean beats = n > 0 && acc - baseline > se;
    return new ModelTypeQuality("multinomial logistic regression on the behaviour trace, " + window(fit)
        + "-bin windows; majority class '" + majority + "'", acc, baseline, n, beats);
  }

  /** @return one {@code condition/outcome} label per model trial (a copy) */
  public String[] types() {
    return types.clone();
  }

  /** @return the classifier's held-out quality, or empty without a classifier */
  public Optional<ModelTypeQuality> quality() {
    return Optional.ofNullable(quality);
  }

  /** @return the classifier, or empty */
  public Optional<OutcomeClassifier> classifier() {
    return Optional.ofNullable(classifier);
  }
}
