package org.trialmatch.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;
import org.trialmatch.data.ConfigException;

/**
 * The {@code loss} section: which trial-matching loss, the terms' weights, gradient normalisation,
 * filters and trial features (method reference §3). Defaults are the paper's main model.
 *
 * @param matching {@code none} (PSTH only), {@code hard} (optimal assignment) or {@code sinkhorn}
 *     (annealed debiased Sinkhorn divergence)
 * @param psthWeight weight of the PSTH loss
 * @param trialWeight weight of the trial-matching loss
 * @param gradientNormalisation rescale each term's gradient by its running RMS and remove conflicts
 * @param trialToPsthRatio with gradient normalisation, the weight of the normalised trial-matching
 *     gradient relative to the normalised PSTH gradient's ({@link
 *     org.trialmatch.loss.LossWeights}); 10 reproduces the weights 10/100 applied after
 *     normalisation, 1 the reference's task splitter; ignored without normalisation
 * @param epsilon Sinkhorn's entropic regularisation (blur)
 * @param scaling Sinkhorn's epsilon-annealing factor
 * @param spikeFilterMs width of the box filter F1, ms
 * @param resample F2 resampling factor r
 * @param minUnits sessions and areas enter the trial features with at least this many units
 * @param behaviourInFeatures append the filtered behaviour trace to the trial features
 * @param matchingSeed seed of hard matching's random subsets when trial counts differ
 */
public record LossConfig(
    String matching,
    double psthWeight,
    double trialWeight,
    boolean gradientNormalisation,
    double trialToPsthRatio,
    double epsilon,
    double scaling,
    double spikeFilterMs,
    int resample,
    int minUnits,
    boolean behaviourInFeatures,
    long matchingSeed) {

  private static final Set<String> KEYS = Set.of("matching", "psthWeight", "trialWeight", "gradientNormalisation",
      "trialToPsthRatio", "epsilon", "scaling", "spikeFilterMs", "resample", "minUnits", "behaviourInFeatures",
      "matchingSeed");

  /** Validates every value; the message names the key. */
  public LossConfig {
    matching = matching.toLowerCase(Locale.ROOT);
    check(Set.of("none", "hard", "sinkhorn").contains(matching), "matching", "must be none, hard or sinkhorn", matching);
    check(psthWeight >= 0 && Double.isFinite(psthWeight), "psthWeight", "must be finite and >= 0", psthWeight);
    check(trialWeight >= 0 && Double.isFinite(trialWeight), "trialWeight", "must be finite and >= 0", trialWeight);
    check(psthWeight > 0 || (!"none".equals(matching) && trialWeight > 0), "psthWeight",
        "must be > 0 when there is no trial-matching term", psthWeight);
    check(trialToPsthRatio > 0 && Double.isFinite(trialToPsthRatio), "trialToPsthRatio", "must be finite and > 0",
        trialToPsthRatio);
    check(epsilon > 0 && Double.isFinite(epsilon), "epsilon", "must be > 0", epsilon);
    check(scaling > 0 && scaling < 1, "scaling", "must be in (0, 1)", scaling);
    check(spikeFilterMs > 0 && Double.isFinite(spikeFilterMs), "spikeFilterMs", "must be > 0", spikeFilterMs);
    check(resample >= 1 && resample <= 1000, "resample", "must be in [1, 1000]", resample);
    check(minUnits >= 1 && minUnits <= 1_000_000, "minUnits", "must be in [1, 1000000]", minUnits);
  }

  private static void check(boolean ok, String key, String what, Object v) {
    if (!ok) {
      throw new ConfigException("loss." + key, what + ", was " + v);
    }
  }

  /**
   * @return the paper's main model: Sinkhorn, weights 10 / 100, normalisation on with
   *     trial-to-PSTH ratio 1 (the authors' effective balance; chosen on the demo's validation loss,
   *     docs/losses.md), F1 12 ms, r = 4
   */
  public static LossConfig defaults() {
    return new LossConfig("sinkhorn", 10, 100, true, 1, 0.01, 0.5, 12, 4, 10, true, 0);
  }

  /**
   * @param node the {@code loss} section, or null for the defaults
   * @return the configuration
   */
  public static LossConfig fromJson(JsonNode node) {
    JsonSection s = new JsonSection("loss", node, KEYS);
    LossConfig d = defaults();
    return new LossConfig(
        s.text("matching", d.matching()),
        s.number("psthWeight", d.psthWeight()),
        s.number("trialWeight", d.trialWeight()),
        s.bool("gradientNormalisation", d.gradientNormalisation()),
        s.number("trialToPsthRatio", d.trialToPsthRatio()),
        s.number("epsilon", d.epsilon()),
        s.number("scaling", d.scaling()),
        s.number("spikeFilterMs", d.spikeFilterMs()),
        (int) s.integer("resample", d.resample(), 1, 1000),
        (int) s.integer("minUnits", d.minUnits(), 1, 1_000_000),
        s.bool("behaviourInFeatures", d.behaviourInFeatures()),
        s.integer("matchingSeed", d.matchingSeed()));
  }

  /** @return the fully resolved section */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("matching", matching);
    o.put("psthWeight", psthWeight);
    o.put("trialWeight", trialWeight);
    o.put("gradientNormalisation", gradientNormalisation);
    o.put("trialToPsthRatio", trialToPsthRatio);
    o.put("epsilon", epsilon);
    o.put("scaling", scaling);
    o.put("spikeFilterMs", spikeFilterMs);
    o.put("resample", resample);
    o.put("minUnits", minUnits);
    o.put("behaviourInFeatures", behaviourInFeatures);
    o.put("matchingSeed", matchingSeed);
    return o;
  }
}
