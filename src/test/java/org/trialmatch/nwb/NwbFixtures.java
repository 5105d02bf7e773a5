package org.trialmatch.nwb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.trialmatch.nwb.write.ColumnSpec;
import org.trialmatch.nwb.write.Device;
import org.trialmatch.nwb.write.ElectrodeGroup;
import org.trialmatch.nwb.write.ElectrodesTableType;
import org.trialmatch.nwb.write.IndexType;
import org.trialmatch.nwb.write.IntervalsSpec;
import org.trialmatch.nwb.write.NwbWriteSpec;
import org.trialmatch.nwb.write.SeriesSpec;
import org.trialmatch.nwb.write.UnitElectrodes;
import org.trialmatch.nwb.write.UnitsSpec;

/**
 * Small, seeded NWB file descriptions for tests of the writer and of readers. Write one with
 * {@code NwbWriter.write(dir.resolve("x.nwb"), NwbFixtures.twoAreaRecording(1))}; every expected value is
 * available from the returned {@link NwbWriteSpec} (e.g. {@code spec.units().get().spikeTimes(3)}), so tests
 * compare what they read with the spec rather than with numbers copied from a run.
 *
 * <p>The layout of {@link #twoAreaRecording(long)}, the fixture most reader tests want:
 * <ul>
 *   <li>one device {@link #DEVICE}; two electrode groups {@link #GROUP_A} and {@link #GROUP_B} (names with
 *       ':' and spaces), {@link #ELECTRODES_PER_AREA} electrodes each, electrode rows of area
 *       {@code AREAS.get(a)} are {@code a * ELECTRODES_PER_AREA ...}; their {@code location} is structured:
 *       {@code brain_region: ALM; hemisphere: left} (see {@link #structuredLocation(String)});</li>
 *   <li>{@link #UNITS_PER_AREA} units per area, units of area {@code a} are rows
 *       {@code a * UNITS_PER_AREA ...}; each has 1 to 3 electrodes of its own area (ragged
 *       {@code electrodes}); column {@value #CELL_TYPE_COLUMN} holds {@code E} for the first
 *       {@link #EXCITATORY_PER_AREA} units of each area and {@code I} for the others; no area column in the
 *       units table (the area comes from the electrodes' location); spike times are sorted Poisson trains
 *       over the session;</li>
 *   <li>{@code intervals/trials}: {@link #TRIALS} trials of {@link #TRIAL_LENGTH_S} s every
 *       {@link #TRIAL_PERIOD_S} s from {@link #FIRST_TRIAL_S}; {@code start_time}, {@code stop_time};
 *       {@value #ABSOLUTE_EVENT_COLUMN} (absolute time of the go cue, NaN in trial {@link #NAN_CUE_TRIAL});
 *       {@value #RELATIVE_EVENT_COLUMN} (first lick relative to {@code start_time}, NaN in every
 *       {@code Miss} and {@code CR} trial); {@value #OUTCOME_COLUMN} (Hit/Miss/CR/FA, text);
 *       {@value #EARLY_LICK_COLUMN} (bool);</li>
 *   <li>{@code processing/behavior/BehavioralTimeSeries/jaw_position}: continuous, {@code starting_time} 0
 *       and rate {@link #JAW_RATE_HZ} over the session; {@code processing/behavior/BehavioralEvents/licks}:
 *       events with {@code timestamps} (every lick) and data all 1.</li>
 * </ul>
 * Object ids are drawn from the seed and {@code file_create_date} is fixed, so the same seed gives the same
 * bytes.
 */
