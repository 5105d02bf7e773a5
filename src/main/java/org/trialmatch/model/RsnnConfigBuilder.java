package org.trialmatch.model;

import java.util.List;

/**
 * Builds an {@link RsnnConfig} field by field, starting from a preset or another configuration:
 * {@code RsnnConfig.figure2().toBuilder().nUnits(100).areas(List.of("ALM")).build()}. Each setter
 * takes one component of the record (same name, same unit); {@link #build} validates them all at
 * once, as the record's constructor does.
 */
public final class RsnnConfigBuilder {
  private int nUnits;
  private List<String> areas;
  private double pExc;
  private List<String> motorAreas;
  private int nInputs;
  private double pExcInput;
  private double stimInputFraction;
  private double dtMs;
  private int steps;
  private int preSteps;
  private double windowStartMs;
  private List<Double> stimOnsetsMs;
  private double thalamicDelayMs;
  private double stimDurationMs;
  private List<Double> stimDurationsMs = List.of();
  private int stimBlocks = 1;
  private double stimValence;
  private double inputRateHz;
  private double tauMemExcMs;
  private double tauMemInhMs;
  private double threshold;
  private double restPotential;
  private double noiseLevel;
  private double refractoryMs;
  private SpikeFunction spikeFunction;
  private double temperature;
  private double surrogateDampening;
  private List<Double> delaysMs;
  private double adaptiveFraction;
  private double tauAdaptMs;
  private double adaptationStrength;
  private boolean latentOffset;
  private int latentDim;
  private double tauJawMs;
  private double jawBias;
  private int behaviourChannels;
  private boolean hiddenUnits;
  private double maxRateHz;

  /**
   * @param c the configuration whose fields the builder starts from
   */
  RsnnConfigBuilder(RsnnConfig c) {
    this.nUnits = c.nUnits();
    this.areas = c.areas();
    this.pExc = c.pExc();
    this.motorAreas = c.motorAreas();
    this.nInputs = c.nInputs();
    this.pExcInput = c.pExcInput();
    this.stimInputFraction = c.stimInputFraction();
    this.dtMs = c.dtMs();
    this.steps = c.steps();
    this.preSteps = c.preSteps();
    this.windowStartMs = c.windowStartMs();
    this.stimOnsetsMs = c.stimOnsetsMs();
    this.thalamicDelayMs = c.thalamicDelayMs();
    this.stimDurationMs = c.stimDurationMs();
    this.stimDurationsMs = c.stimDurationsMs();
    this.stimBlocks = c.stimBlocks();
    this.stimValence = c.stimValence();
    this.inputRateHz = c.inputRateHz();
    this.tauMemExcMs = c.tauMemExcMs();
    this.tauMemInhMs = c.tauMemInhMs();
    this.threshold = c.threshold();
    this.restPotential = c.restPotential();
    this.noiseLevel = c.noiseLevel();
    this.refractoryMs = c.refractoryMs();
    this.spikeFunction = c.spikeFunction();
    this.temperature = c.temperature();
    this.surrogateDampening = c.surrogateDampening();
    this.delaysMs = c.delaysMs();
    this.adaptiveFraction = c.adaptiveFraction();
    this.tauAdaptMs = c.tauAdaptMs();
    this.adaptationStrength = c.adaptationStrength();
    this.latentOffset = c.latentOffset();
    this.latentDim = c.latentDim();
    this.tauJawMs = c.tauJawMs();
    this.jawBias = c.jawBias();
    this.behaviourChannels = c.behaviourChannels();
    this.hiddenUnits = c.hiddenUnits();
    this.maxRateHz = c.maxRateHz();
  }

  /**
   * @return the configuration with the fields set so far
   * @throws org.trialmatch.data.ConfigException naming every field out of range
   */
  public RsnnConfig build() {
    return new RsnnConfig(nUnits, areas, pExc, motorAreas, nInputs, pExcInput, stimInputFraction, dtMs, steps, preSteps,
        windowStartMs, stimOnsetsMs, thalamicDelayMs, stimDurationMs, stimDurationsMs, stimValence, stimBlocks, inputRateHz, tauMemExcMs,
        tauMemInhMs, threshold, restPotential, noiseLevel, refractoryMs, spikeFunction, temperature,
        surrogateDampening, delaysMs, adaptiveFraction, tauAdaptMs, adaptationStrength, latentOffset,
        latentDim, tauJawMs, jawBias, behaviourChannels, hiddenUnits, maxRateHz);
  }

  /**
   * @param nUnits see {@link RsnnConfig#nUnits()}
   * @return this builder
   */
  public RsnnConfigBuilder nUnits(int nUnits) {
    this.nUnits = nUnits;
    return this;
  }

