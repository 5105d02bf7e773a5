package org.trialmatch.train;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.trialmatch.grad.Backward;
import org.trialmatch.loss.GradientNormalizer;
import org.trialmatch.loss.LossValues;
import org.trialmatch.loss.ModelTrials;
import org.trialmatch.loss.SpikeGradient;
import org.trialmatch.model.Parameters;
import org.trialmatch.model.RandomStreams;

/**
 * The training loop (method reference Appendix B, without its quirks). One step: pick the step's
 * condition set (cycling: all trials, then each condition), draw the model trials' conditions and
 * event times from the training trials of that set, simulate, evaluate the losses and their
 * gradient, backpropagate through time, take an AdamW step, project onto the constraints. Every
 * {@code validateEvery} steps: the validation loss and trial-matching distance, checkpoints
 * {@code last} (and {@code best} when the validation loss improved), early stopping.
 *
 * <p>Every random draw is keyed by the seed and the step, so a run resumed from a checkpoint
 * continues exactly as the uninterrupted run would, for any thread count.
 */
final class Trainer implements AutoCloseable {
  /** Offset of the draw counter for validation simulations (apart from training draws). */
  static final long VALIDATION_DRAW = 1L << 40;

  private final FitSetup setup;
  private final TrainConfig tc;
  private final Parameters params;
  private final Parameters grad;
  private final List<NamedTensor> paramTensors;
  private final List<NamedTensor> gradTensors;
  private final AdamW opt;
  private final Projection projection;
  private final Backward backward;
  private final ModelTrialSampler sampler;
  private final SpikeGradient spikeGrad;
  private final int batch;
  private final int steps;
  private final int units;
  private final float[] dLdSpikes;
  private final float[] dLdJaw;
  private final float[] jawStepBuffer;
  private final int channels;
  private final float[] stepBuffer;

  private long step;
  private double bestVal = Double.POSITIVE_INFINITY;
  private long bestStep;
  private double firstLoss = Double.NaN;
  /** The step of the last checkpoint written or restored (0: none). */
  private long lastCheckpointStep;
  private double secondsBefore;

  /**
   * @param setup what the fit is built from
   * @param params the live parameters (stepped in place)
   * @param sampler simulates the model trials with {@code params}
   */
  Trainer(FitSetup setup, Parameters params, ModelTrialSampler sampler) {
    this.setup = setup;
    this.tc = setup.cfg.train();
    this.params = params;
    this.sampler = sampler;
    this.grad = Parameters.zeros(setup.layout, setup.model);
    this.paramTensors = NamedTensor.of(params);
    this.gradTensors = NamedTensor.of(grad);
    boolean[] trained = new boolean[paramTensors.size()];
    for (int k = 0; k < trained.length; k++) {
      String n = paramTensors.get(k).name();
      trained[k] = !n.equals("adaptation") || tc.trainAdaptation();
    }
    this.opt = new AdamW(paramTensors, trained, tc.lr(), tc.beta1(), tc.beta2(), tc.adamEps(), tc.weightDecay());
    this.projection = new Projection(setup.layout, tc.l1Decay(), tc.lr(), setup.model.restPotential(),
        setup.model.threshold());
    this.batch = sampler.batch();
    this.steps = setup.model.steps();
    this.units = setup.layout.nUnits();
    this.backward = new Backward(setup.model, setup.layout, batch, tc.threads());
    this.spikeGrad = setup.trainLoss.newGradient(steps, batch);
    this.dLdSpikes = new float[steps * batch * units];
    this.channels = setup.model.behaviourChannels();
    this.dLdJaw = new float[steps * batch * channels];
    this.jawStepBuffer = new float[batch * channels];
    this.stepBuffer = new float[batch * units];
  }

  /** @return the step reached */
  long step() {
    return step;
  }

