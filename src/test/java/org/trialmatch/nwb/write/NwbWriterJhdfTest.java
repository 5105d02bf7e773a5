package org.trialmatch.nwb.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.FixedPoint;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.trialmatch.nwb.NwbFixtures;

/**
 * Files written by {@link NwbWriter} read back with io.jhdf (the library the toolkit reads NWB with):
 * spike times, index datasets of every integer width, strings, booleans, object references and soft links.
 */
class NwbWriterJhdfTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(IndexType.class)
  void indexOfEveryWidthReadsBack(IndexType type) throws Exception {
    NwbWriteSpec spec = NwbFixtures.twoAreaRecording(30 + type.ordinal(), type);
    Path out = dir.resolve("two-" + type.numpyName() + ".nwb");
    NwbWriter.write(out, spec);
    UnitsSpec u = spec.units().orElseThrow();
    try (HdfFile f = new HdfFile(out)) {
      assertArrayEquals(u.spikeTimesData(), (double[]) f.getDatasetByPath("units/spike_times").getData());
      for (String name : List.of("spike_times_index", "electrodes_index")) {
        Dataset index = f.getDatasetByPath("units/" + name);
        FixedPoint dt = assertInstanceOf(FixedPoint.class, index.getDataType(), name);
        assertEquals(byteSize(type), dt.getSize(), name + " size in bytes");
        assertEquals(type == IndexType.INT32 || type == IndexType.INT64, dt.isSigned(), name + " signedness");
        long[] expected = name.startsWith("spike") ? u.spikeTimesIndex() : u.electrodesIndex();
        assertArrayEquals(expected, toLongs(index.getData()), name);
      }
      assertArrayEquals(u.electrodesData(), toLongs(f.getDatasetByPath("units/electrodes").getData()));
      assertArrayEquals(u.ids(), toLongs(f.getDatasetByPath("units/id").getData()));
      ColumnSpec cellType = u.columns().get(0);
      assertArrayEquals(cellType.textValues(), (String[]) f.getDatasetByPath("units/cell_type").getData());
    }
  }

  @Test
  void stringsReferencesAndLinksResolve() throws Exception {
    NwbWriteSpec spec = NwbFixtures.allFeatures(41, IndexType.UINT32);
    Path out = dir.resolve("all.nwb");
    NwbWriter.write(out, spec);
    String ece = "/general/extracellular_ephys/";
    try (HdfFile f = new HdfFile(out)) {
      assertEquals(spec.identifier(), f.getDatasetByPath("identifier").getData());
      assertEquals("NWBFile", f.getAttribute("neurodata_type").getData());
      assertEquals(spec.nwbVersion(), f.getAttribute("nwb_version").getData());
      assertArrayEquals(spec.fileCreateDate().toArray(new String[0]),
          (String[]) f.getDatasetByPath("file_create_date").getData());

      String[] locations = (String[]) f.getDatasetByPath(ece + "electrodes/location").getData();
      long[] groupRefs = (long[]) f.getDatasetByPath(ece + "electrodes/group").getData();
      for (int i = 0; i < spec.electrodes().size(); i++) {
        assertEquals(spec.electrodes().get(i).location(), locations[i]);
        // jhdf gives a reference as the target's object-header address
        Node group = f.getByPath(ece + spec.electrodes().get(i).group());
        assertEquals(group.getAddress(), groupRefs[i], "group reference of electrode row " + i);
        assertEquals("ElectrodeGroup",
            f.getNodeByAddress(groupRefs[i]).getAttribute("neurodata_type").getData());
      }
      long target = (Long) f.getDatasetByPath("units/spike_times_index").getAttribute("target").getData();
      assertEquals(f.getByPath("units/spike_times").getAddress(), target);
      long table = (Long) f.getDatasetByPath("units/electrodes").getAttribute("table").getData();
      assertEquals(f.getByPath(ece + "electrodes").getAddress(), table);
      assertEquals(spec.electrodesTableType().neurodataType(),
          f.getNodeByAddress(table).getAttribute("neurodata_type").getData());
      assertEquals("/general/devices/" + NwbFixtures.DEVICE + "/",
          f.getByPath(ece + NwbFixtures.GROUP_A + "/device").getPath(), "soft link to the device");

      // chunked, gzip-compressed spike times read back unchanged
      assertArrayEquals(spec.units().orElseThrow().spikeTimesData(),
          (double[]) f.getDatasetByPath("units/spike_times").getData());

      // booleans are an HDF5 enum; jhdf gives the member names
      IntervalsSpec epochs = spec.intervals().get(1);
      boolean[] opto = epochs.column("opto").orElseThrow().boolValues();
      String[] names = (String[]) f.getDatasetByPath("intervals/epochs/opto").getData();
      for (int i = 0; i < opto.length; i++) {
        assertEquals(opto[i] ? "TRUE" : "FALSE", names[i]);
      }
      assertArrayEquals(epochs.column("label").orElseThrow().textValues(),
          (String[]) f.getDatasetByPath("intervals/epochs/label").getData());

      // NaN event times survive
      IntervalsSpec trials = spec.intervals().get(0);
      double[] cue = trials.column(NwbFixtures.ABSOLUTE_EVENT_COLUMN).orElseThrow().floatValues();
      double[] read = (double[]) f.getDatasetByPath("intervals/trials/" + NwbFixtures.ABSOLUTE_EVENT_COLUMN)
          .getData();
      assertArrayEquals(cue, read);
      assertTrue(Double.isNaN(read[NwbFixtures.NAN_CUE_TRIAL]));

      // behaviour: rate-based and timestamped series
      for (SeriesSpec s : spec.series()) {
        if (s.hasData()) {
          assertArrayEquals(s.data(), (double[]) f.getDatasetByPath(s.path() + "/data").getData(), s.path());
        }
        if (s.hasTimestamps()) {
          assertArrayEquals(s.timestamps(), (double[]) f.getDatasetByPath(s.path() + "/timestamps").getData());
        } else {
          Dataset st = f.getDatasetByPath(s.path() + "/starting_time");
          assertEquals(s.startingTimeS(), (Double) st.getData());
          assertEquals(s.rateHz(), (Double) st.getAttribute("rate").getData());
        }
      }
    }
  }

  @Test
  void malformedIndexIsWrittenVerbatim() throws Exception {
    Path out = dir.resolve("bad.nwb");
    NwbWriter.write(out, NwbFixtures.indexPastDataRecording());
    try (HdfFile f = new HdfFile(out)) {
      assertEquals(5, ((double[]) f.getDatasetByPath("units/spike_times").getData()).length);
      assertArrayEquals(new long[] {2, 4, 9}, toLongs(f.getDatasetByPath("units/spike_times_index").getData()));
    }
  }

  private static int byteSize(IndexType type) {
    return switch (type) {
      case UINT8 -> 1;
      case UINT16 -> 2;
      case UINT32, INT32 -> 4;
      case UINT64, INT64 -> 8;
    };
  }

  /** jhdf widens unsigned types (to short, int, long or BigInteger); this undoes the variety. */
  private static long[] toLongs(Object array) {
    int n = Array.getLength(array);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      Object v = Array.get(array, i);
      out[i] = v instanceof BigInteger b ? b.longValueExact() : ((Number) v).longValue();
    }
    return out;
  }
}