public final class NwbFixtures {
  /** Brain areas of {@link #twoAreaRecording(long)}, in unit and electrode order. */
  public static final List<String> AREAS = List.of("ALM", "tjM1");
  /** Device name. */
  public static final String DEVICE = "probe A";
  /** Electrode group of the first area. */
  public static final String GROUP_A = "probe A: shank 0";
  /** Electrode group of the second area. */
  public static final String GROUP_B = "probe A: shank 1";
  /** Electrodes per area. */
  public static final int ELECTRODES_PER_AREA = 6;
  /** Units per area. */
  public static final int UNITS_PER_AREA = 6;
  /** Excitatory units at the start of each area's block. */
  public static final int EXCITATORY_PER_AREA = 4;
  /** Units-table column with E/I labels. */
  public static final String CELL_TYPE_COLUMN = "cell_type";
  /** Number of trials. */
  public static final int TRIALS = 16;
  /** Start of the first trial, s. */
  public static final double FIRST_TRIAL_S = 1.0;
  /** Trial start to trial start, s. */
  public static final double TRIAL_PERIOD_S = 4.0;
  /** Trial length, s. */
  public static final double TRIAL_LENGTH_S = 3.0;
  /** Interval-table column: go cue, absolute time in s. */
  public static final String ABSOLUTE_EVENT_COLUMN = "go_cue_time";
  /** Interval-table column: first lick, s after the trial's {@code start_time}. */
  public static final String RELATIVE_EVENT_COLUMN = "first_lick_rel";
  /** Interval-table column: outcome label (Hit, Miss, CR, FA). */
  public static final String OUTCOME_COLUMN = "outcome";
  /** Interval-table column: whether the animal licked before the cue. */
  public static final String EARLY_LICK_COLUMN = "early_lick";
  /** Trial whose go cue time is NaN. */
  public static final int NAN_CUE_TRIAL = 5;
  /** Processing module of the behaviour series. */
  public static final String BEHAVIOR_MODULE = "behavior";
  /** Sampling rate of the jaw trace, Hz. */
  public static final double JAW_RATE_HZ = 100.0;
  /** Session start used by every fixture. */
  public static final String SESSION_START = "2024-01-15T10:00:00+01:00";
  /** {@code file_create_date} used by every fixture. */
  public static final String CREATED = "2024-01-16T09:30:00+01:00";

  private static final String[] OUTCOMES = {"Hit", "Miss", "CR", "FA"};

  private NwbFixtures() {
  }

  /**
   * @param area an area name
   * @return the electrodes' location text of that area, {@code brain_region: <area>; hemisphere: left}
   */
  public static String structuredLocation(String area) {
    return "brain_region: " + area + "; hemisphere: left";
  }

  /** @return duration of the session covered by trials, s */
  public static double sessionLengthS() {
    return FIRST_TRIAL_S + TRIALS * TRIAL_PERIOD_S + 1.0;
  }

  /**
   * Two areas, E/I cell types, ragged electrodes with structured locations, a trials table with relative
   * and absolute event columns (some NaN) and two behaviour series; described in the class comment.
   *
   * @param seed seed of spike trains, electrode choice, events and object ids
   * @return the spec
   */
  public static NwbWriteSpec twoAreaRecording(long seed) {
    return twoAreaRecording(seed, IndexType.INT64);
  }

  /**
   * As {@link #twoAreaRecording(long)} with {@code spike_times_index} and {@code electrodes_index} stored
   * as {@code indexType}. With {@link IndexType#UINT8}, spike counts are lowered so that the total fits.
   *
   * @param seed seed
   * @param indexType stored integer type of the index datasets
   * @return the spec
   */
  public static NwbWriteSpec twoAreaRecording(long seed, IndexType indexType) {
    SplittableRandom rng = new SplittableRandom(seed);
    NwbWriteSpec.Builder b = base("two-area-" + seed, seed);
    addProbe(b, rng, true);
    double maxRateHz = indexType == IndexType.UINT8 ? 0.2 : 8.0;
    UnitsSpec.Builder units = UnitsSpec.builder()
        .description("sorted units of two areas")
        .electrodes(UnitElectrodes.RAGGED)
        .spikeTimesIndexType(indexType)
        .electrodesIndexType(indexType);
    String[] cellType = new String[AREAS.size() * UNITS_PER_AREA];
    for (int a = 0; a < AREAS.size(); a++) {
      for (int k = 0; k < UNITS_PER_AREA; k++) {
        int u = a * UNITS_PER_AREA + k;
        cellType[u] = k < EXCITATORY_PER_AREA ? "E" : "I";
        double rate = maxRateHz * (0.2 + 0.8 * rng.nextDouble());
        units.unit(u, poisson(rng, rate, sessionLengthS()), electrodesOf(rng, a));
      }
    }
    units.column(ColumnSpec.texts(CELL_TYPE_COLUMN, "putative cell type (E or I)", cellType));
    b.units(units.build());
    Trials trials = trials(rng);
    b.intervals(trials.table(NwbWriteSpec.DEFAULT_INTERVAL_TABLE));
    addBehaviour(b, rng, trials.lickTimes);
    return b.build();
  }

