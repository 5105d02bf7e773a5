package org.trialmatch.nwb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ContiguousDataset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.cli.CliRunner;
import org.trialmatch.nwb.write.NwbWriteSpec;
import org.trialmatch.nwb.write.NwbWriter;
import org.trialmatch.nwb.write.UnitsSpec;

/**
 * The reader at the edges: files that are valid HDF5 but odd or wrong as NWB, each made from a fixture of
 * our writer by one edit, and inputs that are not regular files.
 */
class NwbReaderEdgeCasesTest {
  @TempDir Path dir;
  private Path file;
  private NwbWriteSpec spec;

  @BeforeEach
  void writeFixture() throws IOException {
    spec = NwbFixtures.twoAreaRecording(11);
    file = dir.resolve("edge.nwb");
    NwbWriter.write(file, spec);
  }

  private double[] allSpikeTimes() {
    UnitsSpec u = spec.units().orElseThrow();
    List<Double> all = new ArrayList<>();
    for (int i = 0; i < u.unitCount(); i++) {
      for (double s : u.spikeTimes(i)) {
        all.add(s);
      }
    }
    return all.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void integerSpikeTimesAreRefusedWithThePath() {
    double[] s = allSpikeTimes();
    long[] ms = new long[s.length];
    for (int i = 0; i < s.length; i++) {
      ms[i] = Math.round(1000 * s[i]);
    }
    H5Edit.replaceWithLongs(file, "units/spike_times", ms);
    NwbFormatException e = assertThrows(NwbFormatException.class, () -> NwbReader.read(file));
    assertEquals("units/spike_times", e.inFilePath());
    assertTrue(e.found().contains("int64 integers"), e.getMessage());
    assertTrue(e.expected().contains("floating-point seconds"), e.getMessage());
  }

  @Test
  void nonFiniteAndAbsurdSpikeTimesAreDroppedAndReported() {
    double[] s = allSpikeTimes();
    int n0 = spec.units().orElseThrow().spikeTimes(0).length;
    s[0] = Double.POSITIVE_INFINITY;
    s[1] = Double.NEGATIVE_INFINITY;
    s[2] = 1e300;
    s[3] = Double.NaN;
    H5Edit.replaceWithDoubles(file, "units/spike_times", s);
    NwbContents c = NwbReader.read(file);
    assertEquals(n0 - 4, c.units().spikeTimesS(0).length);
    String p = String.join("\n", c.problems());
    assertTrue(p.contains("units/spike_times: 1 units have infinite spike times (2 dropped"), p);
    assertTrue(p.contains("units/spike_times: 1 units have spike times outside the recording (1 dropped, e.g. 1.00000e+300 s"), p);
    assertTrue(p.contains("units/spike_times: 1 units have NaN spike times (1 dropped)"), p);
    for (int u = 0; u < c.units().count(); u++) {
      for (double v : c.units().spikeTimesS(u)) {
        assertTrue(Double.isFinite(v) && Math.abs(v) < 1e6, "unit " + u + ": " + v);
      }
    }
  }

  @Test
  void duplicateUnitIdsAreReportedAndTheUnitsStayDistinct() {
    long[] ids = spec.units().orElseThrow().ids().clone();
    ids[1] = ids[0];
    ids[5] = ids[4];
    ids[6] = ids[4];
    H5Edit.replaceWithLongs(file, "units/id", ids);
    NwbContents c = NwbReader.read(file);
    assertEquals(ids.length, c.units().count());
    String p = String.join("\n", c.problems());
    assertTrue(p.contains("units/id: 5 rows share their id with another row (ids " + ids[0] + " (2 rows), " + ids[4]
        + " (3 rows)); the units stay distinct by row"), p);
    assertArrayEquals(spec.units().orElseThrow().spikeTimes(1), c.units().spikeTimesS(1), 0.0);
  }

  @Test
  void anEmptyTrialsTableIsReportedNotACrash() throws IOException {
    List<String> columns = new ArrayList<>();
    try (HdfFile h = new HdfFile(file)) {
      ((io.jhdf.api.Group) h.getByPath("intervals/trials")).getChildren().forEach((name, node) -> {
        if (node instanceof io.jhdf.api.Dataset) {
          columns.add(name);
        }
      });
    }
    H5Edit.empty(file, "intervals/trials", columns);
    NwbContents c = NwbReader.read(file);
    assertTrue(c.problems().contains("intervals/trials: the table has no rows"), c.problems().toString());
    CliRunner.Result r = CliRunner.run("inspect", file.toString());
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void twoDimensionalSpikeTimesAreNamedByShape() {
    double[] s = allSpikeTimes();
    double[][] two = new double[s.length][];
    for (int i = 0; i < s.length; i++) {
      two[i] = new double[] {s[i], s[i]};
    }
    H5Edit.replaceWith2d(file, "units/spike_times", two);
    NwbFormatException e = assertThrows(NwbFormatException.class, () -> NwbReader.read(file));
    assertEquals("units/spike_times", e.inFilePath());
    assertEquals("a 2-D dataset [" + s.length + ", 2]", e.found());
  }

  @Test
  void aUserBlockIsAccepted() throws IOException {
    NwbContents before = NwbReader.read(file);
    H5Edit.prependUserBlock(file, 512);
    try (HdfFile h = new HdfFile(file)) {
      assertEquals(512, h.getUserBlockSize());
    }
    NwbContents after = NwbReader.read(file);
    assertEquals(before.units().count(), after.units().count());
    for (int u = 0; u < before.units().count(); u++) {
      assertArrayEquals(before.units().spikeTimesS(u), after.units().spikeTimesS(u), 0.0);
    }
    assertEquals(before.problems(), after.problems());
  }

  @Test
  void aDamagedStructureInsideTheUnitsNamesTheUnits() throws IOException {
    long headerAddress;
    long dataAddress;
    try (HdfFile h = new HdfFile(file)) {
      ContiguousDataset st = (ContiguousDataset) h.getDatasetByPath("units/spike_times_index");
      headerAddress = ((io.jhdf.api.Node) st).getAddress();
      dataAddress = st.getDataAddress();
    }
    byte[] b = Files.readAllBytes(file);
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int at = -1;
    for (int i = (int) headerAddress; i < Math.min(b.length - 8, headerAddress + 1024); i++) {
      if (bb.getLong(i) == dataAddress) {
        at = i;
        break;
      }
    }
    assertTrue(at > 0, "the data address of units/spike_times_index is not in its object header");
    bb.putLong(at, (long) b.length * 4); // the raw data now lies beyond the end of the file
    Files.write(file, b);
    NwbFormatException e = assertThrows(NwbFormatException.class, () -> NwbReader.read(file));
    assertTrue(e.inFilePath().startsWith("units"), e.getMessage());
    CliRunner.Result r = CliRunner.run("inspect", file.toString());
    assertEquals(3, r.code());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void aFifoIsRefusedAtOnce() throws IOException, InterruptedException {
    Path fifo = dir.resolve("pipe.nwb");
    Process p;
    try {
      p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      assumeTrue(false, "no mkfifo here");
      return;
    }
    assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
    NwbFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(NwbFormatException.class, () -> NwbReader.read(fifo)));
    assertTrue(e.found().contains("FIFO"), e.getMessage());
    CliRunner.Result r = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> CliRunner.run("inspect", fifo.toString()));
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains("pipe.nwb"), r.err());
  }

