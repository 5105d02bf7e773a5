package org.trialmatch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.trialmatch.data.ConfigException;

/**
 * The {@code model} section of the configuration: sizes, neuron and input constants of the
 * area-structured RSNN (method reference §2). Every component is a JSON key of the section; {@code
 * docs/model.md} lists them with defaults and units. Two presets: {@link #paper()} (the paper's
 * 1500-unit, 6-area model) and {@link #figure2()} (the shipped artificial-data models).
 *
 * <p>Voltages (threshold, rest) are in the model's dimensionless voltage unit; times in ms; rates in
 * Hz. The compact constructor validates every field and reports all problems in one {@link
 * ConfigException} whose key is the first offending field.
 *
 * @param nUnits number of recurrent units
 * @param areas area names, in layout order
 * @param pExc fraction of excitatory units ({@code nExc = floor(pExc * nUnits)})
 * @param motorAreas areas whose E units drive the jaw readout (empty: no jaw)
 * @param nInputs number of input spike units
 * @param pExcInput fraction of excitatory input units
 * @param stimInputFraction fraction of the inputs that code stimuli, shared equally by the onsets
 * @param dtMs simulation step, ms
 * @param steps simulated steps of the trial window (T)
 * @param preSteps steps of the background pre-run that sets the initial state
 * @param windowStartMs start of the trial window relative to the alignment event, ms
 * @param stimOnsetsMs default event onsets relative to the alignment event, ms (first = stimulus)
 * @param thalamicDelayMs delay between an onset and its input burst, ms
 * @param stimDurationMs duration of an input burst, ms
 * @param stimDurationsMs duration of each onset's input, ms, one per onset (e.g. a sample epoch's 1000
 *     ms, a cue's 10 ms); empty: every onset lasts {@code stimDurationMs}
 * @param stimValence burst gain: probability times {@code 1 + stimValence * ln(1 + s)}
 * @param stimBlocks input blocks of the first onset (the instruction). 1: one block whose gain grows
 *     with the trial's stimulus value {@code s} (method reference §2.4). K ≥ 2: one block per
 *     stimulus value, a trial with value {@code s} in 1…K drives block {@code s − 1} with the gain
 *     of the other onsets, {@code 1 + stimValence * ln 2}, and any other value drives none (e.g. a
 *     left and a right instruction arriving through different inputs, as the two pole positions do)
 * @param inputRateHz background rate of every input unit, Hz
 * @param tauMemExcMs membrane time constant of E units, ms
 * @param tauMemInhMs membrane time constant of I units, ms
 * @param threshold base threshold {@code thr0}
 * @param restPotential scalar rest {@code v_rest0} (per-unit trainable rest starts near it)
 * @param noiseLevel membrane noise per area, as a fraction of {@code thr0 - rest} per sqrt(ms)
 * @param refractoryMs refractory period, ms
 * @param spikeFunction Bernoulli or deterministic spikes
 * @param temperature slope of the Bernoulli sigmoid (and of its surrogate)
 * @param surrogateDampening factor of the pseudo-derivative (used by the backward pass)
 * @param delaysMs synaptic delay of each recurrent weight group, ms (multiples of dtMs)
 * @param adaptiveFraction fraction of each area's E and I units with an adaptive threshold (ALIF)
 * @param tauAdaptMs adaptation time constant, ms
 * @param adaptationStrength initial adaptation strength beta of adaptive units
 * @param latentOffset whether each trial gets an offset from a small latent network
 * @param latentDim dimension of the per-trial latent
 * @param tauJawMs time constant of the jaw readout, ms
 * @param jawBias initial jaw bias {@code c} (must be > 0)
 * @param behaviourChannels channels of the behaviour readout (e.g. 2 for left and right licks), each
 *     its own leaky integrator of the motor units' spikes with its own weights and bias; set from the
 *     data's behaviour channels when a fit is set up
 * @param hiddenUnits whether model units without a recorded unit become hidden (unrecorded) units
 * @param maxRateHz recorded units at or above this rate are not stitched, Hz
 */
