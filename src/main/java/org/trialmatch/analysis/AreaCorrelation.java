package org.trialmatch.analysis;

/**
 * A correlation measure of one area: model vs test data, and its ceiling, train data vs test data.
 *
 * @param area area name
 * @param model summary of the model-vs-test correlations
 * @param ceiling summary of the train-vs-test correlations
 */
public record AreaCorrelation(String area, Summary model, Summary ceiling) {}
