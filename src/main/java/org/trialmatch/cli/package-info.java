/**
 * The picocli commands of {@code trialmatch}, progress rendering and exit codes. No numerics here:
 * commands parse options, call the library and print results.
 */
package org.trialmatch.cli;
