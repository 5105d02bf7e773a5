package org.trialmatch.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.trialmatch.analysis.AnalysisResult;
import org.trialmatch.analysis.AreaCorrelation;
import org.trialmatch.analysis.ModelTypeQuality;
import org.trialmatch.analysis.TrialTypeRow;

/**
 * A fit to a real recording judged against fixed targets (docs/alm.md), all on test trials:
 * per area, t_neuron at least {@link #T_NEURON_SHARE} of its train-vs-test ceiling and t_trial at
 * least {@link #T_TRIAL_SHARE} of its ceiling; the model's fraction of every trial type inside the
 * 95 % interval of the data's, read by a classifier that beats the majority baseline on held-out data
 * trials; no silent counterpart of a firing recorded unit and no tonic model unit ({@link UnitActivity}).
 *
 * @param areas per area
 * @param classifier the outcome classifier's quality, or null when the model has no outcome reading
 * @param trialTypes per trial type (condition/outcome), when the classifier beats its baseline
 * @param activity the rate checks
 */
public record Targets(List<Area> areas, ModelTypeQuality classifier, List<TrialType> trialTypes,
    UnitActivity activity) {
  /** Share of its ceiling t_neuron must reach. */
  public static final double T_NEURON_SHARE = 0.75;
  /** Share of its ceiling t_trial must reach. */
  public static final double T_TRIAL_SHARE = 0.85;

  /** Copies the lists. */
  public Targets {
    areas = List.copyOf(areas);
    trialTypes = List.copyOf(trialTypes);
  }

  /**
   * One area's scores against their ceilings.
   *
   * @param area the area
   * @param tNeuron t_neuron, mean over the area's units
   * @param tNeuronCeiling its ceiling
   * @param units units scored
   * @param tTrial t_trial of the area
   * @param tTrialCeiling its ceiling
   */
  public record Area(String area, double tNeuron, double tNeuronCeiling, int units, double tTrial,
      double tTrialCeiling) {
    /** @return t_neuron / its ceiling */
    public double tNeuronShare() {
      return tNeuron / tNeuronCeiling;
    }

    /** @return t_trial / its ceiling */
    public double tTrialShare() {
      return tTrial / tTrialCeiling;
    }

    /** @return whether t_neuron reaches its target */
    public boolean tNeuronMet() {
      return tNeuronShare() >= T_NEURON_SHARE - 1e-12;
    }

    /** @return whether t_trial reaches its target */
    public boolean tTrialMet() {
      return tTrialShare() >= T_TRIAL_SHARE - 1e-12;
    }
  }

  /**
   * One trial type's fraction, data (with its 95 % Wilson interval) and model.
   *
   * @param label the trial type
   * @param data data fraction
   * @param dataLo lower end of its interval
   * @param dataHi upper end
   * @param model model fraction
   */
  public record TrialType(String label, double data, double dataLo, double dataHi, double model) {
    /** @return whether the model's fraction lies in the data's interval */
    public boolean inInterval() {
      return model >= dataLo && model <= dataHi;
    }
  }

  /**
   * @param r the analysis of the evaluation trials
   * @param classifier how the model trials got their outcomes, or null
   * @param activity their rate checks
   * @return the targets
   */
  public static Targets of(AnalysisResult r, ModelTypeQuality classifier, UnitActivity activity) {
    List<Area> areas = new ArrayList<>();
    List<AreaCorrelation> trial = r.tTrial().perArea();
    for (AreaCorrelation a : r.tNeuron().perArea()) {
      if (a.model().n() == 0) {
        continue;
      }
      double tt = Double.NaN;
      double tc = Double.NaN;
      for (AreaCorrelation b : trial) {
        if (b.area().equals(a.area())) {
          tt = b.model().mean();
          tc = b.ceiling().mean();
        }
      }
      areas.add(new Area(a.area(), a.model().mean(), a.ceiling().mean(), a.model().n(), tt, tc));
    }
    List<TrialType> types = new ArrayList<>();
    if (r.trialTypes().modelComparable()) {
      for (TrialTypeRow row : r.trialTypes().rows()) {
        types.add(new TrialType(row.label(), row.data().p(), row.data().lo(), row.data().hi(), row.model().p()));
      }
    }
    return new Targets(areas, classifier, types, activity);
  }

  /** @return whether every target is met */
  public boolean allMet() {
    boolean ok = !areas.isEmpty() && !trialTypes.isEmpty();
    for (Area a : areas) {
      ok &= a.tNeuronMet() && a.tTrialMet();
    }
    for (TrialType t : trialTypes) {
      ok &= t.inInterval();
    }
    return ok && activity.silentCounterparts() == 0 && activity.tonicUnits() == 0;
  }

  private static String verdict(boolean met, double share, double target) {
    // in whole points of the shares as printed, at least one
    long by = Math.max(1, Math.round(100 * target) - Math.round(100 * share));
    return met ? "met" : "missed by " + by + (by == 1 ? " point" : " points");
  }

  /** @return the targets as lines of text, one check per line, each saying met or by how much it is missed */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    for (Area a : areas) {
      out.add(String.format(Locale.ROOT, "%s: t_neuron %.3f of ceiling %.3f = %.0f %% (target %.0f %%: %s), "
              + "t_trial %.3f of ceiling %.3f = %.0f %% (target %.0f %%: %s), %d units",
          a.area(), a.tNeuron(), a.tNeuronCeiling(), 100 * a.tNeuronShare(), 100 * T_NEURON_SHARE,
          verdict(a.tNeuronMet(), a.tNeuronShare(), T_NEURON_SHARE), a.tTrial(), a.tTrialCeiling(),
          100 * a.tTrialShare(), 100 * T_TRIAL_SHARE, verdict(a.tTrialMet(), a.tTrialShare(), T_TRIAL_SHARE),
          a.units()));
    }
    if (classifier != null) {
      out.add(String.format(Locale.ROOT, "outcome classifier: %.1f %% right on %d held-out data trials, majority "
          + "baseline %.1f %%", 100 * classifier.accuracy(), classifier.trials(), 100 * classifier.baseline()));
    }
    if (trialTypes.isEmpty()) {
      out.add("trial types: no model fractions (no outcome classifier that beats the majority baseline)");
    }
    for (TrialType t : trialTypes) {
      out.add(String.format(Locale.ROOT, "%s: model %.1f %%, data %.1f %% (95 %% interval %.1f-%.1f %%): %s",
          t.label(), 100 * t.model(), 100 * t.data(), 100 * t.dataLo(), 100 * t.dataHi(),
          t.inInterval() ? "inside" : String.format(Locale.ROOT, "outside, by %.1f points",
              100 * (t.model() < t.dataLo() ? t.dataLo() - t.model() : t.model() - t.dataHi()))));
    }
    out.add(String.format(Locale.ROOT, "silent counterparts (target 0): %d of %d recorded units firing above %.0f Hz%s",
        activity.silentCounterparts(), activity.firingRecorded(), UnitActivity.FIRING_HZ,
        activity.silentExamples().isEmpty() ? "" : " (" + String.join("; ", activity.silentExamples()) + ")"));
    out.add(String.format(Locale.ROOT, "tonic model units (>= %.0f Hz; target 0): %d of %d (fastest %.1f Hz)",
        activity.tonicRateHz(), activity.tonicUnits(), activity.modelUnits(), activity.maxModelRateHz()));
    return out;
  }
}
