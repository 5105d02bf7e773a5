package org.trialmatch.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.trialmatch.data.ConfigException;
import org.trialmatch.data.Recording;
import org.trialmatch.data.TrialSet;
import org.trialmatch.data.TrialSetBuilder;
import org.trialmatch.data.TrialSetConfig;
import org.trialmatch.data.TrialSplit;
import org.trialmatch.data.UnitCatalogue;

/**
 * The recordings of a fit, turned into trials and split: one {@link Session} per NWB file, the
 * catalogue of recorded units, the condition labels and their stimulus values.
 *
 * <p>Stimulus values: {@code data.stimulusValues} gives each condition label its value (e.g. {@code
 * {"1": 4}} for the paper's artificial data, whose stimulus-present trials are labelled 1). Without
 * it, when every condition label is a non-negative number (e.g. {@code 0}/{@code 1} for stimulus
 * absent/present) it is the value itself; otherwise labels in sorted order get 1, 2, ... (so each
 * condition drives the stimulus inputs with its own strength).
 */
public final class FitData {
  /** One session: its recording, trials, split and normalised behaviour. */
  public static final class Session {
    final String name;
    final Recording recording;
    final TrialSet trials;
    final TrialSplit split;
    /** Per behaviour channel: the training trials' mean. */
    final double[] behaviourMean;
    /** Per behaviour channel: sqrt of the time-averaged across-trial variance of the training trials. */
    final double[] behaviourScale;
    /** Event times per configured column and trial, ms from the alignment; NaN replaced by the median. */
    final double[][] eventsMs;

    Session(String name, Recording recording, TrialSet trials, TrialSplit split, double[] behaviourMean,
        double[] behaviourScale, double[][] eventsMs) {
      this.name = name;
      this.recording = recording;
      this.trials = trials;
      this.split = split;
      this.behaviourMean = behaviourMean;
      this.behaviourScale = behaviourScale;
      this.eventsMs = eventsMs;
    }

    /** @return the session name */
    public String name() {
      return name;
    }

    /** @return the recording */
    public Recording recording() {
      return recording;
    }

    /** @return the trials */
    public TrialSet trials() {
      return trials;
    }

    /** @return the split */
    public TrialSplit split() {
      return split;
    }

    /**
     * @param t bin
     * @param trial trial
     * @param c behaviour channel
     * @return the behaviour of that channel, z-scored with this session's training statistics
     */
    public float normalisedBehaviour(int t, int trial, int c) {
      return (float) ((trials.behaviour(t, trial, c) - behaviourMean[c]) / behaviourScale[c]);
    }

    /**
     * @param c behaviour channel
     * @return the training trials' mean of that channel (the offset of the normalisation)
     */
    public double behaviourMean(int c) {
      return behaviourMean[c];
    }

    /**
     * @param c behaviour channel
     * @return the scale of the normalisation of that channel
     */
    public double behaviourScale(int c) {
      return behaviourScale[c];
    }
  }

  private final List<Session> sessions;
  private final UnitCatalogue catalogue;
  private final List<String> conditionLabels;
  private final Map<String, Float> stimulusOf;
  private final boolean behaviour;
  private final int channels;

  private FitData(List<Session> sessions, UnitCatalogue catalogue, List<String> labels, Map<String, Float> stim,
      boolean behaviour, int channels) {
    this.channels = channels;
    this.sessions = sessions;
    this.catalogue = catalogue;
    this.conditionLabels = labels;
    this.stimulusOf = stim;
    this.behaviour = behaviour;
  }

