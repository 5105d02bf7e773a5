package org.trialmatch.analysis;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the analysis of a fitted run on its test data (docs/analysis.md defines every number):
 * t_neuron and t_trial with their train-vs-test ceilings, trial-type fractions, modes of
 * variability (PCA embedding and k-means clusters), population PSTHs, behaviour means and the
 * training curves. Deterministic for a given seed.
 *
 * <p>Every session is filtered once ({@link FilteredInputs}); each result is computed from that by its
 * own class: {@link NeuronScore}, {@link PopulationPsths}, {@link TrialScore}, {@link TrialTypes},
 * {@link BehaviourByType}, {@link ModeAnalysis}, {@link ResponseFractions}, {@link UnitPsths} and
 * {@link ConditionBehaviour}.
 */
public final class Analysis {
  private static final Logger LOG = LoggerFactory.getLogger(Analysis.class);

  private Analysis() {}

  /**
   * @param in the inputs
   * @param cfg the settings
   * @return every number of the analysis
   */
  public static AnalysisResult run(AnalysisInputs in, AnalysisConfig cfg) {
    FilteredInputs run = FilteredInputs.of(in, cfg);
    double[] f1Times = run.f1().times(binTimesMs(in));
    double[] f2Times = run.f2().times(f1Times);
    List<String> notes = emptySetNotes(in);
    NeuronCorrelations tNeuron = NeuronScore.compute(run, cfg.minRateHz());
    AreaPsths psths = PopulationPsths.compute(run);
    TrialCorrelations tTrial = TrialScore.compute(run, cfg, notes);
    TrialTypeFractions types = TrialTypes.compute(run);
    BehaviourMeans behaviour = BehaviourByType.compute(run);
    Modes modes = ModeAnalysis.compute(run, cfg);
    if (!modes.computed()) {
      notes.add("modes of variability not computed: " + modes.note());
    } else if (!modes.note().isEmpty()) {
      notes.add(modes.note());
    }
    TrainingCurves training = in.metricsCsv().map(TrainingCurves::read)
        .orElseGet(() -> TrainingCurves.absent("no metrics.csv given"));
    LOG.info("t_neuron model {} (ceiling {}), t_trial model {} (ceiling {}), {} modes",
        tNeuron.overallModel().mean(), tNeuron.overallCeiling().mean(), tTrial.overallModel().mean(),
        tTrial.overallCeiling().mean(), modes.k());
    ResponseFractions response = cfg.response().map(r -> ResponseFractions.compute(run, r)).orElse(null);
    if (cfg.response().isPresent() && response == null) {
      notes.add("response fractions not computed: no session records area " + cfg.response().get().area()
          + " with test and model trials");
    }
    UnitPsths unitPsths = UnitPsths.compute(run, tNeuron, f2Times);
    List<ConditionMeans> behaviourByCondition = ConditionBehaviour.compute(run);
    return new AnalysisResult(cfg, run.f1(), run.f2(), f1Times, f2Times, tNeuron, tTrial, types, modes, psths,
        behaviour, training, in.connectivity().orElse(null), notes, response, unitPsths, behaviourByCondition);
  }

  /** @return the centre of every bin of the window, ms relative to the alignment event */
  private static double[] binTimesMs(AnalysisInputs in) {
    int bins = in.sessions().get(0).bins();
    double[] binTimes = new double[bins];
    for (int t = 0; t < bins; t++) {
      binTimes[t] = in.windowStartMs() + in.dtMs() * (t + 0.5);
    }
    return binTimes;
  }

  /** @return one note per session lacking test, training or model trials (a modifiable list) */
  private static List<String> emptySetNotes(AnalysisInputs in) {
    List<String> notes = new ArrayList<>();
    for (SessionInputs si : in.sessions()) {
      if (si.test().trials() == 0 || si.train().trials() == 0 || si.model().trials() == 0) {
        notes.add("session " + si.name() + " has " + si.test().trials() + " test, " + si.train().trials()
            + " train and " + si.model().trials() + " model trials; correlations needing an empty set are undefined");
      }
    }
    return notes;
  }
}
