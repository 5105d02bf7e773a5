package org.trialmatch.evaluate;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.LongConsumer;
import org.trialmatch.data.OutcomeClassifier;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.nwb.write.ColumnSpec;
import org.trialmatch.nwb.write.IntervalsSpec;
import org.trialmatch.nwb.write.NwbMetadata;
import org.trialmatch.nwb.write.NwbWriteSpec;
import org.trialmatch.nwb.write.SeriesSpec;
import org.trialmatch.nwb.write.UnitElectrodes;
import org.trialmatch.nwb.write.UnitsSpec;
import org.trialmatch.train.Fit;

/**
 * Model trials of a fitted run as an NWB file. {@link #spec} lays the trials end to end: trial
 * {@code k} starts at {@code GAP_S + k * (duration + GAP_S)} s, its alignment event lies at
 * {@code start_time - windowStartMs / 1000}, and a spike in bin {@code b} is written at
 * {@code align_time + windowStartMs / 1000 + (b + 0.5) * dtMs / 1000}.
 */
public final class SyntheticNwb {
  /** Gap between consecutive synthetic trials, s. */
  public static final double GAP_S = 1.0;
  /** Processing module of the model's jaw trace. */
  public static final String BEHAVIOR_MODULE = "behavior";

  private SyntheticNwb() {
  }

  /**
   * Simulates the same trials as {@link EvaluationTrials#simulate} and describes them as {@link #spec} does, keeping only
   * spike times (never the dense {@code [t][trial][unit]} array of all trials), so N may be large.
   *
   * @param fit the fitted model
   * @param n trials wanted (>= 1)
   * @param condition keep only trials of this condition label, or null for all
   * @param seed seed of the draws
   * @param classifier outcome classifier giving the {@code trial_type} column, or null to omit it
   * @param provenance text put into the session description
   * @param progress told the number of trials kept so far after each chunk (may be null)
   * @return the spec
   */
  public static NwbWriteSpec simulateSpec(Fit fit, int n, String condition, long seed, OutcomeClassifier classifier,
      String provenance, LongConsumer progress) {
    EvaluationTrials.check(fit, n, condition);
    Accumulator acc = new Accumulator(fit, n, classifier);
    EvaluationTrials.draw(fit, n, condition, seed, progress, acc::add);
    return acc.build(fit, provenance);
  }

  /** @return whether the model of this fit drives a jaw trace */
  static boolean hasJaw(Fit fit) {
    return fit.data().hasBehaviour() && fit.layout().nMotor() > 0;
  }

  /**
   * Start of each synthetic trial, s.
   *
   * @param fit the fitted model (for the trial duration)
   * @param trial trial index
   * @return {@code start_time} of that trial
   */
  public static double startS(Fit fit, int trial) {
    return GAP_S + trial * (durationS(fit) + GAP_S);
  }

  /**
   * @param fit the fitted model
   * @return duration of one model trial, s ({@code steps * dtMs / 1000})
   */
  public static double durationS(Fit fit) {
    return fit.model().steps() * fit.model().dtMs() / 1000.0;
  }

  /**
   * Describes model trials as an NWB file: the model units as a units table (ids = model unit index;
   * columns {@code area}, {@code cell_type} E/I, {@code session} and {@code recorded_unit} of the recorded
   * unit each stands for, "" and -1 for hidden units), the trials table ({@code start_time},
   * {@code stop_time}, {@code align_time}, {@code condition} and, when {@code trialTypes} is given,
   * {@code trial_type}), the jaw trace as a TimeSeries in {@code processing/behavior} when the model has a
   * jaw, and the provenance in {@code session_description}.
   *
   * @param fit the fitted model
   * @param sim its simulated trials
   * @param trialTypes model trial type per trial, or null to omit the column
   * @param provenance text put into the session description (run path, seed, ...)
   * @return the spec
   */
  public static NwbWriteSpec spec(Fit fit, Fit.Simulated sim, String[] trialTypes, String provenance) {
    Accumulator acc = new Accumulator(fit, sim.spikes().trials(), null);
    for (int k = 0; k < sim.spikes().trials(); k++) {
      acc.add(sim, k, k);
    }
    acc.trialTypes = trialTypes;
    return acc.build(fit, provenance);
  }

  /** Spike times per model unit, trial rows and the jaw, filled trial by trial. */
  static final class Accumulator {
    private final int n;
    private final int steps;
    private final int units;
    private final double dtS;
    private final double[] start;
    private final String[] conditions;
    private final OutcomeClassifier classifier;
    private final float[] trace;
    private final double[][] times;
    private final int[] filled;
    private final int channels;
    private final List<String> channelNames;
    private final double[][] jawData;
    private final double[] jawTimes;
    private String[] trialTypes;
    private final List<ColumnSpec> extraColumns = new java.util.ArrayList<>();

