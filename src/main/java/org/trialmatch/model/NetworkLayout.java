package org.trialmatch.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trialmatch.data.CellClass;
import org.trialmatch.data.ConfigException;
import org.trialmatch.data.RecordedUnit;
import org.trialmatch.data.UnitCatalogue;

/**
 * Which unit is where: areas, E/I type, motor units, adaptive units, and (when built from recordings)
 * the recorded unit each model unit stands for.
 *
 * <p>Unit order follows method reference §2.2: E units first ({@code 0…nExc−1}), then I units; area
 * {@code a} of {@code A} owns E units {@code [a·nExc/A, (a+1)·nExc/A)} and I units {@code nExc +
 * [a·nInh/A, (a+1)·nInh/A)}. Input units {@code 0…nExcInputs−1} are excitatory, the rest inhibitory.
 *
 * <p>Connectivity rule (Dale's law, no autapses, no inter-area inhibition): unit {@code pre} may
 * project to {@code post} iff {@code pre != post} and ({@code pre} is E or both are in the same
 * area); see {@link #allowed}. Adaptive units: in every (area, type) population the first {@code
 * round(adaptiveFraction · size)} units.
 */
public final class NetworkLayout {
  private final int nUnits;
  private final int nExc;
  private final List<String> areaNames;
  private final int[] area;
  private final int[] motorUnits;
  private final int[] motorSlot;
  private final int[] adaptiveUnits;
  private final int[] adaptiveSlot;
  private final int nInputs;
  private final int nExcInputs;
  private final String[] session;
  private final int[] recordedIndex;
  private final double[] rateHz;

  private NetworkLayout(RsnnConfig c, String[] session, int[] recordedIndex, double[] rateHz) {
    this.nUnits = c.nUnits();
    this.nExc = c.nExc();
    this.areaNames = List.copyOf(c.areas());
    int nAreas = areaNames.size();
    int nInh = nUnits - nExc;
    this.area = new int[nUnits];
    for (int a = 0; a < nAreas; a++) {
      for (int i = a * nExc / nAreas; i < (a + 1) * nExc / nAreas; i++) {
        area[i] = a;
      }
      for (int i = a * nInh / nAreas; i < (a + 1) * nInh / nAreas; i++) {
        area[nExc + i] = a;
      }
    }
    boolean[] motorArea = new boolean[nAreas];
    for (String m : c.motorAreas()) {
      motorArea[areaNames.indexOf(m)] = true;
    }
    int nm = 0;
    for (int i = 0; i < nExc; i++) {
      if (motorArea[area[i]]) {
        nm++;
      }
    }
    this.motorUnits = new int[nm];
    this.motorSlot = new int[nUnits];
    Arrays.fill(motorSlot, -1);
    nm = 0;
    for (int i = 0; i < nExc; i++) {
      if (motorArea[area[i]]) {
        motorSlot[i] = nm;
        motorUnits[nm++] = i;
      }
    }
    // adaptive units: first round(frac * size) of each (area, type) population
    List<Integer> ad = new ArrayList<>();
    for (int a = 0; a < nAreas; a++) {
      for (int type = 0; type < 2; type++) {
        int lo = type == 0 ? a * nExc / nAreas : nExc + a * nInh / nAreas;
        int hi = type == 0 ? (a + 1) * nExc / nAreas : nExc + (a + 1) * nInh / nAreas;
        long k = Math.round(c.adaptiveFraction() * (hi - lo));
        for (int i = lo; i < lo + k; i++) {
          ad.add(i);
        }
      }
    }
    Collections.sort(ad);
    this.adaptiveUnits = new int[ad.size()];
    this.adaptiveSlot = new int[nUnits];
    Arrays.fill(adaptiveSlot, -1);
    for (int k = 0; k < ad.size(); k++) {
      adaptiveUnits[k] = ad.get(k);
      adaptiveSlot[ad.get(k)] = k;
    }
    this.nInputs = c.nInputs();
    this.nExcInputs = c.nExcInputs();
    this.session = session;
    this.recordedIndex = recordedIndex;
    this.rateHz = rateHz;
  }

