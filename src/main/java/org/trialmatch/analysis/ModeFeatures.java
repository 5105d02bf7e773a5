package org.trialmatch.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The trials the modes of variability embed ({@link ModeAnalysis}), with their features and weights.
 *
 * <p><b>Which trials.</b> The areas are the one set, among the sessions' eligible sets (the areas with
 * at least {@code minUnits} units), that covers the most (areas × test trials of the sessions recording
 * all of it), ties to the larger set ({@link #bestAreaSet}). Every session that records each of those
 * areas with at least {@code minUnits} units and has test and model trials is embedded
 * ({@link #embeddedSessions}). Rows: the test trials of each embedded session in session order, then
 * its model trials in the same order.
 *
 * <p><b>Features.</b> Per area block the F2∘F1 population average ({@code t2} bins), then, when every
 * embedded session has test and model behaviour, one block per behaviour channel (the first embedded
 * session's channels); row-major {@code [point][block * t2 + t]}. Per session and block, each bin is
 * centred on the session's test-data mean of that bin, and the block divided by one scalar: the
 * root mean square of the test data about those centres over (bins × test trials), replaced by 1 below
 * {@link ScoreFeatures#MIN_STD}. A session's model trials use its test data's centres and scale. (The
 * t_trial features, {@link ScoreFeatures}, subtract one scalar mean per block instead.)
 *
 * <p><b>Weights.</b> Each source carries half the total weight: a data trial {@code 0.5 / dataTrials},
 * a model trial {@code 0.5 / modelTrials}.
 */
final class ModeFeatures {
  /** The areas of the leading blocks, ascending. */
  final List<Integer> areas;
  /** Their names. */
  final List<String> areaNames;
  /** Indices of the embedded sessions, ascending. */
  final List<Integer> sessions;
  /** Their names. */
  final List<String> sessionNames;
  /** Whether behaviour blocks follow the area blocks. */
  final boolean behaviour;
  /** Embedded test-data trials (all sessions). */
  final int dataTrials;
  /** Embedded model trials (all sessions, each session's model trials counted). */
  final int modelTrials;
  /** Embedded trials, dataTrials + modelTrials. */
  final int points;
  /** Feature dimension, blocks x t2. */
  final int dims;
  /** Features, row-major [point][dims]. */
  final double[] x;
  /** Weight per point (summing to 1). */
  final double[] weight;
  /** Per point: true for a model trial. */
  final boolean[] isModel;
  /** Per point: its session index (into all sessions). */
  final int[] session;
  /** Per point: its trial index in its session's test or model trials. */
  final int[] trial;
  /** Per point: its trial type. */
  final String[] type;

  private ModeFeatures(List<Integer> areas, List<String> areaNames, List<Integer> sessions, List<String> sessionNames,
      boolean behaviour, int dataTrials, int modelTrials, int dims, double[] x, double[] weight, boolean[] isModel,
      int[] session, int[] trial, String[] type) {
    this.areas = List.copyOf(areas);
    this.areaNames = List.copyOf(areaNames);
    this.sessions = List.copyOf(sessions);
    this.sessionNames = List.copyOf(sessionNames);
    this.behaviour = behaviour;
    this.dataTrials = dataTrials;
    this.modelTrials = modelTrials;
    this.points = dataTrials + modelTrials;
    this.dims = dims;
    this.x = x;
    this.weight = weight;
    this.isModel = isModel;
    this.session = session;
    this.trial = trial;
    this.type = type;
  }

  /**
   * @param run the filtered inputs
   * @param minUnits the least units an area needs in a session
   * @return the area set covering the most (areas x test trials), ties to the larger set; empty when no
   *     session has an area with {@code minUnits} units
   */
  static Optional<List<Integer>> bestAreaSet(FilteredInputs run, int minUnits) {
    List<FilteredSession> sessions = run.sessions();
    List<List<Integer>> candidates = new ArrayList<>();
    for (FilteredSession p : sessions) {
      List<Integer> e = p.eligibleAreas(minUnits);
      if (!e.isEmpty() && !candidates.contains(e)) {
        candidates.add(e);
      }
    }
    List<Integer> best = null;
    long bestCover = -1;
    for (List<Integer> c : candidates) {
      long trials = 0;
      for (FilteredSession p : sessions) {
        if (p.eligibleAreas(minUnits).containsAll(c)) {
          trials += p.test.trials;
        }
      }
      long cover = trials * c.size();
      if (cover > bestCover || (cover == bestCover && c.size() > best.size())) {
        best = c;
        bestCover = cover;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * @param run the filtered inputs
   * @param areas the area set
   * @param minUnits the least units an area needs in a session
   * @return the sessions recording every area of the set with {@code minUnits} units and having test
   *     and model trials, ascending
   */
  static List<Integer> embeddedSessions(FilteredInputs run, List<Integer> areas, int minUnits) {
    List<Integer> included = new ArrayList<>();
    for (int s = 0; s < run.sessions().size(); s++) {
      FilteredSession p = run.sessions().get(s);
      if (p.eligibleAreas(minUnits).containsAll(areas) && p.test.trials > 0 && p.model.trials > 0) {
        included.add(s);
      }
    }
    return included;
  }

  /**
   * @param run the filtered inputs
   * @param areas the area set
   * @param included the embedded sessions, not empty ({@link #embeddedSessions})
   * @return their trials' features
   */
  static ModeFeatures build(FilteredInputs run, List<Integer> areas, List<Integer> included) {
    List<FilteredSession> sessions = run.sessions();
    int t2 = run.t2();
    int nd = 0;
    int nm = 0;
    boolean beh = true;
    for (int s : included) {
      FilteredSession p = sessions.get(s);
      nd += p.test.trials;
      nm += p.model.trials;
      beh &= p.test.behF2 != null && p.model.behF2 != null;
    }
    int n = nd + nm;
    int blocks = areas.size() + (beh ? sessions.get(included.get(0)).test.behF2.length : 0);
    int d = blocks * t2;
    double[] x = new double[n * d];
    double[] w = new double[n];
    boolean[] isModel = new boolean[n];
    int[] pointSession = new int[n];
    int[] pointTrial = new int[n];
    String[] type = new String[n];
    int row = 0;
    for (int pass = 0; pass < 2; pass++) {
      for (int s : included) {
        FilteredSession p = sessions.get(s);
        FilteredTrials src = pass == 0 ? p.test : p.model;
        for (int b = 0; b < blocks; b++) {
          double[] dataV = b < areas.size() ? p.test.popF2[areas.get(b)] : p.test.behF2[b - areas.size()];
          double[] v = b < areas.size() ? src.popF2[areas.get(b)] : src.behF2[b - areas.size()];
          int kd = p.test.trials;
          double[] centre = binMeans(dataV, t2, kd);
          double sd = scale(dataV, centre, t2, kd);
          int nK = src.trials;
          for (int k = 0; k < nK; k++) {
            int r = row + k;
            for (int t = 0; t < t2; t++) {
              x[r * d + b * t2 + t] = (v[t * nK + k] - centre[t]) / sd;
            }
          }
        }
        for (int k = 0; k < src.trials; k++) {
          int r = row + k;
          isModel[r] = pass == 1;
          w[r] = pass == 0 ? 0.5 / nd : 0.5 / nm;
          pointSession[r] = s;
          pointTrial[r] = k;
          type[r] = src.types.get(k);
        }
        row += src.trials;
      }
    }
    List<String> sessionNames = new ArrayList<>();
    for (int s : included) {
      sessionNames.add(sessions.get(s).name);
    }
    return new ModeFeatures(areas, run.areaNames(areas), included, sessionNames, beh, nd, nm, d, x, w, isModel,
        pointSession, pointTrial, type);
  }

  /** @return per bin, the mean over trials of {@code v}, row-major [t2][trials] */
  private static double[] binMeans(double[] v, int t2, int trials) {
    double[] centre = new double[t2];
    for (int t = 0; t < t2; t++) {
      for (int k = 0; k < trials; k++) {
        centre[t] += v[t * trials + k];
      }
      centre[t] /= trials;
    }
    return centre;
  }

  /** @return the root mean square of {@code v} about the bin means, 1 below {@link ScoreFeatures#MIN_STD} */
  private static double scale(double[] v, double[] centre, int t2, int trials) {
    double ss = 0;
    for (int t = 0; t < t2; t++) {
      for (int k = 0; k < trials; k++) {
        double dv = v[t * trials + k] - centre[t];
        ss += dv * dv;
      }
    }
    double sd = Math.sqrt(ss / (t2 * (double) trials));
    if (sd < ScoreFeatures.MIN_STD) {
      sd = 1.0;
    }
    return sd;
  }
}
