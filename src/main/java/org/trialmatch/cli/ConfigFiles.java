package org.trialmatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.trialmatch.data.ConfigException;
import org.trialmatch.train.FitConfig;

/** Reads the JSON configuration file of a command. */
final class ConfigFiles {
  private ConfigFiles() {}

  /**
   * @param file the configuration file
   * @return its root object
   * @throws ConfigException if it is missing, not JSON, or not an object
   */
  static JsonNode read(Path file) {
    try {
      return FitConfig.readJson(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), "no such configuration file");
    }
  }
}
