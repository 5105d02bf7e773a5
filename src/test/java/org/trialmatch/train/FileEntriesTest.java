package org.trialmatch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.data.ConfigException;
import org.trialmatch.testing.TestData;

/** data.files entries: files, folders and globs, resolved against the configuration's folder. */
class FileEntriesTest {
  @TempDir Path dir;
  private Path sessions;

  @BeforeEach
  void files() throws IOException {
    sessions = Files.createDirectories(dir.resolve("sessions"));
    for (String n : List.of("sub-anm372904_b.nwb", "sub-anm372905_a.nwb", "sub-anm372904_a.nwb", "notes.txt")) {
      Files.createFile(sessions.resolve(n));
    }
    Files.createDirectories(dir.resolve("empty"));
    Files.createFile(dir.resolve("empty").resolve("readme.md"));
  }

  private List<String> expand(String... entries) {
    return FileEntries.expand(List.of(entries), dir);
  }

  private static List<String> abs(Path... p) {
    List<String> out = new ArrayList<>();
    for (Path x : p) {
      out.add(x.toAbsolutePath().normalize().toString());
    }
    return out;
  }

  @Test
  void folderTakesEveryNwbFileSortedByName() {
    assertEquals(abs(sessions.resolve("sub-anm372904_a.nwb"), sessions.resolve("sub-anm372904_b.nwb"),
        sessions.resolve("sub-anm372905_a.nwb")), expand("sessions"));
  }

  @Test
  void globMatchesFileNamesAndFolders() {
    assertEquals(abs(sessions.resolve("sub-anm372904_a.nwb"), sessions.resolve("sub-anm372904_b.nwb")),
        expand("sessions/sub-anm372904*.nwb"));
    assertEquals(abs(sessions.resolve("sub-anm372905_a.nwb")), expand("sess*/*5_?.nwb"));
    assertEquals(abs(sessions.resolve("sub-anm372905_a.nwb")), expand("./../" + dir.getFileName() + "/sessions/*5*"));
  }

  @Test
  void plainFilesKeepTheirOrderAndBecomeAbsolute() {
    assertEquals(abs(sessions.resolve("sub-anm372905_a.nwb"), sessions.resolve("sub-anm372904_a.nwb")),
        expand("sessions/sub-anm372905_a.nwb", sessions.resolve("sub-anm372904_a.nwb").toString()));
  }

  @Test
  void everyEntryNamingNothingIsReportedInOneLine() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> expand("empty", "sessions/*.NWB5", "missing.nwb", "nofolder/*.nwb"));
    assertEquals("data.files", e.key());
    String m = e.getMessage();
    assertFalse(m.contains("\n"), m);
    assertTrue(m.contains("folder 'empty'") && m.contains("holds no *.nwb file (1 other entries)"), m);
    assertTrue(m.contains("glob 'sessions/*.NWB5' matches no file (4 files under " + sessions + ")"), m);
    assertTrue(m.contains("entry 'missing.nwb': no such file " + dir.resolve("missing.nwb")), m);
    assertTrue(m.contains("glob 'nofolder/*.nwb' matches nothing: no folder " + dir.resolve("nofolder")), m);
  }

  @Test
  void aFileTwiceOrASessionTwiceIsAnError() throws IOException {
    ConfigException twice = assertThrows(ConfigException.class,
        () -> expand("sessions", "sessions/sub-anm372905_a.nwb"));
    assertEquals("data.files", twice.key());
    assertTrue(twice.getMessage().contains(sessions.resolve("sub-anm372905_a.nwb")
        + " comes twice (entries 'sessions' and 'sessions/sub-anm372905_a.nwb')"), twice.getMessage());
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.createFile(other.resolve("sub-anm372905_a.nwb"));
    ConfigException session = assertThrows(ConfigException.class,
        () -> expand("sessions/*5_a.nwb", "other"));
    assertTrue(session.getMessage().contains("session sub-anm372905_a comes twice"), session.getMessage());
  }

  @Test
  void fitConfigExpandsTheSharedSessionsAndKeepsThemInItsJson() throws IOException {
    Path shared = TestData.dandi000006();
    String json = "{\"data\":{\"preset\":\"delayed-response\",\"files\":[\"" + shared + "/*.nwb\"]},"
        + "\"model\":{\"preset\":\"figure2\",\"nUnits\":50,\"nInputs\":20},\"loss\":{},\"train\":{}}";
    FitConfig c = FitConfig.fromJson(new ObjectMapper().readTree(json), dir);
    assertEquals(28, c.data().files().size());
    assertTrue(c.data().files().get(0).endsWith("sub-anm369962_ses-20170309.nwb"), c.data().files().get(0));
    JsonNode files = c.toJson().get("data").get("files");
    assertEquals(28, files.size());
    assertEquals(c.data().files(), FitConfig.fromJson(c.toJson(), dir).data().files());
  }
}
