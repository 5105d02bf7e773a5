package org.trialmatch.analysis;

import java.util.List;
import java.util.Optional;
import org.trialmatch.loss.BoxFilter;

/** Everything {@link Analysis#run} computes; docs/analysis.md defines each number. */
public final class AnalysisResult {
  private final AnalysisConfig config;
  private final BoxFilter f1;
  private final BoxFilter f2;
  private final double[] f1TimesMs;
  private final double[] f2TimesMs;
  private final NeuronCorrelations tNeuron;
  private final TrialCorrelations tTrial;
  private final TrialTypeFractions trialTypes;
  private final Modes modes;
  private final AreaPsths psths;
  private final BehaviourMeans behaviour;
  private final TrainingCurves training;
  private final AreaMatrix connectivity;
  private final List<String> notes;
  private final ResponseFractions response;
  private final UnitPsths unitPsths;
  private final List<ConditionMeans> behaviourByCondition;

  AnalysisResult(AnalysisConfig config, BoxFilter f1, BoxFilter f2, double[] f1TimesMs, double[] f2TimesMs,
      NeuronCorrelations tNeuron, TrialCorrelations tTrial, TrialTypeFractions trialTypes, Modes modes,
      AreaPsths psths, BehaviourMeans behaviour, TrainingCurves training, AreaMatrix connectivity,
      List<String> notes, ResponseFractions response, UnitPsths unitPsths, List<ConditionMeans> behaviourByCondition) {
    this.unitPsths = unitPsths;
    this.behaviourByCondition = List.copyOf(behaviourByCondition);
    this.response = response;
    this.config = config;
    this.f1 = f1;
    this.f2 = f2;
    this.f1TimesMs = f1TimesMs;
    this.f2TimesMs = f2TimesMs;
    this.tNeuron = tNeuron;
    this.tTrial = tTrial;
    this.trialTypes = trialTypes;
    this.modes = modes;
    this.psths = psths;
    this.behaviour = behaviour;
    this.training = training;
    this.connectivity = connectivity;
    this.notes = List.copyOf(notes);
  }

  /** @return the response fractions, when the settings name a response rule and a session records its area */
  public Optional<ResponseFractions> response() {
    return Optional.ofNullable(response);
  }

  /** @return the settings used */
  public AnalysisConfig config() {
    return config;
  }

  /** @return the first filter */
  public BoxFilter f1() {
    return f1;
  }

  /** @return the second filter */
  public BoxFilter f2() {
    return f2;
  }

  /** @return time of each F1 bin relative to the alignment event, ms (a copy) */
  public double[] f1TimesMs() {
    return f1TimesMs.clone();
  }

  /** @return time of each F2∘F1 bin relative to the alignment event, ms (a copy) */
  public double[] f2TimesMs() {
    return f2TimesMs.clone();
  }

  /** @return PSTH correlations */
  public NeuronCorrelations tNeuron() {
    return tNeuron;
  }

  /** @return trial-matched correlations */
  public TrialCorrelations tTrial() {
    return tTrial;
  }

  /** @return trial-type fractions */
  public TrialTypeFractions trialTypes() {
    return trialTypes;
  }

  /** @return modes of variability */
  public Modes modes() {
    return modes;
  }

  /** @return population PSTHs per area */
  public AreaPsths psths() {
    return psths;
  }

  /** @return PSTHs per condition (mean ± s.e.m. over trials) of a few chosen units and of each area's population */
  public UnitPsths unitPsths() {
    return unitPsths;
  }

  /**
   * @return per behaviour channel (in the order of {@link BehaviourMeans#channels()}), the F1-filtered trace per
   *     condition, mean ± s.e.m. over trials; empty when no set has behaviour
   */
  public List<ConditionMeans> behaviourByCondition() {
    return behaviourByCondition;
  }

  /** @return mean behaviour per trial type */
  public BehaviourMeans behaviour() {
    return behaviour;
  }

  /** @return training curves */
  public TrainingCurves training() {
    return training;
  }

  /** @return mean inter-area connectivity, if given */
  public Optional<AreaMatrix> connectivity() {
    return Optional.ofNullable(connectivity);
  }

  /** @return what was skipped or left out, in words */
  public List<String> notes() {
    return notes;
  }
}
