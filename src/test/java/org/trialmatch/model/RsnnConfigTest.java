package org.trialmatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialmatch.data.ConfigException;

class RsnnConfigTest {
  private final ObjectMapper om = new ObjectMapper();

  @Test
  void paperPreset() {
    RsnnConfig c = RsnnConfig.paper();
    assertEquals(1500, c.nUnits());
    assertEquals(6, c.areas().size());
    assertEquals(700, c.steps());
    assertEquals(150, c.preSteps());
    assertEquals(1200, c.nExc());
    assertEquals(240, c.nExcInputs());
    assertEquals(2, c.delayGroups());
    assertEquals(1, c.delaySteps(0));
    assertEquals(2, c.delaySteps(1));
    assertEquals(2, c.refractorySteps());
    assertEquals(100, c.stimInputsPerOnset());
    assertEquals(2, c.thalamicDelaySteps());
    assertEquals(5, c.stimDurationSteps(0));
    assertEquals(100, c.onsetStep(0.0));
    assertEquals(600, c.onsetStep(1000.0));
    assertEquals(List.of("ALM", "tjM1"), c.motorAreas());
    assertFalse(c.latentOffset());
  }

  @Test
  void figure2Preset() {
    RsnnConfig c = RsnnConfig.figure2();
    assertEquals(500, c.nUnits());
    assertEquals(2, c.areas().size());
    assertEquals(200, c.steps());
    assertEquals(List.of(4.0), c.delaysMs());
    assertEquals(2, c.delaySteps(0));
    assertTrue(c.latentOffset());
    assertTrue(c.motorAreas().isEmpty());
    assertEquals(100, c.stimInputsPerOnset());
    assertEquals(50, c.onsetStep(0.0));
  }

  @Test
  void jsonOverridesThePreset() throws Exception {
    RsnnConfig c = RsnnConfig.fromJson(om.readTree(
        "{\"preset\":\"figure2\",\"nUnits\":100,\"spikeFunction\":\"deterministic\",\"delaysMs\":[2,4]}"));
    assertEquals(100, c.nUnits());
    assertEquals(SpikeFunction.DETERMINISTIC, c.spikeFunction());
    assertEquals(List.of(2.0, 4.0), c.delaysMs());
    assertEquals(200, c.steps());
    assertEquals(RsnnConfig.paper(), RsnnConfig.fromJson(null));
  }

  @Test
  void resolvedJsonReadsBackToTheSameConfig() {
    RsnnConfig c = RsnnConfig.figure2().toBuilder().adaptiveFraction(0.25).build();
    assertEquals(c, RsnnConfig.fromJson(c.toJson()));
  }