    Accumulator(Fit fit, int n, OutcomeClassifier classifier) {
      this.n = n;
      this.steps = fit.model().steps();
      this.units = fit.layout().nUnits();
      this.dtS = fit.model().dtMs() / 1000.0;
      this.start = new double[n];
      this.conditions = new String[n];
      this.classifier = classifier;
      this.trialTypes = classifier == null ? null : new String[n];
      this.channels = fit.model().behaviourChannels();
      this.channelNames = channelNames(fit);
      this.trace = new float[steps * channels];
      this.times = new double[units][16];
      this.filled = new int[units];
      boolean jaw = hasJaw(fit);
      this.jawData = jaw ? new double[channels][n * steps] : null;
      this.jawTimes = jaw ? new double[n * steps] : null;
      for (int k = 0; k < n; k++) {
        start[k] = startS(fit, k);
      }
    }

    void add(Fit.Simulated s, int b, int k) {
      int m = s.spikes().trials();
      float[] x = s.spikes().values();
      for (int t = 0; t < steps; t++) {
        double time = start[k] + (t + 0.5) * dtS;
        int row = (t * m + b) * units;
        for (int u = 0; u < units; u++) {
          for (int c = Math.round(x[row + u]); c > 0; c--) {
            if (filled[u] == times[u].length) {
              times[u] = java.util.Arrays.copyOf(times[u], 2 * times[u].length);
            }
            times[u][filled[u]++] = time;
          }
        }
        for (int c = 0; c < channels; c++) {
          trace[c * steps + t] = s.behaviour().values()[(t * m + b) * channels + c];
          if (jawData != null) {
            jawData[c][k * steps + t] = trace[c * steps + t];
          }
        }
        if (jawData != null) {
          jawTimes[k * steps + t] = time;
        }
      }
      conditions[k] = s.condition(b);
      if (classifier != null) {
        trialTypes[k] = conditions[k] + "/" + classifier.predict(trace, conditions[k]);
      }
    }

    /** Adds a column to the trials table (one value per trial). */
    void column(ColumnSpec col) {
      extraColumns.add(col);
    }

    /** @return the start time of each trial, s */
    double[] starts() {
      return start.clone();
    }

