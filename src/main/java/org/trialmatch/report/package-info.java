/**
 * The report of an analysed run: {@code analysis.json} (every number of
 * {@link org.trialmatch.analysis.AnalysisResult}), the figures (XChart, rendered headless to PNG,
 * and to SVG through Batik's SVG generator) and {@code index.html}, one self-contained page with the
 * PNG figures embedded. Entry point: {@link org.trialmatch.report.Report#write}. Every file is
 * written to a temporary name and renamed, and {@code index.html} is written last.
 *
 * <p>Imports {@code analysis} (and packages to its left); never {@code cli}. Nothing here prints.
 */
package org.trialmatch.report;
