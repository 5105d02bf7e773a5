package org.trialmatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
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
    assertEquals(5, c.stimDurationSteps());
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
    RsnnConfig c = RsnnConfig.figure2().with(Map.of("adaptiveFraction", 0.25));
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
}
