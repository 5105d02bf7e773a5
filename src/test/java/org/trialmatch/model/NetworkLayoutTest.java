package org.trialmatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.trialmatch.data.CellClass;
import org.trialmatch.data.ConfigException;
import org.trialmatch.data.RecordedUnit;
import org.trialmatch.data.UnitCatalogue;

class NetworkLayoutTest {

  @Test
  void paperLayoutFromSizes() {
    NetworkLayout l = NetworkLayout.fromSizes(RsnnConfig.paper());
    assertEquals(1500, l.nUnits());
    assertEquals(1200, l.nExc());
    int[][] counts = new int[6][2];
    for (int i = 0; i < l.nUnits(); i++) {
      counts[l.area(i)][l.isExcitatory(i) ? 0 : 1]++;
      assertEquals(l.isExcitatory(i) ? 1 : -1, l.sign(i));
      assertTrue(l.isHidden(i));
    }
    for (int a = 0; a < 6; a++) {
      assertEquals(200, counts[a][0]);
      assertEquals(50, counts[a][1]);
    }
    assertEquals(400, l.nMotor());
    for (int k = 0; k < l.nMotor(); k++) {
      int u = l.motorUnit(k);
      assertTrue(l.isExcitatory(u));
      String area = l.areaNames().get(l.area(u));
      assertTrue(area.equals("ALM") || area.equals("tjM1"));
      assertEquals(k, l.motorSlot(u));
    }
    assertEquals(0, l.nAdaptive());
    assertEquals(240, l.nExcInputs());
  }

  @Test
  void connectivityRule() {
    NetworkLayout l = NetworkLayout.fromSizes(RsnnConfig.paper().toBuilder().nUnits(50)
        .areas(List.of("a", "b", "c")).motorAreas(List.of("c")).build());
    int interAreaInhibitory = 0;
    for (int post = 0; post < l.nUnits(); post++) {
      assertFalse(l.allowed(post, post), "autapse " + post);
      for (int pre = 0; pre < l.nUnits(); pre++) {
        if (pre == post) {
          continue;
        }
        boolean sameArea = l.area(pre) == l.area(post);
        if (l.isExcitatory(pre)) {
          assertTrue(l.allowed(post, pre));
        } else {
          assertEquals(sameArea, l.allowed(post, pre));
          if (!sameArea) {
            interAreaInhibitory++;
          }
        }
      }
    }
    assertTrue(interAreaInhibitory > 0);
  }

  @Test
  void adaptiveUnitsPerPopulation() {
    NetworkLayout l = NetworkLayout.fromSizes(RsnnConfig.paper().toBuilder().adaptiveFraction(0.1).build());
    int[][] counts = new int[6][2];
    for (int k = 0; k < l.nAdaptive(); k++) {
      int u = l.adaptiveUnit(k);
      counts[l.area(u)][l.isExcitatory(u) ? 0 : 1]++;
      assertEquals(k, l.adaptiveSlot(u));
    }
    for (int a = 0; a < 6; a++) {
      assertEquals(20, counts[a][0]);
      assertEquals(5, counts[a][1]);
    }
  }

