package org.trialmatch.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.trialmatch.train.RunDirectory;

/** The typed results as JSON: component names in snake_case, NaN written as NaN. */
public final class ResultJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private ResultJson() {}

  /**
   * @param value a result record
   * @return its JSON tree
   */
  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /**
   * Writes a result, atomically.
   *
   * @param file the file
   * @param value a result record
   * @throws IOException if it cannot be written
   */
  public static void write(Path file, Object value) throws IOException {
    RunDirectory.writeJson(file, tree(value));
  }

  /**
   * Reads a result written by {@link #write}.
   *
   * @param file the file
   * @param type the record type
   * @param <T> the type
   * @return the result, or empty when the file is absent or is not such a result
   */
  public static <T> Optional<T> read(Path file, Class<T> type) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(MAPPER.readValue(file.toFile(), type));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