  /**
   * One electrode per unit (no {@code electrodes_index}), the area in a units column named
   * {@code areaColumn} (e.g. {@code location} or {@code brain_area}), plain electrode locations (just the
   * area name), a trials table and no behaviour. Unit {@code u} belongs to area
   * {@code AREAS.get(u / UNITS_PER_AREA)}; index datasets are uint32.
   *
   * @param seed seed
   * @param areaColumn name of the units column holding the area
   * @return the spec
   */
  public static NwbWriteSpec unitAreaColumnRecording(long seed, String areaColumn) {
    SplittableRandom rng = new SplittableRandom(seed);
    NwbWriteSpec.Builder b = base("area-column-" + seed, seed);
    addProbe(b, rng, false);
    UnitsSpec.Builder units = UnitsSpec.builder()
        .electrodes(UnitElectrodes.SINGLE)
        .spikeTimesIndexType(IndexType.UINT32);
    String[] areas = new String[AREAS.size() * UNITS_PER_AREA];
    for (int a = 0; a < AREAS.size(); a++) {
      for (int k = 0; k < UNITS_PER_AREA; k++) {
        int u = a * UNITS_PER_AREA + k;
        areas[u] = AREAS.get(a);
        units.unit(100 + u, poisson(rng, 5.0, sessionLengthS()),
            a * ELECTRODES_PER_AREA + rng.nextInt(ELECTRODES_PER_AREA));
      }
    }
    units.areaColumn(areaColumn, areas);
    b.units(units.build());
    b.intervals(trials(rng).table(NwbWriteSpec.DEFAULT_INTERVAL_TABLE));
    return b.build();
  }

  /**
   * A malformed file: three units whose {@code spike_times_index} is {@code [2, 4, 9]} while
   * {@code spike_times} has only 5 values (the last unit runs past the data). No electrodes, no trials.
   *
   * @return the spec
   */
  public static NwbWriteSpec indexPastDataRecording() {
    NwbWriteSpec.Builder b = base("index-past-data", 7);
    b.units(UnitsSpec.builder()
        .electrodes(UnitElectrodes.NONE)
        .unit(0, new double[0])
        .unit(1, new double[0])
        .unit(2, new double[0])
        .uncheckedSpikeTimes(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, new long[] {2, 4, 9})
        .build());
    return b.build();
  }

