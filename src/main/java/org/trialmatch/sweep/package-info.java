/**
 * Many fits from one spec: the points of a spec (grid, list, seeds), each an ordinary run directory fitted
 * and evaluated by {@link org.trialmatch.sweep.PointRunner}, run by an engine — {@link
 * org.trialmatch.sweep.LocalEngine} on this machine, or Apache Spark in {@code sweep.spark} (the only
 * package that imports Spark, which is not on the command line's class path unless asked for) — and the
 * sweep's tables and figures.
 *
 * <p>Imports {@code evaluate}, {@code train}, {@code report} and everything below them; never {@code cli}.
 * Nothing here prints; progress is reported through listeners.
 */
package org.trialmatch.sweep;
