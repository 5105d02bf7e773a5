package org.trialmatch.nwb.write;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A TimeSeries placed under {@code acquisition/} or {@code processing/<module>/}, optionally inside a
 * container group of a given neurodata type (e.g. {@code BehavioralEvents}, {@code BehavioralTimeSeries},
 * {@code Position}). Timing is either explicit {@code timestamps} or {@code starting_time} with a
 * {@code rate} attribute.
 */
public final class SeriesSpec {
  private final String name;
  private final String neurodataType;
  private final String description;
  private final String comments;
  private final String module;
  private final String containerName;
  private final String containerType;
  private final double[] data;
  private final String unit;
  private final double conversion;
  private final double resolution;
  private final double offset;
  private final double[] timestamps;
  private final double startingTimeS;
  private final double rateHz;

  private SeriesSpec(Builder b) {
    this.name = b.name;
    this.neurodataType = b.neurodataType;
    this.description = b.description;
    this.comments = b.comments;
    this.module = b.module;
    this.containerName = b.containerName;
    this.containerType = b.containerType;
    this.data = b.data == null ? null : b.data.clone();
    this.unit = b.unit;
    this.conversion = b.conversion;
    this.resolution = b.resolution;
    this.offset = b.offset;
    this.timestamps = b.timestamps == null ? null : b.timestamps.clone();
    this.startingTimeS = b.startingTimeS;
    this.rateHz = b.rateHz;
  }

  /**
   * @param name the series' group name
   * @return a builder (placed under {@code acquisition/} unless told otherwise)
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** @return the group name */
  public String name() {
    return name;
  }

  /** @return the neurodata type (default {@code TimeSeries}) */
  public String neurodataType() {
    return neurodataType;
  }

  /** @return attribute {@code description} */
  public String description() {
    return description;
  }

  /** @return attribute {@code comments} */
  public String comments() {
    return comments;
  }

  /** @return the processing module holding it, or empty when under {@code acquisition/} */
  public Optional<String> module() {
    return Optional.ofNullable(module);
  }

  /** @return the container group's name, if the series sits in one */
  public Optional<String> containerName() {
    return Optional.ofNullable(containerName);
  }

  /** @return the container group's neurodata type, if the series sits in one */
  public Optional<String> containerType() {
    return Optional.ofNullable(containerType);
  }

  /** @return the in-file path of the series' group, without a leading '/' */
  public String path() {
    String parent = module == null ? "acquisition" : "processing/" + module;
    if (containerName != null) {
      parent = parent + "/" + containerName;
    }
    return parent + "/" + name;
  }

  /** @return whether a {@code data} dataset is written */
  public boolean hasData() {
    return data != null;
  }

  /** @return a copy of {@code data} (1-D float64) or null when absent */
  public double[] data() {
    return data == null ? null : data.clone();
  }

  /** @return attribute {@code unit} of {@code data} */
  public String unit() {
    return unit;
  }

  /** @return attribute {@code conversion} of {@code data} */
  public double conversion() {
    return conversion;
  }

  /** @return attribute {@code resolution} of {@code data} */
  public double resolution() {
    return resolution;
  }

  /** @return attribute {@code offset} of {@code data} */
  public double offset() {
    return offset;
  }

  /** @return whether timing is given by {@code timestamps} (else {@code starting_time} and rate) */
  public boolean hasTimestamps() {
    return timestamps != null;
  }

  /** @return a copy of {@code timestamps} in seconds, or null when timing is by rate */
  public double[] timestamps() {
    return timestamps == null ? null : timestamps.clone();
  }

  /** @return {@code starting_time} in seconds (NaN when timing is by timestamps) */
  public double startingTimeS() {
    return startingTimeS;
  }

  /** @return attribute {@code rate} of {@code starting_time} in Hz (NaN when timing is by timestamps) */
  public double rateHz() {
    return rateHz;
  }

