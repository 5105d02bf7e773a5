package org.trialmatch.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.trialmatch.analysis.ModelTypeQuality;
import org.trialmatch.data.OutcomeClassifier;
import org.trialmatch.train.Fit;
import org.trialmatch.train.FitData;

/**
 * The trial type ({@code condition/outcome}) of each model trial, read by an outcome classifier from
 * the model's behaviour trace, and how far it can be trusted. The classifier is fitted on the training
 * trials' z-scored behaviour (windows of the loss's spike-filter width, L2 1e-3, 300 iterations: a
 * deterministic function of the run; one model per condition, so an outcome the condition cannot have is
 * never read) and measured on the validation trials against the majority-class baseline on the same trials. Without behaviour, or when the model drives none, there is no classifier
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
    String[] out = new String[trials.spikes().trials()];
    int steps = trials.spikes().steps();
    int nch = trials.behaviour().units();
    float[] trace = new float[steps * nch];
    int n = trials.spikes().trials();
    for (int b = 0; b < n; b++) {
      String outcome = "?";
      if (clf.isPresent()) {
        for (int c = 0; c < nch; c++) {
          for (int t = 0; t < steps; t++) {
            trace[c * steps + t] = trials.behaviour().values()[(t * n + b) * nch + c];
          }
        }
        outcome = clf.get().predict(trace, trials.condition(b));
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
    List<String> c = new ArrayList<>();
    List<String> y = new ArrayList<>();
    for (FitData.Session s : fit.data().sessions()) {
      for (int k : s.split().train()) {
        x.add(trace(fit, s, k));
        c.add(s.trials().condition(k));
        y.add(s.trials().outcome(k));
      }
    }
    if (x.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(OutcomeClassifier.fit(x, fit.model().behaviourChannels(), c, y, window(fit), L2, ITERATIONS));
  }

  private static int window(Fit fit) {
    return Math.max(1, (int) Math.round(fit.config().loss().spikeFilterMs() / fit.model().dtMs()));
  }

  /** The trial's normalised behaviour, channel-major {@code [channel][bin]}. */
  private static float[] trace(Fit fit, FitData.Session s, int trial) {
    int steps = fit.model().steps();
    int nch = fit.model().behaviourChannels();
    float[] x = new float[steps * nch];
    for (int c = 0; c < nch; c++) {
      for (int t = 0; t < steps; t++) {
        x[c * steps + t] = s.normalisedBehaviour(t, trial, c);
      }
    }
    return x;
  }

  /**
   * Held-out accuracy on the validation trials (those of a condition the training trials have) beside the
   * majority-class baseline: the most frequent training outcome of the trial's condition.
   */
  private static ModelTypeQuality quality(Fit fit, OutcomeClassifier clf) {
    List<float[]> vx = new ArrayList<>();
    List<String> vc = new ArrayList<>();
    List<String> vy = new ArrayList<>();
    for (FitData.Session s : fit.data().sessions()) {
      for (int k : s.split().validation()) {
        if (clf.allowedLabels().containsKey(s.trials().condition(k))) {
          vx.add(trace(fit, s, k));
          vc.add(s.trials().condition(k));
          vy.add(s.trials().outcome(k));
        }
      }
    }
    String method = "per-condition logistic regression on the behaviour trace, " + window(fit) + "-bin windows";
    if (vx.isEmpty()) {
      return new ModelTypeQuality(method + " (no validation trials to measure it)", Double.NaN, Double.NaN, 0, false);
    }
    OutcomeClassifier.Evaluation e = clf.evaluate(vx, vc, vy);
    return new ModelTypeQuality(method + "; baseline: each condition's most frequent training outcome",
        e.accuracy(), e.baselineAccuracy(), e.n(), e.beatsBaseline());
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
