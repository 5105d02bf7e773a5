package org.trialmatch.pseudo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates the artificial data set (method reference §5.1).
 *
 * <ol>
 *   <li>Sessions cover areas in rotation: session {@code s mod 3 = 0} records both areas (E units
 *       split half and half, then I units likewise), 1 records area 1 only, 2 area 2 only.
 *   <li>Baseline rates are log-normal, {@code r = exp(N(0,1) ln(spread) + ln(median))}, per E/I
 *       class; a rate above {@code maxRateHz} is replaced by {@code maxRateHz - U(0,10)}.
 *   <li>Each trial is a Hit (area 2 responds) with probability {@code hitProbability}, else a Miss.
 *       Every trial gets the same stimulus.
 *   <li>Response kernel {@code k(tau) = exp(-tau/tauFall) - exp(-tau/tauRise)} on
 *       {@code [0, kernelLength)}, scaled to peak {@code signalPeak}; area 1 starts
 *       {@code area1OnsetMs} after the stimulus on every trial, area 2 {@code area2OnsetMs} after it
 *       on Hit trials only.
 *   <li>Each unit has a modulation {@code m} in {0, 1, 2}; its rate is
 *       {@code r (1 + m s_area(t))}.
 *   <li>Spikes are Bernoulli draws per {@code resolutionMs} bin with {@code p = rate * dt}, at the
 *       bin's centre. Constant stretches are drawn by geometric skips (exactly the same law as a
 *       Bernoulli draw per bin, at a cost proportional to the number of spikes).
 * </ol>
 * Every session has its own random stream split from the seed, so a session does not depend on
 * how many others are generated.
 */
public final class PseudoDataGenerator {
  private PseudoDataGenerator() {}

  /**
   * @param cfg parameters
   * @return the sessions, named {@code PS000}, {@code PS001}, ...
   */
  public static List<PseudoSession> generate(PseudoDataConfig cfg) {
    SplittableRandom root = new SplittableRandom(cfg.seed());
    List<PseudoSession> out = new ArrayList<>();
    double[] kernel = kernel(cfg);
    for (int s = 0; s < cfg.sessions(); s++) {
      out.add(session(cfg, s, root.split(), kernel));
    }
    return out;
  }

  /** The response kernel on bins of {@code resolutionMs}, peak {@code signalPeak}. */
  static double[] kernel(PseudoDataConfig cfg) {
    int n = (int) Math.round(cfg.kernelLengthMs() / cfg.resolutionMs());
    double[] k = new double[n];
    double max = 0;
    for (int i = 0; i < n; i++) {
      double tau = i * cfg.resolutionMs();
      k[i] = Math.exp(-tau / cfg.tauFallMs()) - Math.exp(-tau / cfg.tauRiseMs());
      max = Math.max(max, k[i]);
    }
    for (int i = 0; i < n; i++) {
      k[i] *= cfg.signalPeak() / max;
    }
    return k;
  }

  private static PseudoSession session(PseudoDataConfig cfg, int s, SplittableRandom rng, double[] kernel) {
    int n = cfg.unitsPerSession();
    int nE = (int) Math.round(cfg.pExc() * n);
    int coverage = s % 3;
    String[] areas = new String[n];
    boolean[] exc = new boolean[n];
    for (int u = 0; u < n; u++) {
      exc[u] = u < nE;
      int within = exc[u] ? u : u - nE;
      int classSize = exc[u] ? nE : n - nE;
      if (coverage == 0) {
        areas[u] = within < classSize / 2 ? "area1" : "area2";
      } else {
        areas[u] = coverage == 1 ? "area1" : "area2";
      }
    }
    double[] base = new double[n];
    int[] mod = new int[n];
    for (int u = 0; u < n; u++) {
      double median = exc[u] ? cfg.rateMeanExcHz() : cfg.rateMeanInhHz();
      double spread = exc[u] ? cfg.rateSpreadExc() : cfg.rateSpreadInh();
      double r = Math.exp(gaussian(rng) * Math.log(spread) + Math.log(median));
      if (r > cfg.maxRateHz()) {
        r = cfg.maxRateHz() - 10 * rng.nextDouble();
      }
      base[u] = r;
      double x = rng.nextDouble();
      mod[u] = x < cfg.pModulation0() ? 0 : x < cfg.pModulation0() + cfg.pModulation1() ? 1 : 2;
    }
    int trials = cfg.trialsPerSession();
    double[] start = new double[trials];
    double[] stop = new double[trials];
    double[] stim = new double[trials];
    boolean[] hit = new boolean[trials];
    for (int j = 0; j < trials; j++) {
      start[j] = j * cfg.trialRecordS();
      stop[j] = start[j] + cfg.trialRecordS();
      stim[j] = start[j] + cfg.stimOffsetS();
      hit[j] = rng.nextDouble() < cfg.hitProbability();
    }
    double dtS = cfg.resolutionMs() / 1000.0;
    int binsPerTrial = (int) Math.round(cfg.trialRecordS() / dtS);
    int stimBin = (int) Math.round(cfg.stimOffsetS() / dtS);
    int on1 = stimBin + (int) Math.round(cfg.area1OnsetMs() / cfg.resolutionMs());
    int on2 = stimBin + (int) Math.round(cfg.area2OnsetMs() / cfg.resolutionMs());
    double[][] spikes = new double[n][];
    Times times = new Times();
    for (int u = 0; u < n; u++) {
      boolean area1 = "area1".equals(areas[u]);
      double p0 = Math.min(1, base[u] * dtS);
      times.clear();
      for (int j = 0; j < trials; j++) {
        int onset = Math.min(area1 ? on1 : on2, binsPerTrial);
        boolean responds = area1 || hit[j];
        int sigEnd = responds && mod[u] > 0 ? Math.min(binsPerTrial, onset + kernel.length) : onset;
        double t0 = start[j];
        constantStretch(rng, p0, 0, onset, t0, dtS, times);
        for (int b = onset; b < sigEnd; b++) {
          double p = Math.min(1, Math.max(0, base[u] * (1 + mod[u] * kernel[b - onset])) * dtS);
          if (rng.nextDouble() < p) {
            times.add(t0 + (b + 0.5) * dtS);
          }
        }
        constantStretch(rng, p0, sigEnd, binsPerTrial, t0, dtS, times);
      }
      spikes[u] = times.toArray();
    }
    return new PseudoSession(String.format(Locale.ROOT, "PS%03d", s), areas, exc, base, mod, spikes, start, stop,
        stim, hit);
  }

  /** A growable list of spike times. */
  private static final class Times {
    private double[] a = new double[4096];
    private int n;

    void clear() {
      n = 0;
    }

    void add(double t) {
      if (n == a.length) {
        a = Arrays.copyOf(a, 2 * a.length);
      }
      a[n++] = t;
    }

    double[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }

  /** Bernoulli(p) per bin on bins [from, to), drawn by geometric skips; appends bin-centre times. */
  private static void constantStretch(
      SplittableRandom rng, double p, int from, int to, double t0, double dtS, Times out) {
    if (p <= 0 || from >= to) {
      return;
    }
    double logq = Math.log1p(-p);
    long bin = from - 1L;
    while (true) {
      if (p >= 1) {
        bin++;
      } else {
        double u = 1 - rng.nextDouble(); // (0, 1]
        bin += 1 + (long) Math.min(1e12, Math.floor(Math.log(u) / logq));
      }
      if (bin >= to) {
        return;
      }
      out.add(t0 + (bin + 0.5) * dtS);
    }
  }

  private static double gaussian(SplittableRandom rng) {
    double u1 = 1 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
