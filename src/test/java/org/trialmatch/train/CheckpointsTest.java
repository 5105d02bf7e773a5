package org.trialmatch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    ObjectNode state = new ObjectMapper().createObjectNode().put("step", 2).put("draw", 17L);
    Checkpoints.write(dir, "last", p, opt, state);

    List<NamedTensor> q = tensors(0f);
    AdamW opt2 = new AdamW(q, new boolean[] {true, true}, 0.1, 0.9, 0.999, 1e-8, 0);
    assertEquals(state.toString(), Checkpoints.read(dir, "last", q, opt2).toString());
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
    ObjectNode state = new ObjectMapper().createObjectNode().put("step", 1);
    Checkpoints.write(dir, "best", p, opt, state);
    // Simulate a crash between the two renames: only best.old exists.
    Files.move(dir.resolve("best"), dir.resolve("best.old"));
    List<NamedTensor> q = tensors(0f);
    assertEquals(state.toString(), Checkpoints.read(dir, "best", q, null).toString());
    assertArrayEquals(p.get(0).values(), q.get(0).values());
    // The next write cleans up.
    Checkpoints.write(dir, "best", p, opt, state.put("step", 2));
    assertTrue(Files.isDirectory(dir.resolve("best")));
    assertFalse(Files.exists(dir.resolve("best.old")));
  }

  @Test
  void mismatchedShapesAreNamed() throws IOException {
    List<NamedTensor> p = tensors(1f);
    Checkpoints.write(dir, "last", p, new AdamW(p, new boolean[] {true, true}, 0.1, 0.9, 0.999, 1e-8, 0),
        new ObjectMapper().createObjectNode());
    List<NamedTensor> other = List.of(new NamedTensor("a", new float[4]), new NamedTensor("b", new float[1]));
    IOException e = assertThrows(IOException.class, () -> Checkpoints.read(dir, "last", other, null));
    assertTrue(e.getMessage().contains("expected a[4], found a[3]"), e.getMessage());
    assertThrows(java.nio.file.NoSuchFileException.class, () -> Checkpoints.read(dir, "best", other, null));
  }
}