  /**
   * Every feature the writer has, for round-trip tests: the content of {@link #twoAreaRecording(long)}
   * plus extra units columns of each type (float64, int32, int64, bool, text) and an area column
   * {@code brain_area}; spike times stored chunked with gzip; the electrodes table typed
   * {@code ElectrodesTable}; a second interval table {@code epochs} with every column type; an acquisition
   * series with timestamps and no data, and a {@code Position} container with a {@code SpatialSeries}.
   *
   * @param seed seed
   * @param indexType stored integer type of the units' index datasets
   * @return the spec
   */
  public static NwbWriteSpec allFeatures(long seed, IndexType indexType) {
    SplittableRandom rng = new SplittableRandom(seed);
    NwbWriteSpec.Builder b = base("all-features-" + seed, seed)
        .timestampsReferenceTime("2024-01-15T09:59:30+01:00")
        .fileCreateDate("2024-02-01T12:00:00Z")
        .electrodesTableType(ElectrodesTableType.ELECTRODES_TABLE)
        .electrodesDescription("all electrodes of probe A");
    addProbe(b, rng, true);
    int n = AREAS.size() * UNITS_PER_AREA;
    UnitsSpec.Builder units = UnitsSpec.builder()
        .description("units with every column type")
        .electrodes(UnitElectrodes.RAGGED)
        .spikeTimesIndexType(indexType)
        .electrodesIndexType(indexType)
        .spikeTimesStorage(64, 4);
    String[] cellType = new String[n];
    String[] areas = new String[n];
    double[] width = new double[n];
    int[] depth = new int[n];
    long[] clusterId = new long[n];
    boolean[] good = new boolean[n];
    double maxRateHz = indexType == IndexType.UINT8 ? 0.2 : 6.0;
    for (int u = 0; u < n; u++) {
      int a = u / UNITS_PER_AREA;
      cellType[u] = u % UNITS_PER_AREA < EXCITATORY_PER_AREA ? "E" : "I";
      areas[u] = AREAS.get(a);
      width[u] = u == 3 ? Double.NaN : 0.2 + 0.6 * rng.nextDouble();
      depth[u] = -100 - rng.nextInt(2000);
      clusterId[u] = 5_000_000_000L + u;
      good[u] = rng.nextBoolean();
      double[] spikes = u == 7 ? new double[0] : poisson(rng, maxRateHz * rng.nextDouble(), sessionLengthS());
      int[] electrodes = u == 2 ? new int[0] : electrodesOf(rng, a);
      units.unit(u * 3L, spikes, electrodes);
    }
    units.column(ColumnSpec.texts(CELL_TYPE_COLUMN, "putative cell type", cellType))
        .areaColumn("brain_area", areas)
        .column(ColumnSpec.floats("waveform_width", "trough to peak, ms", width))
        .column(ColumnSpec.ints("depth_um", "depth below the surface, um", depth))
        .column(ColumnSpec.longs("cluster_id", "spike sorter's cluster id", clusterId))
        .column(ColumnSpec.bools("good", "passed quality control", good));
    b.units(units.build());
    Trials trials = trials(rng);
    b.intervals(trials.table(NwbWriteSpec.DEFAULT_INTERVAL_TABLE));
    b.intervals(IntervalsSpec.builder("epochs")
        .description("epochs with every column type")
        .ids(new long[] {10, 11, 12})
        .column(ColumnSpec.floats("start_time", "start, s", new double[] {0.0, 30.0, 60.0}))
        .column(ColumnSpec.floats("stop_time", "stop, s", new double[] {30.0, 60.0, Double.NaN}))
        .column(ColumnSpec.ints("block", "block number", new int[] {1, 2, Integer.MIN_VALUE}))
        .column(ColumnSpec.longs("sample", "first sample", new long[] {0L, Long.MAX_VALUE, -1L}))
        .column(ColumnSpec.bools("opto", "light on", new boolean[] {true, false, true}))
        .column(ColumnSpec.texts("label", "epoch label", new String[] {"pré", "stim: on", ""}))
        .build());
    addBehaviour(b, rng, trials.lickTimes);
    b.series(SeriesSpec.builder("sync_pulses")
        .description("times of sync pulses, no data")
        .timestamps(new double[] {0.5, 1.5, 2.5})
        .build());
    b.series(SeriesSpec.builder("nose")
        .neurodataType("SpatialSeries")
        .inProcessing(BEHAVIOR_MODULE)
        .inContainer("Position", "Position")
        .data(new double[] {1.0, 2.0, 3.0, 4.0}, "mm")
        .scaling(0.001, 0.5, -1.0)
        .startingTime(2.0, 50.0)
        .build());
    return b.build();
  }

  // ------------------------------------------------------------------------------------------------

  private static NwbWriteSpec.Builder base(String identifier, long seed) {
    return NwbWriteSpec.builder(identifier, "synthetic test session " + identifier, SESSION_START)
        .fileCreateDate(CREATED)
        .objectIdSeed(seed);
  }

  private static void addProbe(NwbWriteSpec.Builder b, SplittableRandom rng, boolean structured) {
    b.device(new Device(DEVICE, "silicon probe with two shanks", "example maker"));
    String[] groups = {GROUP_A, GROUP_B};
    for (int a = 0; a < AREAS.size(); a++) {
      b.electrodeGroup(new ElectrodeGroup(groups[a], "shank " + a + " of " + DEVICE,
          AREAS.get(a), DEVICE));
    }
    for (int a = 0; a < AREAS.size(); a++) {
      String location = structured ? structuredLocation(AREAS.get(a)) : AREAS.get(a);
      for (int k = 0; k < ELECTRODES_PER_AREA; k++) {
        b.electrode(250.0 * a, 20.0 * k, 0.0, k == 0 ? Double.NaN : 1e5 + 1e4 * rng.nextDouble(), location,
            "300-6000 Hz band-pass", groups[a]);
      }
    }
  }

  private static int[] electrodesOf(SplittableRandom rng, int area) {
    int count = 1 + rng.nextInt(3);
    int first = rng.nextInt(ELECTRODES_PER_AREA - count + 1);
    int[] rows = new int[count];
    for (int i = 0; i < count; i++) {
      rows[i] = area * ELECTRODES_PER_AREA + first + i;
    }
    return rows;
  }

