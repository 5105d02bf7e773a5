package org.trialmatch.train;

/**
 * Why a training run stopped without an error: it reached the configured number of steps, or early
 * stopping ended it because the validation loss had not improved for the patience.
 */
public sealed interface StopReason permits StopReason.ReachedSteps, StopReason.EarlyStop {
  /** The kinds of stop, for a switch. */
  enum Kind {
    /** The configured number of steps was reached. */
    REACHED_STEPS,
    /** No better validation loss for the early-stopping patience. */
    EARLY_STOP
  }

  /** @return which kind of stop */
  Kind kind();

  /** @return the step of the best validation loss */
  long bestStep();

  /** @return one line for the console, e.g. {@code reached 100 steps (best validation loss at step 90)} */
  String describe();

  /**
   * The configured number of steps was reached.
   *
   * @param steps the configured number of steps
   * @param bestStep the step of the best validation loss
   */
  record ReachedSteps(long steps, long bestStep) implements StopReason {
    /** Validates the step numbers. */
    public ReachedSteps {
      if (steps < 0) {
        throw new IllegalArgumentException("steps must be >= 0, was " + steps);
      }
      if (bestStep < 0 || bestStep > steps) {
        throw new IllegalArgumentException("bestStep must be in [0, steps " + steps + "], was " + bestStep);
      }
    }

    @Override
    public Kind kind() {
      return Kind.REACHED_STEPS;
    }

    @Override
    public String describe() {
      return "reached " + steps + " steps (best validation loss at step " + bestStep + ")";
    }
  }

  /**
   * Early stopping: no better validation loss for {@code patience} steps.
   *
   * @param step the step the run stopped at
   * @param patience the configured patience, steps
   * @param bestStep the step of the best validation loss
   */
  record EarlyStop(long step, long patience, long bestStep) implements StopReason {
    /** Validates the step numbers. */
    public EarlyStop {
      if (bestStep < 0 || bestStep > step) {
        throw new IllegalArgumentException("bestStep must be in [0, step " + step + "], was " + bestStep);
      }
      if (patience < 0) {
        throw new IllegalArgumentException("patience must be >= 0, was " + patience);
      }
    }

    @Override
    public Kind kind() {
      return Kind.EARLY_STOP;
    }

    @Override
    public String describe() {
      return "early stop: no better validation loss for " + patience + " steps (best at step " + bestStep + ")";
    }
  }
}
