package org.trialmatch.analysis;

import org.trialmatch.data.TrialTensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small synthetic analysis inputs: two areas, sessions with 12 units per area, 2 ms bins from
 * -100 ms. Area 1 responds to the stimulus the same way in every trial, in data and model. In the
 * data, area 2 has a hidden mode: on "Hit" trials (probability 0.8) it responds strongly, on
 * "Miss" trials not at all; the behaviour trace rises on Hit trials only. The model has no such
 * mode: its area 2 responds with the data's mean amplitude on every trial, and every model trial
 * is a Hit.
 */
public final class SyntheticInputs {
  /** Bin width, ms. */
  public static final double DT_MS = 2.0;
  /** Time bins. */
  public static final int BINS = 150;
  /** Window start, ms. */
  public static final double START_MS = -100.0;
  /** Units per area per session. */
  public static final int UNITS_PER_AREA = 12;
  /** Probability of a Hit in the data. */
  public static final double P_HIT = 0.8;
  /** Area names. */
  public static final List<String> AREAS = List.of("area1", "area2");

  private static final double BASE_HZ = 5.0;
  private static final double AREA1_HZ = 40.0;
  private static final double AREA2_HZ = 60.0;

  private SyntheticInputs() {}

  /**
   * @param sessions number of sessions
   * @param trials test, train and model trials per session
   * @param behaviour whether to include behaviour traces
   * @param metricsCsv metrics.csv path to declare, or null
   * @param seed random seed
   * @return the inputs
   */
  public static AnalysisInputs build(int sessions, int trials, boolean behaviour, Path metricsCsv, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    AnalysisInputs.Builder b = AnalysisInputs.builder("synthetic", AREAS, DT_MS).windowStartMs(START_MS)
        .behaviourLabel("jaw position (a.u.)").metadata("seed", Long.toString(seed)).metadata("kind", "synthetic");
    List<String> unitAreas = new ArrayList<>();
    for (String a : AREAS) {
      unitAreas.addAll(Collections.nCopies(UNITS_PER_AREA, a));
    }
    for (int s = 0; s < sessions; s++) {
      boolean[] testHit = hits(trials, rng);
      boolean[] trainHit = hits(trials, rng);
      double[] modelAmp = new double[trials];
      java.util.Arrays.fill(modelAmp, P_HIT);
      SessionInputs.Builder sb = SessionInputs.builder("session" + (s + 1), unitAreas)
          .test(counts(amplitudes(testHit), rng), types(testHit), conditions(trials))
          .train(counts(amplitudes(trainHit), rng), conditions(trials))
          .model(counts(modelAmp, rng), Collections.nCopies(trials, "stim/Hit"), conditions(trials));
      if (behaviour) {
        sb.testBehaviour(jaw(amplitudes(testHit), rng)).trainBehaviour(jaw(amplitudes(trainHit), rng))
            .modelBehaviour(jaw(modelAmp, rng));
      }
      b.session(sb.build());
    }
    b.connectivity(AreaMatrix.of(AREAS, new double[][] {{0.02, 0.01}, {-0.005, 0.03}}));
    if (metricsCsv != null) {
      b.metricsCsv(metricsCsv);
    }
    return b.build();
  }

  private static boolean[] hits(int n, SplittableRandom rng) {
    boolean[] h = new boolean[n];
    for (int k = 0; k < n; k++) {
      h[k] = rng.nextDouble() < P_HIT;
    }
    return h;
  }

  private static double[] amplitudes(boolean[] hit) {
    double[] a = new double[hit.length];
    for (int k = 0; k < a.length; k++) {
      a[k] = hit[k] ? 1.0 : 0.0;
    }
    return a;
  }

  private static List<String> types(boolean[] hit) {
    List<String> t = new ArrayList<>();
    for (boolean h : hit) {
      t.add(h ? "stim/Hit" : "stim/Miss");
    }
    return t;
  }

  private static List<String> conditions(int n) {
    return Collections.nCopies(n, "stim");
  }

  /** Rate of a unit of the given area at bin t, Hz, for area-2 amplitude amp. */
  static double rateHz(int area, int t, double amp) {
    double ms = START_MS + DT_MS * (t + 0.5);
    if (area == 0) {
      return BASE_HZ + (ms >= 10 && ms < 60 ? AREA1_HZ : 0.0);
    }
    return BASE_HZ + (ms >= 20 && ms < 170 ? AREA2_HZ * amp : 0.0);
  }

  private static TrialTensor counts(double[] amp, SplittableRandom rng) {
    int nK = amp.length;
    int nN = AREAS.size() * UNITS_PER_AREA;
    float[] v = new float[BINS * nK * nN];
    for (int t = 0; t < BINS; t++) {
      for (int k = 0; k < nK; k++) {
        for (int n = 0; n < nN; n++) {
          double p = rateHz(n / UNITS_PER_AREA, t, amp[k]) * DT_MS / 1000.0;
          v[(t * nK + k) * nN + n] = rng.nextDouble() < p ? 1f : 0f;
        }
      }
    }
    return TrialTensor.counts(v, BINS, nK, nN);
  }

  private static BehaviourTrace jaw(double[] amp, SplittableRandom rng) {
    int nK = amp.length;
    float[] v = new float[BINS * nK];
    for (int t = 0; t < BINS; t++) {
      double ms = START_MS + DT_MS * (t + 0.5);
      for (int k = 0; k < nK; k++) {
        double open = ms > 100 ? amp[k] * Math.min(1.0, (ms - 100) / 50.0) : 0.0;
        v[t * nK + k] = (float) (open + 0.05 * (rng.nextDouble() - 0.5));
      }
    }
    return BehaviourTrace.wrap(v, BINS, nK);
  }
}