  /** Builds a {@link SeriesSpec}. */
  public static final class Builder {
    private final String name;
    private String neurodataType = "TimeSeries";
    private String description = "no description";
    private String comments = "no comments";
    private String module;
    private String containerName;
    private String containerType;
    private double[] data;
    private String unit = "n.a.";
    private double conversion = 1.0;
    private double resolution = -1.0;
    private double offset = 0.0;
    private double[] timestamps;
    private double startingTimeS = Double.NaN;
    private double rateHz = Double.NaN;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * @param type neurodata type of the series group (default {@code TimeSeries}; namespace core)
     * @return this
     */
    public Builder neurodataType(String type) {
      this.neurodataType = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * @param text attribute {@code description}
     * @return this
     */
    public Builder description(String text) {
      this.description = Objects.requireNonNull(text, "description");
      return this;
    }

    /**
     * @param text attribute {@code comments}
     * @return this
     */
    public Builder comments(String text) {
      this.comments = Objects.requireNonNull(text, "comments");
      return this;
    }

    /**
     * Places the series under {@code processing/<moduleName>/}; the module must be declared with
     * {@link NwbWriteSpec.Builder#processingModule(String, String)}.
     *
     * @param moduleName processing module name
     * @return this
     */
    public Builder inProcessing(String moduleName) {
      this.module = Objects.requireNonNull(moduleName, "moduleName");
      return this;
    }

    /**
     * Places the series inside a container group (created once, shared by all series naming it).
     *
     * @param name container group name, e.g. {@code BehavioralEvents}
     * @param neurodataType container neurodata type (namespace core), e.g. {@code BehavioralEvents}
     * @return this
     */
    public Builder inContainer(String name, String neurodataType) {
      this.containerName = Objects.requireNonNull(name, "name");
      this.containerType = Objects.requireNonNull(neurodataType, "neurodataType");
      return this;
    }

    /**
     * @param values the 1-D float64 {@code data} (copied)
     * @param unitName attribute {@code unit}
     * @return this
     */
    public Builder data(double[] values, String unitName) {
      this.data = Objects.requireNonNull(values, "values").clone();
      this.unit = Objects.requireNonNull(unitName, "unitName");
      return this;
    }

    /**
     * @param conversionFactor attribute {@code conversion} of data (default 1.0)
     * @param resolutionValue attribute {@code resolution} of data (default -1.0, unknown)
     * @param offsetValue attribute {@code offset} of data (default 0.0)
     * @return this
     */
    public Builder scaling(double conversionFactor, double resolutionValue, double offsetValue) {
      this.conversion = conversionFactor;
      this.resolution = resolutionValue;
      this.offset = offsetValue;
      return this;
    }

    /**
     * @param timesS {@code timestamps} in seconds (copied); replaces any starting time and rate
     * @return this
     */
    public Builder timestamps(double[] timesS) {
      this.timestamps = Objects.requireNonNull(timesS, "timesS").clone();
      this.startingTimeS = Double.NaN;
      this.rateHz = Double.NaN;
      return this;
    }

    /**
     * @param startS {@code starting_time} in seconds
     * @param rate sampling rate in Hz (attribute {@code rate}), finite and > 0
     * @return this
     */
    public Builder startingTime(double startS, double rate) {
      this.startingTimeS = startS;
      this.rateHz = rate;
      this.timestamps = null;
      return this;
    }

    /**
     * Checks the series and builds it.
     *
     * @return the series
     * @throws IllegalArgumentException listing every problem found
     */
    public SeriesSpec build() {
      List<String> problems = new ArrayList<>();
      String where = "series " + name;
      NwbText.checkName(problems, where, name);
      NwbText.checkName(problems, where + " neurodata type", neurodataType);
      NwbText.checkText(problems, where + " description", description);
      NwbText.checkText(problems, where + " comments", comments);
      NwbText.checkText(problems, where + " unit", unit);
      if (module != null) {
        NwbText.checkName(problems, where + " module", module);
      }
      if (containerName != null) {
        NwbText.checkName(problems, where + " container", containerName);
        NwbText.checkName(problems, where + " container type", containerType);
      }
      if (timestamps == null) {
        if (!Double.isFinite(startingTimeS)) {
          problems.add(where + ": needs timestamps or a finite starting time, starting time was "
              + startingTimeS);
        }
        if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
          problems.add(where + ": rateHz must be finite and > 0, was " + rateHz);
        }
      } else if (data != null && timestamps.length != data.length) {
        problems.add(where + ": " + timestamps.length + " timestamps for " + data.length + " data values");
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(NwbText.joinProblems("invalid time series", problems));
      }
      return new SeriesSpec(this);
    }
  }
}
