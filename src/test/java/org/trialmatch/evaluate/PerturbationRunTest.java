package org.trialmatch.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.cli.CliRunner;
import org.trialmatch.nwb.H5pySummary;
import org.trialmatch.nwb.IntervalTable;
import org.trialmatch.nwb.NwbContents;
import org.trialmatch.nwb.NwbReadOptions;
import org.trialmatch.nwb.NwbReader;
import org.trialmatch.testing.TestData;
import org.trialmatch.testing.TinyRuns;

/**
 * {@code trialmatch perturb} on tiny fitted runs: paired trials (identical before the window), a clamp's
 * target silent inside it, both NWB files read back by our reader and by h5py, the report written, the
 * recorded photoinhibition of the thalamus file compared unit by unit, and bad specs refused.
 */
class PerturbationRunTest {
  @TempDir static Path dir;
  static Path pseudoRun;
  static Path almRun;

  @BeforeAll
  static void fitTinyRuns() throws IOException {
    pseudoRun = TinyRuns.pseudo(dir);
    almRun = TinyRuns.alm(dir);
  }

  private static Path spec(String name, String json) throws IOException {
    return Files.writeString(dir.resolve(name + ".json"), json);
  }

  @Test
  void photoinhibitionSweepGivesPairedTrialsNwbAndAReport() throws Exception {
    Path s = spec("alm-pi", "{\"kind\":\"photoinhibition\",\"target\":{\"area\":\"ALM\"},"
        + "\"window\":{\"start\":{\"event\":\"cue_start_time\",\"ms\":-200},\"end\":{\"event\":\"cue_start_time\"}},"
        + "\"sweep\":[1,4],\"strengthRule\":{\"silenceTo\":0.5}}");
    Path out = dir.resolve("pi-out");
    CliRunner.Result r = CliRunner.run("perturb", "--quiet", "--run", almRun.toString(), "--spec", s.toString(),
        "--trials", "60", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("ALM"), r.out());
    for (String f : new String[] {"control.nwb", "perturbed.nwb", "perturbation.json", "report/index.html",
        "report/psth_ALM.png", "report/unit_change.svg", "report/dose_response.png", "report/behaviour_1.png"}) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    JsonNode j = new ObjectMapper().readTree(out.resolve("perturbation.json").toFile());
    JsonNode pred = j.path("prediction");
    assertEquals(60, pred.path("trials").asInt());
    assertEquals(2, pred.path("strengths").size());
    assertEquals(3, pred.path("outcomes").size(), "control and two strengths");
    assertTrue(pred.path("strength_choice").asText().contains("50 %"), pred.path("strength_choice").asText());

    NwbReadOptions opt = new NwbReadOptions("area");
    NwbContents ctrl = NwbReader.read(out.resolve("control.nwb"), opt);
    NwbContents pert = NwbReader.read(out.resolve("perturbed.nwb"), opt);
    IntervalTable ct = ctrl.interval("trials").orElseThrow();
    IntervalTable pt = pert.interval("trials").orElseThrow();
    assertEquals(60, pt.rows());
    double[] from = pt.numeric("perturbation_start_time").orElseThrow().toArray();
    double[] strength = pt.numeric("perturbation_strength").orElseThrow().toArray();
    assertEquals(pred.path("strength").asDouble(), strength[0]);
    assertEquals(0.0, ct.numeric("perturbation_strength").orElseThrow().toArray()[0]);
    assertEquals(from[0], ct.numeric("perturbation_start_time").orElseThrow().toArray()[0], 1e-9,
        "control trials carry the paired trial's window");
    assertEquals("none", ct.column("perturbation").orElseThrow().text(0));
    double[] start = pt.numeric("start_time").orElseThrow().toArray();
    // paired: every spike before the window is the same in both files; inside it they differ
    long before = 0;
    long differ = 0;
    for (int u = 0; u < ctrl.units().count(); u++) {
      double[] a = ctrl.units().spikeTimesS(u);
      double[] b = pert.units().spikeTimesS(u);
      for (int k = 0; k < 60; k++) {
        double[] ia = between(a, start[k], from[k]);
        double[] ib = between(b, start[k], from[k]);
        assertEquals(java.util.Arrays.toString(ia), java.util.Arrays.toString(ib), "unit " + u + " trial " + k);
        before += ia.length;
      }
      differ += a.length != b.length ? 1 : 0;
    }
    assertTrue(before > 100 && differ > 0, "spikes before the window " + before + ", units changed " + differ);

    // every file of the output and of the run is readable by group and others (not owner-only)
    try (var files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f) && !f.getFileName().toString().startsWith(".")
            && (f.startsWith(out) || f.startsWith(almRun))) {
          var perms = Files.getPosixFilePermissions(f);
          assertTrue(perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)
              && perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ), f + ": " + perms);
        }
      }
    }

    JsonNode objects = H5pySummary.summarise(out.resolve("perturbed.nwb")).path("files")
        .path(out.resolve("perturbed.nwb").toString()).path("objects");
    assertEquals(60, objects.path("/intervals/trials/perturbation_strength").path("value").size());
    assertEquals(60, objects.path("/intervals/trials/perturbation").path("value").size());
  }

  private static double[] between(double[] sorted, double a, double b) {
    return java.util.Arrays.stream(sorted).filter(x -> x >= a && x < b).toArray();
  }

  @Test
  void aClampSilencesItsTargetInTheWrittenTrials() throws Exception {
    Path s = spec("clamp", "{\"kind\":\"clamp\",\"target\":{\"area\":\"area1\"},"
        + "\"window\":{\"start\":{\"event\":\"align\",\"ms\":0},\"end\":{\"event\":\"align\",\"ms\":100}}}");
    Path out = dir.resolve("clamp-out");
    CliRunner.Result r = CliRunner.run("perturb", "--quiet", "--run", pseudoRun.toString(), "--spec", s.toString(),
        "--trials", "30", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    NwbContents pert = NwbReader.read(out.resolve("perturbed.nwb"), new NwbReadOptions("area"));
    IntervalTable pt = pert.interval("trials").orElseThrow();
    double[] from = pt.numeric("perturbation_start_time").orElseThrow().toArray();
    double[] to = pt.numeric("perturbation_stop_time").orElseThrow().toArray();
    long inside = 0;
    long other = 0;
    for (int u = 0; u < pert.units().count(); u++) {
      boolean target = pert.units().area(u).equals("area1")
          && pert.units().column("cell_type").orElseThrow().text(u).equals("E");
      for (int k = 0; k < pt.rows(); k++) {
        long n = between(pert.units().spikeTimesS(u), from[k], to[k]).length;
        if (target) {
          inside += n;
        } else {
          other += n;
        }
      }
    }
    assertEquals(0, inside, "clamped E units of area1 fired in the window");
    assertTrue(other > 0, "the other units fired");
  }

  @Test
  void recordedPhotoinhibitionIsComparedUnitByUnit() throws Exception {
    Path cfg = dir.resolve("thal.json");
    Files.writeString(cfg, "{\"data\":{\"preset\":\"delayed-response\",\"files\":[\""
        + TestData.thalamus().toAbsolutePath() + "\"],\"startS\":-1.6,\"stopS\":0.2},"
        + "\"model\":{\"preset\":\"figure2\",\"nUnits\":40,\"nInputs\":20,\"areas\":[\"Thalamus\"],"
        + "\"motorAreas\":[],\"hiddenUnits\":true},\"loss\":{\"matching\":\"sinkhorn\",\"minUnits\":1},"
        + "\"train\":{\"steps\":2,\"modelTrials\":8,\"validateEvery\":2}}");
    Path run = dir.resolve("thal-run");
    CliRunner.Result f = CliRunner.run("fit", "--quiet", "--config", cfg.toString(), "--out", run.toString());
    assertEquals(0, f.code(), f.err());
    Path s = spec("thal-clamp", "{\"kind\":\"excitation\",\"target\":{\"area\":\"Thalamus\"},\"strength\":1,"
        + "\"window\":{\"start\":{\"event\":\"pole_out_time\"},\"end\":{\"event\":\"cue_start_time\"}},"
        + "\"recordedColumns\":[\"photo_stim_power\"]}");
    Path out = dir.resolve("thal-out");
    CliRunner.Result r = CliRunner.run("perturb", "--quiet", "--run", run.toString(), "--spec", s.toString(),
        "--trials", "20", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode rec = new ObjectMapper().readTree(out.resolve("perturbation.json").toFile()).path("recorded");
    assertEquals(4, rec.size(), rec.toString());
    for (JsonNode u : rec) {
      assertTrue(u.path("model_unit").asInt() >= 0, "every recorded unit has a model unit: " + u);
      assertTrue(u.path("control_trials").asInt() > 30, u.toString());
      // units 0 and 1 were recorded until ~2420 s, before the first photostimulated trial (2447 s): no
      // recorded change, not a drop to 0
      if (u.path("recorded_unit").asInt() < 2) {
        assertEquals(0, u.path("perturbed_trials").asInt(), u.toString());
        assertTrue(u.path("change").get(0).isNull() || !Double.isFinite(u.path("change").get(0).asDouble()),
            u.toString());
      } else {
        assertTrue(u.path("perturbed_trials").asInt() > 20, u.toString());
        assertTrue(Double.isFinite(u.path("change").get(0).asDouble()), u.toString());
      }
    }
    assertTrue(Files.readString(out.resolve("report/index.html")).contains("Predicted against recorded"));
  }

  @Test
  void badSpecsAreRefusedNamingTheFileAndKey() throws Exception {
    String[][] cases = {
        {"{\"kind\":\"clamp\",\"target\":{\"area\":\"V1\"},\"window\":{\"start\":{},\"end\":{\"ms\":50}}}", "'V1'"},
        {"{\"kind\":\"zap\",\"target\":{\"area\":\"area1\"},\"window\":{\"start\":{},\"end\":{}}}", "kind"},
        {"{\"kind\":\"excitation\",\"target\":{\"area\":\"area1\"},\"window\":{\"start\":{},\"end\":{}}}",
            "strength"},
        {"{\"kind\":\"excitation\",\"strength\":-1,\"target\":{\"area\":\"area1\"},\"window\":{\"start\":{},"
            + "\"end\":{}}}", "strength"},
        {"{\"kind\":\"clamp\",\"target\":{\"area\":\"area1\"},\"window\":{\"start\":{\"event\":\"go\"},\"end\":{}}}",
            "'go'"},
        {"{\"kind\":\"clamp\",\"target\":{\"area\":\"area1\",\"cell\":\"E\"},\"window\":{\"start\":{},\"end\":{}}}",
            "target.cell"},
    };
    int i = 0;
    for (String[] c : cases) {
      Path s = spec("bad" + i++, c[0]);
      Path out = dir.resolve("bad-out" + i);
      CliRunner.Result r = CliRunner.run("perturb", "--run", pseudoRun.toString(), "--spec", s.toString(),
          "--trials", "4", "--out", out.toString());
      assertEquals(2, r.code(), c[0] + ": " + r.err());
      assertTrue(r.err().contains(c[1]), c[0] + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertFalse(Files.exists(out.resolve("perturbation.json")));
    }
  }
}
