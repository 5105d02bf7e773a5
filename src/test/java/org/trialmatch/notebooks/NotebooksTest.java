package org.trialmatch.notebooks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every code cell of every notebook in {@code notebooks/} ({@link NotebookRunner}); a cell that does
 * not compile or throws fails the test, naming the notebook and cell. Every notebook draws at least one
 * figure, and its stored outputs hold one (written by {@code mvn -B test -Dtest=NotebooksTest
 * -Dnotebooks.write=true}, the one command that stores them; without the property nothing is written).
 */
class NotebooksTest {
  static Stream<Path> notebooks() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("notebooks"))) {
      List<Path> l = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
      assertFalse(l.isEmpty(), "no notebooks found");
      return l.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("notebooks")
  void everyCodeCellRunsAndDrawsAFigure(Path notebook) throws IOException {
    if (Boolean.getBoolean("notebooks.write")) {
      NotebookRunner.write(notebook);
    }
    List<NotebookRunner.CellOutput> out = NotebookRunner.run(notebook);
    assertFalse(out.isEmpty(), notebook + " has no code cell");
    assertTrue(out.stream().anyMatch(o -> o.png() != null), notebook + " draws no figure");
    JsonNode nb = new ObjectMapper().readTree(notebook.toFile());
    boolean stored = false;
    for (JsonNode c : nb.get("cells")) {
      for (JsonNode o : c.path("outputs")) {
        stored |= o.path("data").has("image/png");
      }
    }
    assertTrue(stored, notebook + " has no stored figure: run mvn -B test -Dtest=NotebooksTest -Dnotebooks.write=true");
  }
}
