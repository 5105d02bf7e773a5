package org.trialmatch.analysis;

/**
 * How model trials got their trial types, and how far that labelling can be trusted: the held-out
 * accuracy of the classifier on data trials whose type is known, beside the majority-class baseline
 * on the same trials.
 *
 * @param method how types are read (shown in the report)
 * @param accuracy held-out accuracy on data trials
 * @param baseline accuracy of the majority-class baseline on the same trials
 * @param trials held-out data trials
 * @param beatsBaseline whether the classifier beats the baseline (else model fractions are not shown)
 */
public record ModelTypeQuality(String method, double accuracy, double baseline, int trials,
    boolean beatsBaseline) {}
