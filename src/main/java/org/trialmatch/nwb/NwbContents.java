package org.trialmatch.nwb;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an NWB file holds, as read by {@link NwbReader}.
 *
 * @param file the file read
 * @param nwbVersion the root {@code nwb_version} attribute
 * @param identifier the root {@code identifier} dataset, or "" if absent
 * @param units the units table
 * @param intervals every table under {@code intervals/}, in file order
 * @param behaviour every behaviour series under {@code acquisition/} and {@code processing/*}
 * @param problems what a user should know about the file, one line each ({@code path: what})
 * @param subjectId {@code general/subject/subject_id}, or "" if absent
 * @param species {@code general/subject/species}, or "" if absent
 */
public record NwbContents(
    Path file,
    String nwbVersion,
    String identifier,
    UnitsTable units,
    List<IntervalTable> intervals,
    List<BehaviourSeries> behaviour,
    List<String> problems,
    String subjectId,
    String species) {
  /** Validates and freezes the lists. */
  public NwbContents {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(nwbVersion, "nwbVersion");
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(units, "units");
    intervals = List.copyOf(intervals);
    behaviour = List.copyOf(behaviour);
    problems = List.copyOf(problems);
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(species, "species");
  }

  /**
   * @param name table name under {@code intervals/}
   * @return the table if present
   */
  public Optional<IntervalTable> interval(String name) {
    for (IntervalTable t : intervals) {
      if (t.name().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * @param path in-file path of a behaviour series
   * @return the series if present
   */
  public Optional<BehaviourSeries> series(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    for (BehaviourSeries s : behaviour) {
      if (s.path().equals(p)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
