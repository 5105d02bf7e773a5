package org.trialmatch.report;

import java.nio.file.Path;
import java.util.List;
import org.trialmatch.analysis.AnalysisResult;

/**
 * What {@link Report#write} produced.
 *
 * @param directory the report directory
 * @param analysisJson {@code analysis.json}
 * @param indexHtml {@code index.html}
 * @param figures the figures written (PNG and SVG each)
 * @param result the numbers
 */
public record ReportOutput(Path directory, Path analysisJson, Path indexHtml, List<RenderedFigure> figures,
    AnalysisResult result) {
  /** Copies the list. */
  public ReportOutput {
    figures = List.copyOf(figures);
  }
}
