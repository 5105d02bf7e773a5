package org.trialmatch.loss;

import java.util.ArrayList;
import java.util.List;

/**
 * The neuron-wise (PSTH) loss of the method (reference section 3.2). For each recorded unit n, with
 * F1 the spike filter:
 *
 * <pre>
 *   PSTH_D[t][n] = mean over the condition's data trials of F1(data)[t][·][n]     (padding ignored)
 *   PSTH_Z[t][n] = mean over the model trials of F1(model)[t][·][n]
 *   s_n          = standard deviation over t of PSTH_D[·][n] (sample, n-1; 1 when below 0.001)
 *   L            = mean over t and recorded units of ((PSTH_Z - PSTH_D) / s_n)^2
 * </pre>
 *
 * which is the mean squared error of the two PSTHs z-scored with the data's statistics (the data's
 * mean cancels). Units with no data trial in the condition set, and hidden units, are left out. The
 * data side is computed once per condition set at construction. Not thread-safe (workspaces).
 */
public final class PsthLoss {
  /** Standard deviations below this are replaced by 1 (reference value). */
  public static final double MIN_STD = 0.001;

  private final BoxFilter filter;
  private final int steps;
  private final int units;
  private final int filteredSteps;
  private final List<String> conditionNames;
  private final double[][] target;
  private final double[][] inverseVariance;
  private final int[] includedUnits;
  private final double[] rawMean;
  private final double[] psth;
  private final double[] psthGrad;
  private final double[] rawGrad;

  private PsthLoss(
      BoxFilter filter,
      int steps,
      int units,
      List<String> conditionNames,
      double[][] target,
      double[][] inverseVariance,
      int[] includedUnits) {
    this.filter = filter;
    this.steps = steps;
    this.units = units;
    this.filteredSteps = filter.outputLength(steps);
    this.conditionNames = conditionNames;
    this.target = target;
    this.inverseVariance = inverseVariance;
    this.includedUnits = includedUnits;
    this.rawMean = new double[steps * units];
    this.psth = new double[filteredSteps * units];
    this.psthGrad = new double[filteredSteps * units];
    this.rawGrad = new double[steps * units];
  }

  /**
   * Precomputes the data PSTHs and their statistics for every condition set.
   *
   * @param layout sessions and areas of the model units
   * @param data the recorded trials (NaN-padded)
   * @param conditions the condition sets the loss will be evaluated for
   * @param filter F1
   * @return the loss
   */
  public static PsthLoss create(
      UnitLayout layout, DataTrials data, List<ConditionSet> conditions, BoxFilter filter) {
    if (conditions.isEmpty()) {
      throw new IllegalArgumentException("conditions must not be empty");
    }
    boolean[][] valid = data.validTrials(layout);
    int steps = data.steps();
    int units = data.units();
    int k = data.trials();
    int t1 = filter.outputLength(steps);
    float[] spikes = data.spikes();
    List<String> names = new ArrayList<>();
    double[][] target = new double[conditions.size()][];
    double[][] invVar = new double[conditions.size()][];
    int[] included = new int[conditions.size()];
    double[] mean = new double[steps * units];
    for (int c = 0; c < conditions.size(); c++) {
      ConditionSet cond = conditions.get(c);
      names.add(cond.name());
      boolean[][] use = new boolean[layout.sessions()][k];
      int[] count = new int[layout.sessions()];
      for (int s = 0; s < layout.sessions(); s++) {
        for (int trial = 0; trial < k; trial++) {
          use[s][trial] = valid[s][trial] && cond.includes(s, trial);
          if (use[s][trial]) {
            count[s]++;
          }
        }
      }
      java.util.Arrays.fill(mean, 0.0);
      for (int t = 0; t < steps; t++) {
        for (int trial = 0; trial < k; trial++) {
          int row = (t * k + trial) * units;
          for (int n = 0; n < units; n++) {
            int s = layout.sessionOf(n);
            if (s >= 0 && use[s][trial]) {
              mean[t * units + n] += spikes[row + n];
            }
          }
        }
      }
      for (int t = 0; t < steps; t++) {
        for (int n = 0; n < units; n++) {
          int s = layout.sessionOf(n);
          mean[t * units + n] = s >= 0 && count[s] > 0 ? mean[t * units + n] / count[s] : 0.0;
        }
      }
      target[c] = new double[t1 * units];
      filter.apply(mean, steps, units, target[c]);
      invVar[c] = new double[units];
      for (int n = 0; n < units; n++) {
        int s = layout.sessionOf(n);
        if (s < 0 || count[s] == 0) {
          continue;
        }
        double std = sampleStd(target[c], n, units, t1);
        if (!(std >= MIN_STD)) {
          std = 1.0;
        }
        invVar[c][n] = 1.0 / (std * std);
        included[c]++;
      }
    }
    return new PsthLoss(filter, steps, units, List.copyOf(names), target, invVar, included);
  }

