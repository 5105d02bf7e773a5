package org.trialmatch.nwb.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.trialmatch.nwb.NwbFixtures;

/** The spec builders refuse inconsistent descriptions and report every problem at once. */
class NwbWriteSpecTest {
  private static final String START = NwbFixtures.SESSION_START;

  @Test
  void everyProblemIsReportedInOnePass() {
    NwbWriteSpec.Builder b = NwbWriteSpec.builder("id", "d", "yesterday")
        .device(new Device("probe", "d", "m"))
        .electrodeGroup(new ElectrodeGroup("a/b", "d", "ALM", "probe"))
        .electrodeGroup(new ElectrodeGroup("g", "d", "ALM", "no such device"))
        .electrode(0, 0, 0, 0, "ALM", "f", "unknown group")
        .units(UnitsSpec.builder().electrodes(UnitElectrodes.RAGGED).unit(0, new double[] {1.0}, 0, 5).build())
        .series(SeriesSpec.builder("s").inProcessing("undeclared").timestamps(new double[] {0.0}).build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
    String m = e.getMessage();
    for (String expected : new String[] {"session_start_time", "'a/b'", "unknown device 'no such device'",
        "unknown electrode group 'unknown group'", "electrode row 5", "undeclared processing module"}) {
      assertTrue(m.contains(expected), "missing '" + expected + "' in: " + m);
    }
    assertTrue(m.contains("(6 problems)"), m);
  }

  @Test
  void indexValuesMustFitTheirType() {
    UnitsSpec.builder().spikeTimesIndexType(IndexType.UINT8).unit(0, new double[255]).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UnitsSpec.builder().spikeTimesIndexType(IndexType.UINT8).unit(0, new double[256]).build());
    assertTrue(e.getMessage().contains("256 spikes"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> UnitsSpec.builder()
        .spikeTimesIndexType(IndexType.UINT16).electrodes(UnitElectrodes.NONE).unit(0, new double[0])
        .uncheckedSpikeTimes(new double[1], new long[] {70_000}).build());
    assertTrue(e.getMessage().contains("70000 does not fit uint16"), e.getMessage());
  }

  @Test
  void uncheckedIndexNeedsOneEntryPerUnitButNothingElse() {
    UnitsSpec t = UnitsSpec.builder().electrodes(UnitElectrodes.NONE).unit(0, new double[0])
        .unit(1, new double[0]).uncheckedSpikeTimes(new double[] {1.0}, new long[] {5, 2}).build();
    assertArrayEquals(new long[] {5, 2}, t.spikeTimesIndex());
    assertThrows(IllegalArgumentException.class, () -> UnitsSpec.builder().electrodes(UnitElectrodes.NONE)
        .unit(0, new double[0]).uncheckedSpikeTimes(new double[0], new long[] {0, 0}).build());
  }

  @Test
  void indexIsTheCumulativeCount() {
    UnitsSpec t = UnitsSpec.builder().unit(4, new double[] {0.1, 0.2}, 0).unit(9, new double[0], 1, 2)
        .unit(2, new double[] {0.5}).build();
    assertArrayEquals(new long[] {2, 2, 3}, t.spikeTimesIndex());
    assertArrayEquals(new double[] {0.1, 0.2, 0.5}, t.spikeTimesData());
    assertArrayEquals(new long[] {1, 3, 3}, t.electrodesIndex());
    assertArrayEquals(new long[] {0, 1, 2}, t.electrodesData());
  }

  @Test
  void singleElectrodeLayoutNeedsExactlyOnePerUnit() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UnitsSpec.builder().electrodes(UnitElectrodes.SINGLE).unit(0, new double[0], 1, 2).build());
    assertTrue(e.getMessage().contains("exactly 1"), e.getMessage());
  }

  @Test
  void columnsAreCheckedForLengthNamesAndText() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnitsSpec.builder()
        .unit(0, new double[0]).unit(1, new double[0])
        .column(ColumnSpec.texts("spike_times_index", "d", new String[] {"a", "b"}))
        .column(ColumnSpec.floats("w", "d", new double[3]))
        .column(ColumnSpec.texts("t", "d", new String[] {"ok", null}))
        .build());
    String m = e.getMessage();
    assertTrue(m.contains("'spike_times_index' is reserved"), m);
    assertTrue(m.contains("'w' has 3 values for 2 rows"), m);
    assertTrue(m.contains("'t' row 1 is null"), m);
  }

  @Test
  void intervalTablesNeedFloatStartAndStop() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IntervalsSpec
        .builder("trials").column(ColumnSpec.texts("start_time", "d", new String[] {"0"})).build());
    assertTrue(e.getMessage().contains("start_time must be FLOAT64"), e.getMessage());
    assertTrue(e.getMessage().contains("missing column stop_time"), e.getMessage());
  }

  @Test
  void seriesNeedsTimingAndMatchingLengths() {
    assertThrows(IllegalArgumentException.class, () -> SeriesSpec.builder("s").build());
    assertThrows(IllegalArgumentException.class, () -> SeriesSpec.builder("s").startingTime(0.0, 0.0).build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SeriesSpec.builder("s").data(new double[3], "mm").timestamps(new double[2]).build());
    assertTrue(e.getMessage().contains("2 timestamps for 3 data values"), e.getMessage());
  }

  @Test
  void aContainerNameCannotHoldTwoTypes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NwbWriteSpec
        .builder("id", "d", START)
        .series(SeriesSpec.builder("a").inContainer("box", "BehavioralEvents").timestamps(new double[0]).build())
        .series(SeriesSpec.builder("b").inContainer("box", "Position").timestamps(new double[0]).build())
        .build());
    assertTrue(e.getMessage().contains("acquisition/box"), e.getMessage());
  }

  @Test
  void arraysAreCopiedInAndOut() {
    double[] times = {1.0, 2.0};
    UnitsSpec t = UnitsSpec.builder().unit(0, times).build();
    times[0] = 99.0;
    t.spikeTimes(0)[1] = 99.0;
    assertArrayEquals(new double[] {1.0, 2.0}, t.spikeTimes(0));
  }

  @Test
  void defaultsFollowNwb() {
    NwbWriteSpec s = NwbWriteSpec.builder("id", "d", START).build();
    assertEquals("2.6.0", s.nwbVersion());
    assertEquals(START, s.timestampsReferenceTime());
    assertEquals(1, s.fileCreateDate().size());
    assertTrue(s.objectIdSeed().isEmpty());
    IntervalsSpec t = IntervalsSpec.builder()
        .column(ColumnSpec.floats("start_time", "s", new double[] {0.0}))
        .column(ColumnSpec.floats("stop_time", "s", new double[] {1.0}))
        .build();
    assertEquals("trials", t.name());
    assertArrayEquals(new long[] {0}, t.ids());
  }
}
