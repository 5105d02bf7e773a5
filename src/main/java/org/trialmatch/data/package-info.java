/**
 * From a recording to aligned, binned trials: {@code Recording} (one NWB file = one session),
 * {@code TrialSet} (spike counts {@code [t][trial][unit]}, behaviour on the same bins, condition and
 * outcome per trial), exclusion rules, train/validation/test splits and the catalogue of recorded
 * units. Imports {@code org.trialmatch.nwb} (and {@code org.trialmatch.errors}) only.
 */
package org.trialmatch.data;
