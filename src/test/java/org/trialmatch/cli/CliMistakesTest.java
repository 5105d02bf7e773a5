package org.trialmatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mistakes a newcomer makes get a message that says what to do. */
class CliMistakesTest {
  @TempDir Path dir;

  private static void refused(String expected, String... args) {
    CliRunner.Result r = CliRunner.run(args);
    assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
    assertTrue(r.err().contains(expected), String.join(" ", args) + ": " + r.err());
  }

  @Test
  void mistypedCommandsAndOptionsGetSuggestions() {
    refused("unknown command 'simualte'; did you mean 'simulate'", "simualte", "--run", "x");
    refused("unknown option '--trails'; did you mean '--trials'", "simulate", "--run", "x", "--trails", "5");
    refused("did you mean '--seed'", "simulate", "--run", "x", "--trials", "5", "--sed", "3");
  }

  @Test
  void aWrongRunDirectoryIsNamed() throws Exception {
    refused(dir.resolve("nope") + " is not a run directory: it does not exist", "simulate", "--run",
        dir.resolve("nope").toString(), "--trials", "3");
    refused(dir + " is not a run directory: it has no config.json", "analyze", "--run", dir.toString());
  }

  @Test
  void anOutputDirectoryThatIsAFileIsRefused() throws Exception {
    Path f = Files.writeString(dir.resolve("README.md"), "x");
    refused("README.md exists and is not a directory", "pseudodata", "--out", f.toString());
  }

  @Test
  void requiredOptionsShowNoDefault() {
    CliRunner.Result r = CliRunner.run("simulate", "--help");
    assertEquals(0, r.code());
    String trials = r.out().lines().dropWhile(l -> !l.contains("--trials=N")).limit(2).reduce("", String::concat);
    assertTrue(trials.contains("--trials=N"), r.out());
    assertFalse(trials.contains("Default"), trials);
  }
}
