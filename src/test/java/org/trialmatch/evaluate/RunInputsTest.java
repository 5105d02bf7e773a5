package org.trialmatch.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.analysis.AnalysisInputs;
import org.trialmatch.analysis.SessionInputs;
import org.trialmatch.cli.CliRunner;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.testing.TinyRuns;
import org.trialmatch.train.Fit;
import org.trialmatch.train.FitData;
import org.trialmatch.train.RunDirectory;

/** {@code trialmatch analyze} on tiny fitted runs: the inputs it builds and the report it writes. */
class RunInputsTest {
  @TempDir static Path dir;
  static Path pseudoRun;
  static Path almRun;

  @BeforeAll
  static void fitTinyRuns() throws IOException {
    pseudoRun = TinyRuns.pseudo(dir);
    almRun = TinyRuns.alm(dir);
  }

  @Test
  void inputsHoldTheRecordedUnitsInModelOrderWithTheirModelUnits() throws IOException {
    int n = 40;
    try (Fit fit = Fit.load(RunDirectory.at(pseudoRun))) {
      EvaluationTrials trials = EvaluationTrials.simulate(fit, n, null, 9, null);
      AnalysisInputs in = RunInputs.of(fit, RunDirectory.at(pseudoRun), trials, ModelTrialTypes.of(fit, trials.trials()));
      Fit.Simulated sim = trials.trials();
      NetworkLayout layout = fit.layout();
      assertTrue(in.modelTrialsShared());
      assertTrue(in.connectivity().isPresent());
      assertEquals(fit.data().sessions().size(), in.sessions().size());
      int units = layout.nUnits();
      for (SessionInputs s : in.sessions()) {
        FitData.Session ds = fit.data().sessions().get(fit.data().sessionIndex(s.name()));
        int j = 0;
        for (int i = 0; i < units; i++) {
          if (layout.isHidden(i) || !layout.session(i).equals(s.name())) {
            continue;
          }
          assertEquals(layout.areaNames().get(layout.area(i)), s.unitAreas().get(j));
          int r = layout.recordedIndex(i);
          int[] test = ds.split().test();
          for (int t = 0; t < s.bins(); t += 7) {
            for (int k = 0; k < test.length; k++) {
              assertEquals(ds.trials().count(t, test[k], r), s.test().get(t, k, j), "test count");
            }
            for (int k = 0; k < n; k++) {
              assertEquals(sim.spikes().values()[(t * n + k) * units + i], s.model().get(t, k, j), "model count");
            }
          }
          j++;
        }
        assertEquals(j, s.units());
        assertEquals(ds.split().train().length, s.train().trials());
        for (int k = 0; k < n; k++) {
          assertEquals(sim.condition(k) + "/?", s.modelTypes().get(k), "no classifier: condition/?");
        }
        assertTrue(s.modelBehaviour().isEmpty());
      }
    }
  }

  @Test
  void analyzeWritesTheReport() throws IOException {
    Path out = dir.resolve("alm-report");
    CliRunner.Result r = CliRunner.run("analyze", "--quiet", "--run", almRun.toString(), "--out", out.toString(),
        "--trials", "500", "--seed", "2");
    assertEquals(0, r.code(), r.err());
    Path json = out.resolve("analysis.json");
    assertTrue(Files.isRegularFile(json));
    assertTrue(Files.isRegularFile(out.resolve("index.html")));
    long pngs;
    try (var files = Files.list(out)) {
      pngs = files.filter(p -> p.toString().endsWith(".png")).count();
    }
    assertTrue(pngs >= 3, pngs + " figures");
    String html = Files.readString(out.resolve("index.html"));
    assertTrue(html.contains("<img") || html.contains("<svg"), "figures on the page");
    JsonNode a = new ObjectMapper().readTree(json.toFile());
    for (String key : new String[] {"t_neuron", "t_trial", "trial_types", "modes", "connectivity"}) {
      assertTrue(a.has(key), "analysis.json has " + key);
    }
    assertTrue(a.path("connectivity").path("pre_post").isContainerNode(), "connectivity from the parameters");
    try (Fit fit = Fit.load(RunDirectory.at(almRun))) {
      EvaluationTrials trials = EvaluationTrials.simulate(fit, 20, null, 2, null);
      AnalysisInputs in = RunInputs.of(fit, RunDirectory.at(almRun), trials, ModelTrialTypes.of(fit, trials.trials()));
      SessionInputs s = in.sessions().get(0);
      assertTrue(s.modelBehaviour().isPresent() && s.testBehaviour().isPresent());
      for (String type : s.modelTypes()) {
        assertTrue(!type.endsWith("/?"), "the run has a classifier: " + type);
      }
    }

    Path def = pseudoRun.resolve("report");
    CliRunner.Result p = CliRunner.run("analyze", "--quiet", "--run", pseudoRun.toString(), "--trials", "60");
    assertEquals(0, p.code(), p.err());
    assertTrue(Files.isRegularFile(def.resolve("analysis.json")));
    assertTrue(Files.isRegularFile(def.resolve("index.html")));
  }
}
