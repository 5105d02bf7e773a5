package org.trialmatch.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trialmatch.loss.BoxFilter;

/**
 * Runs the analysis of a fitted run on its test data (docs/analysis.md defines every number):
 * t_neuron and t_trial with their train-vs-test ceilings, trial-type fractions, modes of
 * variability (PCA embedding and k-means clusters), population PSTHs, behaviour means and the
 * training curves. Deterministic for a given seed.
 */
public final class Analysis {
  private static final Logger LOG = LoggerFactory.getLogger(Analysis.class);
  /** Scalar standard deviations below this are replaced by 1 when normalising (method reference §3.3). */
  static final double MIN_STD = 1e-4;
  private static final long STREAM_KMEANS = 2;
  private static final long STREAM_SILHOUETTE = 3;

  private Analysis() {}

  /**
   * @param in the inputs
   * @param cfg the settings
   * @return every number of the analysis
   */
  public static AnalysisResult run(AnalysisInputs in, AnalysisConfig cfg) {
    double dtMs = in.dtMs();
    double dtS = dtMs / 1000.0;
    BoxFilter f1 = BoxFilter.spikeFilter(dtMs, cfg.f1WidthMs());
    BoxFilter f2 = BoxFilter.resample(cfg.resample());
    int bins = in.sessions().get(0).bins();
    int t1 = bins + 2 * f1.paddingBins() >= f1.kernelBins() ? f1.outputLength(bins) : 0;
    if (t1 < 2) {
      throw new org.trialmatch.data.ConfigException("data.stopS", "the window of " + bins + " bins of " + dtMs + " ms gives " + t1
          + " F1 bins (kernel " + f1.kernelBins()
          + "); at least 2 are needed: use a longer window or a narrower f1WidthMs");
    }
    double[] binTimes = new double[bins];
    for (int t = 0; t < bins; t++) {
      binTimes[t] = in.windowStartMs() + dtMs * (t + 0.5);
    }
    double[] f1Times = f1.times(binTimes);
    double[] f2Times = f2.times(f1Times);
    int nAreas = in.areaNames().size();
    List<String> notes = new ArrayList<>();
    List<Prepared> sessions = new ArrayList<>();
    for (int s = 0; s < in.sessions().size(); s++) {
      Prepared p = prepare(in, s, f1, f2, dtS);
      sessions.add(p);
      SessionInputs si = in.sessions().get(s);
      if (si.test().trials() == 0 || si.train().trials() == 0 || si.model().trials() == 0) {
        notes.add("session " + si.name() + " has " + si.test().trials() + " test, " + si.train().trials()
            + " train and " + si.model().trials() + " model trials; correlations needing an empty set are undefined");
      }
    }
    NeuronCorrelations tNeuron = NeuronScore.compute(in, sessions, cfg.minRateHz());
    AreaPsths psths = psths(in, sessions, nAreas, t1);
    TrialCorrelations tTrial = TrialScore.compute(in, sessions, cfg, f2.outputLength(t1), notes);
    TrialTypeFractions types = trialTypes(in);
    BehaviourMeans behaviour = behaviourMeans(in, sessions, t1);
    Modes modes = modes(in, sessions, cfg, t1, f2.outputLength(t1));
    if (!modes.computed()) {
      notes.add("modes of variability not computed: " + modes.note());
    } else if (!modes.note().isEmpty()) {
      notes.add(modes.note());
    }
    TrainingCurves training = in.metricsCsv().map(TrainingCurves::read)
        .orElseGet(() -> TrainingCurves.absent("no metrics.csv given"));
    LOG.info("t_neuron model {} (ceiling {}), t_trial model {} (ceiling {}), {} modes",
        tNeuron.overallModel().mean(), tNeuron.overallCeiling().mean(), tTrial.overallModel().mean(),
        tTrial.overallCeiling().mean(), modes.k());
    ResponseFractions response = cfg.response().map(r -> ResponseFractions.compute(in, sessions, r, t1))
        .orElse(null);
    if (cfg.response().isPresent() && response == null) {
      notes.add("response fractions not computed: no session records area " + cfg.response().get().area()
          + " with test and model trials");
    }
    UnitPsths unitPsths = UnitPsths.compute(in, sessions, tNeuron, f1, f2, f2Times);
    List<ConditionMeans> behaviourByCondition = ConditionBehaviour.compute(in, sessions, t1);
    return new AnalysisResult(cfg, f1, f2, f1Times, f2Times, tNeuron, tTrial, types, modes, psths, behaviour,
        training, in.connectivity().orElse(null), notes, response, unitPsths, behaviourByCondition);
  }

