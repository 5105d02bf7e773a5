package org.trialmatch.train;

import java.util.Locale;
import org.trialmatch.data.ConfigException;
import org.trialmatch.model.RsnnConfig;

/**
 * A lower bound of the memory a fit allocates, checked against the JVM's maximum heap before anything
 * large is allocated, so that a configuration too large for the machine fails at once with the key to
 * change instead of with an {@link OutOfMemoryError} minutes later.
 *
 * <p>Counted, in 4-byte floats: the three {@code steps x modelTrials x nUnits} arrays every training step
 * keeps (the simulated voltages the backward pass reads, the model spikes, their loss gradient), the
 * adaptation trace ({@code steps x modelTrials x adaptive units}), and six copies of the recurrent and input
 * weights (values, gradient, two optimiser moments, masks, projection). The rest (data, losses, spike lists)
 * comes on top, so a fit whose estimate passes can still be short of memory, but one whose estimate fails
 * cannot run.
 */
final class MemoryEstimate {
  /** Arrays of {@code steps x modelTrials x nUnits} floats held during a training step. */
  static final int TRIAL_ARRAYS = 3;
  /** Copies of the weight matrices. */
  static final int WEIGHT_COPIES = 6;

  private MemoryEstimate() {
  }

  /**
   * @param model the model configuration (time grid from the data)
   * @param modelTrials model trials per step
   * @return the estimate, bytes
   */
  static long bytes(RsnnConfig model, int modelTrials) {
    double t = model.steps();
    double n = model.nUnits();
    double adaptive = Math.ceil(model.adaptiveFraction() * n);
    double trialFloats = t * modelTrials * (TRIAL_ARRAYS * n + adaptive);
    double weightFloats = WEIGHT_COPIES * (n * n + (double) model.nInputs() * n);
    double b = 4 * (trialFloats + weightFloats);
    return b >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) b;
  }

  /**
   * @param model the model configuration
   * @param modelTrials model trials per step
   * @param maxHeap the JVM's maximum heap, bytes
   * @throws ConfigException naming {@code train.modelTrials} or {@code model.nUnits} (whichever term is the
   *     larger) when the estimate exceeds {@code maxHeap}
   */
  static void require(RsnnConfig model, int modelTrials, long maxHeap) {
    long need = bytes(model, modelTrials);
    if (need <= maxHeap) {
      return;
    }
    double n = model.nUnits();
    double trialPart = (double) model.steps() * modelTrials * TRIAL_ARRAYS * n;
    double weightPart = WEIGHT_COPIES * n * n;
    String key = trialPart >= weightPart ? "train.modelTrials" : "model.nUnits";
    throw new ConfigException(key, String.format(Locale.ROOT,
        "the fit needs at least %s (%d model trials x %d time steps x %d units, and the %d x %d weights) but the "
            + "JVM may use %s; lower train.modelTrials or model.nUnits, or give Java more memory (java -Xmx...)",
        gb(need), modelTrials, model.steps(), model.nUnits(), model.nUnits(), model.nUnits(), gb(maxHeap)));
  }

  private static String gb(long bytes) {
    return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
  }
}
