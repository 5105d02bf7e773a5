package org.trialmatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.testing.TinyRuns;

/**
 * {@code simulate} onto a disk that fills up while the file is written (a 256 KiB tmpfs): exit 1 with the
 * path, no temporary file left, and no crash of the JVM (no {@code hs_err_pid*.log}). Mounting needs root;
 * elsewhere the test is skipped, except under CI ({@code CI=true}), where it must run.
 */
class SimulateDiskFullTest {
  @TempDir Path dir;

  @Test
  void aFullDiskGivesExitOneAndLeavesNothing() throws Exception {
    Path small = Files.createDirectories(dir.resolve("small"));
    String why = mount(small);
    if (why != null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI must run this test: " + why);
      }
      Assumptions.abort(why);
    }
    try {
      Path run = TinyRuns.pseudo(dir);
      Path work = Files.createDirectories(dir.resolve("work"));
      Path out = small.resolve("F.nwb");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          "org.trialmatch.cli.Main", "simulate", "--quiet", "--run", run.toString(), "--trials", "3000", "--out",
          out.toString());
      pb.directory(work.toFile());
      pb.redirectErrorStream(true);
      Path log = dir.resolve("simulate.log");
      pb.redirectOutput(log.toFile());
      Process p = pb.start();
      assertTrue(p.waitFor(300, TimeUnit.SECONDS), "simulate did not end");
      String printed = Files.readString(log);
      assertEquals(1, p.exitValue(), printed);
      assertTrue(printed.contains(out.toString()) && printed.contains("No space left on device"), printed);
      assertEquals(1, printed.strip().lines().count(), printed);
      try (Stream<Path> s = Files.list(small)) {
        assertEquals(List.of(), s.toList(), "left on the full disk");
      }
      try (Stream<Path> s = Files.list(work)) {
        assertEquals(List.of(), s.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList());
      }
    } finally {
      run("umount", small.toString());
    }
  }

  /** @return null when a 256 KiB tmpfs is mounted at {@code at}, else why not */
  private static String mount(Path at) throws IOException, InterruptedException {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "mounting a tmpfs needs root (running as " + System.getProperty("user.name") + ")";
    }
    int code = run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", at.toString());
    return code == 0 ? null : "mount -t tmpfs failed with exit " + code;
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