  // ---------------------------------------------------------------------------------------------
  // preparation: everything below works on trial-averaged PSTHs and per-area population averages,
  // which commute with the (linear) box filters

  /** One set of trials of one session, filtered. */
  static final class Source {
    final int trials;
    /** F1-filtered trial-averaged rate per unit, Hz, row-major [t1][unit]. */
    final double[] psthHz;
    /** Per area: F1-filtered population average per trial, Hz, row-major [t1][trial]; null without units. */
    final double[][] popF1;
    /** Per area: F2∘F1 population average per trial, Hz, row-major [t2][trial]; null without units. */
    final double[][] popF2;
    /** Per behaviour channel: F1-filtered behaviour, row-major [t1][trial]; null without behaviour. */
    final double[][] behF1;
    /** Per behaviour channel: F2∘F1 behaviour, row-major [t2][trial]; null without behaviour. */
    final double[][] behF2;
    final List<String> types;
    final List<String> conditions;

    Source(int trials, double[] psthHz, double[][] popF1, double[][] popF2, double[][] behF1, double[][] behF2,
        List<String> types, List<String> conditions) {
      this.trials = trials;
      this.psthHz = psthHz;
      this.popF1 = popF1;
      this.popF2 = popF2;
      this.behF1 = behF1;
      this.behF2 = behF2;
      this.types = types;
      this.conditions = conditions;
    }
  }

  /** A session's three sets of trials. */
  static final class Prepared {
    final String name;
    final int[] unitArea;
    final int[] unitsInArea;
    final Source test;
    final Source train;
    final Source model;

    Prepared(String name, int[] unitArea, int[] unitsInArea, Source test, Source train, Source model) {
      this.name = name;
      this.unitArea = unitArea;
      this.unitsInArea = unitsInArea;
      this.test = test;
      this.train = train;
      this.model = model;
    }
  }

  private static Prepared prepare(AnalysisInputs in, int s, BoxFilter f1, BoxFilter f2, double dtS) {
    SessionInputs si = in.sessions().get(s);
    int[] unitArea = in.unitAreaIndexView(s);
    int[] unitsInArea = new int[in.areaNames().size()];
    for (int a : unitArea) {
      unitsInArea[a]++;
    }
    Source test = source(si.test(), unitArea, unitsInArea, si.testBehaviour().orElse(null), si.testTypes(),
        si.testConditions(), f1, f2, dtS);
    Source train = source(si.train(), unitArea, unitsInArea, si.trainBehaviour().orElse(null), List.of(),
        si.trainConditions(), f1, f2, dtS);
    Source model = source(si.model(), unitArea, unitsInArea, si.modelBehaviour().orElse(null), si.modelTypes(),
        si.modelConditions(), f1, f2, dtS);
    return new Prepared(si.name(), unitArea, unitsInArea, test, train, model);
  }

