package org.trialmatch.nwb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.nwb.write.NwbWriteSpec;
import org.trialmatch.nwb.write.NwbWriter;
import org.trialmatch.testing.TestData;

/**
 * Area rules and area maps on the real recordings (expected values from the files' README: every ALM
 * electrode reads {@code brain_region: ALM; ...; hemisphere: left|right}, cell types 65 unidentified
 * and 1 PTupper in the sample, PTlower/PTupper in the DANDI:000006 sessions) and on written fixtures.
 */
class NwbReaderAreaRuleTest {
  private static final String ELECTRODE_LOCATION = "general/extracellular_ephys/electrodes/location";

  @TempDir Path dir;

  private static NwbContents read(Path f, String rule) {
    return NwbReader.read(f, new NwbReadOptions(AreaRule.parse(rule), Map.of()));
  }

  @Test
  void sampleByBrainRegionAndByHemisphere() {
    NwbContents auto = NwbReader.read(TestData.alm());
    NwbContents region = read(TestData.alm(), "location:brain_region");
    assertEquals(Map.of("ALM", 66), region.units().countByArea());
    assertEquals(ELECTRODE_LOCATION, region.units().areaSource());
    assertEquals("location:brain_region", region.units().areaRule().text());
    for (int u = 0; u < 66; u++) {
      assertEquals(auto.units().area(u), region.units().area(u));
    }
    NwbContents side = read(TestData.alm(), "location:brain_region+hemisphere");
    assertEquals(Map.of("ALM-left", 66), side.units().countByArea());
    assertEquals(Map.of("left", 66), read(TestData.alm(), "location:HEMISPHERE").units().countByArea());
    assertEquals(Map.of("left-ALM", 66), read(TestData.alm(), "location:hemisphere+brain_region").units().countByArea());
  }

  @Test
  void rightHemisphereSessions() {
    for (String s : List.of("sub-anm369962_ses-20170316", "sub-anm369963_ses-20170309")) {
      NwbContents c = read(TestData.dandi000006(s), "location:brain_region+hemisphere");
      assertEquals(Map.of("ALM-right", 2), c.units().countByArea(), s);
    }
    assertEquals(Map.of("ALM-left", 3),
        read(TestData.dandi000006("sub-anm369962_ses-20170309"), "location:brain_region+hemisphere").units().countByArea());
  }

  @Test
  void cellTypeColumnOfADandiSession() {
    NwbContents c = read(TestData.dandi000006("sub-anm369962_ses-20170309"), "column:cell_type");
    assertEquals(Map.of("PTlower", 3), c.units().countByArea());
    assertEquals("units/cell_type", c.units().areaSource());
    NwbContents up = read(TestData.dandi000006("sub-anm372795_ses-20170714"), "column:cell_type");
    assertEquals(Map.of("PTupper", 4), up.units().countByArea());
  }

  @Test
  void cellTypesOfTheSampleMappedToAreas() {
    Column cellType = NwbReader.read(TestData.alm()).units().column("cell_type").orElseThrow();
    for (Map<String, String> map : List.of(
        Map.of("PTupper", "ALM-PTup", "unidentified", "ALM"),
        Map.of("PTupper", "ALM-PTup", "*", "ALM"))) {
      NwbContents c = NwbReader.read(TestData.alm(), new NwbReadOptions(AreaRule.parse("column:cell_type"), map));
      assertEquals(Map.of("ALM", 65, "ALM-PTup", 1), c.units().countByArea(), map.toString());
      assertEquals(Map.of("unidentified", 65, "PTupper", 1), c.units().countByAreaLabel());
      assertEquals(Map.of("PTupper", 1), c.units().labelsOf("ALM-PTup"));
      for (int u = 0; u < c.units().count(); u++) {
        boolean pt = cellType.text(u).equals("PTupper");
        assertEquals(pt ? "ALM-PTup" : "ALM", c.units().area(u));
        assertEquals(cellType.text(u), c.units().areaLabel(u));
      }
    }
    // several labels may name one area
    NwbContents one = NwbReader.read(TestData.alm(),
        new NwbReadOptions(AreaRule.parse("column:cell_type"), Map.of("PTupper", "ALM", "unidentified", "ALM")));
    assertEquals(Map.of("ALM", 66), one.units().countByArea());
  }

  @Test
  void aLabelMissingFromTheMapNamesFileUnitsAndLabel() {
    Path f = TestData.alm();
    NwbFormatException e = assertThrows(NwbFormatException.class, () -> NwbReader.read(f,
        new NwbReadOptions(AreaRule.parse("column:cell_type"), Map.of("PTupper", "ALM-PTup"))));
    assertEquals("units/cell_type", e.inFilePath());
    assertEquals(f, e.file());
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("'unidentified' for 65 units (row 0 id "), e.getMessage());
    assertTrue(e.expected().contains("(PTupper)"), e.expected());
    assertEquals(1, e.getMessage().lines().count());
    // on the electrodes' location: the label is the joined fields
    NwbFormatException side = assertThrows(NwbFormatException.class, () -> NwbReader.read(f,
        new NwbReadOptions(AreaRule.parse("location:brain_region+hemisphere"), Map.of("ALM-right", "R"))));
    assertEquals(ELECTRODE_LOCATION, side.inFilePath());
    assertTrue(side.found().startsWith("'ALM-left' for 66 units"), side.found());
  }

  @Test
  void aFieldNoLocationHasNamesTheFieldsThereAre() {
    NwbFormatException e = assertThrows(NwbFormatException.class,
        () -> read(TestData.alm(), "location:brain_region+side"));
    assertEquals(ELECTRODE_LOCATION, e.inFilePath());
    assertTrue(e.expected().contains("field side "), e.expected());
    assertTrue(e.found().contains("brain_region, brain_subregion, cortical_layer, hemisphere, brain_location_full_name"),
        e.found());
  }

  @Test
  void aMissingColumnListsTheColumns() {
    NwbFormatException e = assertThrows(NwbFormatException.class, () -> read(TestData.alm(), "column:layer"));
    assertEquals("units/layer", e.inFilePath());
    assertTrue(e.found().contains("no such column (columns: depth, quality, cell_type)"), e.found());
  }

  @Test
  void fixturesWithStructuredAndPlainLocations() throws IOException {
    NwbWriteSpec two = NwbFixtures.twoAreaRecording(2);
    Path f = dir.resolve("two.nwb");
    NwbWriter.write(f, two);
    NwbContents c = read(f, "location:brain_region+hemisphere");
    for (int u = 0; u < c.units().count(); u++) {
      assertEquals(NwbFixtures.AREAS.get(u / NwbFixtures.UNITS_PER_AREA) + "-left", c.units().area(u));
    }
    NwbContents ei = read(f, "column:" + NwbFixtures.CELL_TYPE_COLUMN);
    assertEquals(Map.of("E", 2 * NwbFixtures.EXCITATORY_PER_AREA,
        "I", 2 * (NwbFixtures.UNITS_PER_AREA - NwbFixtures.EXCITATORY_PER_AREA)), ei.units().countByArea());

    Path p = dir.resolve("plain.nwb");
    NwbWriter.write(p, NwbFixtures.unitAreaColumnRecording(4, "region_label"));
    NwbFormatException e = assertThrows(NwbFormatException.class, () -> read(p, "location:brain_region"));
    assertEquals(ELECTRODE_LOCATION, e.inFilePath());
    assertTrue(e.found().startsWith("plain locations without fields"), e.found());
    assertEquals(NwbReader.read(p).units().countByArea(), read(p, "column:region_label").units().countByArea());
  }
}
