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
 * <p>Imports {@code nwb}, {@code data}, {@code model}, {@code grad}, {@code loss} and {@code train}
 * at most; never {@code report} or {@code cli}. Nothing here prints.
 */
package org.trialmatch.analysis;
