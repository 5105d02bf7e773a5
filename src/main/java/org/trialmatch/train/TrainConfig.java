package org.trialmatch.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.trialmatch.data.ConfigException;

/**
 * The {@code train} section: optimiser, steps, model trials per step, validation, early stopping,
 * seed and threads. Defaults are the paper's main model where it has one (method reference §4.2).
 *
 * @param steps maximum number of training steps
 * @param modelTrials model trials simulated per step
 * @param lr AdamW learning rate
 * @param beta1 AdamW first-moment decay
 * @param beta2 AdamW second-moment decay
 * @param adamEps AdamW denominator floor
 * @param weightDecay AdamW decoupled weight decay
 * @param l1Decay L1 shrink of the weights per unit learning rate (projection)
 * @param validateEvery steps between validation evaluations (and checkpoints)
 * @param earlyStopPatience stop after this many steps without a better validation loss
 * @param seed the run's seed (initialisation, layout, inputs, noise, spike draws)
 * @param threads worker threads for simulation and backward pass
 * @param trainAdaptation train the adaptation strengths
 * @param maxLossFactor stop when the loss exceeds this multiple of the first step's loss
 * @param rateCalibration iterations of {@link RateCalibration} before the first step (0 = off): each
 *     recorded unit's rest potential is moved so that its initial rate approaches its recorded rate
 */
public record TrainConfig(
    int steps,
    int modelTrials,
    double lr,
    double beta1,
    double beta2,
    double adamEps,
    double weightDecay,
    double l1Decay,
    int validateEvery,
    int earlyStopPatience,
    long seed,
    int threads,
    boolean trainAdaptation,
    double maxLossFactor,
    int rateCalibration) {

  private static final Set<String> KEYS = Set.of("steps", "modelTrials", "lr", "beta1", "beta2", "adamEps",
      "weightDecay", "l1Decay", "validateEvery", "earlyStopPatience", "seed", "threads", "trainAdaptation",
      "maxLossFactor", "rateCalibration");

  /** The most training steps of one fit (a 2-core machine does about 2 steps a second). */
  public static final int MAX_STEPS = 10_000_000;
  /**
   * The largest learning rate: AdamW moves every parameter by up to about {@code lr} per step, and the
   * model's parameters are of order one.
   */
  public static final double MAX_LR = 1.0;
  /** The most model trials per step. */
  public static final int MAX_MODEL_TRIALS = 100_000;

  /** Validates every value; the message names the key. */
  public TrainConfig {
    check(steps >= 1 && steps <= MAX_STEPS, "steps", "must be in [1, " + MAX_STEPS + "]", steps);
    check(modelTrials >= 1 && modelTrials <= MAX_MODEL_TRIALS, "modelTrials",
        "must be in [1, " + MAX_MODEL_TRIALS + "]", modelTrials);
    check(lr > 0 && lr <= MAX_LR, "lr", "must be in (0, " + MAX_LR + "]", lr);
    check(beta1 >= 0 && beta1 < 1, "beta1", "must be in [0, 1)", beta1);
    check(beta2 >= 0 && beta2 < 1, "beta2", "must be in [0, 1)", beta2);
    check(adamEps > 0 && Double.isFinite(adamEps), "adamEps", "must be finite and > 0", adamEps);
    check(weightDecay >= 0 && Double.isFinite(weightDecay), "weightDecay", "must be >= 0", weightDecay);
    check(l1Decay >= 0 && Double.isFinite(l1Decay), "l1Decay", "must be >= 0", l1Decay);
    check(validateEvery >= 1 && validateEvery <= MAX_STEPS, "validateEvery", "must be in [1, " + MAX_STEPS + "]",
        validateEvery);
    check(earlyStopPatience >= 1, "earlyStopPatience", "must be >= 1", earlyStopPatience);
    check(threads >= 1 && threads <= 256, "threads", "must be in [1, 256]", threads);
    check(maxLossFactor > 1 && Double.isFinite(maxLossFactor), "maxLossFactor", "must be finite and > 1", maxLossFactor);
    check(rateCalibration >= 0 && rateCalibration <= 1000, "rateCalibration", "must be in [0, 1000]", rateCalibration);
  }

  private static void check(boolean ok, String key, String what, Object v) {
    if (!ok) {
      throw new ConfigException("train." + key, what + ", was " + v);
    }
  }

  /** @return defaults: 1000 steps, 150 model trials, AdamW lr 5e-4, wd 0.01, l1 0.01, 2 threads */
  public static TrainConfig defaults() {
    return new TrainConfig(1000, 150, 5e-4, 0.9, 0.999, 1e-8, 0.01, 0.01, 50, 8000, 0, 2, false, 1000, 0);
  }

  /**
   * @param node the {@code train} section, or null for the defaults
   * @return the configuration
   */
  public static TrainConfig fromJson(JsonNode node) {
    JsonSection s = new JsonSection("train", node, KEYS);
    TrainConfig d = defaults();
    return new TrainConfig(
        (int) s.integer("steps", d.steps(), 1, MAX_STEPS),
        (int) s.integer("modelTrials", d.modelTrials(), 1, MAX_MODEL_TRIALS),
        s.number("lr", d.lr()),
        s.number("beta1", d.beta1()),
        s.number("beta2", d.beta2()),
        s.number("adamEps", d.adamEps()),
        s.number("weightDecay", d.weightDecay()),
        s.number("l1Decay", d.l1Decay()),
        (int) s.integer("validateEvery", d.validateEvery(), 1, MAX_STEPS),
        (int) s.integer("earlyStopPatience", d.earlyStopPatience(), 1, Integer.MAX_VALUE),
        s.integer("seed", d.seed()),
        (int) s.integer("threads", d.threads(), 1, 256),
        s.bool("trainAdaptation", d.trainAdaptation()),
        s.number("maxLossFactor", d.maxLossFactor()),
        (int) s.integer("rateCalibration", d.rateCalibration(), 0, 1000));
  }

  /** @return the fully resolved section */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("steps", steps);
    o.put("modelTrials", modelTrials);
    o.put("lr", lr);
    o.put("beta1", beta1);
    o.put("beta2", beta2);
    o.put("adamEps", adamEps);
    o.put("weightDecay", weightDecay);
    o.put("l1Decay", l1Decay);
    o.put("validateEvery", validateEvery);
    o.put("earlyStopPatience", earlyStopPatience);
    o.put("seed", seed);
    o.put("threads", threads);
    o.put("trainAdaptation", trainAdaptation);
    o.put("maxLossFactor", maxLossFactor);
    o.put("rateCalibration", rateCalibration);
    return o;
  }

}