  private static Source source(Counts c, int[] unitArea, int[] unitsInArea, BehaviourTrace beh, List<String> types,
      List<String> conditions, BoxFilter f1, BoxFilter f2, double dtS) {
    float[] raw = c.raw();
    int nT = c.bins();
    int nK = c.trials();
    int nN = c.units();
    int nA = unitsInArea.length;
    int t1 = f1.outputLength(nT);
    double[] mean = new double[nT * nN];
    double[][] pop = new double[nA][];
    for (int a = 0; a < nA; a++) {
      if (unitsInArea[a] > 0) {
        pop[a] = new double[nT * nK];
      }
    }
    for (int t = 0; t < nT; t++) {
      for (int k = 0; k < nK; k++) {
        int base = (t * nK + k) * nN;
        int pk = t * nK + k;
        for (int n = 0; n < nN; n++) {
          double v = raw[base + n];
          mean[t * nN + n] += v;
          pop[unitArea[n]][pk] += v;
        }
      }
    }
    double[] psth = f1.apply(mean, nT, nN);
    double scale = nK > 0 ? 1.0 / (nK * dtS) : Double.NaN;
    for (int i = 0; i < psth.length; i++) {
      psth[i] *= scale;
    }
    double[][] popF1 = new double[nA][];
    double[][] popF2 = new double[nA][];
    for (int a = 0; a < nA; a++) {
      if (pop[a] == null) {
        continue;
      }
      double inv = 1.0 / (unitsInArea[a] * dtS);
      for (int i = 0; i < pop[a].length; i++) {
        pop[a][i] *= inv;
      }
      popF1[a] = f1.apply(pop[a], nT, nK);
      popF2[a] = f2.apply(popF1[a], t1, nK);
    }
    double[][] behF1 = null;
    double[][] behF2 = null;
    if (beh != null) {
      int nc = beh.channels();
      behF1 = new double[nc][];
      behF2 = new double[nc][];
      for (int ch = 0; ch < nc; ch++) {
        double[] b = new double[nT * nK];
        for (int t = 0; t < nT; t++) {
          for (int k = 0; k < nK; k++) {
            b[t * nK + k] = beh.get(t, k, ch);
          }
        }
        behF1[ch] = f1.apply(b, nT, nK);
        behF2[ch] = f2.apply(behF1[ch], t1, nK);
      }
    }
    return new Source(nK, psth, popF1, popF2, behF1, behF2, types, conditions);
  }

  // ---------------------------------------------------------------------------------------------
  // t_neuron and PSTHs



  private static AreaPsths psths(AnalysisInputs in, List<Prepared> sessions, int nAreas, int t1) {
    double[][] test = new double[nAreas][t1];
    double[][] train = new double[nAreas][t1];
    double[][] model = new double[nAreas][t1];
    int[] units = new int[nAreas];
    for (Prepared p : sessions) {
      int nN = p.unitArea.length;
      for (int n = 0; n < nN; n++) {
        int a = p.unitArea[n];
        units[a]++;
        for (int t = 0; t < t1; t++) {
          test[a][t] += p.test.psthHz[t * nN + n];
          train[a][t] += p.train.psthHz[t * nN + n];
          model[a][t] += p.model.psthHz[t * nN + n];
        }
      }
    }
    for (int a = 0; a < nAreas; a++) {
      double inv = units[a] > 0 ? 1.0 / units[a] : Double.NaN;
      for (int t = 0; t < t1; t++) {
        test[a][t] *= inv;
        train[a][t] *= inv;
        model[a][t] *= inv;
      }
    }
    return new AreaPsths(test, train, model, units);
  }

  // ---------------------------------------------------------------------------------------------
  // t_trial



  static List<Integer> eligibleAreas(Prepared p, int minUnits) {
    List<Integer> out = new ArrayList<>();
    for (int a = 0; a < p.unitsInArea.length; a++) {
      if (p.unitsInArea[a] >= minUnits) {
        out.add(a);
      }
    }
    return out;
  }

  /**
   * Single-trial features of one session: per area block the F2∘F1 population average, then one
   * block per behaviour channel, each normalised by a scalar mean and standard deviation.
   */
  static final class TrialFeatures {
    final List<Integer> areas;
    final boolean behaviour;
    final int t2;
    final double[] mean;
    final double[] std;

    TrialFeatures(List<Integer> areas, boolean behaviour, int t2, double[] mean, double[] std) {
      this.areas = areas;
      this.behaviour = behaviour;
      this.t2 = t2;
      this.mean = mean;
      this.std = std;
    }