public record RsnnConfig(
    int nUnits,
    List<String> areas,
    double pExc,
    List<String> motorAreas,
    int nInputs,
    double pExcInput,
    double stimInputFraction,
    double dtMs,
    int steps,
    int preSteps,
    double windowStartMs,
    List<Double> stimOnsetsMs,
    double thalamicDelayMs,
    double stimDurationMs,
    List<Double> stimDurationsMs,
    double stimValence,
    int stimBlocks,
    double inputRateHz,
    double tauMemExcMs,
    double tauMemInhMs,
    double threshold,
    double restPotential,
    double noiseLevel,
    double refractoryMs,
    SpikeFunction spikeFunction,
    double temperature,
    double surrogateDampening,
    List<Double> delaysMs,
    double adaptiveFraction,
    double tauAdaptMs,
    double adaptationStrength,
    boolean latentOffset,
    int latentDim,
    double tauJawMs,
    double jawBias,
    int behaviourChannels,
    boolean hiddenUnits,
    double maxRateHz) {

  private static final String SECTION = "model.";

  /** The largest {@code nUnits}: its {@code nUnits x nUnits} recurrent weights must fit in one Java array. */
  public static final int MAX_UNITS = 46340;

  /** The most behaviour channels a readout may have. */
  public static final int MAX_BEHAVIOUR_CHANNELS = 64;

  /** Validates every field; all problems are reported together. */
  public RsnnConfig {
    areas = areas == null ? null : List.copyOf(areas);
    motorAreas = motorAreas == null ? null : List.copyOf(motorAreas);
    stimOnsetsMs = stimOnsetsMs == null ? null : List.copyOf(stimOnsetsMs);
    stimDurationsMs = stimDurationsMs == null ? List.of() : List.copyOf(stimDurationsMs);
    delaysMs = delaysMs == null ? null : List.copyOf(delaysMs);
    Problems p = new Problems();
    p.check(nUnits >= 2 && nUnits <= MAX_UNITS, "nUnits", "must be in [2, " + MAX_UNITS + "] (the nUnits x nUnits weights are one array)", nUnits);
    if (areas == null || areas.isEmpty()) {
      p.add("areas", "must name at least one area, was " + areas);
    } else {
      if (new HashSet<>(areas).size() != areas.size()) {
        p.add("areas", "must be distinct, was " + areas);
      }
      if (areas.size() > nUnits) {
        p.add("areas", "needs at most nUnits areas, was " + areas.size() + " for nUnits " + nUnits);
      }
    }
    p.check(pExc > 0 && pExc <= 1, "pExc", "must be in (0, 1]", pExc);
    if (motorAreas == null) {
      p.add("motorAreas", "must be a list (may be empty)");
    } else if (areas != null) {
      for (String m : motorAreas) {
        if (!areas.contains(m)) {
          p.add("motorAreas", "names unknown area '" + m + "', areas are " + areas);
        }
      }
    }
    p.check(nInputs >= 1 && nInputs <= 100_000, "nInputs", "must be in [1, 100000]", nInputs);
    p.check(pExcInput >= 0 && pExcInput <= 1, "pExcInput", "must be in [0, 1]", pExcInput);
    p.check(stimInputFraction >= 0 && stimInputFraction <= 1, "stimInputFraction", "must be in [0, 1]",
        stimInputFraction);
    p.check(dtMs > 0 && Double.isFinite(dtMs), "dtMs", "must be > 0", dtMs);
    p.check(steps >= 1 && steps <= 10_000_000, "steps", "must be in [1, 10000000]", steps);
    p.check(preSteps >= 0 && preSteps <= 1_000_000, "preSteps", "must be in [0, 1000000]", preSteps);
    p.check(Double.isFinite(windowStartMs), "windowStartMs", "must be finite", windowStartMs);
    if (stimOnsetsMs == null) {
      p.add("stimOnsetsMs", "must be a list (may be empty)");
    } else {
      for (Double d : stimOnsetsMs) {
        if (d == null || !Double.isFinite(d)) {
          p.add("stimOnsetsMs", "must hold finite times, was " + stimOnsetsMs);
        }
      }
    }
    p.check(thalamicDelayMs >= 0 && Double.isFinite(thalamicDelayMs), "thalamicDelayMs", "must be >= 0",
        thalamicDelayMs);
    p.check(stimDurationMs >= 0 && Double.isFinite(stimDurationMs), "stimDurationMs", "must be >= 0",
        stimDurationMs);
    if (!stimDurationsMs.isEmpty()) {
      for (Double d : stimDurationsMs) {
        if (d == null || !(d >= 0) || !Double.isFinite(d)) {
          p.add("stimDurationsMs", "must hold durations >= 0 ms, was " + stimDurationsMs);
          break;
        }
      }
    }
    p.check(stimValence >= 0 && Double.isFinite(stimValence), "stimValence", "must be >= 0", stimValence);
    p.check(stimBlocks >= 1 && stimBlocks <= 64, "stimBlocks", "must be in [1, 64]", stimBlocks);
    p.check(inputRateHz >= 0 && Double.isFinite(inputRateHz), "inputRateHz", "must be >= 0", inputRateHz);
    p.check(tauMemExcMs > 0 && Double.isFinite(tauMemExcMs), "tauMemExcMs", "must be > 0", tauMemExcMs);
    p.check(tauMemInhMs > 0 && Double.isFinite(tauMemInhMs), "tauMemInhMs", "must be > 0", tauMemInhMs);
    p.check(Double.isFinite(threshold), "threshold", "must be finite", threshold);
    p.check(Double.isFinite(restPotential) && restPotential < threshold, "restPotential",
        "must be finite and < threshold (" + threshold + ")", restPotential);
    p.check(noiseLevel >= 0 && Double.isFinite(noiseLevel), "noiseLevel", "must be >= 0", noiseLevel);
    p.check(refractoryMs >= 0 && Double.isFinite(refractoryMs), "refractoryMs", "must be >= 0", refractoryMs);
    if (spikeFunction == null) {
      p.add("spikeFunction", "must be 'bernoulli' or 'deterministic'");
    }
    p.check(temperature > 0 && Double.isFinite(temperature), "temperature", "must be > 0", temperature);
    p.check(surrogateDampening > 0 && Double.isFinite(surrogateDampening), "surrogateDampening", "must be > 0",
        surrogateDampening);
    if (delaysMs == null || delaysMs.isEmpty()) {
      p.add("delaysMs", "must list at least one delay, was " + delaysMs);
    } else if (dtMs > 0) {
      for (Double d : delaysMs) {
        double k = d == null ? Double.NaN : d / dtMs;
        if (!(k >= 1) || Math.abs(k - Math.rint(k)) > 1e-9) {
          p.add("delaysMs", "must be positive multiples of dtMs (" + dtMs + "), was " + delaysMs);
          break;
        }
      }
    }
    p.check(adaptiveFraction >= 0 && adaptiveFraction <= 1, "adaptiveFraction", "must be in [0, 1]",
        adaptiveFraction);
    p.check(tauAdaptMs > 0 && Double.isFinite(tauAdaptMs), "tauAdaptMs", "must be > 0", tauAdaptMs);
    p.check(adaptationStrength >= 0 && Double.isFinite(adaptationStrength), "adaptationStrength",
        "must be >= 0", adaptationStrength);
    p.check(latentDim >= 1 && latentDim <= 10_000, "latentDim", "must be in [1, 10000]", latentDim);
    p.check(tauJawMs > 0 && Double.isFinite(tauJawMs), "tauJawMs", "must be > 0", tauJawMs);
    p.check(jawBias > 0 && Double.isFinite(jawBias), "jawBias", "must be > 0", jawBias);
    p.check(behaviourChannels >= 1 && behaviourChannels <= MAX_BEHAVIOUR_CHANNELS, "behaviourChannels",
        "must be in [1, " + MAX_BEHAVIOUR_CHANNELS + "]", behaviourChannels);
    p.check(maxRateHz > 0 && Double.isFinite(maxRateHz), "maxRateHz", "must be finite and > 0", maxRateHz);
    p.throwIfAny();
  }

  /**
   * The paper's main model (method reference §2.1, Appendix A): 1500 units, 6 areas, T = 700 steps of
   * 2 ms, two delay groups (2 and 4 ms), Bernoulli spikes at temperature 15, jaw from ALM and tjM1.
   *
   * @return the preset
   */
  public static RsnnConfig paper() {
    return new RsnnConfig(1500, List.of("wS1", "wS2", "wM1", "wM2", "ALM", "tjM1"), 0.8, List.of("ALM", "tjM1"),
        300, 0.8, 2.0 / 3.0, 2.0, 700, 150, -200.0, List.of(0.0, 1000.0), 4.0, 10.0, List.of(), 11.5, 1, 5.0, 30.0, 10.0,
        0.1, 0.0, 0.1, 4.0, SpikeFunction.BERNOULLI, 15.0, 0.3, List.of(2.0, 4.0), 0.0, 500.0, 1.6, false, 5,
        50.0, 1.0, 1, false, 40.0);
  }

  /**
   * The shipped artificial-data models of method reference §5.2–5.3: 500 units, 2 areas, 200 inputs
   * (half stimulus-coding, one onset), window −100…300 ms (T = 200), one 4 ms delay group, latent
   * per-trial offsets on, no jaw.
   *
   * @return the preset
   */
  public static RsnnConfig figure2() {
    return paper().toBuilder()
        .nUnits(500)
        .areas(List.of("area1", "area2"))
        .motorAreas(List.of())
        .nInputs(200)
        .stimInputFraction(0.5)
        .steps(200)
        .windowStartMs(-100.0)
        .stimOnsetsMs(List.of(0.0))
        .delaysMs(List.of(4.0))
        .latentOffset(true)
        .build();
  }

  /**
   * @param name {@code paper} or {@code figure2}
   * @return the preset
   * @throws ConfigException for another name
   */
  public static RsnnConfig preset(String name) {
    switch (name) {
      case "paper":
        return paper();
      case "figure2":
        return figure2();
      default:
        throw new ConfigException(SECTION + "preset", "must be 'paper' or 'figure2', was '" + name + "'");
    }
  }

  /**
   * Reads the {@code model} section: the key {@code preset} (default {@code paper}) picks the base,
   * every other key overrides one field. Unknown keys and values of the wrong type are errors naming
   * the key; all are reported together.
   *
   * @param section the JSON object of the {@code model} section (null or missing: the paper preset)
   * @return the validated configuration
   */
  public static RsnnConfig fromJson(JsonNode section) {
    if (section == null || section.isMissingNode() || section.isNull()) {
      return paper();
    }
    if (!section.isObject()) {
      throw new ConfigException("model", "must be a JSON object, was " + section.getNodeType());
    }
    JsonNode presetNode = section.get("preset");
    String presetName = "paper";
    if (presetNode != null) {
      if (!presetNode.isTextual()) {
        throw new ConfigException(SECTION + "preset", "must be a string, was " + presetNode);
      }
      presetName = presetNode.asText();
    }
    RsnnConfigBuilder b = preset(presetName).toBuilder();
    RsnnConfigJson.read(section, b);
    return b.build();
  }

  /**
   * @return a builder that starts from this configuration
   */
  public RsnnConfigBuilder toBuilder() {
    return new RsnnConfigBuilder(this);
  }

  /**
   * A copy with other default event onsets, validated again.
   *
   * @param onsetsMs event onsets relative to the alignment event, ms (first = stimulus)
   * @return the new configuration
   * @throws ConfigException if an onset is not finite
   */
  public RsnnConfig withStimOnsetsMs(List<Double> onsetsMs) {
    return toBuilder().stimOnsetsMs(onsetsMs).build();
  }

  /**
   * A copy whose behaviour readout has another number of channels, validated again.
   *
   * @param channels behaviour channels (the data's)
   * @return the new configuration
   * @throws ConfigException if the number is out of range
   */
  public RsnnConfig withBehaviourChannels(int channels) {
    return toBuilder().behaviourChannels(channels).build();
  }

  /** @return channels of the readout that the network has: {@link #behaviourChannels()}, 0 without motor areas */
  public int readoutChannels() {
    return motorAreas.isEmpty() ? 0 : behaviourChannels;
  }

  /**
   * A copy on another time grid, validated again.
   *
   * @param steps simulated steps of the trial window
   * @param dtMs simulation step, ms
   * @param windowStartMs start of the trial window relative to the alignment event, ms
   * @return the new configuration
   * @throws ConfigException naming each value out of range
   */
  public RsnnConfig withGrid(int steps, double dtMs, double windowStartMs) {
    return toBuilder().steps(steps).dtMs(dtMs).windowStartMs(windowStartMs).build();
  }

  /**
   * The fully resolved section as JSON (every key, defaults filled in).
   *
   * @return a JSON object readable by {@link #fromJson}
   */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    RsnnConfigJson.write(this, o);
    return o;
  }

  // ---------------------------------------------------------------- derived quantities

  /** @return number of excitatory units, {@code floor(pExc * nUnits)} */
  public int nExc() {
    return (int) Math.floor(pExc * nUnits + 1e-9);
  }

  /** @return number of excitatory input units, {@code floor(pExcInput * nInputs)} */
  public int nExcInputs() {
    return (int) Math.floor(pExcInput * nInputs + 1e-9);
  }

  /** @return number of delay groups */
  public int delayGroups() {
    return delaysMs.size();
  }

  /**
   * @param g delay group
   * @return its delay in steps (>= 1)
   */
  public int delaySteps(int g) {
    return (int) Math.rint(delaysMs.get(g) / dtMs);
  }

  /** @return the largest delay, in steps */
  public int maxDelaySteps() {
    int m = 0;
    for (int g = 0; g < delayGroups(); g++) {
      m = Math.max(m, delaySteps(g));
    }
    return m;
  }

  /** @return refractory period in steps, {@code round(refractoryMs / dtMs)} */
  public int refractorySteps() {
    return (int) Math.rint(refractoryMs / dtMs);
  }

  /**
   * @return input units per input block, {@code floor(nInputs * stimInputFraction / blocks)}, where
   *     the blocks are {@link #stimBlocks} for the first onset and one for each other onset
   */
  public int stimInputsPerOnset() {
    if (stimOnsetsMs.isEmpty()) {
      return 0;
    }
    return (int) Math.floor(nInputs * stimInputFraction / inputBlocks() + 1e-9);
  }

  /** @return input blocks: {@link #stimBlocks} for the first onset, one for each other; 0 without onsets */
  public int inputBlocks() {
    return stimOnsetsMs.isEmpty() ? 0 : stimOnsetsMs.size() - 1 + stimBlocks;
  }

  /**
   * Checks that {@link #stimDurationsMs} gives one duration per onset (or none). Not part of the
   * record's own validation, because a fit sets the onsets from the data section's event columns
   * after the model section is read.
   *
   * @param onsetsFrom what set the onsets, for the message (e.g. {@code data.eventColumns [pole_in_time, cue_start_time]})
   * @throws ConfigException naming {@code model.stimDurationsMs} when the counts differ
   */
  public void requireDurationPerOnset(String onsetsFrom) {
    if (!stimDurationsMs.isEmpty() && stimDurationsMs.size() != stimOnsetsMs.size()) {
      throw new ConfigException(SECTION + "stimDurationsMs", "must give one duration per onset: " + onsetsFrom
          + " give " + stimOnsetsMs.size() + ", the list has " + stimDurationsMs.size() + " " + stimDurationsMs);
    }
  }

  /**
   * @param onset an onset index
   * @return that onset's input duration in steps, {@code floor(duration / dtMs)}
   */
  public int stimDurationSteps(int onset) {
    double ms = stimDurationsMs.isEmpty() ? stimDurationMs : stimDurationsMs.get(onset);
    return (int) Math.floor(ms / dtMs + 1e-9);
  }

  /** @return the thalamic delay in steps, {@code floor(thalamicDelayMs / dtMs)} */
  public int thalamicDelaySteps() {
    return (int) Math.floor(thalamicDelayMs / dtMs + 1e-9);
  }

  /**
   * @param onsetMs an event time relative to the alignment event, ms
   * @return its step inside the window, {@code round((onsetMs - windowStartMs) / dtMs)}
   */
  public int onsetStep(double onsetMs) {
    return (int) Math.round((onsetMs - windowStartMs) / dtMs);
  }

  /** Collects validation problems, to report them all at once. */
  static final class Problems {
    private final List<String> keys = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    void check(boolean ok, String key, String rule, Object value) {
      if (!ok) {
        add(key, rule + ", was " + value);
      }
    }

    void add(String key, String message) {
      if (seen.add(key + message)) {
        keys.add(key);
        messages.add(key + " " + message);
      }
    }

    void throwIfAny() {
      if (keys.isEmpty()) {
        return;
      }
      throw new ConfigException(SECTION + keys.get(0), String.join("; ", messages));
    }
  }
}