  /**
   * @param areas see {@link RsnnConfig#areas()}
   * @return this builder
   */
  public RsnnConfigBuilder areas(List<String> areas) {
    this.areas = areas;
    return this;
  }

  /**
   * @param pExc see {@link RsnnConfig#pExc()}
   * @return this builder
   */
  public RsnnConfigBuilder pExc(double pExc) {
    this.pExc = pExc;
    return this;
  }

  /**
   * @param motorAreas see {@link RsnnConfig#motorAreas()}
   * @return this builder
   */
  public RsnnConfigBuilder motorAreas(List<String> motorAreas) {
    this.motorAreas = motorAreas;
    return this;
  }

  /**
   * @param nInputs see {@link RsnnConfig#nInputs()}
   * @return this builder
   */
  public RsnnConfigBuilder nInputs(int nInputs) {
    this.nInputs = nInputs;
    return this;
  }

  /**
   * @param pExcInput see {@link RsnnConfig#pExcInput()}
   * @return this builder
   */
  public RsnnConfigBuilder pExcInput(double pExcInput) {
    this.pExcInput = pExcInput;
    return this;
  }

  /**
   * @param stimInputFraction see {@link RsnnConfig#stimInputFraction()}
   * @return this builder
   */
  public RsnnConfigBuilder stimInputFraction(double stimInputFraction) {
    this.stimInputFraction = stimInputFraction;
    return this;
  }

  /**
   * @param dtMs see {@link RsnnConfig#dtMs()}
   * @return this builder
   */
  public RsnnConfigBuilder dtMs(double dtMs) {
    this.dtMs = dtMs;
    return this;
  }

  /**
   * @param steps see {@link RsnnConfig#steps()}
   * @return this builder
   */
  public RsnnConfigBuilder steps(int steps) {
    this.steps = steps;
    return this;
  }

  /**
   * @param preSteps see {@link RsnnConfig#preSteps()}
   * @return this builder
   */
  public RsnnConfigBuilder preSteps(int preSteps) {
    this.preSteps = preSteps;
    return this;
  }

  /**
   * @param windowStartMs see {@link RsnnConfig#windowStartMs()}
   * @return this builder
   */
  public RsnnConfigBuilder windowStartMs(double windowStartMs) {
    this.windowStartMs = windowStartMs;
    return this;
  }

  /**
   * @param stimOnsetsMs see {@link RsnnConfig#stimOnsetsMs()}
   * @return this builder
   */
  public RsnnConfigBuilder stimOnsetsMs(List<Double> stimOnsetsMs) {
    this.stimOnsetsMs = stimOnsetsMs;
    return this;
  }

  /**
   * @param thalamicDelayMs see {@link RsnnConfig#thalamicDelayMs()}
   * @return this builder
   */
  public RsnnConfigBuilder thalamicDelayMs(double thalamicDelayMs) {
    this.thalamicDelayMs = thalamicDelayMs;
    return this;
  }

  /**
   * @param stimDurationMs see {@link RsnnConfig#stimDurationMs()}
   * @return this builder
   */
  public RsnnConfigBuilder stimDurationMs(double stimDurationMs) {
    this.stimDurationMs = stimDurationMs;
    return this;
  }

  /**
   * @param stimDurationsMs see {@link RsnnConfig#stimDurationsMs()}
   * @return this builder
   */
  public RsnnConfigBuilder stimDurationsMs(List<Double> stimDurationsMs) {
    this.stimDurationsMs = stimDurationsMs;
    return this;
  }

  /**
   * @param stimBlocks see {@link RsnnConfig#stimBlocks()}
   * @return this builder
   */
  public RsnnConfigBuilder stimBlocks(int stimBlocks) {
    this.stimBlocks = stimBlocks;
    return this;
  }

  /**
   * @param stimValence see {@link RsnnConfig#stimValence()}
   * @return this builder
   */
  public RsnnConfigBuilder stimValence(double stimValence) {
    this.stimValence = stimValence;
    return this;
  }

  /**
   * @param inputRateHz see {@link RsnnConfig#inputRateHz()}
   * @return this builder
   */
  public RsnnConfigBuilder inputRateHz(double inputRateHz) {
    this.inputRateHz = inputRateHz;
    return this;
  }

  /**
   * @param tauMemExcMs see {@link RsnnConfig#tauMemExcMs()}
   * @return this builder
   */
  public RsnnConfigBuilder tauMemExcMs(double tauMemExcMs) {
    this.tauMemExcMs = tauMemExcMs;
    return this;
  }

  /**
   * @param tauMemInhMs see {@link RsnnConfig#tauMemInhMs()}
   * @return this builder
   */
  public RsnnConfigBuilder tauMemInhMs(double tauMemInhMs) {
    this.tauMemInhMs = tauMemInhMs;
    return this;
  }

