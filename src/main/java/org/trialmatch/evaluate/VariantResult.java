package org.trialmatch.evaluate;

/**
 * One fitted variant of a comparison.
 *
 * @param matching its {@code loss.matching} ("none", "hard" or "sinkhorn")
 * @param steps training steps taken
 * @param bestStep the step of the checkpoint evaluated
 * @param stopReason why training stopped
 * @param scores its scores on the test trials (the same numbers as its report's analysis.json)
 * @param report the report's index.html
 * @param seconds fit and evaluation time, s
 */
public record VariantResult(String matching, long steps, long bestStep, String stopReason, Scores scores,
    String report, double seconds) {}
