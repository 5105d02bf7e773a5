package org.trialmatch.train;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.trialmatch.data.ConfigException;
import org.trialmatch.data.Recording;
import org.trialmatch.nwb.NwbFormatException;

/**
 * The entries of {@code data.files} turned into NWB files, one per session. An entry is a file, a
 * folder (every {@code *.nwb} directly inside it, sorted by name) or a glob ({@code *}, {@code ?},
 * {@code [..]} or <code>{..}</code> in any path component, e.g. {@code "sessions/sub-anm3729*.nwb"};
 * its matches sorted by path). Relative entries are resolved against the configuration file's
 * folder; the result is absolute and normalised, in entry order.
 *
 * <p>An entry that is a FIFO, socket or device is an {@link NwbFormatException} (it is never opened). An
 * entry matching nothing, a missing file, the same file twice, or two files with the same
 * session name (the file name without {@code .nwb}) is a {@link ConfigException} naming
 * {@code data.files}; every problem found is in its one-line message.
 */
public final class FileEntries {
  private FileEntries() {}

  /**
   * @param entries the entries of {@code data.files}
   * @param baseDir the folder relative entries are resolved against
   * @return the files, absolute and normalised
   * @throws ConfigException if an entry names no file, or a file or session comes twice
   */
  public static List<String> expand(List<String> entries, Path baseDir) {
    List<String> problems = new ArrayList<>();
    Map<Path, String> entryOf = new LinkedHashMap<>();
    Map<String, Path> sessionOf = new HashMap<>();
    for (String e : entries) {
      List<Path> found;
      try {
        found = expandOne(e, baseDir, problems);
      } catch (IOException ex) {
        problems.add("entry '" + e + "' cannot be listed (" + ex.getMessage() + ")");
        continue;
      }
      for (Path p : found) {
        String before = entryOf.putIfAbsent(p, e);
        if (before != null) {
          problems.add(p + " comes twice (entries '" + before + "' and '" + e + "')");
          continue;
        }
        String session = Recording.sessionName(p);
        Path other = sessionOf.putIfAbsent(session, p);
        if (other != null) {
          problems.add("session " + session + " comes twice (" + other + " and " + p + ")");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException("data.files", String.join("; ", problems)
          + "; list each NWB file once, as a file, a folder or a glob");
    }
    List<String> out = new ArrayList<>();
    entryOf.keySet().forEach(p -> out.add(p.toString()));
    return out;
  }

  /** The files of one entry; a problem is added to {@code problems} and no file returned. */
  private static List<Path> expandOne(String entry, Path baseDir, List<String> problems) throws IOException {
    Path resolved = baseDir.resolve(entry).toAbsolutePath().normalize();
    if (!isGlob(entry)) {
      if (Files.isDirectory(resolved)) {
        List<Path> files = new ArrayList<>();
        int others = 0;
        try (Stream<Path> s = Files.list(resolved)) {
          for (Path p : (Iterable<Path>) s::iterator) {
            if (Files.isRegularFile(p) && isNwb(p)) {
              files.add(p);
            } else {
              others++;
            }
          }
        }
        if (files.isEmpty()) {
          problems.add("folder '" + entry + "' (" + resolved + ") holds no *.nwb file (" + others + " other entries)");
        }
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return files;
      }
      if (Files.exists(resolved) && !Files.isRegularFile(resolved)) {
        throw new NwbFormatException(resolved, "", "an NWB file (a regular file) for data.files entry '" + entry + "'",
            "a FIFO, socket or device (it would be read forever or not at all)");
      }
      if (!Files.isRegularFile(resolved)) {
        problems.add("entry '" + entry + "': no such file " + resolved);
        return List.of();
      }
      return List.of(resolved);
    }
    // a glob: walk from the last folder before the first component with a glob character
    Path abs = baseDir.resolve(entry).toAbsolutePath();
    Path root = abs.getRoot();
    Path prefix = root;
    int first = 0;
    while (first < abs.getNameCount() && !isGlob(abs.getName(first).toString())) {
      prefix = prefix.resolve(abs.getName(first).toString());
      first++;
    }
    Path pattern = abs.subpath(first, abs.getNameCount());
    prefix = prefix.normalize();
    if (!Files.isDirectory(prefix)) {
      problems.add("glob '" + entry + "' matches nothing: no folder " + prefix);
      return List.of();
    }
    FileSystem fs = prefix.getFileSystem();
    PathMatcher m = fs.getPathMatcher("glob:" + pattern.toString().replace('\\', '/'));
    List<Path> files = new ArrayList<>();
    int seen = 0;
    int depth = pattern.toString().contains("**") ? Integer.MAX_VALUE : pattern.getNameCount();
    try (Stream<Path> s = Files.walk(prefix, depth)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (p.equals(prefix) || !Files.isRegularFile(p)) {
          continue;
        }
        seen++;
        if (m.matches(prefix.relativize(p))) {
          files.add(p.normalize());
        }
      }
    }
    if (files.isEmpty()) {
      problems.add("glob '" + entry + "' matches no file (" + seen + " files under " + prefix + ")");
    }
    files.sort(null);
    return files;
  }

  private static boolean isGlob(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
  }

  private static boolean isNwb(Path p) {
    return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".nwb");
  }
}
