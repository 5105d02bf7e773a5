package org.trialmatch.analysis;

/**
 * A task event drawn as a vertical line on the time axis of the figures (e.g. pole in, pole out, the
 * go cue).
 *
 * @param name what it is, e.g. {@code "pole in"}
 * @param timeMs its time relative to the alignment event, ms (the caller says which summary of the
 *     trials' times it is, e.g. their median)
 */
public record TaskEvent(String name, double timeMs) {
  /** Validates the fields. */
  public TaskEvent {
    java.util.Objects.requireNonNull(name, "name");
    if (!Double.isFinite(timeMs)) {
      throw new IllegalArgumentException("timeMs of event " + name + " must be finite, was " + timeMs);
    }
  }
}
