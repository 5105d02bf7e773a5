package org.trialmatch.nwb.write;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a file says about where it came from, under {@code general/}: the subject
 * ({@code general/subject}, neurodata type {@code Subject}), experimenters, institution, experiment
 * description and keywords. Empty texts and lists are not written.
 *
 * @param subject the subject, if any
 * @param experimenter {@code general/experimenter} entries
 * @param institution {@code general/institution} ("" for none)
 * @param experimentDescription {@code general/experiment_description} ("" for none)
 * @param keywords {@code general/keywords} entries
 */
public record NwbMetadata(Optional<Subject> subject, List<String> experimenter, String institution,
    String experimentDescription, List<String> keywords) {

  /** NCBI taxonomy term "synthetic construct": the species of data no animal gave. */
  public static final String SYNTHETIC_SPECIES = "http://purl.obolibrary.org/obo/NCBITaxon_32630";

  /** Age written for a subject that is no animal (a model, artificial data); see {@link #NO_ANIMAL_AGE_NOTE}. */
  public static final String NO_ANIMAL_AGE = "P0D";
  /** What the description says of {@link #NO_ANIMAL_AGE}. */
  public static final String NO_ANIMAL_AGE_NOTE = "its age P0D is a placeholder, not an animal's age";

  /** Nothing said. */
  public static final NwbMetadata NONE = new NwbMetadata(Optional.empty(), List.of(), "", "", List.of());

  /** Copies the lists. */
  public NwbMetadata {
    Objects.requireNonNull(subject, "subject");
    experimenter = List.copyOf(experimenter);
    Objects.requireNonNull(institution, "institution");
    Objects.requireNonNull(experimentDescription, "experimentDescription");
    keywords = List.copyOf(keywords);
  }

  /**
   * The subject of a session ({@code general/subject}).
   *
   * @param subjectId {@code subject_id}
   * @param species {@code species}: a Latin binomial (e.g. {@code Mus musculus}) or an NCBI taxonomy URI
   * @param sex {@code sex}: M, F, U or O
   * @param age {@code age}: ISO 8601 duration (e.g. {@code P90D}), or "" when unknown
   * @param description {@code description}
   */
  public record Subject(String subjectId, String species, String sex, String age, String description) {
    /** Checks the fields. */
    public Subject {
      Objects.requireNonNull(subjectId, "subjectId");
      Objects.requireNonNull(species, "species");
      Objects.requireNonNull(age, "age");
      Objects.requireNonNull(description, "description");
      if (subjectId.isBlank()) {
        throw new IllegalArgumentException("subject_id must not be empty");
      }
      if (!List.of("M", "F", "U", "O").contains(sex)) {
        throw new IllegalArgumentException("sex must be M, F, U or O, was '" + sex + "'");
      }
      if (!age.isEmpty() && !age.matches("P.*")) {
        throw new IllegalArgumentException("age must be an ISO 8601 duration such as P90D, was '" + age + "'");
      }
    }
  }
}
