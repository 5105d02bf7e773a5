/**
 * The area-structured recurrent spiking network (RSNN) and its fast forward simulation:
 * {@link org.trialmatch.model.RsnnConfig} (the {@code model} section of the configuration),
 * {@link org.trialmatch.model.NetworkLayout} (areas, E/I units, session stitching),
 * {@link org.trialmatch.model.Parameters} (trainable magnitudes and their initialisation),
 * {@link org.trialmatch.model.TrialInputs} (per-trial stimulus and event onsets),
 * {@link org.trialmatch.model.RandomStreams} (counter-based random streams),
 * {@link org.trialmatch.model.Simulator} (event-driven forward over a batch) and
 * {@link org.trialmatch.model.Trace} (what the backward pass reads).
 *
 * <p>Imports {@code org.trialmatch.data} only (never {@code grad}, {@code loss}, {@code train},
 * {@code analysis}, {@code report} or {@code cli}). Nothing here prints or logs inside the time loop.
 */
package org.trialmatch.model;
