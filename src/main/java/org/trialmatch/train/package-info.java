/**
 * Fitting: AdamW, the constraint projection after every step (Dale's law magnitudes, L1 shrink, no
 * inter-area inhibition, no autapses, bounded resting potentials), the training loop with early
 * stopping on the validation split, checkpoints, the run directory and the engine benchmark (forward
 * and backward passes timed on a freshly initialised network). Console rendering of progress
 * lives in {@code cli}; this package reports through listener events. Imports {@code nwb},
 * {@code data}, {@code model}, {@code grad} and {@code loss}; never {@code analysis}, {@code report}
 * or {@code cli}.
 */
package org.trialmatch.train;