  /**
   * Loads every file of the data section.
   *
   * @param cfg the data section (absolute file paths)
   * @return the data
   */
  public static FitData load(TrialSetConfig cfg) {
    List<Session> sessions = new ArrayList<>();
    List<UnitCatalogue> cats = new ArrayList<>();
    TreeSet<String> labels = new TreeSet<>();
    boolean allBehaviour = true;
    int channels = -1;
    String first = null;
    for (String f : cfg.files()) {
      Recording rec = Recording.load(Path.of(f), cfg.readOptions());
      TrialSet ts = TrialSetBuilder.build(rec, cfg);
      TrialSplit split = TrialSplit.of(ts, cfg);
      int[] train = split.train();
      int nch = ts.behaviourChannels();
      if (channels >= 0 && nch != channels && nch > 0 && channels > 0) {
        throw new ConfigException("data.behaviour", f + " has " + nch + " behaviour channels (" + ts.behaviourLabel()
            + "), " + first + " has " + channels + "; every session needs the same channels, so name them in data.behaviour");
      }
      if (channels < 0 || channels == 0) {
        channels = nch;
        first = f;
      }
      double[] mean = new double[nch];
      double[] scale = new double[nch];
      for (int c = 0; c < nch; c++) {
        double[] ms = normalisation(ts, train, c);
        mean[c] = ms[0];
        scale[c] = ms[1];
      }
      allBehaviour &= ts.hasBehaviour();
      double[][] eventsMs = new double[cfg.eventColumns().size()][];
      Map<String, double[]> ev = ts.eventsS();
      for (int e = 0; e < eventsMs.length; e++) {
        double[] col = ev.get(cfg.eventColumns().get(e));
        double[] v = Arrays.stream(col).filter(Double::isFinite).sorted().toArray();
        double median = v.length == 0 ? 0 : 1000 * v[v.length / 2];
        eventsMs[e] = new double[col.length];
        for (int k = 0; k < col.length; k++) {
          eventsMs[e][k] = Double.isFinite(col[k]) ? 1000 * col[k] : median;
        }
      }
      for (int k = 0; k < ts.trials(); k++) {
        labels.add(ts.condition(k));
      }
      sessions.add(new Session(rec.session(), rec, ts, split, mean, scale, eventsMs));
      cats.add(rec.catalogue(cfg.cellTypeColumn(), cfg.excitatoryAreas()));
    }
    return new FitData(sessions, UnitCatalogue.concat(cats), List.copyOf(labels), stimulusValues(labels, cfg),
        allBehaviour, allBehaviour ? channels : 0);
  }

  /**
   * The z-scoring of one behaviour channel from the training trials: mean over bins and trials, and
   * the square root of the time-averaged across-trial variance (method reference §1, the jaw's
   * normalisation); (0, 1) without training trials, scale 1 for a constant channel.
   */
  private static double[] normalisation(TrialSet ts, int[] train, int c) {
    if (train.length == 0) {
      return new double[] {0, 1};
    }
    double s = 0;
    for (int t = 0; t < ts.bins(); t++) {
      for (int k : train) {
        s += ts.behaviour(t, k, c);
      }
    }
    double mean = s / ((double) ts.bins() * train.length);
    double var = 0;
    for (int t = 0; t < ts.bins(); t++) {
      double m = 0;
      for (int k : train) {
        m += ts.behaviour(t, k, c);
      }
      m /= train.length;
      double v = 0;
      for (int k : train) {
        double d = ts.behaviour(t, k, c) - m;
        v += d * d;
      }
      var += train.length > 1 ? v / (train.length - 1) : 0;
    }
    double scale = Math.sqrt(var / ts.bins());
    return new double[] {mean, scale > 1e-9 ? scale : 1};
  }

  /**
   * @param labels the condition labels of the data, sorted
   * @param cfg the data section
   * @return the stimulus value of each label
   * @throws ConfigException when {@code stimulusValues} is given but lacks labels of the data
   */
  static Map<String, Float> stimulusValues(TreeSet<String> labels, TrialSetConfig cfg) {
    Map<String, Float> stim = new LinkedHashMap<>();
    if (!cfg.stimulusValues().isEmpty()) {
      List<String> missing = new ArrayList<>();
      for (String l : labels) {
        Double v = cfg.stimulusValues().get(l);
        if (v == null) {
          missing.add(l);
        } else {
          stim.put(l, v.floatValue());
        }
      }
      if (!missing.isEmpty()) {
        throw new ConfigException("data.stimulusValues", "has no value for the condition label(s) " + missing
            + " of the data (labels: " + labels + ", column '" + cfg.conditionColumn() + "'); give every label a value");
      }
      return stim;
    }
    boolean numeric = true;
    for (String l : labels) {
      try {
        double v = Double.parseDouble(l);
        numeric &= v >= 0 && Double.isFinite(v);
      } catch (NumberFormatException e) {
        numeric = false;
      }
    }
    int i = 1;
    for (String l : labels) {
      stim.put(l, numeric ? (float) Double.parseDouble(l) : (float) i++);
    }
    return stim;
  }

  /** @return the sessions, in file order */
  public List<Session> sessions() {
    return sessions;
  }

  /** @return every recorded unit, session by session */
  public UnitCatalogue catalogue() {
    return catalogue;
  }

  /** @return the condition labels, sorted */
  public List<String> conditionLabels() {
    return conditionLabels;
  }

  /**
   * @param label a condition label
   * @return the stimulus value the model gets for it
   */
  public float stimulus(String label) {
    return stimulusOf.get(label);
  }

  /** @return true when every session has a behaviour trace */
  public boolean hasBehaviour() {
    return behaviour;
  }

  /** @return behaviour channels of every session (0 when a session has none) */
  public int behaviourChannels() {
    return channels;
  }

  /**
   * @param name a session name
   * @return its index, or -1
   */
  public int sessionIndex(String name) {
    for (int s = 0; s < sessions.size(); s++) {
      if (sessions.get(s).name.equals(name)) {
        return s;
      }
    }
    return -1;
  }
}
