package org.trialmatch.nwb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.trialmatch.nwb.write.ColumnSpec;
import org.trialmatch.nwb.write.IndexType;
import org.trialmatch.nwb.write.IntervalsSpec;
import org.trialmatch.nwb.write.NwbWriteSpec;
import org.trialmatch.nwb.write.NwbWriter;
import org.trialmatch.nwb.write.SeriesSpec;
import org.trialmatch.nwb.write.UnitsSpec;

/** Files written by {@link NwbWriter} read back by {@link NwbReader}: every value against its spec. */
class NwbReaderFixturesTest {
  @TempDir Path dir;

  private NwbContents writeAndRead(NwbWriteSpec spec, NwbReadOptions options) throws IOException {
    Path f = dir.resolve(spec.identifier() + ".nwb");
    NwbWriter.write(f, spec);
    return NwbReader.read(f, options);
  }

  @ParameterizedTest
  @EnumSource(IndexType.class)
  void raggedSpikeTimesWithEveryIndexWidth(IndexType type) throws IOException {
    NwbWriteSpec spec = NwbFixtures.twoAreaRecording(3, type);
    NwbContents c = writeAndRead(spec, NwbReadOptions.DEFAULT);
    UnitsSpec u = spec.units().orElseThrow();
    assertEquals(u.unitCount(), c.units().count());
    for (int i = 0; i < u.unitCount(); i++) {
      assertArrayEquals(u.spikeTimes(i), c.units().spikeTimesS(i), 0.0, "unit " + i);
      assertEquals(u.ids()[i], c.units().id(i));
    }
  }

  @Test
  void structuredLocationsOfRaggedElectrodesGiveAreas() throws IOException {
    NwbWriteSpec spec = NwbFixtures.twoAreaRecording(5);
    NwbContents c = writeAndRead(spec, NwbReadOptions.DEFAULT);
    assertEquals("general/extracellular_ephys/electrodes/location", c.units().areaSource());
    for (int i = 0; i < c.units().count(); i++) {
      assertEquals(NwbFixtures.AREAS.get(i / NwbFixtures.UNITS_PER_AREA), c.units().area(i));
    }
    assertEquals(NwbWriteSpec.DEFAULT_NWB_VERSION, c.nwbVersion());
  }

  @ParameterizedTest
  @ValueSource(strings = {"location", "brain_area"})
  void unitsAreaColumnWithOneElectrodePerUnit(String column) throws IOException {
    NwbWriteSpec spec = NwbFixtures.unitAreaColumnRecording(2, column);
    NwbContents c = writeAndRead(spec, NwbReadOptions.DEFAULT);
    assertEquals("units/" + column, c.units().areaSource());
    for (int i = 0; i < c.units().count(); i++) {
      assertEquals(NwbFixtures.AREAS.get(i / NwbFixtures.UNITS_PER_AREA), c.units().area(i));
    }
  }

  @Test
  void plainLocationsOfNonRaggedElectrodes() throws IOException {
    // The area column has a name the reader does not detect, so the area comes from the single
    // electrode of each unit, whose location is the plain area name.
    NwbWriteSpec spec = NwbFixtures.unitAreaColumnRecording(4, "region_label");
    NwbContents c = writeAndRead(spec, NwbReadOptions.DEFAULT);
    assertEquals("general/extracellular_ephys/electrodes/location", c.units().areaSource());
    for (int i = 0; i < c.units().count(); i++) {
      assertEquals(NwbFixtures.AREAS.get(i / NwbFixtures.UNITS_PER_AREA), c.units().area(i));
    }
    // Named explicitly, the column is used.
    NwbContents named = NwbReader.read(dir.resolve(spec.identifier() + ".nwb"), new NwbReadOptions("region_label"));
    assertEquals("units/region_label", named.units().areaSource());
    NwbFormatException e = assertThrows(NwbFormatException.class,
        () -> NwbReader.read(dir.resolve(spec.identifier() + ".nwb"), new NwbReadOptions("brain_area")));
    assertEquals("units/brain_area", e.inFilePath());
    assertTrue(e.getMessage().contains("no such column"), e.getMessage());
  }

