package org.trialmatch.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.trialmatch.data.TrialTensor;
import org.trialmatch.loss.BoxFilter;

/**
 * PSTHs per condition, test data vs model, mean ± s.e.m. over trials, on the F2∘F1 time axis (Hz), for
 * a few units of each area and for the area's population.
 *
 * <p><b>Which units.</b> Per area, the {@value #UNITS_PER_AREA} recorded units (of all sessions) with the
 * highest t_neuron ceiling, the train-vs-test correlation of their PSTH ({@link NeuronCorrelations#ceiling()}):
 * the units whose time course the data reproduce best, so that a mismatch is the model's. Units without
 * a ceiling (constant PSTH, or below the rate filter) are never chosen; ties go to the earlier session
 * and unit.
 *
 * <p><b>A unit.</b> Per trial, its spike counts divided by the bin width and filtered by F1 then F2;
 * per condition, mean and standard error over the condition's test trials of its session (data) and
 * over the condition's model trials of its session (model).
 *
 * <p><b>The population</b> of an area: per trial, the mean over the session's units in the area of the
 * same filtered rate ({@code FilteredTrials#popF2}). Sessions are independent recordings: each
 * session's condition mean and standard error are combined with weights equal to its number of units in
 * the area ({@link ConditionMeans#combine}), so the mean equals the mean over the area's units of their
 * PSTHs. Model trials shared by every session are the same trials: their population is the same weighted
 * mean taken per model trial, and its standard error is over those trials.
 */
public final class UnitPsths {
  /** Units shown per area. */
  public static final int UNITS_PER_AREA = 4;

  /**
   * One unit shown.
   *
   * @param area its area
   * @param session its session
   * @param unit its index in the session's units
   * @param label how the session names it (e.g. its NWB unit id)
   * @param ceiling its t_neuron ceiling (train vs test PSTH correlation)
   * @param model its t_neuron (model vs test PSTH correlation)
   * @param rateHz its mean rate over the test trials, Hz
   * @param psth its PSTH per condition, Hz
   */
  public record Unit(String area, String session, int unit, String label, double ceiling, double model, double rateHz,
      ConditionMeans psth) {}

  private final double[] timesMs;
  private final List<String> areas;
  private final List<List<Unit>> units;
  private final List<ConditionMeans> population;
  private final int[] unitsInArea;

  private UnitPsths(double[] timesMs, List<String> areas, List<List<Unit>> units, List<ConditionMeans> population,
      int[] unitsInArea) {
    this.timesMs = timesMs;
    this.areas = List.copyOf(areas);
    this.units = units;
    this.population = population;
    this.unitsInArea = unitsInArea;
  }

  /** @return the rule that chose the units, in words */
  public static String rule() {
    return "the " + UNITS_PER_AREA + " units of the area with the highest t_neuron ceiling (train-vs-test PSTH "
        + "correlation)";
  }

  /** @return time of each bin (F2∘F1), ms relative to the alignment event (a copy) */
  public double[] timesMs() {
    return timesMs.clone();
  }

  /** @return the run's areas, in order */
  public List<String> areas() {
    return areas;
  }

  /**
   * @param area area index
   * @return the units chosen in it, best ceiling first (empty when the area has no unit with a ceiling)
   */
  public List<Unit> units(int area) {
    return List.copyOf(units.get(area));
  }

  /**
   * @param area area index
   * @return the population PSTH per condition; absent when no session records the area
   */
  public java.util.Optional<ConditionMeans> population(int area) {
    return java.util.Optional.ofNullable(population.get(area));
  }

