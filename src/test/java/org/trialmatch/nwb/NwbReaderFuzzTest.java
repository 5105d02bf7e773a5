package org.trialmatch.nwb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.cli.CliRunner;
import org.trialmatch.nwb.write.IndexType;
import org.trialmatch.nwb.write.NwbWriter;
import org.trialmatch.testing.TestData;

/**
 * Damaged files, made here from real recordings written by other people's tools (two sessions of the
 * ALM study, the thalamus recording) and from files our own writer makes with odd structures: seeded
 * truncations and bit flips in each region of the HDF5 layout (superblock, object headers, B-trees,
 * local and global heaps, the raw data of the datasets). For every one, {@code inspect} must end within a
 * few seconds with either exit 3 and one line naming the file (no stack trace, no internal error) or a
 * successful read. A flip in raw data may leave a file that reads well; a flip that makes a spike time
 * NaN, infinite, absurd or out of order must be in the problems list, which {@link #rawDataFlipsAreReported}
 * checks on the spike times directly.
 */
class NwbReaderFuzzTest {
  private static final long SEED = 20261203L;
  private static final Duration LIMIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  /** A region of a file: where it starts, how long it is, what it is. */
  private record Region(String kind, long start, long length) {}

  @Test
  void damagedFilesGiveOneLineOrAReadAndNeverHang() throws IOException {
    List<Path> sources = new ArrayList<>(List.of(
        TestData.dandi000006("sub-anm369963_ses-20170228"),
        TestData.dandi000006().resolve(firstOther()),
        TestData.thalamus()));
    Path own = dir.resolve("own-index-past-data.nwb");
    NwbWriter.write(own, NwbFixtures.indexPastDataRecording());
    Path ownAll = dir.resolve("own-all-features.nwb");
    NwbWriter.write(ownAll, NwbFixtures.allFeatures(7, IndexType.UINT8));
    sources.add(own);
    sources.add(ownAll);
    SplittableRandom rng = new SplittableRandom(SEED);
    Map<String, int[]> outcome = new TreeMap<>();
    int cases = 0;
    for (Path src : sources) {
      byte[] bytes = Files.readAllBytes(src);
      List<Region> regions = regions(src, bytes);
      for (int k = 0; k < 12; k++) {
        long cut = 1 + rng.nextLong(bytes.length - 1);
        check(src, "truncated at " + cut, java.util.Arrays.copyOf(bytes, (int) cut), outcome, "truncation");
        cases++;
      }
      for (String kind : List.of("superblock", "object header", "B-tree", "local heap", "global heap", "data")) {
        List<Region> of = regions.stream().filter(r -> r.kind().equals(kind)).toList();
        if (of.isEmpty()) {
          continue;
        }
        for (int k = 0; k < 12; k++) {
          Region r = of.get(rng.nextInt(of.size()));
          byte[] m = bytes.clone();
          int flips = 1 + rng.nextInt(3);
          StringBuilder what = new StringBuilder(kind + " flips");
          for (int f = 0; f < flips; f++) {
            long at = r.start() + rng.nextLong(Math.max(1, r.length()));
            int bit = rng.nextInt(8);
            m[(int) at] ^= (byte) (1 << bit);
            what.append(' ').append(at).append(':').append(bit);
          }
          check(src, what.toString(), m, outcome, kind);
          cases++;
        }
      }
    }
    assertTrue(cases >= 300, "only " + cases + " mutations");
    // every region kind was reached, and both outcomes occur (the mutations are not all harmless or all fatal)
    assertTrue(outcome.keySet().containsAll(List.of("truncation", "superblock", "object header", "B-tree",
        "local heap", "global heap", "data")), outcome.keySet().toString());
    int refused = outcome.values().stream().mapToInt(a -> a[1]).sum();
    int read = outcome.values().stream().mapToInt(a -> a[0]).sum();
    assertTrue(refused > 0 && read > 0, "read " + read + ", refused " + refused);
  }

