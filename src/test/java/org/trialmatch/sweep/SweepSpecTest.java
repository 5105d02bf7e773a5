package org.trialmatch.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.data.ConfigException;
import org.trialmatch.testing.TinyRuns;

/** Reading sweep specs and planning their points: every mistake named before anything runs. */
class SweepSpecTest {
  @TempDir static Path dir;
  static Path base;

  @BeforeAll
  static void data() throws IOException {
    Path data = TinyRuns.pseudoData(Files.createDirectories(dir.resolve("data")));
    base = dir.resolve("base.json");
    Files.writeString(base, TinyRuns.pseudoConfig(data, 4, 2, 1, "0.002", "hard", ""));
  }

  static SweepSpec spec(String json) throws IOException {
    Path f = Files.createTempFile(dir, "spec", ".json");
    Files.writeString(f, json);
    return SweepSpec.read(f);
  }

  static ConfigException planFails(String json) {
    return assertThrows(ConfigException.class, () -> SweepPlan.points(spec(json), null));
  }

  @Test
  void gridListAndSeedsMakeEveryCombinationInOrder() throws IOException {
    List<SweepPoint> p = SweepPlan.points(spec("{\"base\":\"base.json\",\"grid\":{\"loss.matching\":[\"none\",\"hard\"],"
        + "\"train.lr\":[0.001,0.002]},\"points\":[{\"name\":\"small\",\"model.nUnits\":40},{\"model.nUnits\":60}],"
        + "\"seeds\":{\"first\":4,\"count\":2}}"), null);
    assertEquals(2 * 2 * 2 * 2, p.size());
    assertEquals("matching-none_lr-0.001_small_seed-4", p.get(0).name());
    assertEquals("matching-none_lr-0.001_small_seed-5", p.get(1).name());
    assertEquals("matching-none_lr-0.001_nUnits-60_seed-4", p.get(2).name());
    assertEquals("matching-hard_lr-0.002_nUnits-60_seed-5", p.get(15).name());
    SweepPoint last = p.get(15);
    assertEquals(5, last.seed());
    assertEquals("hard", last.config().at("/loss/matching").asText());
    assertEquals(0.002, last.config().at("/train/lr").asDouble());
    assertEquals(60, last.config().at("/model/nUnits").asInt());
    assertEquals(5, last.config().at("/train/seed").asLong());
    assertTrue(Path.of(last.config().at("/data/files/0").asText()).isAbsolute(), "files resolved against the base");
    assertEquals("{loss.matching=hard, train.lr=0.002, model.nUnits=60}", last.setting());
  }

  @Test
  void anInlineBaseAndNoSeedsKeepTheBaseSeed() throws IOException {
    String inline = new ObjectMapper().readTree(base.toFile()).toString();
    List<SweepPoint> p = SweepPlan.points(spec("{\"base\":" + inline + ",\"grid\":{\"train.lr\":[0.001,0.003]}}"), null);
    assertEquals(List.of("lr-0.001", "lr-0.003"), p.stream().map(SweepPoint::name).toList());
    assertEquals(3, p.get(1).seed());
  }

  @Test
  void anUnknownOverrideKeyIsNamedWithTheSpecAndThePoint() {
    ConfigException e = planFails("{\"base\":\"base.json\",\"grid\":{\"train.lrr\":[0.001]}}");
    assertTrue(e.getMessage().contains("spec") && e.getMessage().contains("point lrr-0.001: train.lrr: unknown key"),
        e.getMessage());
    e = planFails("{\"base\":\"base.json\",\"grid\":{\"loss.matching\":[\"none\",\"hungarian\"]}}");
    assertTrue(e.getMessage().contains("point matching-hungarian: loss.matching"), e.getMessage());
  }

  @Test
  void specMistakesAreNamed() {
    assertTrue(planFails("{\"base\":\"base.json\",\"grid\":{\"train.lr\":[1]},\"sweeps\":1}").getMessage()
        .contains(": sweeps: unknown key"));
    assertTrue(planFails("{\"base\":\"missing.json\",\"grid\":{\"train.lr\":[1]}}").getMessage()
        .contains("no such configuration file"));
    assertTrue(planFails("{\"base\":\"base.json\",\"grid\":{\"lr\":[1]}}").getMessage().contains("grid.lr: an override key"));
    assertTrue(planFails("{\"base\":\"base.json\",\"grid\":{\"train.lr\":[]}}").getMessage().contains("non-empty list"));
    assertTrue(planFails("{\"base\":\"base.json\",\"grid\":{\"train.threads\":[1]}}").getMessage()
        .contains("set by the engine"));
    assertTrue(planFails("{\"base\":\"base.json\",\"grid\":{\"train.seed\":[1]},\"seeds\":[1,2]}").getMessage()
        .contains("exclude each other"));
    assertTrue(planFails("{\"base\":\"base.json\",\"seeds\":[1,1]}").getMessage().contains("twice"));
    assertTrue(planFails("{\"base\":\"base.json\",\"seeds\":[1],\"scores\":[\"accuracy\"]}").getMessage()
        .contains("unknown score \"accuracy\""));
    assertTrue(planFails("{\"base\":\"base.json\",\"seeds\":[1],\"evaluate\":{\"trials\":5}}").getMessage()
        .contains("evaluate.trials: unknown key"));
    assertTrue(planFails("{\"base\":\"base.json\",\"seeds\":[1],\"evaluate\":{\"response\":\"peak\"}}").getMessage()
        .contains("must be none or figure2"));
    assertTrue(planFails("{\"base\":\"base.json\"}").getMessage().contains("needs a grid, points or seeds"));
    assertTrue(planFails("{\"base\":\"base.json\",\"points\":[{\"name\":\"a\"},{\"name\":\"a\"}]}").getMessage()
        .contains("two points have the name a"));
    assertTrue(planFails("{\"base\":\"base.json\",\"points\":[{\"name\":\"../x\"}]}").getMessage()
        .contains("must be a directory name"));
    assertTrue(planFails("{\"base\":\"base.json\",\"grid\":{\"train.lr\":[1]},\"points\":[{\"train.lr\":2}]}")
        .getMessage().contains("also swept by grid"));
    assertTrue(planFails("{\"base\":\"base.json\",\"pseudodata\":\"big\",\"seeds\":[1]}").getMessage()
        .contains("must be one of"));
  }

  @Test
  void theEvaluationSeedFollowsTheTrainingSeedWhenAskedTo() throws IOException {
    SweepSpec s = spec("{\"base\":\"base.json\",\"seeds\":[7],\"evaluate\":{\"seedOffset\":1,\"modelTrials\":40}}");
    assertEquals(8, s.evaluation().seedFor(7));
    assertEquals(40, s.evaluation().modelTrials());
    assertEquals(0, SweepSpec.Evaluation.defaults().seedFor(7));
  }

  @Test
  void parallelismFollowsCoresAndMemory() {
    long gb = 1L << 30;
    assertEquals(new Parallelism(2, 1), Parallelism.choose(2, 6 * gb, 100 << 20, 9, null, null));
    assertEquals(new Parallelism(1, 2), Parallelism.choose(2, 6 * gb, 100 << 20, 1, null, null));
    assertEquals(new Parallelism(1, 2), Parallelism.choose(2, 6 * gb, gb, 9, null, null), "12 GB per point > heap");
    assertEquals(new Parallelism(4, 2), Parallelism.choose(8, 64 * gb, 100 << 20, 4, null, null));
    assertEquals(new Parallelism(3, 1), Parallelism.choose(2, gb, gb, 9, 3, 1));
  }
}
