package org.trialmatch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
  @TempDir Path dir;

  private static List<NamedTensor> tensors(float base) {
    return List.of(new NamedTensor("a", new float[] {base, base + 1, base + 2}), new NamedTensor("b", new float[] {base * 2}));
  }

  @Test
  void roundTripRestoresParametersMomentsAndState() throws IOException {
    List<NamedTensor> p = tensors(1f);
    AdamW opt = new AdamW(p, new boolean[] {true, true}, 0.1, 0.9, 0.999, 1e-8, 0);
    opt.step(p, tensors(0.5f));
    opt.step(p, tensors(-0.25f));
    TrainingState state = new TrainingState(2, 0.5, 1, 3.25, 1.5,
        List.of(new TrainingState.NormaliserTerm(0.125, 2), new TrainingState.NormaliserTerm(7.0, 1)));
    Checkpoints.write(dir, "last", p, opt, state);

    List<NamedTensor> q = tensors(0f);
    AdamW opt2 = new AdamW(q, new boolean[] {true, true}, 0.1, 0.9, 0.999, 1e-8, 0);
    assertEquals(state, Checkpoints.read(dir, "last", q, opt2));
    for (int k = 0; k < p.size(); k++) {
      assertArrayEquals(p.get(k).values(), q.get(k).values());
    }
    assertEquals(2, opt2.steps());
    // Continuing both gives identical parameters: the optimiser state came back too.
    opt.step(p, tensors(0.1f));
    opt2.step(q, tensors(0.1f));
    for (int k = 0; k < p.size(); k++) {
      assertArrayEquals(p.get(k).values(), q.get(k).values());
    }
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("last"), s.map(x -> x.getFileName().toString()).toList());
    }
  }

  @Test
  void replacingKeepsOneCompleteCheckpointAndFallsBackToOld() throws IOException {
    List<NamedTensor> p = tensors(1f);
    AdamW opt = new AdamW(p, new boolean[] {true, true}, 0.1, 0.9, 0.999, 1e-8, 0);
    TrainingState state = new TrainingState(1, 0.5, 1, 3.0, 0.25, List.of());
    Checkpoints.write(dir, "best", p, opt, state);
    // Simulate a crash between the two renames: only best.old exists.
    Files.move(dir.resolve("best"), dir.resolve("best.old"));
    List<NamedTensor> q = tensors(0f);
    assertEquals(state, Checkpoints.read(dir, "best", q, null));
    assertArrayEquals(p.get(0).values(), q.get(0).values());
    // The next write cleans up.
    Checkpoints.write(dir, "best", p, opt, new TrainingState(2, 0.5, 1, 3.0, 0.5, List.of()));
    assertTrue(Files.isDirectory(dir.resolve("best")));
    assertFalse(Files.exists(dir.resolve("best.old")));
  }

  @Test
  void mismatchedShapesAreNamed() throws IOException {
    List<NamedTensor> p = tensors(1f);
    Checkpoints.write(dir, "last", p, new AdamW(p, new boolean[] {true, true}, 0.1, 0.9, 0.999, 1e-8, 0),
        TrainingState.initial());
    List<NamedTensor> other = List.of(new NamedTensor("a", new float[4]), new NamedTensor("b", new float[1]));
    IOException e = assertThrows(IOException.class, () -> Checkpoints.read(dir, "last", other, null));
    assertTrue(e.getMessage().contains("expected a[4], found a[3]"), e.getMessage());
    assertThrows(java.nio.file.NoSuchFileException.class, () -> Checkpoints.read(dir, "best", other, null));
  }

  @Test
  void initialStateSurvivesTheJsonRoundTripAndBadStatesAreNamed() throws IOException {
    TrainingState s = TrainingState.initial();
    assertEquals(s, TrainingState.fromJson(s.toJson(), "x"));
    IOException e = assertThrows(IOException.class,
        () -> TrainingState.fromJson(s.toJson().without(List.of("best_step", "seconds")), "state.json"));
    assertTrue(e.getMessage().contains("state.json") && e.getMessage().contains("best_step, seconds"), e.getMessage());
    e = assertThrows(IOException.class, () -> TrainingState.fromJson(s.toJson().put("best_step", 4), "state.json"));
    assertTrue(e.getMessage().contains("bestStep must be in [0, step 0], was 4"), e.getMessage());
  }

  @Test
  void aDamagedCheckpointIsNamedAndItsIntactOldCopyIsUsed() throws IOException {
    List<NamedTensor> p = tensors(1f);
    AdamW opt = new AdamW(p, new boolean[] {true, true}, 0.1, 0.9, 0.999, 1e-8, 0);
    TrainingState first = new TrainingState(1, 0.5, 1, 3.0, 0.25, List.of());
    Checkpoints.write(dir, "last", p, opt, first);
    Path params = dir.resolve("last/parameters.bin");
    byte[] whole = Files.readAllBytes(params);
    Files.write(params, java.util.Arrays.copyOf(whole, whole.length / 2));
    IOException e = assertThrows(IOException.class, () -> Checkpoints.read(dir, "last", tensors(0f), null));
    assertEquals(params + ": the checkpoint is damaged (the file ends early)", e.getMessage());

    Files.write(params, whole);
    Files.writeString(dir.resolve("last/state.json"), "{\"step\": 1, \"best_val");
    e = assertThrows(IOException.class, () -> Checkpoints.read(dir, "last", tensors(0f), null));
    assertTrue(e.getMessage().startsWith(dir.resolve("last/state.json") + ": the checkpoint is damaged (not valid JSON"),
        e.getMessage());

    // an intact .old copy (left by a write interrupted between its renames) is used instead
    Path old = Files.createDirectories(dir.resolve("last.old"));
    Checkpoints.write(dir, "intact", p, opt, first);
    try (Stream<Path> s = Files.list(dir.resolve("intact"))) {
      for (Path f : (Iterable<Path>) s::iterator) {
        Files.copy(f, old.resolve(f.getFileName()));
      }
    }
    List<NamedTensor> q = tensors(0f);
    assertEquals(first, Checkpoints.read(dir, "last", q, null));
    assertArrayEquals(p.get(0).values(), q.get(0).values());
  }
}
