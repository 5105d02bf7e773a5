package org.trialmatch.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.trialmatch.data.ConfigException;
import org.trialmatch.data.RecordedUnit;
import org.trialmatch.loss.BoxFilter;
import org.trialmatch.loss.GradientNormalizer;
import org.trialmatch.loss.LossWeights;
import org.trialmatch.loss.MatchingMethod;
import org.trialmatch.loss.PsthLoss;
import org.trialmatch.loss.SinkhornOptions;
import org.trialmatch.loss.TotalLoss;
import org.trialmatch.loss.TrialFeatureOptions;
import org.trialmatch.loss.TrialFeatures;
import org.trialmatch.loss.TrialMatchingLoss;
import org.trialmatch.loss.UnitLayout;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.model.RandomStreams;
import org.trialmatch.model.RsnnConfig;

/**
 * What a fit is built from, fixed once its configuration and data are known: the model
 * configuration on the data's time grid, the network layout (session stitching, keyed by the seed),
 * the session and area of each unit, the training and validation splits, their losses, the box
 * filter {@code f1} and the trial-feature options.
 */
final class FitSetup {
  final FitConfig cfg;
  final FitData data;
  final RsnnConfig model;
  final RandomStreams streams;
  final NetworkLayout layout;
  /** Which model unit stands for which recorded unit. */
  final Stitching stitching;
  final UnitLayout unitLayout;
  final BoxFilter f1;
  final TrialFeatureOptions featureOptions;
  final Split trainSplit;
  final Split valSplit;
  final TotalLoss trainLoss;
  final TotalLoss valLoss;
  /** Converged trial-matching distance on the validation split, or null when no session has features. */
  final TrialMatchingLoss valDistance;

  /**
   * @param cfg the configuration
   * @param data the data it names, loaded
   * @throws ConfigException if no recorded unit is in the model (every one outside {@code model.areas}
   *     or at or above {@code model.maxRateHz}), or trial matching is asked for but no session has
   *     enough units
   */
  FitSetup(FitConfig cfg, FitData data) {
    this.cfg = cfg;
    this.data = data;
    List<String> eventColumns = cfg.data().eventColumns();
    RsnnConfig m = cfg.model();
    if (!eventColumns.isEmpty() && eventColumns.size() != m.stimOnsetsMs().size()) {
      m = m.withStimOnsetsMs(zeros(eventColumns.size()));
    }
    m.requireDurationPerOnset(eventColumns.isEmpty() ? "model.stimOnsetsMs " + m.stimOnsetsMs()
        : "data.eventColumns " + eventColumns);
    if (data.behaviourChannels() > 0 && data.behaviourChannels() != m.behaviourChannels()) {
      m = m.withBehaviourChannels(data.behaviourChannels());
    }
    this.model = m;
    MemoryEstimate.require(m, cfg.train().modelTrials(), Runtime.getRuntime().maxMemory());
    this.streams = new RandomStreams(cfg.train().seed());
    this.layout = NetworkLayout.fromCatalogue(model, data.catalogue(), streams);
    this.stitching = Stitching.of(layout, model, data);
    if (stitching.recordedInModel() == 0) {
      throw noRecordedUnit(model, data);
    }
    this.unitLayout = unitLayout(layout, data);
    this.f1 = BoxFilter.spikeFilter(model.dtMs(), cfg.loss().spikeFilterMs());
    this.featureOptions = new TrialFeatureOptions(cfg.loss().minUnits(), true, true,
        cfg.loss().behaviourInFeatures() && data.hasBehaviour());
    this.trainSplit = split(Split.Kind.TRAIN);
    this.valSplit = split(Split.Kind.VALIDATION);
    this.trainLoss = totalLoss(trainSplit, true);
    this.valLoss = totalLoss(valSplit, false);
    this.valDistance = distance(valSplit);
  }

  /**
   * @param kind which split
   * @return its data tensors and condition sets
   */
  Split split(Split.Kind kind) {
    return Split.of(kind, data, layout, unitLayout, model.steps());
  }