  /**
   * @param threshold see {@link RsnnConfig#threshold()}
   * @return this builder
   */
  public RsnnConfigBuilder threshold(double threshold) {
    this.threshold = threshold;
    return this;
  }

  /**
   * @param restPotential see {@link RsnnConfig#restPotential()}
   * @return this builder
   */
  public RsnnConfigBuilder restPotential(double restPotential) {
    this.restPotential = restPotential;
    return this;
  }

  /**
   * @param noiseLevel see {@link RsnnConfig#noiseLevel()}
   * @return this builder
   */
  public RsnnConfigBuilder noiseLevel(double noiseLevel) {
    this.noiseLevel = noiseLevel;
    return this;
  }

  /**
   * @param refractoryMs see {@link RsnnConfig#refractoryMs()}
   * @return this builder
   */
  public RsnnConfigBuilder refractoryMs(double refractoryMs) {
    this.refractoryMs = refractoryMs;
    return this;
  }

  /**
   * @param spikeFunction see {@link RsnnConfig#spikeFunction()}
   * @return this builder
   */
  public RsnnConfigBuilder spikeFunction(SpikeFunction spikeFunction) {
    this.spikeFunction = spikeFunction;
    return this;
  }

  /**
   * @param temperature see {@link RsnnConfig#temperature()}
   * @return this builder
   */
  public RsnnConfigBuilder temperature(double temperature) {
    this.temperature = temperature;
    return this;
  }

  /**
   * @param surrogateDampening see {@link RsnnConfig#surrogateDampening()}
   * @return this builder
   */
  public RsnnConfigBuilder surrogateDampening(double surrogateDampening) {
    this.surrogateDampening = surrogateDampening;
    return this;
  }

  /**
   * @param delaysMs see {@link RsnnConfig#delaysMs()}
   * @return this builder
   */
  public RsnnConfigBuilder delaysMs(List<Double> delaysMs) {
    this.delaysMs = delaysMs;
    return this;
  }

  /**
   * @param adaptiveFraction see {@link RsnnConfig#adaptiveFraction()}
   * @return this builder
   */
  public RsnnConfigBuilder adaptiveFraction(double adaptiveFraction) {
    this.adaptiveFraction = adaptiveFraction;
    return this;
  }

  /**
   * @param tauAdaptMs see {@link RsnnConfig#tauAdaptMs()}
   * @return this builder
   */
  public RsnnConfigBuilder tauAdaptMs(double tauAdaptMs) {
    this.tauAdaptMs = tauAdaptMs;
    return this;
  }

  /**
   * @param adaptationStrength see {@link RsnnConfig#adaptationStrength()}
   * @return this builder
   */
  public RsnnConfigBuilder adaptationStrength(double adaptationStrength) {
    this.adaptationStrength = adaptationStrength;
    return this;
  }

  /**
   * @param latentOffset see {@link RsnnConfig#latentOffset()}
   * @return this builder
   */
  public RsnnConfigBuilder latentOffset(boolean latentOffset) {
    this.latentOffset = latentOffset;
    return this;
  }

  /**
   * @param latentDim see {@link RsnnConfig#latentDim()}
   * @return this builder
   */
  public RsnnConfigBuilder latentDim(int latentDim) {
    this.latentDim = latentDim;
    return this;
  }

  /**
   * @param tauJawMs see {@link RsnnConfig#tauJawMs()}
   * @return this builder
   */
  public RsnnConfigBuilder tauJawMs(double tauJawMs) {
    this.tauJawMs = tauJawMs;
    return this;
  }

  /**
   * @param jawBias see {@link RsnnConfig#jawBias()}
   * @return this builder
   */
  public RsnnConfigBuilder jawBias(double jawBias) {
    this.jawBias = jawBias;
    return this;
  }

  /**
   * @param behaviourChannels see {@link RsnnConfig#behaviourChannels()}
   * @return this builder
   */
  public RsnnConfigBuilder behaviourChannels(int behaviourChannels) {
    this.behaviourChannels = behaviourChannels;
    return this;
  }

  /**
   * @param hiddenUnits see {@link RsnnConfig#hiddenUnits()}
   * @return this builder
   */
  public RsnnConfigBuilder hiddenUnits(boolean hiddenUnits) {
    this.hiddenUnits = hiddenUnits;
    return this;
  }

  /**
   * @param maxRateHz see {@link RsnnConfig#maxRateHz()}
   * @return this builder
   */
  public RsnnConfigBuilder maxRateHz(double maxRateHz) {
    this.maxRateHz = maxRateHz;
    return this;
  }
}