  @Test
  void theSpanOfTheIntervalTablesBoundsTheSpikeTimes() {
    IntervalTable t = new IntervalTable("trials", 2, List.of(
        NumericColumn.wrap("start_time", new double[] {10, 20}),
        NumericColumn.wrap("stop_time", new double[] {12, Double.NaN})));
    assertArrayEquals(new double[] {10 - SpikeTimes.MARGIN_S, 20 + SpikeTimes.MARGIN_S},
        SpikeTimes.plausibleSpan(List.of(t)), 0.0);
    assertArrayEquals(new double[] {-SpikeTimes.NO_INTERVALS_LIMIT_S, SpikeTimes.NO_INTERVALS_LIMIT_S},
        SpikeTimes.plausibleSpan(List.of()), 0.0);
    List<String> problems = new ArrayList<>();
    double[][] out = SpikeTimes.split(new double[] {3, 1, 2, 5000, -5000}, new long[] {3, 5},
        SpikeTimes.plausibleSpan(List.of(t)), "the trials", "units/spike_times", problems);
    assertArrayEquals(new double[] {1, 2, 3}, out[0], 0.0);
    assertEquals(0, out[1].length);
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("1 units have spike times outside the recording (2 dropped"), problems.get(0));
    assertTrue(problems.get(1).contains("1 units have unsorted spike times"), problems.get(1));
  }
}
