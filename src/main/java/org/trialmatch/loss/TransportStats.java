package org.trialmatch.loss;

/**
 * What one solve of a {@link TransportProblem} reports.
 *
 * @param marginalError the final L1 error of the row marginal
 * @param iterations Sinkhorn sweeps taken
 * @param newtonSteps Newton steps taken
 * @param value the dual objective at the final potentials, {@code OT_eps}
 */
record TransportStats(double marginalError, int iterations, int newtonSteps, double value) {}