  /**
   * Runs training steps until the configured number, early stopping, or a NaN.
   *
   * @param run the run directory (metrics and checkpoints are written there)
   * @param listener progress events
   * @return why it stopped
   * @throws IOException if the run directory cannot be written
   * @throws TrainingStoppedException on NaN or an exploding loss (the last good checkpoint is kept)
   */
  StopReason run(RunDirectory run, TrainingListener listener) throws IOException {
    long t0 = System.nanoTime();
    int nConditions = setup.trainSplit.conditions.size();
    if (step > 0 && step == lastCheckpointStep && step - bestStep >= tc.earlyStopPatience()) {
      // resumed from the checkpoint at which the run had already stopped early
      return new StopReason.EarlyStop(step, tc.earlyStopPatience(), bestStep);
    }
    while (step < tc.steps()) {
      long s = step + 1;
      int condition = (int) ((s - 1) % nConditions);
      ModelTrials m = sampler.sample(setup.trainSplit, condition, s);
      SplittableRandom matchRng = new SplittableRandom(RandomStreams.mix64(setup.cfg.loss().matchingSeed() + 31 * s));
      LossValues lv = setup.trainLoss.evaluate(condition, m, matchRng, spikeGrad);
      double rate = sampler.trace().meanRateHz();
      checkLoss(s, lv);
      backpropagate();
      checkGradient(s);
      opt.step(paramTensors, gradTensors);
      projection.applyInPlace(params);
      step = s;
      double seconds = secondsBefore + (System.nanoTime() - t0) / 1e9;
      listener.onStep(step, tc.steps(), lv.total(), lv.psth(), lv.trial(), rate);
      double val = Double.NaN;
      double dist = Double.NaN;
      boolean validation = step % tc.validateEvery() == 0 || step == tc.steps();
      boolean best = false;
      String unfit = null;
      if (validation) {
        double[] v = validate();
        val = v[0];
        dist = v[1];
        unfit = unfitForCheckpoint(val);
        best = unfit == null && val < bestVal;
        if (best) {
          bestVal = val;
          bestStep = step;
        }
        listener.onValidation(step, val, dist, best);
      }
      // The metrics row goes first: a run killed before its checkpoint redoes this step on resume
      // and rewrites the row (rows after the checkpoint's step are dropped when resuming).
      run.appendMetrics(step, lv.total(), lv.psth(), lv.trial(), val, dist, rate, seconds);
      if (validation) {
        if (unfit != null) {
          throw stopped(step, unfit);
        }
        secondsBefore = seconds;
        t0 = System.nanoTime();
        TrainingState state = state(seconds);
        // best before last: a run killed between the two resumes from the older last and writes best again
        if (best) {
          Checkpoints.write(run.checkpoints(), "best", paramTensors, opt, state);
        }
        Checkpoints.write(run.checkpoints(), "last", paramTensors, opt, state);
        lastCheckpointStep = step;
        if (step - bestStep >= tc.earlyStopPatience()) {
          return new StopReason.EarlyStop(step, tc.earlyStopPatience(), bestStep);
        }
      }
    }
    return new StopReason.ReachedSteps(tc.steps(), bestStep);
  }

  private void checkLoss(long s, LossValues lv) {
    if (!Double.isFinite(lv.total())) {
      throw stopped(s, "the loss is " + lv.total() + " (PSTH " + lv.psth() + ", trial matching " + lv.trial() + ")");
    }
    if (Double.isNaN(firstLoss)) {
      firstLoss = lv.total();
    } else if (exploded(lv.total())) {
      throw stopped(s, String.format(Locale.ROOT, "the loss exploded to %.4g (%.0f times the first step's %.4g)",
          lv.total(), lv.total() / firstLoss, firstLoss));
    }
  }

  /**
   * The largest parameter magnitude a checkpoint may hold. The model's parameters are of order one (weights,
   * potentials in units of the threshold, the behaviour readout); a value beyond this comes only from a
   * diverged update.
   */
  static final float MAX_PARAMETER = 1e6f;

  /**
   * @param tensors parameter tensors
   * @return why they must not become a checkpoint (a non-finite value, or one beyond {@link #MAX_PARAMETER}),
   *     or null when they may
   */
  static String unfitParameters(List<NamedTensor> tensors) {
    for (NamedTensor p : tensors) {
      float[] v = p.values();
      for (int i = 0; i < v.length; i++) {
        if (!Float.isFinite(v[i])) {
          return "the parameter " + p.name() + "[" + i + "] is " + v[i] + " after the update";
        }
        if (Math.abs(v[i]) > MAX_PARAMETER) {
          return String.format(Locale.ROOT, "the parameter %s[%d] is %.3g after the update (beyond %.0e: the fit "
              + "diverged)", p.name(), i, v[i], MAX_PARAMETER);
        }
      }
    }
    return null;
  }

  /** The rule that stops a fit: a loss above {@code maxLossFactor} times the first step's. */
  private boolean exploded(double loss) {
    return !Double.isNaN(firstLoss) && loss > tc.maxLossFactor() * Math.max(firstLoss, 1e-12);
  }

