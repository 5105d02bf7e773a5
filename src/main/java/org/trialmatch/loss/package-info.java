/**
 * The losses that fit a spiking network to recordings, each returning its value and its gradient with
 * respect to the model's spikes and jaw trace: the box filters F1 and F2 and their adjoints
 * ({@link org.trialmatch.loss.BoxFilter}), the PSTH loss ({@link org.trialmatch.loss.PsthLoss}), the
 * trial features T_trial ({@link org.trialmatch.loss.TrialFeatures}), hard trial matching by an exact
 * linear assignment ({@link org.trialmatch.loss.HardMatching}), the debiased Sinkhorn divergence in
 * its converged and annealed modes ({@link org.trialmatch.loss.SinkhornDivergence}), the
 * trial-matching loss built on them ({@link org.trialmatch.loss.TrialMatchingLoss}) and the weighted
 * total with optional gradient normalisation ({@link org.trialmatch.loss.TotalLoss}).
 *
 * <p>Layouts are flat, row-major and time-major: model spikes {@code [t][trial][unit]}, data spikes
 * the same with NaN rows for trials a session lacks. Gradients with respect to the spikes are kept in
 * the structured form {@link org.trialmatch.loss.SpikeGradient} (a per-unit part shared by all trials
 * plus a per-trial part shared by the units of one area of one session), which is what every loss
 * here produces and is far smaller than a dense {@code [t][trial][unit]} tensor.
 *
 * <p>Objects holding workspaces are not thread-safe: use one per thread. Nothing here logs or prints.
 * Imports {@code org.trialmatch.data} at most; never {@code train}, {@code analysis}, {@code report} or
 * {@code cli}.
 */
package org.trialmatch.loss;