  @Test
  void intervalsKeepEveryColumnAndNaN() throws IOException {
    NwbWriteSpec spec = NwbFixtures.twoAreaRecording(6);
    NwbContents c = writeAndRead(spec, NwbReadOptions.DEFAULT);
    IntervalsSpec want = spec.intervals().get(0);
    IntervalTable got = c.interval("trials").orElseThrow();
    assertEquals(want.rowCount(), got.rows());
    List<String> names = want.columns().stream().map(ColumnSpec::name).toList();
    assertEquals(names, got.columnNames());
    for (ColumnSpec col : want.columns()) {
      switch (col.type()) {
        case FLOAT64 -> assertArrayEquals(col.floatValues(), got.numeric(col.name()).orElseThrow().toArray(), 0.0,
            col.name());
        case TEXT -> {
          for (int r = 0; r < got.rows(); r++) {
            assertEquals(col.textValue(r), got.column(col.name()).orElseThrow().text(r));
          }
        }
        case BOOL -> {
          for (int r = 0; r < got.rows(); r++) {
            assertEquals(col.boolValues()[r] ? "TRUE" : "FALSE",
                got.column(col.name()).orElseThrow().text(r).toUpperCase());
          }
        }
        default -> {
        }
      }
    }
    assertTrue(c.problems().stream().anyMatch(p -> p.startsWith("intervals/trials/" + NwbFixtures.ABSOLUTE_EVENT_COLUMN
        + ": 1 of " + NwbFixtures.TRIALS + " values are NaN")), c.problems().toString());
  }

  @Test
  void behaviourKinds() throws IOException {
    NwbWriteSpec spec = NwbFixtures.twoAreaRecording(7);
    NwbContents c = writeAndRead(spec, NwbReadOptions.DEFAULT);
    BehaviourSeries jaw = c.series("processing/behavior/BehavioralTimeSeries/jaw_position").orElseThrow();
    BehaviourSeries licks = c.series("processing/behavior/BehavioralEvents/licks").orElseThrow();
    assertEquals(SeriesKind.CONTINUOUS, jaw.kind());
    assertEquals(SeriesKind.EVENTS, licks.kind());
    SeriesSpec jawSpec = spec.series().stream().filter(s -> s.name().equals("jaw_position")).findFirst().orElseThrow();
    assertArrayEquals(jawSpec.data(), jaw.data(), 0.0);
    double[] t = jaw.timesS();
    assertEquals(0.0, t[0], 0.0);
    assertEquals(1.0 / NwbFixtures.JAW_RATE_HZ * (t.length - 1), t[t.length - 1], 1e-9);
    SeriesSpec lickSpec = spec.series().stream().filter(s -> s.name().equals("licks")).findFirst().orElseThrow();
    assertArrayEquals(lickSpec.timestamps(), licks.timesS(), 0.0);
  }

  @Test
  void allFeaturesFileReads() throws IOException {
    NwbWriteSpec spec = NwbFixtures.allFeatures(9, IndexType.UINT16);
    NwbContents c = writeAndRead(spec, NwbReadOptions.DEFAULT);
    assertEquals("units/brain_area", c.units().areaSource());
    assertEquals(2, c.intervals().size());
    IntervalTable epochs = c.interval("epochs").orElseThrow();
    assertEquals("pré", epochs.column("label").orElseThrow().text(0));
    assertEquals(Long.MAX_VALUE, (long) epochs.numeric("sample").orElseThrow().get(1), 1e4);
    assertTrue(c.problems().stream().anyMatch(p -> p.contains("have no spikes")), c.problems().toString());
    BehaviourSeries sync = c.series("acquisition/sync_pulses").orElseThrow();
    assertEquals(SeriesKind.EVENTS, sync.kind());
    assertEquals(3, sync.samples());
  }

  @Test
  void indexPastTheDataIsAnError() throws IOException {
    Path f = dir.resolve("bad.nwb");
    NwbWriter.write(f, NwbFixtures.indexPastDataRecording());
    NwbFormatException e = assertThrows(NwbFormatException.class, () -> NwbReader.read(f));
    assertEquals("units/spike_times_index", e.inFilePath());
    assertEquals(f, e.file());
    assertTrue(e.getMessage().contains("offset 9 at row 2: the index runs past the data"), e.getMessage());
    assertTrue(e.getMessage().contains("offsets <= 5"), e.getMessage());
  }

  @Test
  void fileWithoutUnitsIsAnError() throws IOException {
    Path f = dir.resolve("nounits.nwb");
    NwbWriteSpec spec = NwbWriteSpec.builder("no-units", "trials only", NwbFixtures.SESSION_START)
        .intervals(IntervalsSpec.builder("trials")
            .column(ColumnSpec.floats("start_time", "s", new double[] {0, 1}))
            .column(ColumnSpec.floats("stop_time", "s", new double[] {1, 2}))
            .build())
        .build();
    NwbWriter.write(f, spec);
    NwbFormatException e = assertThrows(NwbFormatException.class, () -> NwbReader.read(f));
    assertEquals("units", e.inFilePath());
    assertTrue(e.getMessage().contains("no units group"), e.getMessage());
  }
}