  /**
   * @param val the validation loss of the parameters about to be saved
   * @return why they must not become a checkpoint (a parameter that is not finite or beyond {@link
   *     #MAX_PARAMETER}, a validation loss that is not finite or above {@code maxLossFactor} times the best
   *     validation loss so far: the rule that stops the fit, applied to validation), or null when they may
   */
  private String unfitForCheckpoint(double val) {
    String p = unfitParameters(paramTensors);
    if (p != null) {
      return p;
    }
    if (!Double.isFinite(val)) {
      return "the validation loss of the updated parameters is " + val;
    }
    if (Double.isFinite(bestVal) && val > tc.maxLossFactor() * Math.max(bestVal, 1e-12)) {
      return String.format(Locale.ROOT,
          "the validation loss of the updated parameters exploded to %.4g (%.0f times the best so far, %.4g)",
          val, val / bestVal, bestVal);
    }
    return null;
  }

  /** Gathers the loss gradient per step into {@code [t][trial][unit]} and runs the backward pass. */
  private void backpropagate() {
    for (int t = 0; t < steps; t++) {
      Arrays.fill(stepBuffer, 0f);
      spikeGrad.addStepInto(t, stepBuffer);
      System.arraycopy(stepBuffer, 0, dLdSpikes, t * batch * units, batch * units);
    }
    Arrays.fill(dLdJaw, 0f);
    for (int t = 0; t < steps; t++) {
      Arrays.fill(jawStepBuffer, 0f);
      spikeGrad.addJawStepInto(t, jawStepBuffer);
      System.arraycopy(jawStepBuffer, 0, dLdJaw, t * batch * channels, batch * channels);
    }
    backward.backward(params, sampler.trace(), dLdSpikes, dLdJaw, grad);
  }

  private void checkGradient(long s) {
    for (NamedTensor g : gradTensors) {
      for (float x : g.values()) {
        if (!Float.isFinite(x)) {
          throw stopped(s, "the gradient of " + g.name() + " is not finite");
        }
      }
    }
  }

  /** @return validation loss (condition set 'all') and converged trial-matching distance */
  double[] validate() {
    long draw = VALIDATION_DRAW + step;
    ModelTrials m = sampler.sample(setup.valSplit, 0, draw);
    SplittableRandom rng = new SplittableRandom(RandomStreams.mix64(setup.cfg.loss().matchingSeed() - 17 * step));
    double v = setup.valLoss.evaluate(0, m, rng, null).total();
    double d = Double.NaN;
    if (setup.valDistance != null) {
      d = setup.valDistance.evaluate(0, m, rng, null);
    }
    return new double[] {v, d};
  }

  private TrainingStoppedException stopped(long s, String what) {
    long last = lastCheckpointStep;
    return new TrainingStoppedException("step " + s + ": " + what + "; "
        + (last > 0 ? "the last good checkpoint (step " + last + ") is in checkpoints/last" : "no checkpoint was written yet")
        + "; try a smaller train.lr");
  }

  private TrainingState state(double seconds) {
    return new TrainingState(step, bestVal, bestStep, firstLoss, seconds,
        TrainingState.termsOf(setup.trainLoss.normalizer()));
  }

  /**
   * Restores the state of the checkpoint {@code last} (parameters, optimiser, step, early-stopping
   * state, gradient normaliser).
   *
   * @param run the run directory
   * @throws IOException if the checkpoint is missing or does not fit this configuration
   */
  void restore(RunDirectory run) throws IOException {
    TrainingState st = Checkpoints.read(run.checkpoints(), "last", paramTensors, opt);
    GradientNormalizer n = setup.trainLoss.normalizer();
    int terms = n == null ? 0 : n.terms();
    if (st.normaliser().size() < terms) {
      throw new IOException(run.checkpoints().resolve("last") + ": the training state has "
          + st.normaliser().size() + " gradient normaliser terms, this configuration needs " + terms
          + " (was it written with another loss configuration?)");
    }
    step = st.step();
    lastCheckpointStep = st.step();
    bestVal = st.bestValLoss();
    bestStep = st.bestStep();
    firstLoss = st.firstLoss();
    secondsBefore = st.seconds();
    for (int k = 0; k < terms; k++) {
      n.restore(k, st.normaliser().get(k).moment(), st.normaliser().get(k).steps());
    }
  }

  /**
   * Loads the parameters and the step of a checkpoint for simulation (the optimiser and the
   * early-stopping state are left as they are).
   *
   * @param run the run directory
   * @param name {@code best} or {@code last}
   * @throws IOException if the checkpoint is missing or does not fit this configuration
   */
  void loadParameters(RunDirectory run, String name) throws IOException {
    step = Checkpoints.read(run.checkpoints(), name, paramTensors, null).step();
  }

  @Override
  public void close() {
    backward.close();
  }
}
