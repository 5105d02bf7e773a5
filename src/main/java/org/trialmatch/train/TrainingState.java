package org.trialmatch.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.trialmatch.loss.GradientNormalizer;

/**
 * The training state a checkpoint keeps besides the parameters and the optimiser moments: the step
 * reached, the early-stopping state, the first step's loss (the reference of the exploding-loss
 * check), the training seconds so far and the gradient normaliser's running moments. Stored as
 * {@code state.json}: keys {@code step}, {@code best_val_loss}, {@code best_step}, {@code first_loss},
 * {@code seconds}, then per normaliser term {@code k} {@code normaliser_moment_k} and
 * {@code normaliser_steps_k}.
 *
 * @param step the last finished training step (0 before the first)
 * @param bestValLoss the best validation loss so far (+Inf before the first validation)
 * @param bestStep the step of the best validation loss (0 before the first validation)
 * @param firstLoss the first step's training loss (NaN before the first step)
 * @param seconds training time so far, s
 * @param normaliser the gradient normaliser's terms, in order (empty without gradient normalisation)
 */
public record TrainingState(long step, double bestValLoss, long bestStep, double firstLoss, double seconds,
    List<NormaliserTerm> normaliser) {

  /**
   * The running second moment of one loss term's gradient.
   *
   * @param moment the running moment
   * @param steps the updates it has had
   */
  public record NormaliserTerm(double moment, long steps) {
    /** Validates the update count. */
    public NormaliserTerm {
      if (steps < 0) {
        throw new IllegalArgumentException("steps must be >= 0, was " + steps);
      }
    }
  }

  /** Validates the step numbers and the time. */
  public TrainingState {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, was " + step);
    }
    if (bestStep < 0 || bestStep > step) {
      throw new IllegalArgumentException("bestStep must be in [0, step " + step + "], was " + bestStep);
    }
    if (!(seconds >= 0)) {
      throw new IllegalArgumentException("seconds must be >= 0, was " + seconds);
    }
    if (normaliser == null) {
      throw new IllegalArgumentException("normaliser must be a list (may be empty), was null");
    }
    normaliser = List.copyOf(normaliser);
  }

  /** @return the state of a fit that has not taken a step */
  public static TrainingState initial() {
    return new TrainingState(0, Double.POSITIVE_INFINITY, 0, Double.NaN, 0, List.of());
  }

  /**
   * @param n a gradient normaliser, or null
   * @return its terms' running moments, in order (empty for null)
   */
  static List<NormaliserTerm> termsOf(GradientNormalizer n) {
    List<NormaliserTerm> terms = new ArrayList<>();
    if (n != null) {
      for (int k = 0; k < n.terms(); k++) {
        terms.add(new NormaliserTerm(n.moment(k), n.steps(k)));
      }
    }
    return terms;
  }

  /** @return the {@code state.json} object */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("step", step);
    o.put("best_val_loss", bestValLoss);
    o.put("best_step", bestStep);
    o.put("first_loss", firstLoss);
    o.put("seconds", seconds);
    for (int k = 0; k < normaliser.size(); k++) {
      o.put("normaliser_moment_" + k, normaliser.get(k).moment());
      o.put("normaliser_steps_" + k, normaliser.get(k).steps());
    }
    return o;
  }

  /**
   * Reads a {@code state.json} object; normaliser terms are read for {@code k = 0, 1, ...} while
   * {@code normaliser_moment_k} is present.
   *
   * @param o the object
   * @param source where it came from, for the message
   * @return the state
   * @throws IOException if a key is missing or a value is out of range
   */
  public static TrainingState fromJson(JsonNode o, String source) throws IOException {
    List<String> missing = new ArrayList<>();
    for (String key : new String[] {"step", "best_val_loss", "best_step", "first_loss", "seconds"}) {
      if (o == null || !o.has(key)) {
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      throw new IOException(source + ": training state lacks " + String.join(", ", missing));
    }
    List<NormaliserTerm> terms = new ArrayList<>();
    for (int k = 0; o.has("normaliser_moment_" + k); k++) {
      JsonNode steps = o.get("normaliser_steps_" + k);
      if (steps == null) {
        throw new IOException(source + ": training state lacks normaliser_steps_" + k);
      }
      terms.add(new NormaliserTerm(o.get("normaliser_moment_" + k).asDouble(), steps.asLong()));
    }
    try {
      return new TrainingState(o.get("step").asLong(), o.get("best_val_loss").asDouble(), o.get("best_step").asLong(),
          o.get("first_loss").asDouble(), o.get("seconds").asDouble(), terms);
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": " + e.getMessage(), e);
    }
  }
}
