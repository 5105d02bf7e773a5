package org.trialmatch.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trialmatch.analysis.Analysis;
import org.trialmatch.analysis.AnalysisConfig;
import org.trialmatch.analysis.AnalysisInputs;
import org.trialmatch.analysis.AnalysisResult;

/**
 * Writes the report of a run: runs the {@link Analysis}, renders every figure (PNG and SVG,
 * headless), writes {@code analysis.json} and finally {@code index.html} (with a summary of the run's
 * {@code stitching.csv} when the metadata key {@code run} names a run directory holding one). Every file goes through a
 * temporary name and an atomic rename, so a file present in the directory is complete, and a
 * present {@code index.html} means the whole report is.
 */
public final class Report {
  private static final Logger LOG = LoggerFactory.getLogger(Report.class);

  /** Metadata key whose value is the relative address of the comparison page a run belongs to (shown as a link). */
  public static final String COMPARISON_KEY = "comparison";

  private Report() {}

  /**
   * Analyses with the default settings (seed 0) and writes the report.
   *
   * @param in the inputs
   * @param outDir the report directory (created when missing)
   * @return what was written
   * @throws IOException if a file cannot be written
   */
  public static ReportOutput write(AnalysisInputs in, Path outDir) throws IOException {
    return write(in, AnalysisConfig.defaults(0L), outDir);
  }

  /**
   * Analyses and writes the report.
   *
   * @param in the inputs
   * @param cfg analysis settings
   * @param outDir the report directory (created when missing)
   * @return what was written
   * @throws IOException if a file cannot be written
   */
  public static ReportOutput write(AnalysisInputs in, AnalysisConfig cfg, Path outDir) throws IOException {
    return write(in, Analysis.run(in, cfg), outDir);
  }

  /**
   * Writes the report of an analysis already run.
   *
   * @param in the inputs the analysis ran on
   * @param r its result
   * @param outDir the report directory (created when missing)
   * @return what was written
   * @throws IOException if a file cannot be written
   */
  public static ReportOutput write(AnalysisInputs in, AnalysisResult r, Path outDir) throws IOException {
    return write(in, r, List.of(), outDir);
  }

  /**
   * Writes the report of an analysis already run, with checks shown first.
   *
   * @param in the inputs the analysis ran on
   * @param r its result
   * @param checks lines shown in a "Targets" section at the top of the page (each a check and whether it is
   *     met, or by how much it is missed), or empty for none
   * @param outDir the report directory (created when missing)
   * @return what was written
   * @throws IOException if a file cannot be written
   */
  public static ReportOutput write(AnalysisInputs in, AnalysisResult r, List<String> checks, Path outDir)
      throws IOException {
    Files.createDirectories(outDir);
    FigurePage page = Figures.page(in, r);
    List<Figure> figures = page.figures;
    List<RenderedFigure> rendered = new ArrayList<>();
    Map<String, byte[]> pngs = new HashMap<>();
    for (Figure f : figures) {
      byte[] png = ChartRenderer.write(f, outDir);
      pngs.put(f.name(), png);
      rendered.add(new RenderedFigure(f.name(), f.section(), f.title(), f.caption(), f.width(), f.height()));
    }
    Path json = outDir.resolve("analysis.json");
    byte[] jsonBytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsBytes(AnalysisJson.build(in, r, rendered, page.notes));
    AtomicFiles.write(json, jsonBytes);
    Path html = outDir.resolve("index.html");
    Optional<StitchingSummary> stitching = Optional.empty();
    Optional<String> stitchingProblem = Optional.empty();
    try {
      stitching = StitchingSummary.read(Optional.ofNullable(in.metadata().get("run")).map(Path::of));
    } catch (IOException e) {
      stitchingProblem = Optional.of(e.getMessage());
      LOG.warn("stitching table not summarised: {}", e.getMessage());
    }
    AtomicFiles.write(html, HtmlPage.build(in, r, checks, rendered, page.notes, pngs, stitching, stitchingProblem, outDir));
    LOG.info("report of {} written to {} ({} figures)", in.runName(), outDir, rendered.size());
    return new ReportOutput(outDir, json, html, rendered, r);
  }
}
