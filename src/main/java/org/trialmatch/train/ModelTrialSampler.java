package org.trialmatch.train;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.trialmatch.data.TrialTensor;
import org.trialmatch.loss.ModelTrials;
import org.trialmatch.model.Parameters;
import org.trialmatch.model.RandomStreams;
import org.trialmatch.model.Simulator;
import org.trialmatch.model.Trace;
import org.trialmatch.model.TrialInputs;

/**
 * Simulates a batch of model trials for a split: each model trial takes the condition (stimulus) and
 * event times of a training, validation or test trial drawn from a condition set's pool, then the
 * network runs on the live parameters. Every draw (inputs, noise, spikes) is keyed by the seed and a
 * draw number, so the same draw gives the same trials on any thread count and after a resume.
 *
 * <p>The batch's spikes {@code [t][trial][unit]} and jaw {@code [t][trial][channel]} live in buffers owned
 * here and overwritten by the next draw; so is the trace the backward pass reads.
 */
final class ModelTrialSampler implements AutoCloseable {
  /** Offset of the draw counter for test simulations (apart from training and validation draws). */
  static final long TEST_DRAW = 2L << 40;

  private final FitSetup setup;
  private final Parameters params;
  private final long seed;
  private final int batch;
  private final int steps;
  private final int units;
  private final int channels;
  private final Simulator sim;
  private final Trace trace;
  private final float[] modelSpikes;
  private final float[] modelJaw;
  private final float[] stepBuffer;
  private final String[] conditions;

  /**
   * @param setup what the fit is built from (model, layout, data, seed, threads, batch size)
   * @param params the live parameters the trials are simulated with
   */
  ModelTrialSampler(FitSetup setup, Parameters params) {
    TrainConfig tc = setup.cfg.train();
    this.setup = setup;
    this.params = params;
    this.seed = tc.seed();
    this.batch = tc.modelTrials();
    this.steps = setup.model.steps();
    this.units = setup.layout.nUnits();
    this.channels = setup.model.behaviourChannels();
    this.sim = new Simulator(setup.model, setup.layout, tc.threads());
    this.trace = sim.newTrace(batch, true);
    this.modelSpikes = new float[steps * batch * units];
    this.modelJaw = new float[steps * batch * channels];
    this.stepBuffer = new float[units];
    this.conditions = new String[batch];
  }

  /** @return model trials per batch */
  int batch() {
    return batch;
  }

  /** @return the trace of the last batch (read by the backward pass) */
  Trace trace() {
    return trace;
  }

  /**
   * Simulates one batch.
   *
   * @param sp the split whose trials give the inputs
   * @param condition index of the condition set whose pool is drawn from
   * @param draw the draw number (training step, or an offset draw for validation and test)
   * @return the batch's spikes and jaw (buffers owned here, overwritten by the next call)
   */
  ModelTrials sample(Split sp, int condition, long draw) {
    return sample(sp, condition, draw, null);
  }

  /** As {@link #sample(Split, int, long)}, the inputs first passed through {@code perturb} when not null. */
  private ModelTrials sample(Split sp, int condition, long draw, UnaryOperator<TrialInputs> perturb) {
    TrialInputs in = inputs(sp, condition, draw);
    sim.forward(params, perturb == null ? in : perturb.apply(in), setup.streams, draw, trace);
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < batch; b++) {
        trace.spikes(t, b, stepBuffer);
        System.arraycopy(stepBuffer, 0, modelSpikes, (t * batch + b) * units, units);
        for (int c = 0; c < channels; c++) {
          modelJaw[(t * batch + b) * channels + c] = trace.jaw(t, b, c);
        }
      }
    }
    return ModelTrials.wrap(modelSpikes, modelJaw, steps, batch, units, channels);
  }

  /**
   * Simulates model trials for the test split: each trial takes the condition and event times of a
   * random test trial (seeded by {@code seed}), in chunks of the batch size.
   *
   * @param test the test split
   * @param n number of trials
   * @param seed seed of the draws (inputs, noise, spikes)
   * @return spikes {@code [t][trial][unit]}, jaw {@code [t][trial][channel]} and the conditions, for all n trials
   */
  Fit.Simulated sampleTest(Split test, int n, long seed) {
    return sampleTest(test, n, seed, null);
  }

  /**
   * As {@link #sampleTest(Split, int, long)}, each batch's inputs passed through {@code perturb} (e.g. to add
   * a {@link org.trialmatch.model.Perturbation}); the draws stay those of the same seed without it, so
   * calls with and without a perturbation give paired trials.
   */
  Fit.Simulated sampleTest(Split test, int n, long seed, UnaryOperator<TrialInputs> perturb) {
    float[] spikes = new float[steps * n * units];
    float[] jaw = new float[steps * n * channels];
    String[] out = new String[n];
    for (int start = 0, chunk = 0; start < n; start += batch, chunk++) {
      int m = Math.min(batch, n - start);
      ModelTrials mt = sample(test, 0, TEST_DRAW + RandomStreams.mix64(seed) % (1L << 30) * 1024 + chunk, perturb);
      for (int t = 0; t < steps; t++) {
        System.arraycopy(mt.spikes(), t * batch * units, spikes, (t * n + start) * units, m * units);
        System.arraycopy(mt.jaw(), t * batch * channels, jaw, (t * n + start) * channels, m * channels);
      }
      System.arraycopy(conditions, 0, out, start, m);
    }
    return new Fit.Simulated(TrialTensor.wrap(spikes, steps, n, units), TrialTensor.wrap(jaw, steps, n, channels),
        out);
  }

  /** Draws the model trials' stimuli and event times from a pool; keyed by (seed, draw). */
  private TrialInputs inputs(Split sp, int condition, long draw) {
    SplittableRandom rng = new SplittableRandom(RandomStreams.mix64(seed * 0x9E3779B97F4A7C15L + draw));
    int[] ps = sp.poolSession[condition];
    int[] pk = sp.poolSlot[condition];
    if (ps.length == 0) {
      throw new IllegalStateException("condition set " + sp.conditions.get(condition).name() + " has no trials");
    }
    FitData data = setup.data;
    float[] stim = new float[batch];
    List<String> cols = setup.cfg.data().eventColumns();
    double[][] events = new double[batch][cols.size()];
    for (int b = 0; b < batch; b++) {
      int j = rng.nextInt(ps.length);
      FitData.Session s = data.sessions().get(ps[j]);
      int trial = sp.slots[ps[j]][pk[j]];
      conditions[b] = s.trials().condition(trial);
      stim[b] = data.stimulus(conditions[b]);
      for (int e = 0; e < cols.size(); e++) {
        events[b][e] = s.eventsMs[e][trial];
      }
    }
    return cols.isEmpty() ? TrialInputs.fixedOnsets(setup.model, stim)
        : TrialInputs.fromEventTimes(setup.model, stim, events);
  }

  @Override
  public void close() {
    sim.close();
  }
}
