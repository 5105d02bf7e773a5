package org.trialmatch.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one point came to: {@code done} with its scores, or {@code failed} with the error; written as
 * {@code DIR/points/<name>.json} beside the run directory and returned to the sweep.
 *
 * @param name the point's name
 * @param status {@code done} or {@code failed}
 * @param error the one-line error of a failed point, else null
 * @param stopReason why the fit stopped (steps reached, early stop), else null
 * @param trainedSteps steps the fit ran to
 * @param evaluatedStep the step of the checkpoint evaluated
 * @param resumedFromStep the checkpoint step this attempt started from (0: from the start)
 * @param seconds wall time of this attempt
 * @param scores score name to value (null where a score does not apply)
 * @param evaluation what the evaluation depended on ({@link PointTask#evaluationKey()})
 */
public record PointResult(String name, String status, String error, String stopReason, long trainedSteps,
    long evaluatedStep, long resumedFromStep, double seconds, Map<String, Double> scores, String evaluation) {
  /** A point that ran to the end and was evaluated. */
  public static final String DONE = "done";
  /** A point whose fit or evaluation failed. */
  public static final String FAILED = "failed";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Copies the map. */
  public PointResult {
    scores = scores == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
  }

  /** @return whether the point is done */
  public boolean done() {
    return DONE.equals(status);
  }

  /**
   * @param name the point
   * @param error what went wrong
   * @param resumedFrom the step the attempt started from
   * @param seconds wall time
   * @param evaluation the task's evaluation key
   * @return a failed point
   */
  static PointResult failed(String name, String error, long resumedFrom, double seconds, String evaluation) {
    return new PointResult(name, FAILED, error, null, 0, 0, resumedFrom, seconds, Map.of(), evaluation);
  }

  /** @return this result as one JSON text */
  public String toJson() {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a point result is plain values: " + e.getMessage(), e);
    }
  }

  /**
   * @param json a text written by {@link #toJson}
   * @return the result
   */
  public static PointResult fromJson(String json) {
    try {
      return MAPPER.readValue(json, PointResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a point result: " + e.getOriginalMessage(), e);
    }
  }
}
