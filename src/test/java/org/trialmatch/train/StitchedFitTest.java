package org.trialmatch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.cli.CliRunner;
import org.trialmatch.data.ConfigException;
import org.trialmatch.data.Recording;
import org.trialmatch.loss.BoxFilter;
import org.trialmatch.loss.TrialFeatures;
import org.trialmatch.nwb.UnitsTable;
import org.trialmatch.testing.TestData;

/**
 * Sessions of a few units each (DANDI:000006) stitched into one network: a 1-unit, a 4-unit and a
 * right-hemisphere session fitted for a few steps and analysed; and the same three with a rate
 * limit that leaves one session out of the model, and with a trial-feature minimum that only some
 * sessions reach.
 */
class StitchedFitTest {
  /** 1 unit (PTlower, left), 4 units (PTupper, left), 2 units (PTlower, right hemisphere; 9.9 and 14.3 Hz). */
  private static final List<String> SESSIONS = List.of(
      "sub-anm369963_ses-20170228", "sub-anm372795_ses-20170714", "sub-anm369962_ses-20170316");
  private static final String RIGHT = SESSIONS.get(2);

  private static String config(String model, String loss, int steps) {
    StringBuilder files = new StringBuilder();
    for (String s : SESSIONS) {
      files.append(files.length() == 0 ? "" : ",").append('"').append(TestData.dandi000006(s)).append('"');
    }
    return "{\"data\":{\"preset\":\"delayed-response\",\"files\":[" + files + "],\"startS\":-0.2,\"stopS\":0.2},"
        + "\"model\":{\"preset\":\"figure2\",\"nUnits\":30,\"nInputs\":12,\"areas\":[\"ALM\"],\"motorAreas\":[\"ALM\"],"
        + "\"hiddenUnits\":true" + model + "},"
        + "\"loss\":{\"matching\":\"sinkhorn\",\"minUnits\":1" + loss + "},"
        + "\"train\":{\"steps\":" + steps + ",\"modelTrials\":8,\"validateEvery\":" + steps + ",\"seed\":4}}";
  }

