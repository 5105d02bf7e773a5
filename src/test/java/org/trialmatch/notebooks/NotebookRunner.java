package org.trialmatch.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

/**
 * Runs the code cells of a notebook in order through the {@code jdk.jshell} API (local execution engine,
 * this JVM's class path), as the Java kernel would, and collects each cell's outputs: what it printed, and
 * the image when its last expression is a {@code java.awt.image.BufferedImage} (which the Java kernel shows
 * inline). {@link #run} checks; {@link #write} also stores the outputs in the notebook, so that GitHub shows
 * them. A cell that does not compile or throws is an {@link AssertionError} naming the notebook and cell.
 */
final class NotebookRunner {
  private static final ObjectMapper M = new ObjectMapper();

  private NotebookRunner() {}

  /** What a cell gave: its printed text and the PNG of its image, if any. */
  record CellOutput(int cell, String text, byte[] png) {}

  /**
   * @param notebook an .ipynb file
   * @return the outputs of its code cells
   * @throws IOException when it cannot be read
   */
  static List<CellOutput> run(Path notebook) throws IOException {
    JsonNode nb = M.readTree(notebook.toFile());
    List<CellOutput> outputs = new ArrayList<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path image = Files.createTempFile("notebook-cell", ".png");
    PrintStream stdout = System.out;
    try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        JShell shell = JShell.builder().executionEngine("local").out(ps).err(ps).build()) {
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        shell.addToClasspath(entry);
      }
      // the local engine runs snippets in this JVM: what they print goes to System.out
      System.setOut(ps);
      SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
      int index = 0;
      for (JsonNode cell : nb.get("cells")) {
        index++;
        if (!"code".equals(cell.get("cell_type").asText())) {
          continue;
        }
        out.reset();
        String rest = source(cell);
        VarSnippet last = null;
        while (!rest.isBlank()) {
          SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
          if (info.completeness() != SourceCodeAnalysis.Completeness.COMPLETE
              && info.completeness() != SourceCodeAnalysis.Completeness.COMPLETE_WITH_SEMI) {
            throw new AssertionError(notebook + ", cell " + index + ": incomplete code: " + rest.strip());
          }
          last = null;
          for (SnippetEvent e : shell.eval(info.source())) {
            if (e.exception() != null) {
              throw new AssertionError(notebook + ", cell " + index + ": " + e.exception() + " in: "
                  + info.source().strip() + "\n" + out.toString(StandardCharsets.UTF_8), e.exception());
            }
            if (e.status() == Snippet.Status.REJECTED || e.status() == Snippet.Status.RECOVERABLE_DEFINED
                || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
              StringBuilder why = new StringBuilder();
              shell.diagnostics(e.snippet()).forEach(d -> why.append(d.getMessage(null)).append("; "));
              throw new AssertionError(notebook + ", cell " + index + ": does not compile: " + why + " in: "
                  + info.source().strip());
            }
            if (e.snippet() instanceof VarSnippet v && e.causeSnippet() == null
                && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
              last = v;
            }
          }
          rest = info.remaining();
        }
        byte[] png = null;
        if (last != null && last.typeName().endsWith("BufferedImage")) {
          String path = image.toAbsolutePath().toString().replace("\\", "/");
          for (SnippetEvent e : shell.eval("javax.imageio.ImageIO.write(" + last.name() + ", \"png\", new java.io.File(\""
              + path + "\"));")) {
            if (e.exception() != null) {
              throw new AssertionError(notebook + ", cell " + index + ": its image could not be written", e.exception());
            }
          }
          png = Files.readAllBytes(image);
        }
        outputs.add(new CellOutput(index, out.toString(StandardCharsets.UTF_8), png));
      }
    } finally {
      System.setOut(stdout);
      Files.deleteIfExists(image);
    }
    return outputs;
  }

  /**
   * Runs a notebook and stores each code cell's outputs in it (stream text, inline PNG), numbered.
   *
   * @param notebook an .ipynb file
   * @throws IOException when it cannot be read or written
   */
  static void write(Path notebook) throws IOException {
    List<CellOutput> outputs = run(notebook);
    ObjectNode nb = (ObjectNode) M.readTree(notebook.toFile());
    int k = 0;
    int index = 0;
    for (JsonNode c : nb.get("cells")) {
      index++;
      if (!"code".equals(c.get("cell_type").asText())) {
        continue;
      }
      CellOutput o = outputs.get(k++);
      ObjectNode cell = (ObjectNode) c;
      cell.put("execution_count", k);
      ArrayNode outs = cell.putArray("outputs");
      if (!o.text().isEmpty()) {
        ObjectNode s = outs.addObject();
        s.put("output_type", "stream");
        s.put("name", "stdout");
        ArrayNode lines = s.putArray("text");
        o.text().lines().forEach(l -> lines.add(l + "\n"));
      }
      if (o.png() != null) {
        ObjectNode d = outs.addObject();
        d.put("output_type", "display_data");
        ObjectNode data = d.putObject("data");
        data.put("image/png", Base64.getEncoder().encodeToString(o.png()));
        data.putArray("text/plain").add("figure of cell " + index);
        d.putObject("metadata");
      }
    }
    Path tmp = notebook.resolveSibling("." + notebook.getFileName() + ".tmp");
    Files.writeString(tmp, M.writerWithDefaultPrettyPrinter().writeValueAsString(nb) + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, notebook, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static String source(JsonNode cell) {
    JsonNode s = cell.get("source");
    if (s.isTextual()) {
      return s.asText();
    }
    StringBuilder b = new StringBuilder();
    s.forEach(line -> b.append(line.asText()));
    return b.toString();
  }
}
