package org.trialmatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.trialmatch.data.ConfigException;

/** Reads the JSON configuration file of a command. */
final class ConfigFiles {
  private ConfigFiles() {}

  /**
   * @param m the mapper
   * @param file the configuration file
   * @return its root object
   * @throws ConfigException if it is missing, not JSON, or not an object
   */
  static JsonNode read(ObjectMapper m, Path file) {
    try {
      JsonNode root = m.readTree(Files.readString(file));
      if (root == null || !root.isObject()) {
        throw new ConfigException(file.toString(), "expected a JSON object with sections data, model, loss, train");
      }
      return root;
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), "no such configuration file");
    } catch (JsonProcessingException e) {
      throw new ConfigException(file.toString(), "not valid JSON at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "cannot be read: " + e.getMessage());
    }
  }
}
