package org.trialmatch.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything {@code trialmatch analyze} reads: run-level facts (name, metadata, area names, bin
 * width, window start, the mean inter-area connectivity, the path of {@code metrics.csv}) and one
 * {@link SessionInputs} per session. Built with {@link #builder}; {@link Builder#build()} checks that
 * every unit's area is a run area, that session names are unique and that all sessions share the
 * bins, and reports all problems in one message.
 */
public final class AnalysisInputs {
  private final String runName;
  private final Map<String, String> metadata;
  private final List<String> areaNames;
  private final double dtMs;
  private final double windowStartMs;
  private final String behaviourLabel;
  private final List<String> behaviourChannelNames;
  private final List<SessionInputs> sessions;
  private final List<int[]> unitAreaIndex;
  private final AreaMatrix connectivity;
  private final Path metricsCsv;
  private final boolean modelTrialsShared;
  private final ModelTypeQuality modelTypes;
  private final List<TaskEvent> events;

  private AnalysisInputs(Builder b, List<int[]> unitAreaIndex) {
    this.modelTypes = b.modelTypes;
    this.events = List.copyOf(b.events);
    this.runName = b.runName;
    this.metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
    this.areaNames = List.copyOf(b.areaNames);
    this.dtMs = b.dtMs;
    this.windowStartMs = b.windowStartMs;
    this.behaviourLabel = b.behaviourLabel;
    this.behaviourChannelNames = List.copyOf(b.behaviourChannelNames);
    this.sessions = List.copyOf(b.sessions);
    this.unitAreaIndex = List.copyOf(unitAreaIndex);
    this.connectivity = b.connectivity;
    this.metricsCsv = b.metricsCsv;
    this.modelTrialsShared = b.modelTrialsShared;
  }

  private AnalysisInputs(AnalysisInputs o, String key, String value) {
    this.modelTypes = o.modelTypes;
    this.events = o.events;
    this.runName = o.runName;
    LinkedHashMap<String, String> m = new LinkedHashMap<>(o.metadata);
    m.put(key, value);
    this.metadata = java.util.Collections.unmodifiableMap(m);
    this.areaNames = o.areaNames;
    this.dtMs = o.dtMs;
    this.windowStartMs = o.windowStartMs;
    this.behaviourLabel = o.behaviourLabel;
    this.behaviourChannelNames = o.behaviourChannelNames;
    this.sessions = o.sessions;
    this.unitAreaIndex = o.unitAreaIndex;
    this.connectivity = o.connectivity;
    this.metricsCsv = o.metricsCsv;
    this.modelTrialsShared = o.modelTrialsShared;
  }

  /**
   * @param key a metadata key
   * @param value its value
   * @return these inputs with one more metadata entry (or that entry replaced)
   */
  public AnalysisInputs withMetadata(String key, String value) {
    return new AnalysisInputs(this, key, value);
  }

  /**
   * @param runName the run's name (shown on the page)
   * @param areaNames the model's areas, in order
   * @param dtMs bin width of every counts array, ms
   * @return a builder
   */
  public static Builder builder(String runName, List<String> areaNames, double dtMs) {
    return new Builder(runName, areaNames, dtMs);
  }

  /** @return the run's name */
  public String runName() {
    return runName;
  }

  /** @return metadata shown on the page (key, value), in insertion order */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** @return area names */
  public List<String> areaNames() {
    return areaNames;
  }

  /** @return bin width, ms */
  public double dtMs() {
    return dtMs;
  }

  /** @return time of the start of the first bin relative to the alignment event, ms */
  public double windowStartMs() {
    return windowStartMs;
  }

  /** @return what the behaviour trace is, with its unit (an axis label) */
  public String behaviourLabel() {
    return behaviourLabel;
  }

  /** @return short names of the behaviour channels (e.g. lick_left_times), empty when not given */
  public List<String> behaviourChannelNames() {
    return behaviourChannelNames;
  }

  /** @return the task events to mark on the time axis, in the order given (empty when none) */
  public List<TaskEvent> events() {
    return events;
  }

  /** @return the sessions */
  public List<SessionInputs> sessions() {
    return sessions;
  }

  /**
   * @param session session index
   * @return area index of each of its units (a copy)
   */
  public int[] unitAreaIndex(int session) {
    return unitAreaIndex.get(session).clone();
  }

  int[] unitAreaIndexView(int session) {
    return unitAreaIndex.get(session);
  }

  /** @return mean inter-area connectivity, if given */
  public Optional<AreaMatrix> connectivity() {
    return Optional.ofNullable(connectivity);
  }

  /** @return the path of {@code metrics.csv}, if given (the file may still be missing) */
  public Optional<Path> metricsCsv() {
    return Optional.ofNullable(metricsCsv);
  }

  /** @return how model trial types were read and whether they beat the majority baseline; empty when unknown */
  public Optional<ModelTypeQuality> modelTypes() {
    return Optional.ofNullable(modelTypes);
  }

  /**
   * @return true when every session's model trials are the same simulated trials (restricted to
   *     that session's units), so run-level model counts take the first session's trials once
   */
  public boolean modelTrialsShared() {
    return modelTrialsShared;
  }

  /** Collects the parts of an {@link AnalysisInputs}. */
  public static final class Builder {
    private final String runName;
    private final List<String> areaNames;
    private final double dtMs;
    private double windowStartMs;
    private String behaviourLabel = "behaviour (a.u.)";
    private List<String> behaviourChannelNames = List.of();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<SessionInputs> sessions = new ArrayList<>();
    private AreaMatrix connectivity;
    private Path metricsCsv;
    private boolean modelTrialsShared;
    private ModelTypeQuality modelTypes;
    private final List<TaskEvent> events = new ArrayList<>();

    private Builder(String runName, List<String> areaNames, double dtMs) {
      this.runName = Objects.requireNonNull(runName, "runName");
      this.areaNames = List.copyOf(areaNames);
      this.dtMs = dtMs;
    }

    /**
     * @param ms time of the start of the first bin relative to the alignment event, ms (default 0)
     * @return this builder
     */
    public Builder windowStartMs(double ms) {
      this.windowStartMs = ms;
      return this;
    }

    /**
     * @param label what the behaviour trace is, with its unit, e.g. {@code "jaw position (a.u.)"}
     * @return this builder
     */
    public Builder behaviourLabel(String label) {
      this.behaviourLabel = Objects.requireNonNull(label, "behaviourLabel");
      return this;
    }

    /**
     * @param names short names of the behaviour channels, in channel order (figure legends)
     * @return this builder
     */
    public Builder behaviourChannelNames(List<String> names) {
      this.behaviourChannelNames = List.copyOf(names);
      return this;
    }

    /**
     * @param event a task event to mark on the time axis of the figures
     * @return this builder
     */
    public Builder event(TaskEvent event) {
      events.add(Objects.requireNonNull(event, "event"));
      return this;
    }

    /**
     * @param key metadata key (e.g. {@code "seed"})
     * @param value its value
     * @return this builder
     */
    public Builder metadata(String key, String value) {
      metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * @param session one session
     * @return this builder
     */
    public Builder session(SessionInputs session) {
      sessions.add(Objects.requireNonNull(session, "session"));
      return this;
    }

    /**
     * @param matrix mean inter-area connectivity over {@code areaNames}
     * @return this builder
     */
    public Builder connectivity(AreaMatrix matrix) {
      this.connectivity = Objects.requireNonNull(matrix, "connectivity");
      return this;
    }

    /**
     * @param file the run's {@code metrics.csv} (it may be missing on disk)
     * @return this builder
     */
    public Builder metricsCsv(Path file) {
      this.metricsCsv = Objects.requireNonNull(file, "metricsCsv");
      return this;
    }

    /**
     * @param quality how model trial types were read, with the classifier's held-out accuracy
     * @return this builder
     */
    public Builder modelTypes(ModelTypeQuality quality) {
      this.modelTypes = java.util.Objects.requireNonNull(quality, "quality");
      return this;
    }

    /**
     * @param shared true when every session's model trials are the same simulated trials
     * @return this builder
     */
    public Builder modelTrialsShared(boolean shared) {
      this.modelTrialsShared = shared;
      return this;
    }

    /**
     * @return the inputs
     * @throws IllegalArgumentException listing every problem found
     */
    public AnalysisInputs build() {
      List<String> problems = new ArrayList<>();
      if (!(dtMs > 0) || Double.isInfinite(dtMs)) {
        problems.add("dtMs must be > 0, was " + dtMs);
      }
      if (!Double.isFinite(windowStartMs)) {
        problems.add("windowStartMs must be finite, was " + windowStartMs);
      }
      if (areaNames.isEmpty()) {
        problems.add("no areas");
      }
      if (new HashSet<>(areaNames).size() != areaNames.size()) {
        problems.add("area names repeat: " + areaNames);
      }
      if (sessions.isEmpty()) {
        problems.add("no sessions");
      }
      Set<String> names = new HashSet<>();
      List<int[]> index = new ArrayList<>();
      int bins = sessions.isEmpty() ? 0 : sessions.get(0).bins();
      for (SessionInputs s : sessions) {
        if (!names.add(s.name())) {
          problems.add("session name repeats: " + s.name());
        }
        if (s.bins() != bins) {
          problems.add("session " + s.name() + " has " + s.bins() + " bins, " + sessions.get(0).name() + " " + bins);
        }
        int[] idx = new int[s.units()];
        Set<String> unknown = new java.util.TreeSet<>();
        for (int u = 0; u < idx.length; u++) {
          idx[u] = areaNames.indexOf(s.unitAreas().get(u));
          if (idx[u] < 0) {
            unknown.add(s.unitAreas().get(u));
          }
        }
        if (!unknown.isEmpty()) {
          problems.add("session " + s.name() + " has units in areas " + unknown + " that are not run areas " + areaNames);
        }
        index.add(idx);
      }
      if (modelTrialsShared && !sessions.isEmpty()) {
        SessionInputs first = sessions.get(0);
        for (SessionInputs s : sessions) {
          if (!s.modelTypes().equals(first.modelTypes()) || !s.modelConditions().equals(first.modelConditions())) {
            problems.add("model trials are declared shared but session " + s.name()
                + " has other model trial types or conditions than " + first.name());
          }
        }
      }
      if (connectivity != null && !connectivity.areas().equals(areaNames)) {
        problems.add("connectivity areas " + connectivity.areas() + " differ from run areas " + areaNames);
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("analysis inputs of run " + runName + ": " + String.join("; ", problems));
      }
      return new AnalysisInputs(this, index);
    }
  }
}
