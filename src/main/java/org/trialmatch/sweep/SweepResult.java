package org.trialmatch.sweep;

import java.util.List;

/**
 * A sweep's outcome: every point as planned, beside its outcome (same order), and how it ran.
 *
 * @param spec the spec
 * @param points the points, in plan order
 * @param results their outcomes, same order
 * @param engine the engine's name
 * @param parallel points at once
 * @param threadsPerPoint threads each fit got
 * @param seconds wall time of this run of the sweep
 */
public record SweepResult(SweepSpec spec, List<SweepPoint> points, List<PointResult> results, String engine,
    int parallel, int threadsPerPoint, double seconds) {
  /** Copies the lists. */
  public SweepResult {
    points = List.copyOf(points);
    results = List.copyOf(results);
    if (points.size() != results.size()) {
      throw new IllegalArgumentException(points.size() + " points, " + results.size() + " outcomes");
    }
  }

  /** @return how many points are done */
  public long done() {
    return results.stream().filter(PointResult::done).count();
  }
}