  @Test
  void rawDataFlipsAreReported() throws IOException {
    Path src = TestData.dandi000006("sub-anm369963_ses-20170228");
    byte[] bytes = Files.readAllBytes(src);
    long at;
    long n;
    try (HdfFile h = new HdfFile(src)) {
      ContiguousDataset st = (ContiguousDataset) h.getDatasetByPath("units/spike_times");
      at = st.getDataAddress();
      n = st.getSize();
    }
    SplittableRandom rng = new SplittableRandom(SEED + 1);
    for (int k = 0; k < 20; k++) {
      byte[] m = bytes.clone();
      // the sign and exponent bits of one little-endian double: the value becomes absurd, tiny, NaN or infinite
      long i = rng.nextLong(n);
      int bit = 52 + rng.nextInt(12);
      int b = (int) (at + 8 * i + bit / 8);
      m[b] ^= (byte) (1 << (bit % 8));
      Path f = dir.resolve("st-" + k + ".nwb");
      Files.write(f, m);
      NwbContents c = NwbReader.read(f);
      double v = java.nio.ByteBuffer.wrap(m, (int) (at + 8 * i), 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getDouble();
      String problems = String.join("\n", c.problems());
      if (Double.isNaN(v)) {
        assertTrue(problems.contains("NaN spike times"), v + ": " + problems);
      } else if (Double.isInfinite(v)) {
        assertTrue(problems.contains("infinite spike times"), v + ": " + problems);
      } else if (Math.abs(v) > 1e7) {
        assertTrue(problems.contains("outside the recording"), v + ": " + problems);
      } else {
        // a finite, plausible value: either still in order, or reported as unsorted, or outside the trials' span
        assertTrue(problems.contains("unsorted") || problems.contains("outside the recording")
            || isSortedAround(c, v), v + ": " + problems);
      }
    }
  }

  private static boolean isSortedAround(NwbContents c, double v) {
    for (int u = 0; u < c.units().count(); u++) {
      for (double s : c.units().spikeTimesS(u)) {
        if (s == v) {
          return true;
        }
      }
    }
    return false;
  }

  private void check(Path src, String what, byte[] content, Map<String, int[]> outcome, String kind)
      throws IOException {
    Path f = dir.resolve("mutant.nwb");
    Files.write(f, content);
    CliRunner.Result r = assertTimeoutPreemptively(LIMIT, () -> CliRunner.run("inspect", f.toString()),
        () -> src.getFileName() + " " + what + ": inspect did not end within " + LIMIT);
    String label = src.getFileName() + " " + what + ": ";
    int[] o = outcome.computeIfAbsent(kind, x -> new int[2]);
    if (r.code() == 0) {
      o[0]++;
      return;
    }
    assertEquals(3, r.code(), label + "exit " + r.code() + ", " + r.err());
    o[1]++;
    String err = r.err().strip();
    assertFalse(err.contains("\n"), label + "more than one line: " + err);
    assertTrue(err.contains("mutant.nwb"), label + "the message does not name the file: " + err);
    assertFalse(err.contains("internal error") || err.contains("Exception") || err.contains("\tat "),
        label + err);
  }

  /** The regions of an HDF5 file, found by reading it and by the signatures of its structures. */
  private static List<Region> regions(Path src, byte[] bytes) throws IOException {
    List<Region> out = new ArrayList<>();
    long base = 0;
    try (HdfFile h = new HdfFile(src)) {
      base = h.getUserBlockSize();
      collect(h, out);
    }
    out.add(new Region("superblock", base, 96));
    for (Map.Entry<String, String> sig : Map.of("TREE", "B-tree", "HEAP", "local heap", "GCOL", "global heap",
        "BTHD", "B-tree", "FRHP", "global heap").entrySet()) {
      byte[] s = sig.getKey().getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i + 4 <= bytes.length; i++) {
        if (bytes[i] == s[0] && bytes[i + 1] == s[1] && bytes[i + 2] == s[2] && bytes[i + 3] == s[3]) {
          out.add(new Region(sig.getValue(), i, Math.min(256, bytes.length - i)));
        }
      }
    }
    return out;
  }

  private static void collect(Group g, List<Region> out) {
    for (Node n : g.getChildren().values()) {
      if (n.getAddress() > 0) {
        out.add(new Region("object header", n.getAddress(), 64));
      }
      if (n instanceof Group c) {
        collect(c, out);
      } else if (n instanceof ContiguousDataset d && d.getDataAddress() > 0 && ((Dataset) d).getStorageInBytes() > 0) {
        out.add(new Region("data", d.getDataAddress(), ((Dataset) d).getStorageInBytes()));
      }
    }
  }

  private static String firstOther() throws IOException {
    try (var s = Files.list(TestData.dandi000006())) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".nwb"))
          .filter(n -> !n.startsWith("sub-anm369963")).sorted().findFirst()
          .orElseThrow(() -> new IllegalStateException("no second session"));
    }
  }
}
