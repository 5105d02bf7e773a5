/**
 * The one path from a fitted run to its scores: open the run, simulate the model trials for evaluation
 * once (seeded; the seed is recorded in the output), give them trial types, score them against the
 * test trials with {@link org.trialmatch.analysis.Analysis} and hand the same trials to
 * {@link org.trialmatch.report.Report}; the NWB export of model trials; the comparison of fitting
 * variants behind {@code demo} and the experiments over seeds, as typed results written to JSON.
 *
 * <p>Imports {@code train}, {@code analysis}, {@code report} and everything below them; never
 * {@code sweep} or {@code cli}. Nothing here prints; progress is reported through callbacks.
 */
package org.trialmatch.evaluate;