  @Test
  void threeSessionsAreFittedAndEveryRecordedUnitIsStitchedOnce(@TempDir Path dir) throws IOException {
    Path cfg = dir.resolve("stitched.json");
    Files.writeString(cfg, config("", "", 3));
    Path run = dir.resolve("run");
    CliRunner.Result fit = CliRunner.run("fit", "--quiet", "--config", cfg.toString(), "--out", run.toString());
    assertEquals(0, fit.code(), fit.err());
    assertTrue(fit.out().contains("stitching: 7 recorded units of 3 sessions in 30 model units (23 hidden)"), fit.out());

    List<String> lines = Files.readAllLines(run.resolve("stitching.csv"), StandardCharsets.UTF_8);
    assertEquals(String.join(",", Stitching.COLUMNS), lines.get(0));
    assertEquals(31, lines.size());
    Map<String, Integer> seen = new HashMap<>();
    int hidden = 0;
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",", -1);
      assertEquals(8, f.length, lines.get(i));
      assertEquals(Integer.toString(i - 1), f[0]);
      assertEquals("ALM", f[1]);
      if (f[3].equals(Stitching.HIDDEN)) {
        hidden++;
        assertEquals("", f[5], lines.get(i));
        continue;
      }
      assertEquals("E", f[2], "PT neurons are excitatory: " + lines.get(i));
      assertEquals(TestData.dandi000006(f[3]).toString(), f[4]);
      assertEquals("ALM", f[6]);
      assertTrue(Double.parseDouble(f[7]) > 0, lines.get(i));
      seen.merge(f[3] + "#" + f[5], 1, Integer::sum);
    }
    assertEquals(23, hidden);
    Set<String> recorded = new HashSet<>();
    for (String s : SESSIONS) {
      UnitsTable u = Recording.load(TestData.dandi000006(s), "").units();
      for (int k = 0; k < u.count(); k++) {
        recorded.add(s + "#" + u.id(k));
      }
    }
    assertEquals(7, recorded.size());
    assertEquals(recorded, seen.keySet());
    seen.forEach((k, n) -> assertEquals(1, n, k + " stitched more than once"));

    List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"), StandardCharsets.UTF_8);
    assertEquals(4, metrics.size());
    for (String row : metrics.subList(1, metrics.size())) {
      String[] f = row.split(",", -1);
      for (int c = 1; c <= 3; c++) {
        assertTrue(Double.isFinite(Double.parseDouble(f[c])), "metrics column " + c + ": " + row);
      }
    }
    assertTrue(new ObjectMapper().readTree(run.resolve("config.json").toFile()).get("data").get("files").size() == 3);

    CliRunner.Result an = CliRunner.run("analyze", "--quiet", "--run", run.toString(), "--trials", "16");
    assertEquals(0, an.code(), an.err());
    JsonNode targets = new ObjectMapper().readTree(run.resolve("report").resolve("targets.json").toFile());
    assertEquals(7, targets.at("/activity/recorded_units").asInt(), targets.toString());
    assertEquals(30, targets.at("/activity/model_units").asInt(), targets.toString());
    int firing = targets.at("/activity/firing_recorded").asInt();
    assertTrue(firing >= 1 && firing <= 7 && targets.at("/activity/silent_counterparts").asInt() <= firing,
        targets.toString());
    assertTrue(an.out().contains("silent counterparts (target 0): ")
        && an.out().contains("tonic model units (>= 83 Hz; target 0): "), an.out());
    assertTrue(an.out().contains("ALM: t_neuron "), an.out());
    String html = Files.readString(run.resolve("report").resolve("index.html"));
    assertTrue(html.contains("<h2 id=\"stitching\">Stitching</h2>"), "no stitching section");
    // the targets, as analyze printed them, head the page
    assertTrue(html.contains("<h2 id=\"targets\">Targets (test trials)</h2>"), "no targets section");
    String firstArea = an.out().lines().filter(l -> l.contains("ALM: t_neuron ")).findFirst().orElseThrow().strip();
    assertTrue(html.contains("<li>" + firstArea.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        + "</li>"), "the targets section lacks " + firstArea);
    assertTrue(html.contains("<a href=\"../stitching.csv\">stitching.csv</a>"), "no link to the table");
    assertTrue(html.contains("7 recorded unit(s) of 3 session(s) stand behind 7 of the 30 model units; 23 are hidden"),
        "no stitching summary");
    for (String s : SESSIONS) {
      int n = s.equals(SESSIONS.get(0)) ? 1 : s.equals(RIGHT) ? 2 : 4;
      assertTrue(html.contains("<tr><td class=\"l\">" + s + "</td><td>" + n + "</td><td class=\"l\">ALM</td>"),
          "no row for " + s);
    }
  }

  @Test
  void aSessionAboveTheRateLimitHasNoModelUnitAndNoTrialFeatures() {
    FitConfig cfg = parse(config(",\"maxRateHz\":8", "", 3));
    FitSetup setup = new FitSetup(cfg, FitData.load(cfg.data()));
    assertEquals(5, setup.stitching.recordedInModel());
    assertEquals(List.of(RIGHT), setup.stitching.sessionsWithoutUnits());
    assertTrue(setup.stitching.summary().startsWith("stitching: 5 recorded units of 2 sessions in 30 model units "
        + "(25 hidden); 2 of 7 recorded units left out (2 at or above model.maxRateHz (8 Hz)); 1 session(s) with "
        + "no unit in the model: " + RIGHT), setup.stitching.summary());
    int right = setup.data.sessionIndex(RIGHT);
    assertEquals(0, setup.unitLayout.unitsInSession(right));
    TrialFeatures f = features(setup);
    assertEquals(2, f.sessions());
    for (int k = 0; k < f.sessions(); k++) {
      assertTrue(f.sessionIndex(k) != right);
    }
  }

  @Test
  void sessionsBelowMinUnitsHaveNoTrialFeatures() {
    FitConfig cfg = parse(config("", ",\"minUnits\":2", 3).replace("\"minUnits\":1,", ""));
    FitSetup setup = new FitSetup(cfg, FitData.load(cfg.data()));
    TrialFeatures f = features(setup);
    assertEquals(2, f.sessions(), "the 1-unit session has none");
    assertTrue(f.sessionName(0).equals(SESSIONS.get(1)) || f.sessionName(1).equals(SESSIONS.get(1)));
    assertEquals(1, setup.unitLayout.unitsInSession(setup.data.sessionIndex(SESSIONS.get(0))));
  }

  @Test
  void noRecordedUnitBelowTheRateLimitIsAConfigurationError() {
    FitConfig cfg = parse(config(",\"maxRateHz\":1", "", 3));
    ConfigException e = assertThrows(ConfigException.class, () -> new FitSetup(cfg, FitData.load(cfg.data())));
    assertEquals("model.maxRateHz", e.key());
    assertTrue(e.getMessage().contains("7 recorded units of 3 sessions") && e.getMessage().contains("slowest at 1.54 Hz"),
        e.getMessage());
  }

  @Test
  void allTwentyEightSessionsOfTheFolderAreStitchedOnce() {
    String json = "{\"data\":{\"preset\":\"delayed-response\",\"files\":[\"" + TestData.dandi000006()
        + "\"],\"startS\":-0.1,\"stopS\":0.1},\"model\":{\"preset\":\"figure2\",\"nUnits\":100,\"nInputs\":12,"
        + "\"areas\":[\"ALM\"],\"motorAreas\":[\"ALM\"],\"hiddenUnits\":true},"
        + "\"loss\":{\"matching\":\"sinkhorn\",\"minUnits\":1},\"train\":{\"modelTrials\":8}}";
    FitConfig cfg = parse(json);
    assertEquals(28, cfg.data().files().size());
    FitSetup setup = new FitSetup(cfg, FitData.load(cfg.data()));
    assertEquals("stitching: 50 recorded units of 28 sessions in 100 model units (50 hidden)", setup.stitching.summary());
    Set<String> seen = new HashSet<>();
    for (Stitching.Row r : setup.stitching.rows()) {
      if (!r.hidden()) {
        assertTrue(seen.add(r.session() + "#" + r.recordedUnitId()), r.toString());
      }
    }
    assertEquals(50, seen.size());
    assertEquals(28, features(setup).sessions());
  }

  private static TrialFeatures features(FitSetup s) {
    return TrialFeatures.create(s.unitLayout, s.trainSplit.trials, s.trainSplit.conditions, s.f1,
        BoxFilter.resample(s.cfg.loss().resample()), s.featureOptions);
  }

  private static FitConfig parse(String json) {
    try {
      return FitConfig.fromJson(new ObjectMapper().readTree(json), Path.of("."));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
