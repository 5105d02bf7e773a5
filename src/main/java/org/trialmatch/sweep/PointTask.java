package org.trialmatch.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * Everything a worker needs to run one point, as plain values (a JSON text travels to a Spark executor):
 * the point's name, its run directory (a path the worker sees), the resolved configuration with the threads
 * the engine gives it, the evaluation, the scores to collect, and the version and command recorded in the
 * manifest.
 *
 * @param name the point's name
 * @param runDir absolute path of {@code DIR/points/<name>}
 * @param config the resolved configuration, JSON text
 * @param evalTrials model trials of the evaluation
 * @param evalSeed seed of the evaluation
 * @param response the response rule ({@code none} or {@code figure2})
 * @param minRateHz t_neuron's training-rate filter
 * @param scores score names to collect
 * @param version toolkit version for the manifest
 * @param command command line for the manifest
 */
public record PointTask(String name, String runDir, String config, int evalTrials, long evalSeed, String response,
    double minRateHz, List<String> scores, String version, List<String> command) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Copies the lists. */
  public PointTask {
    scores = List.copyOf(scores);
    command = List.copyOf(command);
  }

  /**
   * @return what the evaluation of this point depends on besides the fit (trials, seed, rule, filter, scores):
   *     a finished point evaluated otherwise is evaluated again
   */
  public String evaluationKey() {
    return evaluationKey(evalTrials, evalSeed, response, minRateHz, scores);
  }

  static String evaluationKey(int evalTrials, long evalSeed, String response, double minRateHz, List<String> scores) {
    return "modelTrials=" + evalTrials + " seed=" + evalSeed + " response=" + response + " minRateHz=" + minRateHz
        + " scores=" + scores;
  }

  /** @return this task as one JSON text */
  public String toJson() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a point task is plain values: " + e.getMessage(), e);
    }
  }

  /**
   * @param json a text written by {@link #toJson}
   * @return the task
   */
  public static PointTask fromJson(String json) {
    try {
      return MAPPER.readValue(json, PointTask.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a point task: " + e.getOriginalMessage(), e);
    }
  }
}
