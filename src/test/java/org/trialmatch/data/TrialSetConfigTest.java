package org.trialmatch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TrialSetConfigTest {
  private final ObjectMapper m = new ObjectMapper();

  private TrialSetConfig parse(String json) throws Exception {
    return TrialSetConfig.fromJson(m.readTree(json));
  }

  @Test
  void presetThenOverrides() throws Exception {
    TrialSetConfig c = parse("{\"preset\":\"delayed-response\",\"startS\":-1.0,\"dtMs\":1,\"eventTimes\":\"relative\"}");
    assertEquals("cue_start_time", c.alignColumn());
    assertEquals(-1.0, c.startS());
    assertEquals(2200, c.bins());
    assertEquals(EventTimes.RELATIVE, c.eventTimes());
    assertEquals(TrialSetConfig.detection(), TrialSetConfig.fromJson(null));
  }

  @Test
  void resolvedJsonReadsBackEqual() throws Exception {
    TrialSetConfig c = parse("{\"preset\":\"delayed-response\",\"files\":[\"a.nwb\"],\"recordingStopS\":100.5}");
    assertEquals(c, TrialSetConfig.fromJson(c.toJson()));
    TrialSetConfig d = TrialSetConfig.detection();
    assertEquals(d, TrialSetConfig.fromJson(d.toJson()));
  }

  @Test
  void unknownKeyIsNamed() {
    ConfigException e = assertThrows(ConfigException.class, () -> parse("{\"alignColum\":\"x\"}"));
    assertEquals("data.alignColum", e.key());
    assertTrue(e.getMessage().contains("unknown key"), e.getMessage());
  }

  @Test
  void badValuesAreNamed() {
    assertEquals("data.stopS", assertThrows(ConfigException.class, () -> parse("{\"startS\":1,\"stopS\":0.5}")).key());
    assertEquals("data.dtMs", assertThrows(ConfigException.class, () -> parse("{\"dtMs\":\"2\"}")).key());
    assertEquals("data.preset", assertThrows(ConfigException.class, () -> parse("{\"preset\":\"go-nogo\"}")).key());
    assertEquals("data.testFraction",
        assertThrows(ConfigException.class, () -> parse("{\"trainFraction\":0.7}")).key());
    assertEquals("data.eventTimes", assertThrows(ConfigException.class, () -> parse("{\"eventTimes\":\"sometimes\"}")).key());
    ConfigException e = assertThrows(ConfigException.class, () -> parse("{\"startS\":0,\"stopS\":0.003}"));
    assertTrue(e.getMessage().contains("whole number"), e.getMessage());
  }

  @Test
  void cellTypeWords() {
    assertEquals(CellClass.EXCITATORY, Recording.classify("PTupper"));
    assertEquals(CellClass.EXCITATORY, Recording.classify("pyramidal"));
    assertEquals(CellClass.INHIBITORY, Recording.classify("FS"));
    assertEquals(CellClass.INHIBITORY, Recording.classify("PV interneuron"));
    assertEquals(CellClass.UNKNOWN, Recording.classify("unidentified"));
    assertEquals(CellClass.UNKNOWN, Recording.classify(""));
  }
}