    /** Blocks z-scored with the test data's scalar mean and std over (trials x bins) of each block. */
    static TrialFeatures zScored(Prepared p, List<Integer> areas, boolean behaviour, int t2) {
      int blocks = areas.size() + (behaviour ? p.test.behF2.length : 0);
      double[] mean = new double[blocks];
      double[] std = new double[blocks];
      for (int b = 0; b < blocks; b++) {
        double[] v = b < areas.size() ? p.test.popF2[areas.get(b)] : p.test.behF2[b - areas.size()];
        double m = 0;
        for (double x : v) {
          m += x;
        }
        m /= v.length;
        double ss = 0;
        for (double x : v) {
          ss += (x - m) * (x - m);
        }
        double sd = Math.sqrt(ss / v.length);
        mean[b] = m;
        std[b] = sd < MIN_STD ? 1.0 : sd;
      }
      return new TrialFeatures(areas, behaviour, t2, mean, std);
    }

    int blocks() {
      return mean.length;
    }

    int dims() {
      return blocks() * t2;
    }

    /** @return features, row-major [trial][block * t2 + t] */
    double[] of(Source src) {
      int d = dims();
      int nK = src.trials;
      double[] x = new double[nK * d];
      for (int b = 0; b < blocks(); b++) {
        double[] v = b < areas.size() ? src.popF2[areas.get(b)] : src.behF2[b - areas.size()];
        for (int k = 0; k < nK; k++) {
          for (int t = 0; t < t2; t++) {
            x[k * d + b * t2 + t] = (v[t * nK + k] - mean[b]) / std[b];
          }
        }
      }
      return x;
    }
  }









  // ---------------------------------------------------------------------------------------------
  // trial types and behaviour

  private static TrialTypeFractions trialTypes(AnalysisInputs in) {
    Map<String, Integer> data = new HashMap<>();
    Map<String, Integer> model = new HashMap<>();
    TreeSet<String> labels = new TreeSet<>();
    int nData = 0;
    int nModel = 0;
    List<SessionInputs> ss = in.sessions();
    for (int s = 0; s < ss.size(); s++) {
      for (String t : ss.get(s).testTypes()) {
        data.merge(t, 1, Integer::sum);
        labels.add(t);
        nData++;
      }
      if (!in.modelTrialsShared() || s == 0) {
        for (String t : ss.get(s).modelTypes()) {
          model.merge(t, 1, Integer::sum);
          labels.add(t);
          nModel++;
        }
      }
    }
    List<TrialTypeRow> rows = new ArrayList<>();
    for (String l : labels) {
      rows.add(new TrialTypeRow(l, Stats.wilson95(data.getOrDefault(l, 0), nData),
          Stats.wilson95(model.getOrDefault(l, 0), nModel)));
    }
    String note = in.modelTypes().map(q -> q.beatsBaseline() ? "" : String.format(java.util.Locale.ROOT,
        "model trial types are not shown: the classifier (%s) is right on %.1f %% of %d held-out data trials, "
            + "no better than the majority-class baseline's %.1f %%", q.method(), 100 * q.accuracy(), q.trials(),
        100 * q.baseline()))
        .orElse("model trial types are not shown: no classifier could read them (the data have no behaviour "
            + "trace the model reproduces)");
    return new TrialTypeFractions(rows, nData, nModel, note);
  }