    NwbWriteSpec build(Fit fit, String provenance) {
      NetworkLayout layout = fit.layout();
      double windowStartS = fit.model().windowStartMs() / 1000.0;
      double durationS = durationS(fit);
      double[] stop = new double[n];
      double[] align = new double[n];
      for (int k = 0; k < n; k++) {
        stop[k] = start[k] + durationS;
        align[k] = start[k] - windowStartS;
      }
      String[] areas = new String[units];
      String[] cellType = new String[units];
      String[] session = new String[units];
      int[] recorded = new int[units];
      UnitsSpec.Builder ub = UnitsSpec.builder()
          .description("model units of a fitted network")
          .electrodes(UnitElectrodes.SINGLE);
      for (int u = 0; u < units; u++) {
        ub.unit(u, java.util.Arrays.copyOf(times[u], filled[u]), layout.area(u));
        areas[u] = layout.areaNames().get(layout.area(u));
        cellType[u] = layout.isExcitatory(u) ? "E" : "I";
        session[u] = layout.isHidden(u) ? "" : layout.session(u);
        recorded[u] = layout.recordedIndex(u);
      }
      ub.areaColumn("area", areas)
          .column(ColumnSpec.texts("cell_type", "E or I (Dale's law sign of the model unit)", cellType))
          .column(ColumnSpec.texts("session", "session of the recorded unit this unit stands for, "
              + "'' for hidden units", session))
          .column(ColumnSpec.ints("recorded_unit", "row of that recorded unit in its session's units "
              + "table, -1 for hidden units", recorded));
      IntervalsSpec.Builder ib = IntervalsSpec.builder(NwbWriteSpec.DEFAULT_INTERVAL_TABLE)
          .description("synthetic model trials laid end to end, " + GAP_S + " s apart")
          .column(ColumnSpec.floats("start_time", "start of the simulated window, s", start))
          .column(ColumnSpec.floats("stop_time", "end of the simulated window, s", stop))
          .column(ColumnSpec.floats("align_time", "time of the alignment event (model time 0), s", align))
          .column(ColumnSpec.texts("condition", "condition of the test trial the inputs were drawn from",
              conditions));
      for (ColumnSpec col : extraColumns) {
        ib.column(col);
      }
      if (trialTypes != null) {
        ib.column(ColumnSpec.texts("trial_type", "condition/outcome, the outcome read from the model's "
            + "jaw by the run's outcome classifier", trialTypes));
      }
      String now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
          .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      // deterministic: the same run, checkpoint, seed and trials give the same identifier
      String id = "trialmatch-synthetic-" + java.util.UUID.nameUUIDFromBytes(
          provenance.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      NwbWriteSpec.Builder b = NwbWriteSpec.builder(id, "synthetic trials of a fitted trialmatch model; " + provenance,
          now)
          .metadata(metadata(fit, provenance))
          .units(ub.build())
          .intervals(ib.build());
      org.trialmatch.nwb.write.VirtualElectrodes.addTo(b, layout.areaNames(), "the units of a network model");
      if (jawData != null) {
        b.processingModule(BEHAVIOR_MODULE, "behaviour driven by the model's motor units");
        for (int c = 0; c < channels; c++) {
          String data = channelNames.get(c);
          // named after the data's behaviour it stands for: event times (licks) become a rate
          String what = data.endsWith("_times") ? data.substring(0, data.length() - "_times".length()) + "_rate" : data;
          b.series(SeriesSpec.builder(seriesName(what))
              .inProcessing(BEHAVIOR_MODULE)
              .inContainer("BehavioralTimeSeries", "BehavioralTimeSeries")
              .description("the model's behaviour readout " + (c + 1) + " of " + channels + ", standing for the data's "
                  + data + (data.endsWith("_times") ? " as an event rate" : "") + "; z-scored with the training "
                  + "trials' mean and standard deviation of that behaviour")
              .data(jawData[c], "z-score")
              .timestamps(jawTimes)
              .build());
        }
      }
      return b.build();
    }

    /**
     * The model as the file's subject: species that of the recordings when they all name one, else "synthetic
     * construct"; the recorded subjects in the description.
     */
    private static NwbMetadata metadata(Fit fit, String provenance) {
      java.util.TreeSet<String> species = new java.util.TreeSet<>();
      java.util.Set<String> subjects = new java.util.TreeSet<>();
      java.util.List<String> sessions = new java.util.ArrayList<>();
      for (var s : fit.data().sessions()) {
        var c = s.recording().contents();
        species.add(c.species());
        if (!c.subjectId().isEmpty()) {
          subjects.add(c.subjectId());
        }
        sessions.add(s.name());
      }
      String sp = species.size() == 1 && !species.first().isEmpty() ? species.first() : NwbMetadata.SYNTHETIC_SPECIES;
      String desc = "no animal: a recurrent spiking network fitted by trialmatch to " + sessions.size() + " session"
          + (sessions.size() == 1 ? "" : "s") + " (" + shortList(sessions) + ")" + (subjects.isEmpty() ? ""
          : " of subject" + (subjects.size() == 1 ? " " : "s ") + shortList(new java.util.ArrayList<>(subjects)));
      String run = provenance.startsWith("run ") ? provenance.substring(4).split(",")[0] : "run";
      String name = java.nio.file.Path.of(run).getFileName() == null ? "run" : java.nio.file.Path.of(run).getFileName()
          .toString();
      return new NwbMetadata(java.util.Optional.of(new NwbMetadata.Subject("model-" + name, sp, "U", NwbMetadata.NO_ANIMAL_AGE,
          desc + "; " + NwbMetadata.NO_ANIMAL_AGE_NOTE)),
          List.of(), "", "Synthetic trials of a data-constrained recurrent spiking network (trialmatch); " + provenance,
          List.of("trialmatch", "synthetic trials", "spiking network model", "trial matching"));
    }

    private static String shortList(java.util.List<String> v) {
      return v.size() <= 3 ? String.join(", ", v) : String.join(", ", v.subList(0, 3)) + " and " + (v.size() - 3)
          + " more";
    }

    /**
     * @param what the behaviour, e.g. {@code lick_left_rate}
     * @return the series' name, e.g. {@code model_lick_left_rate}
     */
    static String seriesName(String what) {
      return "model_" + what;
    }

    /** Names of the behaviour channels, safe as NWB object names (from the first session's labels). */
    private static List<String> channelNames(Fit fit) {
      List<String> names = new java.util.ArrayList<>();
      List<String> labels = fit.data().sessions().get(0).trials().behaviourLabels();
      for (int c = 0; c < fit.model().behaviourChannels(); c++) {
        String raw = c < labels.size() ? RunInputs.shortName(labels.get(c)) : "channel" + (c + 1);
        String safe = raw.replaceAll("[^A-Za-z0-9_]", "_");
        names.add(names.contains(safe) ? safe + "_" + (c + 1) : safe);
      }
      return names;
    }
  }
}