  /**
   * @param area area index
   * @return recorded units in the area (all sessions)
   */
  public int unitsInArea(int area) {
    return unitsInArea[area];
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * @param run the filtered inputs
   * @param tNeuron t_neuron and its ceiling per unit (the ceiling chooses the units)
   * @param f2TimesMs time of each F2∘F1 bin, ms
   * @return the PSTHs
   */
  static UnitPsths compute(FilteredInputs run, NeuronCorrelations tNeuron, double[] f2TimesMs) {
    AnalysisInputs in = run.inputs();
    List<FilteredSession> sessions = run.sessions();
    BoxFilter f1 = run.f1();
    BoxFilter f2 = run.f2();
    int nA = in.areaNames().size();
    int t1 = run.t1();
    int t2 = run.t2();
    double dtS = run.dtS();
    List<String> conditions = conditions(in);
    int[] unitsInArea = new int[nA];
    for (FilteredSession p : sessions) {
      for (int a = 0; a < nA; a++) {
        unitsInArea[a] += p.unitsInArea[a];
      }
    }
    double[] ceiling = tNeuron.ceiling();
    double[] model = tNeuron.model();
    int[] sess = tNeuron.sessionOfUnit();
    int[] unit = tNeuron.unitInSession();
    int[] area = tNeuron.areaOfUnit();
    List<List<Unit>> chosen = new ArrayList<>();
    List<ConditionMeans> population = new ArrayList<>();
    for (int a = 0; a < nA; a++) {
      List<Integer> candidates = new ArrayList<>();
      for (int i = 0; i < ceiling.length; i++) {
        if (area[i] == a && Double.isFinite(ceiling[i])) {
          candidates.add(i);
        }
      }
      // stable sort: equal ceilings keep the (session, unit) order
      candidates.sort(Comparator.comparingDouble((Integer i) -> -ceiling[i]));
      List<Unit> list = new ArrayList<>();
      for (int i : candidates.subList(0, Math.min(UNITS_PER_AREA, candidates.size()))) {
        SessionInputs si = in.sessions().get(sess[i]);
        ConditionMeans psth = unitMeans(si, unit[i], conditions, f1, f2, dtS, t1, t2);
        list.add(new Unit(in.areaNames().get(a), si.name(), unit[i], si.unitLabel(unit[i]), ceiling[i], model[i],
            meanRateHz(si.test(), unit[i], dtS), psth));
      }
      chosen.add(list);
      population.add(unitsInArea[a] == 0 ? null : populationMeans(in, sessions, a, conditions, t2));
    }
    return new UnitPsths(f2TimesMs.clone(), in.areaNames(), chosen, population, unitsInArea);
  }

  /** The conditions of every test and model trial of every session, sorted. */
  static List<String> conditions(AnalysisInputs in) {
    TreeSet<String> set = new TreeSet<>();
    for (SessionInputs si : in.sessions()) {
      set.addAll(si.testConditions());
      set.addAll(si.modelConditions());
    }
    return new ArrayList<>(set);
  }

  private static ConditionMeans unitMeans(SessionInputs si, int u, List<String> conditions, BoxFilter f1,
      BoxFilter f2, double dtS, int t1, int t2) {
    double[] test = filtered(si.test(), u, f1, f2, dtS, t1);
    double[] mod = filtered(si.model(), u, f1, f2, dtS, t1);
    int nc = conditions.size();
    ConditionMeans.Trace[] d = new ConditionMeans.Trace[nc];
    ConditionMeans.Trace[] m = new ConditionMeans.Trace[nc];
    for (int c = 0; c < nc; c++) {
      String cond = conditions.get(c);
      d[c] = test == null ? ConditionMeans.Trace.empty()
          : ConditionMeans.meanSem(test, t2, si.test().trials(), ConditionMeans.trialsOf(si.testConditions(), cond));
      m[c] = mod == null ? ConditionMeans.Trace.empty()
          : ConditionMeans.meanSem(mod, t2, si.model().trials(), ConditionMeans.trialsOf(si.modelConditions(), cond));
    }
    return ConditionMeans.of(conditions, d, m);
  }

  /** F2(F1(counts / dt)) of one unit, row-major {@code [t2][trial]}, Hz; null without trials. */
  static double[] filtered(TrialTensor c, int u, BoxFilter f1, BoxFilter f2, double dtS, int t1) {
    int nT = c.steps();
    int nK = c.trials();
    if (nK == 0) {
      return null;
    }
    double[] v = new double[nT * nK];
    for (int t = 0; t < nT; t++) {
      for (int k = 0; k < nK; k++) {
        v[t * nK + k] = c.get(t, k, u) / dtS;
      }
    }
    return f2.apply(f1.apply(v, nT, nK), t1, nK);
  }

  private static double meanRateHz(TrialTensor c, int u, double dtS) {
    if (c.trials() == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (int t = 0; t < c.steps(); t++) {
      for (int k = 0; k < c.trials(); k++) {
        s += c.get(t, k, u);
      }
    }
    return s / (c.steps() * (double) c.trials() * dtS);
  }

  private static ConditionMeans populationMeans(AnalysisInputs in, List<FilteredSession> sessions, int a,
      List<String> conditions, int t2) {
    int nc = conditions.size();
    ConditionMeans.Trace[] d = new ConditionMeans.Trace[nc];
    ConditionMeans.Trace[] m = new ConditionMeans.Trace[nc];
    boolean shared = in.modelTrialsShared();
    double[] sharedPop = shared ? sharedModelPopulation(sessions, a, t2) : null;
    List<String> sharedConditions = shared ? sessions.get(0).model.conditions : null;
    for (int c = 0; c < nc; c++) {
      String cond = conditions.get(c);
      List<ConditionMeans.Trace> dp = new ArrayList<>();
      List<ConditionMeans.Trace> mp = new ArrayList<>();
      List<Double> w = new ArrayList<>();
      for (FilteredSession p : sessions) {
        if (p.unitsInArea[a] == 0) {
          continue;
        }
        w.add((double) p.unitsInArea[a]);
        dp.add(trace(p.test, a, t2, cond));
        mp.add(shared ? ConditionMeans.Trace.empty() : trace(p.model, a, t2, cond));
      }
      d[c] = ConditionMeans.combine(dp, w);
      if (shared) {
        m[c] = sharedPop == null ? ConditionMeans.Trace.empty()
            : ConditionMeans.meanSem(sharedPop, t2, sessions.get(0).model.trials,
                ConditionMeans.trialsOf(sharedConditions, cond));
      } else {
        m[c] = ConditionMeans.combine(mp, w);
      }
    }
    return ConditionMeans.of(conditions, d, m);
  }

  private static ConditionMeans.Trace trace(FilteredTrials src, int a, int t2, String cond) {
    if (src.trials == 0 || src.popF2[a] == null) {
      return ConditionMeans.Trace.empty();
    }
    return ConditionMeans.meanSem(src.popF2[a], t2, src.trials, ConditionMeans.trialsOf(src.conditions, cond));
  }

  /**
   * Model trials shared by every session: per trial, the mean over the sessions' units in area a of the
   * filtered rate, row-major {@code [t2][trial]}; null without model trials.
   */
  private static double[] sharedModelPopulation(List<FilteredSession> sessions, int a, int t2) {
    int nK = sessions.get(0).model.trials;
    if (nK == 0) {
      return null;
    }
    double[] out = new double[t2 * nK];
    int units = 0;
    for (FilteredSession p : sessions) {
      int n = p.unitsInArea[a];
      if (n == 0) {
        continue;
      }
      units += n;
      double[] pop = p.model.popF2[a];
      for (int i = 0; i < out.length; i++) {
        out[i] += n * pop[i];
      }
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= units;
    }
    return out;
  }
}
