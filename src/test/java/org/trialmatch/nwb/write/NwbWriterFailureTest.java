package org.trialmatch.nwb.write;

import static org.bytedeco.hdf5.global.hdf5.H5P_DEFAULT;
import static org.bytedeco.hdf5.global.hdf5.H5Gclose;
import static org.bytedeco.hdf5.global.hdf5.H5Gcreate2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.nwb.NwbFixtures;

/**
 * Writing is all or nothing: a write that fails part-way leaves neither the target nor a temporary file,
 * an existing target survives a failed write, HDF5 failures name the file and the in-file path, no HDF5
 * handle stays open, and the library prints nothing.
 */
class NwbWriterFailureTest {
  @TempDir
  Path dir;

  private static List<String> listing(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void failurePartWayLeavesNoFileAndNoTemporary() throws Exception {
    Path out = dir.resolve("x.nwb");
    IOException planted = new IOException("stop before units");
    List<String> seen = new ArrayList<>();
    IOException thrown = assertThrows(IOException.class,
        () -> NwbWriter.write(out, NwbFixtures.twoAreaRecording(1), (section, fileId) -> {
          seen.add(section);
          if ("units".equals(section)) {
            throw planted;
          }
        }));
    assertSame(planted, thrown);
    assertEquals(List.of("general", "units"), seen);
    assertEquals(List.of(), listing(dir));
    assertEquals(0, NwbWriter.openObjectCount(), "HDF5 objects left open");
  }

  @Test
  void hdf5FailureNamesFileAndInFilePath() throws Exception {
    Path out = dir.resolve("clash.nwb");
    // occupy /units so that the writer's own creation of /units fails inside the library
    IOException e = assertThrows(IOException.class,
        () -> NwbWriter.write(out, NwbFixtures.twoAreaRecording(2), NwbWriterFailureTest::occupyUnits));
    String m = e.getMessage();
    assertTrue(m.contains(out.toString()), m);
    assertTrue(m.contains("H5Gcreate2 failed at units"), m);
    assertTrue(m.contains("already exists"), m);
    assertEquals(List.of(), listing(dir));
    assertEquals(0, NwbWriter.openObjectCount(), "HDF5 objects left open");
  }

  static void occupyUnits(String section, long fileId) {
    if ("units".equals(section)) {
      long g = H5Gcreate2(fileId, "/units", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
      if (g < 0 || H5Gclose(g) < 0) {
        throw new IllegalStateException("could not prepare the clash");
      }
    }
  }

  @Test
  void failedWriteKeepsThePreviousFile() throws Exception {
    Path out = dir.resolve("keep.nwb");
    NwbWriter.write(out, NwbFixtures.twoAreaRecording(3));
    byte[] before = Files.readAllBytes(out);
    assertThrows(IOException.class,
        () -> NwbWriter.write(out, NwbFixtures.allFeatures(4, IndexType.INT64),
            NwbWriterFailureTest::occupyUnits));
    assertArrayEquals(before, Files.readAllBytes(out));
    assertEquals(List.of("keep.nwb"), listing(dir));
  }

  @Test
  void successfulWriteReplacesTheTarget() throws Exception {
    Path out = dir.resolve("replace.nwb");
    Files.writeString(out, "not an NWB file");
    NwbWriter.write(out, NwbFixtures.twoAreaRecording(5));
    byte[] signature = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    byte[] head = new byte[8];
    System.arraycopy(Files.readAllBytes(out), 0, head, 0, 8);
    assertArrayEquals(signature, head);
    assertEquals(List.of("replace.nwb"), listing(dir));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
  }

  @Test
  void sameSeedGivesSameBytes() throws Exception {
    Path a = dir.resolve("a.nwb");
    Path b = dir.resolve("b.nwb");
    Path c = dir.resolve("c.nwb");
    NwbWriter.write(a, NwbFixtures.allFeatures(6, IndexType.UINT32));
    NwbWriter.write(b, NwbFixtures.allFeatures(6, IndexType.UINT32));
    NwbWriter.write(c, NwbFixtures.allFeatures(7, IndexType.UINT32));
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));
  }

  @Test
  void missingDirectoryIsReported() {
    Path out = dir.resolve("absent").resolve("x.nwb");
    IOException e = assertThrows(IOException.class, () -> NwbWriter.write(out, NwbFixtures.twoAreaRecording(8)));
    assertTrue(e.getMessage().contains(out.toString()), e.getMessage());
    assertFalse(Files.exists(dir.resolve("absent")));
  }

  @Test
  void directoryAsTargetIsRefused() throws Exception {
    Path out = dir.resolve("adir");
    Files.createDirectory(out);
    IOException e = assertThrows(IOException.class, () -> NwbWriter.write(out, NwbFixtures.twoAreaRecording(9)));
    assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    assertEquals(List.of("adir"), listing(dir));
  }

  @Test
  void unwritableDirectoryIsReported() throws Exception {
    Path ro = Files.createDirectory(dir.resolve("ro"));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeFalse(Files.isWritable(ro), "running with rights that ignore permissions (root)");
      Path out = ro.resolve("x.nwb");
      IOException e = assertThrows(IOException.class,
          () -> NwbWriter.write(out, NwbFixtures.twoAreaRecording(10)));
      assertTrue(e.getMessage().contains(out.toString()), e.getMessage());
      assertEquals(List.of(), listing(ro));
    } finally {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void libraryPrintsNothingOnFailure() throws Exception {
    // the HDF5 library prints its error stack to the process's stderr unless told not to: run a failing
    // write in a child JVM and look at what it printed
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path stdout = dir.resolve("child.out");
    Path stderr = dir.resolve("child.err");
    Path work = Files.createDirectory(dir.resolve("work"));
    Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        QuietFailureMain.class.getName(), work.toString())
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    String out = Files.readString(stdout, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "child exit code; stderr: " + err);
    assertEquals("", err);
    assertEquals("", out);
    assertEquals(List.of(), listing(work));
  }
}