  private static BehaviourMeans behaviourMeans(AnalysisInputs in, List<Prepared> sessions, int t1) {
    TreeSet<String> labelSet = new TreeSet<>();
    for (SessionInputs si : in.sessions()) {
      labelSet.addAll(si.testTypes());
      labelSet.addAll(si.modelTypes());
    }
    List<String> types = new ArrayList<>(labelSet);
    int nc = 1;
    for (Prepared p : sessions) {
      if (p.test.behF1 != null) {
        nc = p.test.behF1.length;
        break;
      }
    }
    List<String> labels = new ArrayList<>();
    for (String type : types) {
      for (int c = 0; c < nc; c++) {
        labels.add(nc == 1 ? type : type + " · " + channelName(in, c));
      }
    }
    int nl = labels.size();
    double[][] data = new double[nl][t1];
    double[][] model = new double[nl][t1];
    int[] nd = new int[nl];
    int[] nm = new int[nl];
    for (int s = 0; s < sessions.size(); s++) {
      Prepared p = sessions.get(s);
      accumulate(p.test, types, nc, data, nd, t1);
      if (!in.modelTrialsShared() || s == 0) {
        accumulate(p.model, types, nc, model, nm, t1);
      }
    }
    double[][] dOut = new double[nl][];
    double[][] mOut = new double[nl][];
    for (int l = 0; l < nl; l++) {
      dOut[l] = scaled(data[l], nd[l]);
      mOut[l] = scaled(model[l], nm[l]);
    }
    List<String> channelNames = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      channelNames.add(nc == 1 ? "" : channelName(in, c));
    }
    return new BehaviourMeans(labels, types, channelNames, dOut, mOut, nd, nm);
  }

  /** @return the name of behaviour channel c: from the inputs, else "channel c+1" */
  private static String channelName(AnalysisInputs in, int c) {
    List<String> names = in.behaviourChannelNames();
    return c < names.size() ? names.get(c) : "channel " + (c + 1);
  }

  /** Adds each trial's channels into the sums of (its type, channel), row {@code type * nc + channel}. */
  private static void accumulate(Source src, List<String> types, int nc, double[][] sums, int[] counts, int t1) {
    if (src.behF1 == null) {
      return;
    }
    int nK = src.trials;
    int channels = Math.min(nc, src.behF1.length);
    for (int k = 0; k < nK; k++) {
      int l0 = types.indexOf(src.types.get(k)) * nc;
      for (int c = 0; c < channels; c++) {
        counts[l0 + c]++;
        double[] b = src.behF1[c];
        for (int t = 0; t < t1; t++) {
          sums[l0 + c][t] += b[t * nK + k];
        }
      }
    }
  }

  private static double[] scaled(double[] sum, int n) {
    if (n == 0) {
      return new double[0];
    }
    double[] out = sum.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] /= n;
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // modes of variability

  private static Modes modes(AnalysisInputs in, List<Prepared> sessions, AnalysisConfig cfg, int t1, int t2) {
    int nAreas = in.areaNames().size();
    // the area set covering the most (areas x test trials); sessions recording all of it are embedded
    List<List<Integer>> candidates = new ArrayList<>();
    for (Prepared p : sessions) {
      List<Integer> e = eligibleAreas(p, cfg.minUnitsPerArea());
      if (!e.isEmpty() && !candidates.contains(e)) {
        candidates.add(e);
      }
    }
    if (candidates.isEmpty()) {
      return Modes.notComputed("no session has an area with at least " + cfg.minUnitsPerArea() + " units");
    }
    List<Integer> best = null;
    long bestCover = -1;
    for (List<Integer> c : candidates) {
      long trials = 0;
      for (Prepared p : sessions) {
        if (eligibleAreas(p, cfg.minUnitsPerArea()).containsAll(c)) {
          trials += p.test.trials;
        }
      }
      long cover = trials * c.size();
      if (cover > bestCover || (cover == bestCover && c.size() > best.size())) {
        best = c;
        bestCover = cover;
      }
    }
    List<Integer> included = new ArrayList<>();
    for (int s = 0; s < sessions.size(); s++) {
      Prepared p = sessions.get(s);
      if (eligibleAreas(p, cfg.minUnitsPerArea()).containsAll(best) && p.test.trials > 0 && p.model.trials > 0) {
        included.add(s);
      }
    }
    int nd = 0;
    int nm = 0;
    boolean beh = true;
    for (int s : included) {
      Prepared p = sessions.get(s);
      nd += p.test.trials;
      nm += p.model.trials;
      beh &= p.test.behF2 != null && p.model.behF2 != null;
    }
    if (nd == 0 || nm == 0) {
      return Modes.notComputed("no session with test and model trials records areas " + names(in, best));
    }
    int n = nd + nm;
    int blocks = best.size() + (beh ? sessions.get(included.get(0)).test.behF2.length : 0);
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
        Prepared p = sessions.get(s);
        Source src = pass == 0 ? p.test : p.model;
        for (int b = 0; b < blocks; b++) {
          double[] dataV = b < best.size() ? p.test.popF2[best.get(b)] : p.test.behF2[b - best.size()];
          double[] v = b < best.size() ? src.popF2[best.get(b)] : src.behF2[b - best.size()];
          double[] centre = new double[t2];
          int kd = p.test.trials;
          for (int t = 0; t < t2; t++) {
            for (int k = 0; k < kd; k++) {
              centre[t] += dataV[t * kd + k];
            }
            centre[t] /= kd;
          }
          double ss = 0;
          for (int t = 0; t < t2; t++) {
            for (int k = 0; k < kd; k++) {
              double dv = dataV[t * kd + k] - centre[t];
              ss += dv * dv;
            }
          }
          double sd = Math.sqrt(ss / (t2 * (double) kd));
          if (sd < MIN_STD) {
            sd = 1.0;
          }
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
    Pca pca = Pca.fit(x, n, d, w);
    int rank = pca.rank(1e-9);
    if (rank == 0) {
      return Modes.notComputed("the trial features do not vary");
    }
    int pcs = Math.min(cfg.clusterPcs(), rank);
    int shown = Math.min(d, Math.max(2, pcs));
    double[] scores = pca.project(x, n, shown);
    double[] y = new double[n * pcs];
    double[] pc1 = new double[n];
    double[] pc2 = new double[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(scores, i * shown, y, i * pcs, pcs);
      pc1[i] = scores[i * shown];
      pc2[i] = shown > 1 ? scores[i * shown + 1] : 0.0;
    }
    double[] explained = new double[Math.min(10, d)];
    for (int c = 0; c < explained.length; c++) {
      explained[c] = pca.explainedRatio(c);
    }
    int kMax = Math.min(cfg.kMax(), n - 1);
    List<String> sessionNames = new ArrayList<>();
    for (int s : included) {
      sessionNames.add(sessions.get(s).name);
    }
    if (kMax < cfg.kMin()) {
      return Modes.notComputed("only " + n + " trials to cluster");
    }
    int[] sil = silhouetteSubset(n, cfg.silhouetteMaxPoints(), new SplittableRandom(mix(cfg.seed(), STREAM_SILHOUETTE, 0)));
    double[] ys = new double[sil.length * pcs];
    double[] ws = new double[sil.length];
    for (int i = 0; i < sil.length; i++) {
      System.arraycopy(y, sil[i] * pcs, ys, i * pcs, pcs);
      ws[i] = w[sil[i]];
    }
    Map<Integer, Double> silByK = new LinkedHashMap<>();
    KMeans chosen = null;
    double bestSil = Double.NEGATIVE_INFINITY;
    for (int k = cfg.kMin(); k <= kMax; k++) {
      KMeans km = KMeans.fit(y, n, pcs, w, k, cfg.kMeansRestarts(), new SplittableRandom(mix(cfg.seed(), STREAM_KMEANS, k)));
      int[] labels = km.labels();
      int[] ls = new int[sil.length];
      for (int i = 0; i < sil.length; i++) {
        ls[i] = labels[sil[i]];
      }
      double sv = Silhouette.mean(ys, sil.length, pcs, ws, ls, k);
      silByK.put(k, sv);
      if (sv > bestSil) {
        bestSil = sv;
        chosen = km;
      }
    }
    int k = chosen.k();
    int[] labels = chosen.labels();
    int distinctModel = in.modelTrialsShared() ? sessions.get(0).model.trials : nm;
    List<ClusterSummary> clusters = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      clusters.add(cluster(c, labels, isModel, pointSession, pointTrial, type, sessions, nAreas, t1, nd, nm,
          distinctModel, in.modelTrialsShared()));
    }
    String note = "";
    if (included.size() < sessions.size()) {
      note = "modes: " + (sessions.size() - included.size()) + " of " + sessions.size()
          + " sessions not embedded (they do not record every area of " + names(in, best) + " with at least "
          + cfg.minUnitsPerArea() + " units, or lack test or model trials)";
    }
    return Modes.of(names(in, best), sessionNames, beh, d, explained, pcs, silByK, k, pc1, pc2, isModel, pointSession,
        type, labels, clusters, note);
  }

  private static ClusterSummary cluster(int c, int[] labels, boolean[] isModel, int[] pointSession, int[] pointTrial,
      String[] type, List<Prepared> sessions, int nAreas, int t1, int nd, int nm, int distinctModel, boolean shared) {
    int cd = 0;
    int cm = 0;
    Map<String, Integer> dt = new TreeMap<>();
    Map<String, Integer> mt = new TreeMap<>();
    double[][][] act = new double[2][nAreas][t1];
    int[][] actN = new int[2][nAreas];
    double[][] beh = new double[2][t1];
    int[] behN = new int[2];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != c) {
        continue;
      }
      int src = isModel[i] ? 1 : 0;
      if (isModel[i]) {
        cm++;
        mt.merge(type[i], 1, Integer::sum);
      } else {
        cd++;
        dt.merge(type[i], 1, Integer::sum);
      }
      Prepared p = sessions.get(pointSession[i]);
      Source s = isModel[i] ? p.model : p.test;
      int nK = s.trials;
      int k = pointTrial[i];
      for (int a = 0; a < nAreas; a++) {
        if (s.popF1[a] == null) {
          continue;
        }
        actN[src][a]++;
        for (int t = 0; t < t1; t++) {
          act[src][a][t] += s.popF1[a][t * nK + k];
        }
      }
      if (s.behF1 != null) {
        behN[src]++;
        for (int t = 0; t < t1; t++) {
          beh[src][t] += s.behF1[0][t * nK + k];
        }
      }
    }
    for (int src = 0; src < 2; src++) {
      for (int a = 0; a < nAreas; a++) {
        double inv = actN[src][a] > 0 ? 1.0 / actN[src][a] : Double.NaN;
        for (int t = 0; t < t1; t++) {
          act[src][a][t] *= inv;
        }
      }
    }
    Proportion modelShare;
    if (shared) {
      // the same model trials appear once per session: the interval uses the number of distinct trials
      int count = (int) Math.round((double) cm / nm * distinctModel);
      modelShare = Stats.wilson95(Math.min(count, distinctModel), distinctModel);
    } else {
      modelShare = Stats.wilson95(cm, nm);
    }
    return new ClusterSummary(c, Stats.wilson95(cd, nd), modelShare, dt, mt, act[0], act[1],
        scaled(beh[0], behN[0]), scaled(beh[1], behN[1]));
  }

  private static int[] silhouetteSubset(int n, int max, SplittableRandom rng) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    if (n <= max) {
      return idx;
    }
    for (int i = 0; i < max; i++) {
      int j = i + rng.nextInt(n - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    int[] out = Arrays.copyOf(idx, max);
    Arrays.sort(out);
    return out;
  }

  private static List<String> names(AnalysisInputs in, List<Integer> areas) {
    List<String> out = new ArrayList<>();
    for (int a : areas) {
      out.add(in.areaNames().get(a));
    }
    return out;
  }

  /** A seed for stream {@code stream}, item {@code item} of the run seed (SplitMix64 finaliser). */
  static long mix(long seed, long stream, long item) {
    long z = seed + 0x9E3779B97F4A7C15L * (1 + stream) + 0xBF58476D1CE4E5B9L * (1 + item);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
