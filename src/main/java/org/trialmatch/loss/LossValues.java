package org.trialmatch.loss;

/**
 * The values of one evaluation of {@link TotalLoss}.
 *
 * @param total {@code psthWeight * psth + trialWeight * trial}
 * @param psth the PSTH loss (0 without that term)
 * @param trial the trial-matching loss (0 without that term)
 */
public record LossValues(double total, double psth, double trial) {}