  @Test
  void unknownKeysAndBadValuesNameTheKey() throws Exception {
    ConfigException e = assertThrows(ConfigException.class,
        () -> RsnnConfig.fromJson(om.readTree("{\"nUnit\":10}")));
    assertEquals("model.nUnit", e.key());
    e = assertThrows(ConfigException.class, () -> RsnnConfig.fromJson(om.readTree("{\"tauMemExcMs\":-3}")));
    assertEquals("model.tauMemExcMs", e.key());
    assertTrue(e.getMessage().contains("tauMemExcMs must be > 0, was -3.0"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> RsnnConfig.fromJson(om.readTree("{\"steps\":\"many\"}")));
    assertEquals("model.steps", e.key());
    e = assertThrows(ConfigException.class, () -> RsnnConfig.fromJson(om.readTree("{\"preset\":\"big\"}")));
    assertEquals("model.preset", e.key());
    e = assertThrows(ConfigException.class,
        () -> RsnnConfig.fromJson(om.readTree("{\"delaysMs\":[3],\"motorAreas\":[\"V1\"],\"pExc\":2}")));
    assertTrue(e.getMessage().contains("delaysMs") && e.getMessage().contains("motorAreas")
        && e.getMessage().contains("pExc"), "all problems in one message: " + e.getMessage());
  }

  @Test
  void perOnsetDurationsMustMatchTheOnsets() throws Exception {
    RsnnConfig c = RsnnConfig.fromJson(om.readTree(
        "{\"preset\":\"figure2\",\"stimDurationsMs\":[1000,10,200],\"stimBlocks\":2}"));
    // the preset has one onset; a fit sets three from the data's event columns, then checks
    ConfigException e = assertThrows(ConfigException.class, () -> c.requireDurationPerOnset("data.eventColumns [a]"));
    assertEquals("model.stimDurationsMs", e.key());
    assertTrue(e.getMessage().contains("data.eventColumns [a] give 1, the list has 3"), e.getMessage());
    RsnnConfig three = c.withStimOnsetsMs(List.of(-2500.0, -1500.0, 0.0));
    three.requireDurationPerOnset("data.eventColumns [a, b, c]");
    assertEquals(500, three.stimDurationSteps(0));
    assertEquals(100, three.stimDurationSteps(2));
    assertEquals(4, three.inputBlocks());
    assertThrows(ConfigException.class, () -> RsnnConfig.fromJson(om.readTree("{\"stimDurationsMs\":[-1]}")));
    assertThrows(ConfigException.class, () -> RsnnConfig.fromJson(om.readTree("{\"stimBlocks\":0}")));
  }

  @Test
  void everyComponentIsAKeyInRecordOrder() {
    List<String> keys = new java.util.ArrayList<>();
    RsnnConfig.paper().toJson().fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("nUnits", "areas", "pExc", "motorAreas", "nInputs", "pExcInput", "stimInputFraction", "dtMs",
        "steps", "preSteps", "windowStartMs", "stimOnsetsMs", "thalamicDelayMs", "stimDurationMs",
        "stimDurationsMs", "stimValence", "stimBlocks", "inputRateHz", "tauMemExcMs", "tauMemInhMs", "threshold", "restPotential", "noiseLevel", "refractoryMs",
        "spikeFunction", "temperature", "surrogateDampening", "delaysMs", "adaptiveFraction", "tauAdaptMs",
        "adaptationStrength", "latentOffset", "latentDim", "tauJawMs", "jawBias", "behaviourChannels",
        "hiddenUnits", "maxRateHz"), keys);
    assertEquals("bernoulli", RsnnConfig.paper().toJson().get("spikeFunction").asText());
  }

  @Test
  void typedCopiesChangeOnlyTheirFieldsAndValidate() {
    RsnnConfig p = RsnnConfig.paper();
    RsnnConfig g = p.withGrid(50, 1.0, -40.0);
    assertEquals(50, g.steps());
    assertEquals(1.0, g.dtMs());
    assertEquals(-40.0, g.windowStartMs());
    assertEquals(p, g.withGrid(p.steps(), p.dtMs(), p.windowStartMs()));
    assertEquals(List.of(0.0, 0.0, 0.0), p.withStimOnsetsMs(List.of(0.0, 0.0, 0.0)).stimOnsetsMs());
    assertEquals(p.toBuilder().stimOnsetsMs(List.of(5.0)).build(), p.withStimOnsetsMs(List.of(5.0)));
    ConfigException e = assertThrows(ConfigException.class, () -> p.withGrid(0, 2.0, 0.0));
    assertEquals("model.steps", e.key());
    e = assertThrows(ConfigException.class, () -> p.toBuilder().tauMemExcMs(-3).dtMs(0).build());
    assertTrue(e.getMessage().contains("tauMemExcMs must be > 0, was -3.0") && e.getMessage().contains("dtMs"),
        e.getMessage());
  }

  @Test
  void badJsonValuesNameKeyAndValue() throws Exception {
    ConfigException e = assertThrows(ConfigException.class,
        () -> RsnnConfig.fromJson(om.readTree("{\"areas\":[1,2],\"spikeFunction\":\"smooth\"}")));
    assertEquals("model.areas", e.key());
    assertTrue(e.getMessage().contains("areas must be an array of strings, was [1,2]")
        && e.getMessage().contains("spikeFunction must be 'bernoulli' or 'deterministic', was 'smooth'"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> RsnnConfig.fromJson(om.readTree("{\"nUnit\":10}")));
    assertTrue(e.getMessage().contains("unknown key; allowed: preset, nUnits, areas"), e.getMessage());
  }
}
