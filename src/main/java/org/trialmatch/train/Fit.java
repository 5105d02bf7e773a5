package org.trialmatch.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.trialmatch.data.TrialTensor;
import org.trialmatch.loss.BoxFilter;
import org.trialmatch.loss.TrialFeatureOptions;
import org.trialmatch.loss.UnitLayout;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.model.Parameters;
import org.trialmatch.model.RsnnConfig;
import org.trialmatch.model.TrialInputs;

/**
 * A fit: the data, the network and its parameters, the losses and the optimiser, stepped by
 * {@link #run}. One step: pick the step's condition set (cycling: all trials, then each condition),
 * draw the model trials' conditions and event times from the training trials of that set, simulate,
 * evaluate the losses and their gradient, backpropagate through time, take an AdamW step, project
 * onto the constraints. Every {@code validateEvery} steps: the validation loss and trial-matching
 * distance, checkpoints {@code last} (and {@code best} when the validation loss improved), early
 * stopping. The pieces live in the package: {@code FitSetup} (data, layout, splits, losses),
 * {@code ModelTrialSampler} (model trials on the live parameters) and {@code Trainer} (the loop, its
 * checkpoints and its state).
 *
 * <p>Every random draw is keyed by the seed and the step, so a run resumed from a checkpoint
 * continues exactly as the uninterrupted run would, for any thread count.
 */
public final class Fit implements AutoCloseable {
  private final FitSetup setup;
  private final Parameters params;
  private final ModelTrialSampler sampler;
  private final Trainer trainer;

  private Fit(FitSetup setup) {
    this.setup = setup;
    this.params = Parameters.initialise(setup.layout, setup.model, setup.streams);
    this.sampler = new ModelTrialSampler(setup, params);
    RateCalibration.run(setup, params, sampler, setup.cfg.train().rateCalibration());
    this.trainer = new Trainer(setup, params, sampler);
  }

  /**
   * Sets up a fit from its configuration: loads the data, builds the layout (session stitching)
   * and initial parameters, the losses on the training and validation splits, and the workspaces.
   *
   * @param cfg the configuration
   * @return the fit, at step 0
   */
  public static Fit create(FitConfig cfg) {
    return new Fit(new FitSetup(cfg, FitData.load(cfg.data())));
  }

  /**
   * Opens a finished (or interrupted) run for simulation and analysis: reads its {@code config.json},
   * loads the data and rebuilds the layout exactly as the fit did (same seed), and loads the
   * parameters of the checkpoint {@code best} (or {@code last} when there is no best).
   *
   * @param run the run directory
   * @return the fit, with the checkpoint's parameters and step
   * @throws IOException if the run has no readable configuration or checkpoint
   */
  public static Fit load(RunDirectory run) throws IOException {
    return load(run, null);
  }

  /**
   * Opens a run whose data may have moved: as {@link #load(RunDirectory)}, with the data files looked up by
   * name in {@code dataDir} (and checked against the manifest's SHA-256, {@link RunData}).
   *
   * @param run the run directory
   * @param dataDir the folder that now holds the run's data files, or null for the paths of its config.json
   * @return the fit, with the checkpoint's parameters and step
   * @throws IOException if the run has no readable configuration or checkpoint
   */
  public static Fit load(RunDirectory run, Path dataDir) throws IOException {
    if (!Files.isDirectory(run.root())) {
      throw new org.trialmatch.data.ConfigException("--run", run.root() + " is not a run directory: "
          + (Files.exists(run.root()) ? "it is a file" : "it does not exist") + " (runs are written by 'trialmatch fit')");
    }
    if (!Files.isRegularFile(run.config())) {
      throw new org.trialmatch.data.ConfigException("--run", run.root() + " is not a run directory: it has no "
          + "config.json (runs are written by 'trialmatch fit --out RUN')");
    }
    JsonNode root = RunData.locate(run, FitConfig.readJson(run.config()), dataDir);
    Fit fit = create(FitConfig.fromJson(root, run.root()));
    String name = Files.isDirectory(run.checkpoints().resolve("best")) ? "best" : "last";
    fit.trainer.loadParameters(run, name);
    return fit;
  }

  /**
   * Runs training steps until the configured number, early stopping, or a NaN. Writes the run's
   * {@code stitching.csv} first.
   *
   * @param run the run directory (metrics and checkpoints are written there)
   * @param listener progress events
   * @return why it stopped
   * @throws IOException if the run directory cannot be written
   * @throws TrainingStoppedException on NaN or an exploding loss (the last good checkpoint is kept)
   */
  public StopReason run(RunDirectory run, TrainingListener listener) throws IOException {
    setup.stitching.write(run.stitching());
    return trainer.run(run, listener);
  }

