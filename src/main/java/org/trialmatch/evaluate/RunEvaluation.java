package org.trialmatch.evaluate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.trialmatch.analysis.Analysis;
import org.trialmatch.analysis.AnalysisConfig;
import org.trialmatch.analysis.AnalysisInputs;
import org.trialmatch.analysis.AnalysisResult;
import org.trialmatch.report.Report;
import org.trialmatch.report.ReportOutput;
import org.trialmatch.train.Fit;
import org.trialmatch.train.RunDirectory;

/**
 * A fitted run scored once: its evaluation trials are simulated ({@link EvaluationTrials}, seeded), given
 * trial types ({@link ModelTrialTypes}), turned into analysis inputs ({@link RunInputs}) and analysed; the
 * report and every summary are written from this one result, so they describe the same model trials.
 *
 * @param inputs the analysis inputs (test, train and model trials of every session)
 * @param result the analysis
 * @param scores the headline scores, taken from {@code result}
 * @param modelTrials evaluation trials simulated
 * @param seed seed of the evaluation trials and of the analysis
 * @param checkpointStep training step of the checkpoint evaluated
 * @param targets the scores and rate checks against the targets of a fit to real data
 */
public record RunEvaluation(AnalysisInputs inputs, AnalysisResult result, Scores scores, int modelTrials, long seed,
    long checkpointStep, Targets targets) {

  /**
   * Simulates and scores.
   *
   * @param fit the fitted model ({@link Fit#load})
   * @param run its run directory
   * @param modelTrials evaluation trials to simulate (>= 1)
   * @param seed seed of the simulation and of the analysis
   * @param cfg the analysis settings (its seed is replaced by {@code seed})
   * @param progress told the number of trials simulated so far (may be null)
   * @return the evaluation
   */
  public static RunEvaluation of(Fit fit, RunDirectory run, int modelTrials, long seed, AnalysisConfig cfg,
      LongConsumer progress) {
    EvaluationTrials trials = EvaluationTrials.simulate(fit, modelTrials, null, seed, progress);
    ModelTrialTypes types = ModelTrialTypes.of(fit, trials.trials());
    AnalysisInputs in = RunInputs.of(fit, run, trials, types);
    AnalysisResult r = Analysis.run(in, cfg);
    Targets targets = Targets.of(r, in.modelTypes().orElse(null), UnitActivity.of(fit, trials));
    return new RunEvaluation(in, r, Scores.of(r), modelTrials, seed, fit.step(), targets);
  }

  /**
   * Writes the report (figures, analysis.json, index.html) of this evaluation.
   *
   * @param dir the report directory
   * @return what was written
   * @throws IOException if it cannot be written
   */
  public ReportOutput writeReport(Path dir) throws IOException {
    return Report.write(inputs, result, targets.lines(), dir);
  }
}
