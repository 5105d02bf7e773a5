/**
 * The numbers behind {@code trialmatch analyze}: box filters F1/F2, PSTH correlations
 * (t_neuron) and trial-matched correlations (t_trial) with their train-vs-test data ceilings,
 * trial-type fractions with Wilson intervals, the embedding of data and model trial features
 * (PCA) and its clustering into modes of variability (k-means with k chosen by the silhouette),
 * the mean inter-area connectivity and the training curves of {@code metrics.csv}.
 *
 * <p>Entry point: {@link org.trialmatch.analysis.Analysis#run}, taking
 * {@link org.trialmatch.analysis.AnalysisInputs} (per session: test, train and model spike counts,
 * trial types, conditions, behaviour) and returning {@link org.trialmatch.analysis.AnalysisResult}.
 * {@code docs/analysis.md} defines every number.
 *
 * <p>Imports {@code errors}, {@code nwb}, {@code data}, {@code model} and {@code loss} at most; never
 * {@code train}, {@code report}, {@code evaluate} or {@code cli} (a fitted run reaches it through
 * {@code evaluate}; the architecture test says so). Nothing here prints.
 */
package org.trialmatch.analysis;
