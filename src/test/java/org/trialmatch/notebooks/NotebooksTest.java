package org.trialmatch.notebooks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every code cell of every notebook in {@code notebooks/} in-process through the
 * {@code jdk.jshell} API (local execution engine, the test class path added), in order, as the Java
 * kernel would: a snippet that does not compile or throws fails the test, naming the notebook and cell.
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
  void everyCodeCellRuns(Path notebook) throws IOException {
    JsonNode nb = new ObjectMapper().readTree(notebook.toFile());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int cells = 0;
    try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        JShell shell = JShell.builder().executionEngine("local").out(ps).err(ps).build()) {
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        shell.addToClasspath(entry);
      }
      SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
      int index = 0;
      for (JsonNode cell : nb.get("cells")) {
        index++;
        if (!"code".equals(cell.get("cell_type").asText())) {
          continue;
        }
        cells++;
        StringBuilder src = new StringBuilder();
        for (JsonNode line : cell.get("source")) {
          src.append(line.asText());
        }
        String rest = src.toString();
        while (!rest.isBlank()) {
          SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
          if (info.completeness() != SourceCodeAnalysis.Completeness.COMPLETE
              && info.completeness() != SourceCodeAnalysis.Completeness.COMPLETE_WITH_SEMI) {
            fail(notebook + ", cell " + index + ": incomplete code: " + rest.strip());
          }
          for (SnippetEvent e : shell.eval(info.source())) {
            if (e.exception() != null) {
              fail(notebook + ", cell " + index + ": " + e.exception() + " in: " + info.source().strip()
                  + "\n" + out.toString(StandardCharsets.UTF_8));
            }
            if (e.status() == Snippet.Status.REJECTED) {
              StringBuilder why = new StringBuilder();
              shell.diagnostics(e.snippet()).forEach(d -> why.append(d.getMessage(null)).append("; "));
              fail(notebook + ", cell " + index + ": does not compile: " + why + " in: " + info.source().strip());
            }
          }
          rest = info.remaining();
        }
      }
    }
    assertTrue(cells > 0, notebook + " has no code cell");
  }
}
