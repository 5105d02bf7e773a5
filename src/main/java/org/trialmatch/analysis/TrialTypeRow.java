package org.trialmatch.analysis;

/**
 * The fraction of trials of one type in the test data and in the model, with 95 % Wilson intervals.
 *
 * @param label trial type
 * @param data share of the test trials
 * @param model share of the model trials
 */
public record TrialTypeRow(String label, Proportion data, Proportion model) {}
