/**
 * The root of the toolkit's input-problem exceptions: {@link org.trialmatch.errors.InputException},
 * which says whether the problem is in the configuration or command line (exit code 2) or in the
 * input data (exit code 3). Every other package may import this one; it sits below {@code nwb} and
 * imports nothing of the toolkit.
 */
package org.trialmatch.errors;