  /**
   * Restores the state of a checkpoint (parameters, optimiser, step, early-stopping state).
   *
   * @param run the run directory
   * @throws IOException if the checkpoint is missing or does not fit this configuration
   */
  public void restore(RunDirectory run) throws IOException {
    trainer.restore(run);
  }

  /**
   * Simulates model trials for the test split: each trial takes the condition and event times of a
   * random test trial (seeded by {@code seed}), in chunks of the fit's batch size.
   *
   * @param n number of trials
   * @param seed seed of the draws (inputs, noise, spikes)
   * @return spikes {@code [t][trial][unit]}, jaw {@code [t][trial][channel]} and the conditions, for all n trials
   */
  public Simulated simulateTest(int n, long seed) {
    return sampler.sampleTest(setup.split(Split.Kind.TEST), n, seed);
  }

  /**
   * As {@link #simulateTest(int, long)}, each batch's inputs passed through {@code perturb} first; the
   * draws are those of the same seed without it, so the two calls give paired trials (same conditions,
   * event times, input spikes and noise).
   *
   * @param n number of trials
   * @param seed seed of the draws
   * @param perturb called once per batch, in trial order, with the batch's inputs; returns the inputs to run
   * @return the trials
   */
  public Simulated simulateTest(int n, long seed, java.util.function.UnaryOperator<TrialInputs> perturb) {
    return sampler.sampleTest(setup.split(Split.Kind.TEST), n, seed, perturb);
  }

  /** @return names of the trials' events, in the order of the model's onsets ({@code data.eventColumns}) */
  public java.util.List<String> eventNames() {
    return setup.cfg.data().eventColumns();
  }

  /**
   * @param kind which split
   * @return its data tensors and condition sets
   */
  Split split(Split.Kind kind) {
    return setup.split(kind);
  }

  /** @return the step reached */
  public long step() {
    return trainer.step();
  }

  /** @return the live parameters */
  public Parameters parameters() {
    return params;
  }

  /** @return the network layout */
  public NetworkLayout layout() {
    return setup.layout;
  }

  /** @return the model configuration used (time grid from the data) */
  public RsnnConfig model() {
    return setup.model;
  }

  /** @return which model unit stands for which recorded unit (the run's {@code stitching.csv}) */
  public Stitching stitching() {
    return setup.stitching;
  }

  /** @return the loaded data */
  public FitData data() {
    return setup.data;
  }

  /** @return the configuration */
  public FitConfig config() {
    return setup.cfg;
  }

  /** @return the session (or {@link UnitLayout#HIDDEN}) and area of each model unit, as the losses read them */
  public UnitLayout unitLayout() {
    return setup.unitLayout;
  }

  /** @return the spike filter {@code f1} the losses smooth with ({@code loss.spikeFilterMs}) */
  public BoxFilter f1() {
    return setup.f1;
  }

  /** @return the trial-feature options of the trial-matching losses */
  public TrialFeatureOptions featureOptions() {
    return setup.featureOptions;
  }

  @Override
  public void close() {
    try {
      trainer.close();
    } finally {
      sampler.close();
    }
  }

  /**
   * Model trials simulated for analysis or export: the spikes, the behaviour readout and each trial's
   * condition, in arrays owned by this object.
   */
  public static final class Simulated {
    private final TrialTensor spikes;
    private final TrialTensor behaviour;
    private final String[] conditions;

    /**
     * Wraps arrays without copying.
     *
     * @param spikes spike counts {@code [t][trial][unit]}
     * @param behaviour behaviour readout {@code [t][trial][channel]}, the same steps and trials (>= 1 channel)
     * @param conditions condition label of each trial
     * @throws IllegalArgumentException if the tensors' steps or trials differ, or the labels are not one per trial
     */
    public Simulated(TrialTensor spikes, TrialTensor behaviour, String[] conditions) {
      if (behaviour.units() < 1 || behaviour.steps() != spikes.steps() || behaviour.trials() != spikes.trials()
          || conditions.length != spikes.trials()) {
        throw new IllegalArgumentException("spikes (" + spikes.steps() + " x " + spikes.trials() + " x "
            + spikes.units() + "), behaviour (" + behaviour.steps() + " x " + behaviour.trials() + " x "
            + behaviour.units() + ") and " + conditions.length + " conditions must agree in steps and trials, "
            + "with at least one behaviour channel");
      }
      this.spikes = spikes;
      this.behaviour = behaviour;
      this.conditions = conditions;
    }

    /** @return spike counts {@code [t][trial][unit]} (live array) */
    public TrialTensor spikes() {
      return spikes;
    }

    /** @return the behaviour readout {@code [t][trial][channel]} (live array) */
    public TrialTensor behaviour() {
      return behaviour;
    }

    /**
     * @param trial trial
     * @return its condition label
     */
    public String condition(int trial) {
      return conditions[trial];
    }
  }

}
