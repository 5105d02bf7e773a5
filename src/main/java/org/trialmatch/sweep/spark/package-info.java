/**
 * The Apache Spark engine of {@code sweep}: the only package that imports Spark. Spark is a
 * {@code provided} dependency: on the test class path and under {@code spark-submit}, not in
 * {@code target/lib}; the engine is loaded by name ({@link org.trialmatch.sweep.Engines}).
 */
package org.trialmatch.sweep.spark;
