/**
 * Artificial multi-area data with a hidden mode of variability (the data set of Figure 2 of the
 * trial-matching paper): a statistical generator, not a network. Area 2 responds to the stimulus on
 * a random ~80% of trials; nothing in the input tells which. Sessions are written as NWB files in
 * the {@code detection} convention of {@code org.trialmatch.data}. Imports {@code nwb} (and {@code errors}) only.
 */
package org.trialmatch.pseudo;
