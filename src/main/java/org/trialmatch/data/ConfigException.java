package org.trialmatch.data;

import org.trialmatch.errors.InputException;

/**
 * A configuration value is missing, unknown or out of range. The message names the key (as a JSON
 * path such as {@code model.tauMemExcMs}), the value found and what is allowed. The command line maps
 * it to exit code 2. Every package that reads a section of the JSON configuration throws this type.
 */
public final class ConfigException extends InputException {
  private static final long serialVersionUID = 1L;

  private final String key;

  /**
   * @param key the configuration key, as a dotted JSON path
   * @param message what is wrong and what is allowed (the key is prefixed)
   */
  public ConfigException(String key, String message) {
    super(Kind.CONFIGURATION, key + ": " + message);
    this.key = key;
  }

  /** @return the offending key, as a dotted JSON path */
  public String key() {
    return key;
  }
}
