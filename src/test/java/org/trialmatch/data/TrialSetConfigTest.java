package org.trialmatch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trialmatch.nwb.AreaRule;
import org.trialmatch.nwb.NwbReadOptions;

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

  @Test
  void areaRuleAndMapAreReadAndWrittenBack() throws Exception {
    TrialSetConfig d = TrialSetConfig.detection();
    assertEquals(AreaRule.AUTO, d.areaRule());
    assertEquals(Map.of(), d.areaMap());
    assertEquals("auto", d.toJson().get("areaRule").asText());
    TrialSetConfig c = parse("{\"areaRule\":\"location:brain_region+hemisphere\"}");
    assertEquals(new AreaRule.LocationFields(List.of("brain_region", "hemisphere")), c.areaRule());
    assertEquals("location:brain_region+hemisphere", c.toJson().get("areaRule").asText());
    TrialSetConfig mapped = parse("{\"areaRule\":\"column:cell_type\","
        + "\"areaMap\":{\"PTupper\":\"ALM-PTup\",\"unidentified\":\"ALM\"}}");
    assertEquals(new AreaRule.UnitsColumn("cell_type"), mapped.areaRule());
    assertEquals(Map.of("PTupper", "ALM-PTup", "unidentified", "ALM"), mapped.areaMap());
    assertEquals(m.readTree("{\"PTupper\":\"ALM-PTup\",\"unidentified\":\"ALM\"}"), mapped.toJson().get("areaMap"));
    assertEquals(mapped, TrialSetConfig.fromJson(mapped.toJson()));
    assertEquals(new NwbReadOptions(mapped.areaRule(), mapped.areaMap()), mapped.readOptions());
    assertEquals(c, TrialSetConfig.fromJson(c.toJson()));
    assertTrue(!d.toJson().has("areaColumn"), d.toJson().toString());
  }

  @Test
  void areaColumnReadsAsAColumnRule() throws Exception {
    assertEquals(new AreaRule.UnitsColumn("brain_area"), parse("{\"areaColumn\":\"brain_area\"}").areaRule());
    assertEquals(AreaRule.AUTO, parse("{\"areaColumn\":\"\"}").areaRule());
    assertEquals(new AreaRule.LocationFields(List.of("hemisphere")),
        parse("{\"areaColumn\":\"\",\"areaRule\":\"location:hemisphere\"}").areaRule());
    assertEquals(new AreaRule.UnitsColumn("x"), parse("{\"areaColumn\":\"x\",\"areaRule\":\"column:x\"}").areaRule());
    ConfigException e = assertThrows(ConfigException.class,
        () -> parse("{\"areaColumn\":\"brain_area\",\"areaRule\":\"location:brain_region\"}"));
    assertEquals("data.areaColumn", e.key());
    assertTrue(e.getMessage().contains("\"areaRule\": \"column:brain_area\""), e.getMessage());
  }

  @Test
  void badAreaRulesAndMapsAreNamed() {
    ConfigException rule = assertThrows(ConfigException.class, () -> parse("{\"areaRule\":\"brain_region\"}"));
    assertEquals("data.areaRule", rule.key());
    assertEquals("data.areaRule: must be " + AreaRule.FORMS + ", was 'brain_region'", rule.getMessage());
    assertEquals("data.areaRule",
        assertThrows(ConfigException.class, () -> parse("{\"areaRule\":\"location:brain_region++x\"}")).key());
    assertEquals("data.areaRule", assertThrows(ConfigException.class, () -> parse("{\"areaRule\":3}")).key());
    assertEquals("data.areaMap", assertThrows(ConfigException.class, () -> parse("{\"areaMap\":[\"ALM\"]}")).key());
    assertEquals("data.areaMap.PTupper",
        assertThrows(ConfigException.class, () -> parse("{\"areaMap\":{\"PTupper\":1}}")).key());
    assertEquals("data.areaMap.PTupper",
        assertThrows(ConfigException.class, () -> parse("{\"areaMap\":{\"PTupper\":\" \"}}")).key());
    assertEquals("data.areaMap",
        assertThrows(ConfigException.class, () -> parse("{\"areaMap\":{\"\":\"ALM\"}}")).key());
    assertEquals("--area-rule", assertThrows(ConfigException.class,
        () -> TrialSetConfig.parseAreaRule("--area-rule", "column:")).key());
  }
}