  /** Every recorded unit was left out of the layout: the key to change is the one that left most out. */
  private static ConfigException noRecordedUnit(RsnnConfig m, FitData data) {
    int outside = 0;
    double lo = Double.POSITIVE_INFINITY;
    for (RecordedUnit u : data.catalogue().units()) {
      if (!m.areas().contains(u.area())) {
        outside++;
      } else {
        lo = Math.min(lo, u.rateHz());
      }
    }
    int n = data.catalogue().size();
    String what = n + " recorded units of " + data.sessions().size() + " sessions";
    if (outside == n) {
      return new ConfigException("model.areas", "no recorded unit is in one of the model's areas " + m.areas()
          + " (" + what + ", areas " + data.catalogue().countByArea().keySet() + "); name their areas in model.areas, or group the units differently with data.areaRule");
    }
    return new ConfigException("model.maxRateHz", "no recorded unit of the model's areas fires below " + m.maxRateHz()
        + " Hz (" + what + "; " + (n - outside) + " in model.areas, the slowest at "
        + String.format(Locale.ROOT, "%.3g", lo) + " Hz), so no model unit stands for one; raise model.maxRateHz");
  }

  private static List<Double> zeros(int n) {
    List<Double> z = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      z.add(0.0);
    }
    return z;
  }

  private static UnitLayout unitLayout(NetworkLayout layout, FitData data) {
    int n = layout.nUnits();
    int[] session = new int[n];
    int[] area = new int[n];
    List<String> names = new ArrayList<>();
    for (FitData.Session s : data.sessions()) {
      names.add(s.name());
    }
    for (int i = 0; i < n; i++) {
      session[i] = layout.isHidden(i) ? UnitLayout.HIDDEN : data.sessionIndex(layout.session(i));
      area[i] = layout.area(i);
    }
    return UnitLayout.of(session, area, names, layout.areaNames());
  }

  private TrialFeatures features(Split sp) {
    return TrialFeatures.create(unitLayout, sp.trials, sp.conditions, f1, BoxFilter.resample(cfg.loss().resample()),
        featureOptions);
  }

  private TotalLoss totalLoss(Split sp, boolean training) {
    LossConfig lc = cfg.loss();
    String matching = lc.matching();
    PsthLoss psth = PsthLoss.create(unitLayout, sp.trials, sp.conditions, f1);
    TrialMatchingLoss tm = null;
    if (!"none".equals(matching)) {
      TrialFeatures f = features(sp);
      if (f.sessions() == 0) {
        throw new ConfigException("loss.matching", "needs a session with an area of at least "
            + lc.minUnits() + " recorded units (loss.minUnits); none has, so use 'none' or lower loss.minUnits");
      }
      SinkhornOptions r = SinkhornOptions.reference();
      tm = TrialMatchingLoss.create(f, "hard".equals(matching) ? MatchingMethod.HARD : MatchingMethod.SINKHORN_ANNEALED,
          new SinkhornOptions(lc.epsilon(), lc.scaling(), r.tolerance(), r.maxIterations()));
    }
    GradientNormalizer norm = training && lc.gradientNormalisation()
        ? new GradientNormalizer(2, GradientNormalizer.REFERENCE_BETA) : null;
    double trialWeight = "none".equals(matching) ? 0 : lc.trialWeight();
    return TotalLoss.create(psth, tm, new LossWeights(lc.psthWeight(), trialWeight, lc.trialToPsthRatio()),
        layout.nUnits(), model.behaviourChannels(), norm);
  }

  private TrialMatchingLoss distance(Split sp) {
    TrialFeatures f = features(sp);
    if (f.sessions() == 0) {
      return null;
    }
    SinkhornOptions r = SinkhornOptions.reference();
    return TrialMatchingLoss.create(f, MatchingMethod.SINKHORN_CONVERGED,
        new SinkhornOptions(0.1, cfg.loss().scaling(), 1e-6, r.maxIterations()));
  }
}