  private static double sampleStd(double[] x, int column, int width, int rows) {
    if (rows < 2) {
      return 1.0;
    }
    double m = 0;
    for (int t = 0; t < rows; t++) {
      m += x[t * width + column];
    }
    m /= rows;
    double ss = 0;
    for (int t = 0; t < rows; t++) {
      double d = x[t * width + column] - m;
      ss += d * d;
    }
    return Math.sqrt(ss / (rows - 1));
  }

  /** @return number of condition sets */
  public int conditions() {
    return target.length;
  }

  /**
   * @param condition condition index
   * @return its name
   */
  public String conditionName(int condition) {
    return conditionNames.get(condition);
  }

  /**
   * @param condition condition index
   * @return number of recorded units that enter the loss for that condition
   */
  public int includedUnits(int condition) {
    return includedUnits[condition];
  }

  /**
   * The loss and, if {@code gradient} is not null, its gradient (only the per-unit part is non-zero).
   *
   * @param condition index of the condition set the model trials were simulated for
   * @param model the model trials
   * @param gradient receives dL/dz (overwritten, jaw part zero), or {@code null}
   * @return the loss value (0 when no unit is included)
   */
  public double evaluate(int condition, ModelTrials model, SpikeGradient gradient) {
    if (model.steps() != steps || model.units() != units) {
      throw new IllegalArgumentException(
          "model has " + model.steps() + " steps x " + model.units() + " units, the data "
              + steps + " x " + units);
    }
    int b = model.trials();
    if (gradient != null && (gradient.steps() != steps || gradient.trials() != b || gradient.units() != units)) {
      throw new IllegalArgumentException("gradient shape does not match the model trials");
    }
    float[] z = model.spikes();
    java.util.Arrays.fill(rawMean, 0.0);
    for (int t = 0; t < steps; t++) {
      int o = t * units;
      for (int trial = 0; trial < b; trial++) {
        int row = (t * b + trial) * units;
        for (int n = 0; n < units; n++) {
          rawMean[o + n] += z[row + n];
        }
      }
    }
    double invB = 1.0 / b;
    for (int i = 0; i < rawMean.length; i++) {
      rawMean[i] *= invB;
    }
    filter.apply(rawMean, steps, units, psth);
    double[] tgt = target[condition];
    double[] w = inverseVariance[condition];
    int count = includedUnits[condition];
    if (gradient != null) {
      gradient.clear();
    }
    if (count == 0) {
      return 0.0;
    }
    double norm = 1.0 / ((double) filteredSteps * count);
    double sum = 0;
    for (int t = 0; t < filteredSteps; t++) {
      int o = t * units;
      for (int n = 0; n < units; n++) {
        double d = psth[o + n] - tgt[o + n];
        sum += d * d * w[n];
        psthGrad[o + n] = 2.0 * d * w[n] * norm;
      }
    }
    if (gradient != null) {
      java.util.Arrays.fill(rawGrad, 0.0);
      filter.addAdjoint(psthGrad, steps, units, rawGrad);
      double[] pu = gradient.perUnit();
      for (int i = 0; i < rawGrad.length; i++) {
        pu[i] = rawGrad[i] * invB;
      }
    }
    return sum * norm;
  }
}
