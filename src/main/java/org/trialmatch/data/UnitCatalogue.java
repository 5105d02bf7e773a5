package org.trialmatch.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The recorded units of one or more sessions, in a fixed order (session, then unit row). */
public final class UnitCatalogue {
  private final List<RecordedUnit> units;

  private UnitCatalogue(List<RecordedUnit> units) {
    this.units = Collections.unmodifiableList(new ArrayList<>(units));
  }

  /**
   * @param units the units, in the order to keep
   * @return a catalogue over a copy of the list
   */
  public static UnitCatalogue of(List<RecordedUnit> units) {
    return new UnitCatalogue(units);
  }

  /**
   * @param parts catalogues to concatenate (e.g. one per session)
   * @return their concatenation, in order
   */
  public static UnitCatalogue concat(List<UnitCatalogue> parts) {
    List<RecordedUnit> all = new ArrayList<>();
    for (UnitCatalogue p : parts) {
      all.addAll(p.units);
    }
    return new UnitCatalogue(all);
  }

  /** @return the units (unmodifiable) */
  public List<RecordedUnit> units() {
    return units;
  }

  /** @return the number of units */
  public int size() {
    return units.size();
  }

  /** @return number of units per session, in first-seen order */
  public Map<String, Integer> countBySession() {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (RecordedUnit u : units) {
      m.merge(u.session(), 1, Integer::sum);
    }
    return m;
  }

  /** @return number of units per area, in first-seen order */
  public Map<String, Integer> countByArea() {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (RecordedUnit u : units) {
      m.merge(u.area(), 1, Integer::sum);
    }
    return m;
  }
}