  /** Sorted Poisson spike train on [0, lengthS). */
  static double[] poisson(SplittableRandom rng, double rateHz, double lengthS) {
    List<Double> spikes = new ArrayList<>();
    if (rateHz > 0) {
      double t = -Math.log(1.0 - rng.nextDouble()) / rateHz;
      while (t < lengthS) {
        spikes.add(t);
        t += -Math.log(1.0 - rng.nextDouble()) / rateHz;
      }
    }
    double[] out = new double[spikes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = spikes.get(i);
    }
    return out;
  }

  /** A trials table's columns and the lick times behind them. */
  private static final class Trials {
    final double[] start = new double[TRIALS];
    final double[] stop = new double[TRIALS];
    final double[] cue = new double[TRIALS];
    final double[] lickRel = new double[TRIALS];
    final String[] outcome = new String[TRIALS];
    final boolean[] earlyLick = new boolean[TRIALS];
    double[] lickTimes;

    IntervalsSpec table(String name) {
      return IntervalsSpec.builder(name)
          .description("trials of a detection task")
          .column(ColumnSpec.floats("start_time", "start of the trial, s", start))
          .column(ColumnSpec.floats("stop_time", "end of the trial, s", stop))
          .column(ColumnSpec.floats(ABSOLUTE_EVENT_COLUMN, "go cue, s (absolute)", cue))
          .column(ColumnSpec.floats(RELATIVE_EVENT_COLUMN, "first lick, s after start_time", lickRel))
          .column(ColumnSpec.texts(OUTCOME_COLUMN, "Hit, Miss, CR or FA", outcome))
          .column(ColumnSpec.bools(EARLY_LICK_COLUMN, "licked before the go cue", earlyLick))
          .build();
    }
  }

  private static Trials trials(SplittableRandom rng) {
    Trials t = new Trials();
    List<Double> licks = new ArrayList<>();
    for (int k = 0; k < TRIALS; k++) {
      t.start[k] = FIRST_TRIAL_S + k * TRIAL_PERIOD_S;
      t.stop[k] = t.start[k] + TRIAL_LENGTH_S;
      double cueOffset = 1.0 + 0.2 * rng.nextDouble();
      t.cue[k] = k == NAN_CUE_TRIAL ? Double.NaN : t.start[k] + cueOffset;
      t.outcome[k] = OUTCOMES[k % OUTCOMES.length];
      t.earlyLick[k] = rng.nextInt(5) == 0;
      boolean licked = "Hit".equals(t.outcome[k]) || "FA".equals(t.outcome[k]);
      if (licked) {
        t.lickRel[k] = cueOffset + 0.1 + 0.3 * rng.nextDouble();
        double first = t.start[k] + t.lickRel[k];
        for (int j = 0; j < 4; j++) {
          licks.add(first + 0.15 * j);
        }
      } else {
        t.lickRel[k] = Double.NaN;
      }
    }
    t.lickTimes = new double[licks.size()];
    for (int i = 0; i < t.lickTimes.length; i++) {
      t.lickTimes[i] = licks.get(i);
    }
    return t;
  }

  private static void addBehaviour(NwbWriteSpec.Builder b, SplittableRandom rng, double[] lickTimes) {
    b.processingModule(BEHAVIOR_MODULE, "behavioural measurements");
    int samples = (int) Math.round(sessionLengthS() * JAW_RATE_HZ);
    double[] jaw = new double[samples];
    for (int i = 0; i < samples; i++) {
      double t = i / JAW_RATE_HZ;
      jaw[i] = Math.sin(2 * Math.PI * 6.0 * t) * 0.5 + 0.05 * (rng.nextDouble() - 0.5);
    }
    b.series(SeriesSpec.builder("jaw_position")
        .description("jaw position from video tracking")
        .inProcessing(BEHAVIOR_MODULE)
        .inContainer("BehavioralTimeSeries", "BehavioralTimeSeries")
        .data(jaw, "mm")
        .startingTime(0.0, JAW_RATE_HZ)
        .build());
    double[] ones = new double[lickTimes.length];
    Arrays.fill(ones, 1.0);
    b.series(SeriesSpec.builder("licks")
        .description("lick contacts")
        .inProcessing(BEHAVIOR_MODULE)
        .inContainer("BehavioralEvents", "BehavioralEvents")
        .data(ones, "n.a.")
        .timestamps(lickTimes)
        .build());
  }
}
