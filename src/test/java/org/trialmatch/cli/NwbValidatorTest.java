package org.trialmatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.testing.TinyRuns;

/**
 * The NWB files the toolkit writes (artificial sessions of {@code pseudodata}, synthetic trials of {@code
 * simulate}, control and perturbed trials of {@code perturb}) pass the NWB project's own validator, {@code
 * ../shared/tools/nwb-validate --dandi}: pynwb reads each file and its schema validator reports no error, and
 * nwbinspector with DANDI's configuration reports nothing critical and no best-practice violation. Without the tool or its Python modules the test is
 * skipped, except under CI ({@code CI=true}), where it fails.
 */
class NwbValidatorTest {
  private static final Path TOOL = Path.of("..", "shared", "tools", "nwb-validate").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void filesWeWriteHaveNoValidationError() throws Exception {
    requireTool();
    Path run = TinyRuns.pseudo(dir); // writes its artificial sessions to dir/data
    Path data = dir.resolve("data");
    Path synthetic = dir.resolve("synthetic.nwb");
    CliRunner.Result r = CliRunner.run("simulate", "--quiet", "--run", run.toString(), "--trials", "20", "--out",
        synthetic.toString());
    assertEquals(0, r.code(), r.err());
    Path spec = Files.writeString(dir.resolve("clamp.json"), "{\"kind\":\"clamp\",\"target\":{\"area\":\"area1\"},"
        + "\"window\":{\"start\":{\"ms\":0},\"end\":{\"ms\":50}}}");
    Path pert = dir.resolve("perturb");
    CliRunner.Result pr = CliRunner.run("perturb", "--quiet", "--run", run.toString(), "--spec", spec.toString(),
        "--trials", "10", "--out", pert.toString());
    assertEquals(0, pr.code(), pr.err());
    List<String> cmd = new ArrayList<>(List.of(TOOL.toString(), "--dandi", data.resolve("PS000.nwb").toString(),
        synthetic.toString(), pert.resolve("control.nwb").toString(), pert.resolve("perturbed.nwb").toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the validator did not end");
    assertEquals(0, p.exitValue(), out);
    assertEquals(4, out.lines().filter(l -> l.contains("pynwb read ok") && l.endsWith("validator: 0 error(s)")).count(),
        out);
    // DANDI's configuration of nwbinspector: suggestions may remain, nothing critical and no violation
    assertTrue(out.lines().noneMatch(l -> l.contains("inspector CRITICAL") || l.contains("BEST_PRACTICE_VIOLATION")
        || l.contains("Traceback")), out);
    assertTrue(out.lines().anyMatch(l -> l.contains("inspector ")) || out.lines().count() == 4,
        "nwbinspector ran: " + out);
  }

  private static void requireTool() throws IOException, InterruptedException {
    String why = null;
    if (!Files.isExecutable(TOOL)) {
      why = "no validator at " + TOOL;
    } else {
      Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import hdmf, h5py, numpy, natsort, isodate, click")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        why = "the validator's Python modules are missing (python3-hdmf, python3-natsort, python3-isodate, python3-click, ...)";
      }
    }
    if (why != null) {
      if ("true".equals(System.getenv("CI"))) {
        fail(why + "; CI must install them");
      }
      Assumptions.abort(why);
    }
  }
}