  private static List<RecordedUnit> units(String session, String area, CellClass cls, int count, int start) {
    List<RecordedUnit> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      out.add(new RecordedUnit(session, start + k, area, cls, 2.0 + k));
    }
    return out;
  }

  /** S1: A 3E+1I (4 candidates); S2: A 2E, B 5E+1I (8); S3: B 2E (2) plus excluded units. */
  private static UnitCatalogue catalogue() {
    List<RecordedUnit> u = new ArrayList<>();
    u.addAll(units("S1", "A", CellClass.EXCITATORY, 3, 0));
    u.addAll(units("S1", "A", CellClass.INHIBITORY, 1, 3));
    u.addAll(units("S2", "A", CellClass.UNKNOWN, 2, 0));
    u.addAll(units("S2", "B", CellClass.EXCITATORY, 5, 2));
    u.addAll(units("S2", "B", CellClass.INHIBITORY, 1, 7));
    u.addAll(units("S3", "B", CellClass.EXCITATORY, 2, 0));
    u.add(new RecordedUnit("S3", 2, "C", CellClass.EXCITATORY, 1.0)); // area not modelled
    u.add(new RecordedUnit("S3", 3, "B", CellClass.EXCITATORY, 55.0)); // above maxRateHz
    u.add(new RecordedUnit("S1", 4, "B", CellClass.INHIBITORY, 40.0)); // at maxRateHz: excluded
    return UnitCatalogue.of(u);
  }

  private static RsnnConfig twoAreas(int nUnits, boolean hidden) {
    return RsnnConfig.paper().toBuilder().nUnits(nUnits).areas(List.of("A", "B")).motorAreas(List.of("B"))
        .hiddenUnits(hidden).build();
  }

  @Test
  void stitchingUsesUpOneSessionBeforeTheNext() {
    // 10 units: per area 4 E + 1 I. Sessions ranked S2 (8 candidates), S1 (4), S3 (2).
    // A-E: S2 has 2, then S1 gives 2. A-I: S2 none, S1 gives 1. B-E: S2 gives 4. B-I: S2 gives 1.
    NetworkLayout l = NetworkLayout.fromCatalogue(twoAreas(10, false), catalogue(), new RandomStreams(1));
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("S2", 7);
    expected.put("S1", 3);
    assertEquals(expected, l.countBySession());
    Map<String, Integer> aE = new LinkedHashMap<>();
    Set<String> used = new HashSet<>();
    UnitCatalogue cat = catalogue();
    for (int i = 0; i < l.nUnits(); i++) {
      assertFalse(l.isHidden(i));
      assertTrue(used.add(l.session(i) + "#" + l.recordedIndex(i)), "a recorded unit used twice");
      RecordedUnit r = null;
      for (RecordedUnit u : cat.units()) {
        if (u.session().equals(l.session(i)) && u.unitIndex() == l.recordedIndex(i)) {
          r = u;
        }
      }
      assertEquals(l.areaNames().get(l.area(i)), r.area());
      assertEquals(r.rateHz(), l.rateHz(i));
      assertEquals(l.isExcitatory(i), r.cellClass() != CellClass.INHIBITORY);
      if (l.area(i) == 0 && l.isExcitatory(i)) {
        aE.merge(l.session(i), 1, Integer::sum);
      }
    }
    assertEquals(Map.of("S2", 2, "S1", 2), aE);
  }

  @Test
  void stitchingIsSeeded() {
    NetworkLayout a = NetworkLayout.fromCatalogue(twoAreas(10, false), catalogue(), new RandomStreams(1));
    NetworkLayout b = NetworkLayout.fromCatalogue(twoAreas(10, false), catalogue(), new RandomStreams(1));
    boolean differs = false;
    for (int seed = 2; seed < 12 && !differs; seed++) {
      NetworkLayout c = NetworkLayout.fromCatalogue(twoAreas(10, false), catalogue(), new RandomStreams(seed));
      for (int i = 0; i < 10; i++) {
        differs |= c.recordedIndex(i) != a.recordedIndex(i);
      }
    }
    for (int i = 0; i < 10; i++) {
      assertEquals(a.recordedIndex(i), b.recordedIndex(i));
    }
    assertTrue(differs, "the pick inside a session should depend on the seed");
  }

  @Test
  void shortPopulationsBecomeHiddenOrFail() {
    // 20 units: per area 8 E + 2 I; candidates A-E 5, A-I 1, B-E 7, B-I 1
    ConfigException e = assertThrows(ConfigException.class,
        () -> NetworkLayout.fromCatalogue(twoAreas(20, false), catalogue(), new RandomStreams(1)));
    assertTrue(e.getMessage().contains("A E short by 3") && e.getMessage().contains("A I short by 1")
        && e.getMessage().contains("B E short by 1") && e.getMessage().contains("B I short by 1"), e.getMessage());
    NetworkLayout l = NetworkLayout.fromCatalogue(twoAreas(20, true), catalogue(), new RandomStreams(1));
    int hidden = 0;
    for (int i = 0; i < l.nUnits(); i++) {
      if (l.isHidden(i)) {
        hidden++;
        assertEquals("", l.session(i));
        assertTrue(l.rateHz(i) > 0);
      }
    }
    assertEquals(6, hidden);
    assertEquals(14, l.countBySession().values().stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void iUnitsWithoutLabelledDataAreHidden() {
    List<RecordedUnit> u = new ArrayList<>();
    u.addAll(units("X", "A", CellClass.UNKNOWN, 8, 0));
    u.addAll(units("X", "B", CellClass.UNKNOWN, 8, 8));
    NetworkLayout l = NetworkLayout.fromCatalogue(twoAreas(10, true), UnitCatalogue.of(u), new RandomStreams(1));
    for (int i = 0; i < l.nUnits(); i++) {
      assertEquals(!l.isExcitatory(i), l.isHidden(i));
    }
  }
}