  /**
   * A layout from sizes only: no recorded units (every unit is hidden).
   *
   * @param config the model configuration
   * @return the layout
   */
  public static NetworkLayout fromSizes(RsnnConfig config) {
    int n = config.nUnits();
    String[] s = new String[n];
    Arrays.fill(s, "");
    int[] idx = new int[n];
    Arrays.fill(idx, -1);
    double[] r = new double[n];
    Arrays.fill(r, Double.NaN);
    return new NetworkLayout(config, s, idx, r);
  }

  /**
   * A layout whose units stand for recorded units (session stitching, method reference §1.3).
   *
   * <p>Candidates are catalogue units in one of the model's areas with rate below {@code maxRateHz}.
   * Sessions are ranked by their number of candidates (most first; ties in catalogue order). Each
   * (area, type) population keeps its own cursor into that ranking: model units are filled in order,
   * each taking a uniformly random remaining candidate of its area and type from the current session
   * and moving to the next session when that one has none left, so a session's units are used up
   * before the next is touched. E slots take units labelled excitatory or unknown; I slots take units
   * labelled inhibitory. When the candidates run out the remaining units are hidden (session "",
   * recorded index −1, rate of a random candidate) if {@code hiddenUnits} is set, otherwise a {@link
   * ConfigException} names every population that is short.
   *
   * @param config the model configuration
   * @param catalogue the recorded units
   * @param streams random streams (uses {@link RandomStreams.Stream#STITCH})
   * @return the layout
   */
  public static NetworkLayout fromCatalogue(RsnnConfig config, UnitCatalogue catalogue, RandomStreams streams) {
    List<String> areas = config.areas();
    List<RecordedUnit> cand = new ArrayList<>();
    for (RecordedUnit u : catalogue.units()) {
      if (areas.contains(u.area()) && u.rateHz() < config.maxRateHz()) {
        cand.add(u);
      }
    }
    // rank sessions by candidate count, ties in first-seen order
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (RecordedUnit u : cand) {
      counts.merge(u.session(), 1, Integer::sum);
    }
    List<String> order = new ArrayList<>(counts.keySet());
    List<String> firstSeen = new ArrayList<>(order);
    order.sort(Comparator.comparing((String s) -> -counts.get(s)).thenComparing(firstSeen::indexOf));
    // pools[area][type][sessionRank] = remaining candidates
    int nAreas = areas.size();
    Map<String, Integer> rank = new HashMap<>();
    for (int k = 0; k < order.size(); k++) {
      rank.put(order.get(k), k);
    }
    List<List<List<List<RecordedUnit>>>> pools = new ArrayList<>();
    for (int a = 0; a < nAreas; a++) {
      List<List<List<RecordedUnit>>> byType = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        List<List<RecordedUnit>> bySession = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
          bySession.add(new ArrayList<>());
        }
        byType.add(bySession);
      }
      pools.add(byType);
    }
    for (RecordedUnit u : cand) {
      int t = u.cellClass() == CellClass.INHIBITORY ? 1 : 0;
      pools.get(areas.indexOf(u.area())).get(t).get(rank.get(u.session())).add(u);
    }
    NetworkLayout shape = fromSizes(config);
    int n = config.nUnits();
    String[] sess = new String[n];
    int[] idx = new int[n];
    double[] rate = new double[n];
    int[][] cursor = new int[nAreas][2];
    int[][] missing = new int[nAreas][2];
    RandomStreams.Sequence rng = streams.sequence(RandomStreams.Stream.STITCH, 0);
    List<Integer> hidden = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int a = shape.area[i];
      int t = shape.isExcitatory(i) ? 0 : 1;
      List<List<RecordedUnit>> bySession = pools.get(a).get(t);
      while (cursor[a][t] < bySession.size() && bySession.get(cursor[a][t]).isEmpty()) {
        cursor[a][t]++;
      }
      if (cursor[a][t] >= bySession.size()) {
        missing[a][t]++;
        hidden.add(i);
        continue;
      }
      List<RecordedUnit> pool = bySession.get(cursor[a][t]);
      RecordedUnit u = pool.remove(rng.nextInt(pool.size()));
      sess[i] = u.session();
      idx[i] = u.unitIndex();
      rate[i] = u.rateHz();
    }
    if (!hidden.isEmpty()) {
      if (!config.hiddenUnits()) {
        List<String> msgs = new ArrayList<>();
        for (int a = 0; a < nAreas; a++) {
          for (int t = 0; t < 2; t++) {
            if (missing[a][t] > 0) {
              msgs.add(areas.get(a) + " " + (t == 0 ? "E" : "I") + " short by " + missing[a][t]);
            }
          }
        }
        throw new ConfigException("model.hiddenUnits", "not enough recorded units below "
            + config.maxRateHz() + " Hz for the layout (" + String.join(", ", msgs)
            + "); lower model.nUnits or set model.hiddenUnits to true");
      }
      for (int i : hidden) {
        sess[i] = "";
        idx[i] = -1;
        rate[i] = cand.isEmpty() ? Double.NaN : cand.get(rng.nextInt(cand.size())).rateHz();
      }
    }
    return new NetworkLayout(config, sess, idx, rate);
  }

  /** @return number of units */
  public int nUnits() {
    return nUnits;
  }

  /** @return number of E units (indices {@code 0…nExc−1}) */
  public int nExc() {
    return nExc;
  }

  /** @return number of areas */
  public int nAreas() {
    return areaNames.size();
  }

  /** @return the area names, in index order */
  public List<String> areaNames() {
    return areaNames;
  }

  /**
   * @param i unit
   * @return its area index
   */
  public int area(int i) {
    return area[i];
  }

  /**
   * @param i unit
   * @return whether it is excitatory
   */
  public boolean isExcitatory(int i) {
    return i < nExc;
  }

  /**
   * @param i unit
   * @return +1 for E, −1 for I (the sign of its outgoing weights)
   */
  public int sign(int i) {
    return i < nExc ? 1 : -1;
  }

  /**
   * Whether a synapse {@code pre → post} may exist (the mask M·R of method reference §2.5).
   *
   * @param post postsynaptic unit
   * @param pre presynaptic unit
   * @return {@code pre != post && (pre is E || same area)}
   */
  public boolean allowed(int post, int pre) {
    return post != pre && (pre < nExc || area[post] == area[pre]);
  }

  /** @return number of units driving the jaw (E units of the motor areas) */
  public int nMotor() {
    return motorUnits.length;
  }

  /**
   * @param k index among motor units
   * @return the unit
   */
  public int motorUnit(int k) {
    return motorUnits[k];
  }

  /**
   * @param i unit
   * @return its index among motor units, or −1
   */
  public int motorSlot(int i) {
    return motorSlot[i];
  }

  /** @return number of adaptive-threshold units */
  public int nAdaptive() {
    return adaptiveUnits.length;
  }

  /**
   * @param k index among adaptive units
   * @return the unit
   */
  public int adaptiveUnit(int k) {
    return adaptiveUnits[k];
  }

  /**
   * @param i unit
   * @return its index among adaptive units, or −1
   */
  public int adaptiveSlot(int i) {
    return adaptiveSlot[i];
  }

  /** @return number of input units */
  public int nInputs() {
    return nInputs;
  }

  /** @return number of excitatory input units (indices {@code 0…nExcInputs−1}) */
  public int nExcInputs() {
    return nExcInputs;
  }

  /**
   * @param k input unit
   * @return +1 for an excitatory input, −1 for an inhibitory one
   */
  public int inputSign(int k) {
    return k < nExcInputs ? 1 : -1;
  }

  /**
   * @param i unit
   * @return the session of the recorded unit it stands for, or "" for a hidden unit
   */
  public String session(int i) {
    return session[i];
  }

  /**
   * @param i unit
   * @return the row of its recorded unit in that session's units table, or −1 for a hidden unit
   */
  public int recordedIndex(int i) {
    return recordedIndex[i];
  }

  /**
   * @param i unit
   * @return whether no recorded unit stands behind it
   */
  public boolean isHidden(int i) {
    return recordedIndex[i] < 0;
  }

  /**
   * @param i unit
   * @return the recorded unit's firing rate (Hz); for hidden units that of a random candidate, NaN
   *     for layouts built from sizes
   */
  public double rateHz(int i) {
    return rateHz[i];
  }

  /** @return number of model units per session (hidden units not counted), in unit order of first use */
  public Map<String, Integer> countBySession() {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < nUnits; i++) {
      if (!isHidden(i)) {
        m.merge(session[i], 1, Integer::sum);
      }
    }
    return m;
  }
}
