package org.trialmatch.nwb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The text form of an area rule: what parses, to what, and the one-line message of what does not. */
class AreaRuleTest {
  @Test
  void formsParseAndPrintBack() {
    assertEquals(AreaRule.AUTO, AreaRule.parse("auto"));
    assertEquals(AreaRule.AUTO, AreaRule.parse(" AUTO "));
    assertEquals(new AreaRule.LocationFields(List.of("brain_region")), AreaRule.parse("location:brain_region"));
    AreaRule two = AreaRule.parse(" Location : brain_region + hemisphere ");
    assertEquals(new AreaRule.LocationFields(List.of("brain_region", "hemisphere")), two);
    assertEquals("location:brain_region+hemisphere", two.text());
    assertEquals(new AreaRule.UnitsColumn("cell_type"), AreaRule.parse("column:cell_type"));
    for (String t : List.of("auto", "location:brain_region", "location:brain_region+hemisphere", "column:cell_type")) {
      assertEquals(t, AreaRule.parse(t).text());
      assertEquals(AreaRule.parse(t), AreaRule.parse(AreaRule.parse(t).text()));
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|must be auto, location:FIELD",
        "brain_region|must be auto, location:FIELD",
        "electrodes:brain_region|was 'electrodes:brain_region'",
        "auto:x|was 'auto:x'",
        "location|was 'location'",
        "location:|needs at least one field",
        "location:brain_region+|has an empty field",
        "location:+hemisphere|has an empty field",
        "location:brain region|field 'brain region' of location:brain region must be letters, digits and '_'",
        "location:hemisphere+Hemisphere|field 'Hemisphere' is given twice",
        "column:|needs the name of a units column",
        "column|was 'column'"
      })
  void badRulesSayWhatIsWrongInOneLine(String text, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AreaRule.parse(text));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  @Test
  void readOptionsKeepTheAreaColumnForm() {
    assertEquals(NwbReadOptions.DEFAULT, new NwbReadOptions(""));
    assertEquals(new NwbReadOptions(new AreaRule.UnitsColumn("area"), Map.of()), new NwbReadOptions("area"));
    assertThrows(IllegalArgumentException.class, () -> new NwbReadOptions(AreaRule.AUTO, Map.of("PTupper", " ")));
  }

  @Test
  void structuredLocationFields() {
    assertEquals(
        Map.of("brain_region", "ALM", "brain_subregion", "N/A", "cortical_layer", "5", "hemisphere", "left"),
        NwbReader.locationFields("brain_region: ALM; brain_subregion: N/A; cortical_layer: 5; hemisphere: left"));
    assertEquals(Map.of(), NwbReader.locationFields("amygdala_right"));
    assertEquals(Map.of(), NwbReader.locationFields(null));
  }
}
