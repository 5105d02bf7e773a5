package org.trialmatch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The JSON keys of the {@code model} section: one entry per {@link RsnnConfig} component, in record
 * order, that reads the key's value into an {@link RsnnConfigBuilder} (checking its JSON type) and
 * writes the component back. {@link RsnnConfig#fromJson} and {@link RsnnConfig#toJson} go through
 * this table, so a key is read and written under one name.
 */
final class RsnnConfigJson {
  /**
   * One key of the section.
   *
   * @param <T> the component's type
   * @param name the key, equal to the component's name
   * @param get reads the component
   * @param set sets it on a builder
   * @param parse converts a JSON value, throwing IllegalArgumentException with the rule and the value
   * @param format converts the component to JSON
   */
  private record Key<T>(String name, Function<RsnnConfig, T> get, BiConsumer<RsnnConfigBuilder, T> set,
      Function<JsonNode, T> parse, Function<T, JsonNode> format) {
    void read(JsonNode value, RsnnConfigBuilder into) {
      set.accept(into, parse.apply(value));
    }

    void write(RsnnConfig from, ObjectNode into) {
      into.set(name, format.apply(get.apply(from)));
    }
  }

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private static final List<Key<?>> KEYS = List.of(
      integer("nUnits", RsnnConfig::nUnits, RsnnConfigBuilder::nUnits),
      strings("areas", RsnnConfig::areas, RsnnConfigBuilder::areas),
      number("pExc", RsnnConfig::pExc, RsnnConfigBuilder::pExc),
      strings("motorAreas", RsnnConfig::motorAreas, RsnnConfigBuilder::motorAreas),
      integer("nInputs", RsnnConfig::nInputs, RsnnConfigBuilder::nInputs),
      number("pExcInput", RsnnConfig::pExcInput, RsnnConfigBuilder::pExcInput),
      number("stimInputFraction", RsnnConfig::stimInputFraction, RsnnConfigBuilder::stimInputFraction),
      number("dtMs", RsnnConfig::dtMs, RsnnConfigBuilder::dtMs),
      integer("steps", RsnnConfig::steps, RsnnConfigBuilder::steps),
      integer("preSteps", RsnnConfig::preSteps, RsnnConfigBuilder::preSteps),
      number("windowStartMs", RsnnConfig::windowStartMs, RsnnConfigBuilder::windowStartMs),
      numbers("stimOnsetsMs", RsnnConfig::stimOnsetsMs, RsnnConfigBuilder::stimOnsetsMs),
      number("thalamicDelayMs", RsnnConfig::thalamicDelayMs, RsnnConfigBuilder::thalamicDelayMs),
      number("stimDurationMs", RsnnConfig::stimDurationMs, RsnnConfigBuilder::stimDurationMs),
      numbers("stimDurationsMs", RsnnConfig::stimDurationsMs, RsnnConfigBuilder::stimDurationsMs),
      number("stimValence", RsnnConfig::stimValence, RsnnConfigBuilder::stimValence),
      integer("stimBlocks", RsnnConfig::stimBlocks, RsnnConfigBuilder::stimBlocks),
      number("inputRateHz", RsnnConfig::inputRateHz, RsnnConfigBuilder::inputRateHz),
      number("tauMemExcMs", RsnnConfig::tauMemExcMs, RsnnConfigBuilder::tauMemExcMs),
      number("tauMemInhMs", RsnnConfig::tauMemInhMs, RsnnConfigBuilder::tauMemInhMs),
      number("threshold", RsnnConfig::threshold, RsnnConfigBuilder::threshold),
      number("restPotential", RsnnConfig::restPotential, RsnnConfigBuilder::restPotential),
      number("noiseLevel", RsnnConfig::noiseLevel, RsnnConfigBuilder::noiseLevel),
      number("refractoryMs", RsnnConfig::refractoryMs, RsnnConfigBuilder::refractoryMs),
      spikeFunction("spikeFunction", RsnnConfig::spikeFunction, RsnnConfigBuilder::spikeFunction),
      number("temperature", RsnnConfig::temperature, RsnnConfigBuilder::temperature),
      number("surrogateDampening", RsnnConfig::surrogateDampening, RsnnConfigBuilder::surrogateDampening),
      numbers("delaysMs", RsnnConfig::delaysMs, RsnnConfigBuilder::delaysMs),
      number("adaptiveFraction", RsnnConfig::adaptiveFraction, RsnnConfigBuilder::adaptiveFraction),
      number("tauAdaptMs", RsnnConfig::tauAdaptMs, RsnnConfigBuilder::tauAdaptMs),
      number("adaptationStrength", RsnnConfig::adaptationStrength, RsnnConfigBuilder::adaptationStrength),
      flag("latentOffset", RsnnConfig::latentOffset, RsnnConfigBuilder::latentOffset),
      integer("latentDim", RsnnConfig::latentDim, RsnnConfigBuilder::latentDim),
      number("tauJawMs", RsnnConfig::tauJawMs, RsnnConfigBuilder::tauJawMs),
      number("jawBias", RsnnConfig::jawBias, RsnnConfigBuilder::jawBias),
      integer("behaviourChannels", RsnnConfig::behaviourChannels, RsnnConfigBuilder::behaviourChannels),
      flag("hiddenUnits", RsnnConfig::hiddenUnits, RsnnConfigBuilder::hiddenUnits),
      number("maxRateHz", RsnnConfig::maxRateHz, RsnnConfigBuilder::maxRateHz));

  private static final Map<String, Key<?>> BY_NAME = byName();

  private RsnnConfigJson() {}

  private static Map<String, Key<?>> byName() {
    Map<String, Key<?>> m = new LinkedHashMap<>();
    for (Key<?> k : KEYS) {
      m.put(k.name(), k);
    }
    return m;
  }

  /**
   * Applies every key of a {@code model} section but {@code preset} to a builder; unknown keys and
   * values of the wrong JSON type are reported together, each naming its key.
   *
   * @param section the JSON object
   * @param into the builder, started from the preset
   * @throws org.trialmatch.data.ConfigException naming the first offending key, with all problems
   */
  static void read(JsonNode section, RsnnConfigBuilder into) {
    RsnnConfig.Problems p = new RsnnConfig.Problems();
    for (Map.Entry<String, JsonNode> e : section.properties()) {
      String key = e.getKey();
      if ("preset".equals(key)) {
        continue;
      }
      Key<?> k = BY_NAME.get(key);
      if (k == null) {
        p.add(key, "unknown key; allowed: preset, " + String.join(", ", BY_NAME.keySet()));
        continue;
      }
      try {
        k.read(e.getValue(), into);
      } catch (IllegalArgumentException ex) {
        p.add(key, ex.getMessage());
      }
    }
    p.throwIfAny();
  }

  /**
   * @param c a configuration
   * @param into the object every key is written to, in record order
   */
  static void write(RsnnConfig c, ObjectNode into) {
    for (Key<?> k : KEYS) {
      k.write(c, into);
    }
  }

  // ---------------------------------------------------------------- key kinds

  private static Key<Integer> integer(String name, Function<RsnnConfig, Integer> get,
      BiConsumer<RsnnConfigBuilder, Integer> set) {
    return scalar(name, get, set, v -> v.isIntegralNumber() && v.canConvertToInt(), "must be an integer",
        JsonNode::intValue, JSON::numberNode);
  }

  private static Key<Double> number(String name, Function<RsnnConfig, Double> get,
      BiConsumer<RsnnConfigBuilder, Double> set) {
    return scalar(name, get, set, JsonNode::isNumber, "must be a number", JsonNode::doubleValue, JSON::numberNode);
  }

  private static Key<Boolean> flag(String name, Function<RsnnConfig, Boolean> get,
      BiConsumer<RsnnConfigBuilder, Boolean> set) {
    return scalar(name, get, set, JsonNode::isBoolean, "must be true or false", JsonNode::booleanValue,
        JSON::booleanNode);
  }

  private static Key<SpikeFunction> spikeFunction(String name, Function<RsnnConfig, SpikeFunction> get,
      BiConsumer<RsnnConfigBuilder, SpikeFunction> set) {
    return scalar(name, get, set, JsonNode::isTextual, "must be 'bernoulli' or 'deterministic'",
        v -> parseSpikeFunction(v.asText()), x -> JSON.textNode(x.name().toLowerCase(Locale.ROOT)));
  }

  private static Key<List<String>> strings(String name, Function<RsnnConfig, List<String>> get,
      BiConsumer<RsnnConfigBuilder, List<String>> set) {
    return list(name, get, set, JsonNode::isTextual, "strings", JsonNode::asText, JSON::textNode);
  }

  private static Key<List<Double>> numbers(String name, Function<RsnnConfig, List<Double>> get,
      BiConsumer<RsnnConfigBuilder, List<Double>> set) {
    return list(name, get, set, JsonNode::isNumber, "numbers", JsonNode::doubleValue, JSON::numberNode);
  }

  /** A key holding one JSON value; {@code rule} and the value make the message when {@code ok} fails. */
  private static <T> Key<T> scalar(String name, Function<RsnnConfig, T> get, BiConsumer<RsnnConfigBuilder, T> set,
      Predicate<JsonNode> ok, String rule, Function<JsonNode, T> value, Function<T, JsonNode> format) {
    return new Key<>(name, get, set, v -> {
      if (!ok.test(v)) {
        throw new IllegalArgumentException(rule + ", was " + v);
      }
      return value.apply(v);
    }, format);
  }

  /** A key holding a JSON array whose elements all pass {@code ok} ({@code elements} names them). */
  private static <T> Key<List<T>> list(String name, Function<RsnnConfig, List<T>> get,
      BiConsumer<RsnnConfigBuilder, List<T>> set, Predicate<JsonNode> ok, String elements,
      Function<JsonNode, T> element, Function<T, JsonNode> format) {
    return new Key<>(name, get, set, v -> {
      if (!v.isArray()) {
        throw new IllegalArgumentException("must be a JSON array, was " + v);
      }
      List<T> out = new ArrayList<>();
      for (JsonNode x : v) {
        if (!ok.test(x)) {
          throw new IllegalArgumentException("must be an array of " + elements + ", was " + v);
        }
        out.add(element.apply(x));
      }
      return out;
    }, xs -> {
      ArrayNode a = JSON.arrayNode();
      for (T x : xs) {
        a.add(format.apply(x));
      }
      return a;
    });
  }

  private static SpikeFunction parseSpikeFunction(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "bernoulli":
        return SpikeFunction.BERNOULLI;
      case "deterministic":
        return SpikeFunction.DETERMINISTIC;
      default:
        throw new IllegalArgumentException("must be 'bernoulli' or 'deterministic', was '" + s + "'");
    }
  }
}
