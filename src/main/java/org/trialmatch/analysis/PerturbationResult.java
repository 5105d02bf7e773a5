package org.trialmatch.analysis;

import java.util.List;
import java.util.Map;

/**
 * What a perturbation experiment found (written as {@code perturbation.json}). Level 0 is the
 * control; level k ≥ 1 is strength {@code strengths[k − 1]}. Rates are Hz; intervals are 95 %
 * (mean ± 1.96 s.e. of the paired per-trial differences).
 *
 * @param name the perturbation's name
 * @param kind photoinhibition, clamp or excitation
 * @param target the target area
 * @param cells which of its units
 * @param window the window as stated (e.g. {@code pole_out_time → cue_start_time})
 * @param windowMedianMs median window over the trials, ms from the alignment event, {@code {from, to}}
 * @param trials model trials per level (paired: the same draws at every level)
 * @param seed seed of the draws
 * @param strengths the strengths simulated
 * @param strength the strength reported per unit and written as NWB
 * @param strengthChoice how {@code strength} was chosen
 * @param timesMs centre of each step, ms from the alignment event
 * @param areas per area: PSTHs and dose–response
 * @param units per model unit: its window rate under control and at {@code strength}
 * @param behaviour per behaviour channel, the mean trace per level; empty without behaviour
 * @param outcomes per level, the model's outcome fractions per condition (from the run's classifier);
 *     empty without one
 */
public record PerturbationResult(String name, String kind, String target, String cells, String window,
    double[] windowMedianMs, int trials, long seed, double[] strengths, double strength, String strengthChoice,
    double[] timesMs, List<Area> areas, List<Unit> units, List<Channel> behaviour, List<Map<String, Map<String, Double>>>
        outcomes) {

  /**
   * @param name area name
   * @param psthE mean rate of its E units per level and step, {@code [level][step]}
   * @param psthI the same for its I units
   * @param controlE mean window rate of its E units under control
   * @param controlI the same for I units
   * @param changeE per strength, the mean change of its E units' window rate, with the interval {@code {mean, lo, hi}}
   * @param changeI the same for I units
   */
  public record Area(String name, double[][] psthE, double[][] psthI, double controlE, double controlI,
      double[][] changeE, double[][] changeI) {}

  /**
   * @param unit model unit index
   * @param area its area
   * @param cellType E or I
   * @param session the session of the recorded unit it stands for ("" if hidden)
   * @param recordedUnit that unit's row in its session's units table (−1 if hidden)
   * @param controlHz its mean window rate under control
   * @param perturbedHz at the reported strength
   * @param change mean paired difference
   * @param lo lower end of the 95 % interval
   * @param hi upper end
   */
  public record Unit(int unit, String area, String cellType, String session, int recordedUnit, double controlHz,
      double perturbedHz, double change, double lo, double hi) {}

  /**
   * @param name channel name
   * @param mean mean trace per level and step, {@code [level][step]}
   */
  public record Channel(String name, double[][] mean) {}

  /**
   * @param level 0 for control, k for {@code strengths[k − 1]}
   * @return its label
   */
  public String levelLabel(int level) {
    return level == 0 ? "control" : "strength " + strengths[level - 1];
  }

  /** @return the level of the reported strength */
  public int reportedLevel() {
    for (int k = 0; k < strengths.length; k++) {
      if (strengths[k] == strength) {
        return k + 1;
      }
    }
    throw new IllegalStateException("strength " + strength + " is not one of the sweep's");
  }
}
