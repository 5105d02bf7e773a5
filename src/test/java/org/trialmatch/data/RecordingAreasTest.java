package org.trialmatch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.model.RandomStreams;
import org.trialmatch.model.RsnnConfig;
import org.trialmatch.nwb.NwbFormatException;
import org.trialmatch.testing.TestData;

/**
 * The area rule and map of the data section, from the configuration to the catalogue of recorded
 * units and the trials, on the real recordings (expected values from their README), and the
 * catalogue stitched into a two-area layout as a fit builds it.
 */
class RecordingAreasTest {
  private static final String LEFT = "sub-anm369962_ses-20170309";
  private static final String RIGHT = "sub-anm369962_ses-20170316";

  private static TrialSetConfig config(String areaJson) throws Exception {
    return TrialSetConfig.fromJson(new ObjectMapper().readTree("{\"preset\":\"delayed-response\"," + areaJson + "}"));
  }

  private static UnitCatalogue catalogue(Path file, TrialSetConfig cfg) {
    return Recording.load(file, cfg.readOptions()).catalogue(cfg.cellTypeColumn());
  }

  @Test
  void sampleByRegionAndHemisphere() throws Exception {
    TrialSetConfig byRegion = config("\"areaRule\":\"location:brain_region\"");
    assertEquals(Map.of("ALM", 66), catalogue(TestData.alm(), byRegion).countByArea());
    TrialSetConfig bySide = config("\"areaRule\":\"location:brain_region+hemisphere\"");
    UnitCatalogue c = catalogue(TestData.alm(), bySide);
    assertEquals(Map.of("ALM-left", 66), c.countByArea());
    assertEquals("sub-anm372904_ses-20170619", c.units().get(0).session());
    TrialSet ts = TrialSetBuilder.build(Recording.load(TestData.alm(), bySide.readOptions()), bySide);
    for (int u = 0; u < ts.units(); u++) {
      assertEquals("ALM-left", ts.unitArea(u));
    }
  }

  @Test
  void rightHemisphereSessionAndCellTypes() throws Exception {
    TrialSetConfig bySide = config("\"areaRule\":\"location:brain_region+hemisphere\"");
    UnitCatalogue right = catalogue(TestData.dandi000006(RIGHT), bySide);
    assertEquals(Map.of("ALM-right", 2), right.countByArea());
    for (RecordedUnit u : right.units()) {
      assertEquals(CellClass.EXCITATORY, u.cellClass()); // PTlower: pyramidal-tract neurons
      assertEquals(RIGHT, u.session());
    }
    TrialSetConfig byType = config("\"areaRule\":\"column:cell_type\"");
    assertEquals(Map.of("PTlower", 3), catalogue(TestData.dandi000006(LEFT), byType).countByArea());
  }

  @Test
  void mappedCellTypesOfTheSample() throws Exception {
    TrialSetConfig mapped = config("\"areaRule\":\"column:cell_type\",\"areaMap\":{\"PTupper\":\"ALM-PTup\","
        + "\"unidentified\":\"ALM\"}");
    assertEquals(Map.of("ALM", 65, "ALM-PTup", 1), catalogue(TestData.alm(), mapped).countByArea());
    TrialSetConfig star = config("\"areaRule\":\"column:cell_type\",\"areaMap\":{\"PTupper\":\"ALM-PTup\",\"*\":\"ALM\"}");
    assertEquals(catalogue(TestData.alm(), mapped).units(), catalogue(TestData.alm(), star).units());
  }

  @Test
  void aLabelMissingFromTheMapIsADataError() throws Exception {
    TrialSetConfig partial = config("\"areaRule\":\"column:cell_type\",\"areaMap\":{\"PTupper\":\"ALM-PTup\"}");
    Path f = TestData.dandi000006(LEFT);
    NwbFormatException e = assertThrows(NwbFormatException.class, () -> Recording.load(f, partial.readOptions()));
    assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("units/cell_type")
        && e.getMessage().contains("'PTlower' for 3 units (row 0 id "), e.getMessage());
  }

  @Test
  void unknownFieldAndMissingColumnAreDataErrors() throws Exception {
    TrialSetConfig field = config("\"areaRule\":\"location:brain_region+hemi\"");
    NwbFormatException e = assertThrows(NwbFormatException.class, () -> Recording.load(TestData.alm(), field.readOptions()));
    assertTrue(e.expected().contains("field hemi "), e.getMessage());
    TrialSetConfig column = config("\"areaRule\":\"column:projection\"");
    e = assertThrows(NwbFormatException.class, () -> Recording.load(TestData.alm(), column.readOptions()));
    assertEquals("units/projection", e.inFilePath());
  }

  @Test
  void hemispheresStitchIntoTwoModelAreas() throws Exception {
    TrialSetConfig bySide = config("\"areaRule\":\"location:brain_region+hemisphere\"");
    List<UnitCatalogue> parts = new ArrayList<>();
    for (String s : List.of(LEFT, RIGHT, "sub-anm369963_ses-20170309", "sub-anm372795_ses-20170714")) {
      parts.add(catalogue(TestData.dandi000006(s), bySide));
    }
    UnitCatalogue all = UnitCatalogue.concat(parts);
    assertEquals(Map.of("ALM-left", 7, "ALM-right", 4), all.countByArea());
    RsnnConfig model = RsnnConfig.figure2().toBuilder().nUnits(40).areas(List.of("ALM-left", "ALM-right"))
        .motorAreas(List.of("ALM-left")).hiddenUnits(true).build();
    NetworkLayout layout = NetworkLayout.fromCatalogue(model, all, new RandomStreams(1));
    Set<String> rightSessions = new TreeSet<>();
    int recorded = 0;
    for (int i = 0; i < layout.nUnits(); i++) {
      if (layout.isHidden(i)) {
        continue;
      }
      recorded++;
      String area = layout.areaNames().get(layout.area(i));
      RecordedUnit u = unit(all, layout.session(i), layout.recordedIndex(i));
      assertEquals(u.area(), area, "model unit " + i);
      if (area.equals("ALM-right")) {
        rightSessions.add(u.session());
      }
    }
    int below = 0;
    for (RecordedUnit u : all.units()) {
      below += u.rateHz() < model.maxRateHz() ? 1 : 0;
    }
    assertEquals(below, recorded); // 16 E slots per area hold every unit below the rate cap
    assertEquals(Set.of(RIGHT, "sub-anm369963_ses-20170309"), rightSessions);
  }

  private static RecordedUnit unit(UnitCatalogue c, String session, int row) {
    for (RecordedUnit u : c.units()) {
      if (u.session().equals(session) && u.unitIndex() == row) {
        return u;
      }
    }
    throw new AssertionError("no unit " + session + " " + row);
  }
}
