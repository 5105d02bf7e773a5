package org.trialmatch.train;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import org.trialmatch.data.ConfigException;
import org.trialmatch.data.TrialSetConfig;
import org.trialmatch.loss.BoxFilter;
import org.trialmatch.model.RsnnConfig;

/**
 * A whole fitting configuration: the sections {@code data}, {@code model}, {@code loss} and
 * {@code train} of one JSON file. The model's time grid ({@code steps}, {@code dtMs},
 * {@code windowStartMs}) comes from the data section's window; setting it in the model section to
 * other values is an error naming the key.
 *
 * @param data how recordings become trials
 * @param model the network
 * @param loss the losses
 * @param train the optimisation
 */
public record FitConfig(TrialSetConfig data, RsnnConfig model, LossConfig loss, TrainConfig train) {
  private static final Set<String> SECTIONS = Set.of("data", "model", "loss", "train");

  /** Checks the fields. */
  public FitConfig {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(train, "train");
    if (data.files().isEmpty()) {
      throw new ConfigException("data.files", "must list at least one NWB file");
    }
    if (!(loss.spikeFilterMs() >= data.dtMs())) {
      throw new ConfigException("loss.spikeFilterMs", "must be >= data.dtMs (" + data.dtMs() + " ms), was " + loss.spikeFilterMs());
    }
    BoxFilter f1 = BoxFilter.spikeFilter(data.dtMs(), loss.spikeFilterMs());
    int minBins = f1.kernelBins() - 2 * f1.paddingBins() + f1.strideBins();
    if (data.bins() < minBins) {
      throw new ConfigException("data.stopS", "the window (data.startS to data.stopS) must hold at least " + minBins + " bins of "
          + data.dtMs() + " ms for two bins of the " + loss.spikeFilterMs() + " ms filter (loss.spikeFilterMs), was " + data.bins());
    }
  }

  /**
   * Reads a configuration file (a command's {@code --config} or a run's {@code config.json}) as JSON.
   *
   * @param file the file
   * @return its root object, for {@link #fromJson}
   * @throws NoSuchFileException if it does not exist
   * @throws ConfigException naming the file if it is unreadable, not JSON, or not an object
   */
  public static JsonNode readJson(Path file) throws NoSuchFileException {
    try {
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        throw new ConfigException(file.toString(), Files.isDirectory(file) ? "is a directory, not a configuration file"
            : "is a FIFO, socket or device, not a configuration file");
      }
      JsonNode root = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .readTree(Files.readString(file));
      if (root == null || !root.isObject()) {
        throw new ConfigException(file.toString(), "expected a JSON object with sections data, model, loss, train");
      }
      return root;
    } catch (NoSuchFileException e) {
      throw e;
    } catch (StreamConstraintsException e) {
      throw new ConfigException(file.toString(), "not a configuration: its JSON is nested more than "
          + StreamReadConstraints.defaults().getMaxNestingDepth() + " levels deep (a configuration is 3 levels deep)");
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      String what = e.getOriginalMessage().startsWith("Duplicate field")
          ? "the key " + e.getOriginalMessage().substring("Duplicate field ".length()) + " comes twice in one object"
          : e.getOriginalMessage();
      throw new ConfigException(file.toString(), "not valid JSON" + where + ": " + what);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "cannot be read: " + e.getMessage());
    }
  }

  /**
   * Reads a configuration; the entries of {@code data.files} (files, folders or globs, see {@link
   * FileEntries}) are resolved against {@code baseDir} (the directory of the configuration file) and
   * kept as the absolute files they name.
   *
   * @param root the JSON object
   * @param baseDir directory relative paths are resolved against
   * @return the configuration
   * @throws ConfigException for an unknown section or key, or a bad value, or a {@code data.files}
   *     entry that names no file
   */
  public static FitConfig fromJson(JsonNode root, Path baseDir) {
    if (root == null || !root.isObject()) {
      throw new ConfigException("(root)", "must be a JSON object with sections data, model, loss, train");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!SECTIONS.contains(k) && !k.equals(StarterConfig.NOTES)) {
        throw new ConfigException(k, "unknown section; sections: data, model, loss, train (and notes, ignored)");
      }
    }
    JsonNode notes = root.get(StarterConfig.NOTES);
    if (notes != null && !(notes.isArray() && java.util.stream.StreamSupport.stream(notes.spliterator(), false)
        .allMatch(JsonNode::isTextual))) {
      throw new ConfigException(StarterConfig.NOTES, "must be a list of texts (they are not read), was " + notes);
    }
    TrialSetConfig data = TrialSetConfig.fromJson(root.get("data"));
    data = data.withFiles(FileEntries.expand(data.files(), baseDir));
    JsonNode modelNode = root.get("model");
    RsnnConfig model = RsnnConfig.fromJson(modelNode);
    checkGrid(modelNode, "steps", data.bins());
    checkGrid(modelNode, "dtMs", data.dtMs());
    checkGrid(modelNode, "windowStartMs", data.startS() * 1000.0);
    model = model.withGrid(data.bins(), data.dtMs(), data.startS() * 1000.0);
    return new FitConfig(data, model, LossConfig.fromJson(root.get("loss")), TrainConfig.fromJson(root.get("train")));
  }

  /** A time-grid key of the model section must be left out or match the data window. */
  private static void checkGrid(JsonNode modelNode, String key, double want) {
    if (modelNode != null && modelNode.has(key)) {
      double given = modelNode.get(key).asDouble();
      if (Math.abs(given - want) > 1e-9) {
        throw new ConfigException("model." + key, "must match the data window (" + want
            + ", from data.startS, data.stopS and data.dtMs) or be left out, was " + given);
      }
    }
  }

  /** @return a lower bound of the memory the fit allocates, bytes (see {@code MemoryEstimate}) */
  public long memoryLowerBound() {
    return MemoryEstimate.bytes(model, train.modelTrials());
  }

  /** @return the fully resolved configuration, readable by {@link #fromJson} */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.set("data", data.toJson());
    o.set("model", model.toJson());
    o.set("loss", loss.toJson());
    o.set("train", train.toJson());
    return o;
  }
}
