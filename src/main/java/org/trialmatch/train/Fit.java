package org.trialmatch.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.trialmatch.grad.Backward;
import org.trialmatch.loss.BoxFilter;
import org.trialmatch.loss.ConditionSet;
import org.trialmatch.loss.DataTrials;
import org.trialmatch.loss.GradientNormalizer;
import org.trialmatch.loss.LossValues;
import org.trialmatch.loss.LossWeights;
import org.trialmatch.loss.MatchingMethod;
import org.trialmatch.loss.ModelTrials;
import org.trialmatch.loss.PsthLoss;
import org.trialmatch.loss.SinkhornOptions;
import org.trialmatch.loss.SpikeGradient;
import org.trialmatch.loss.TotalLoss;
import org.trialmatch.loss.TrialFeatureOptions;
import org.trialmatch.loss.TrialFeatures;
import org.trialmatch.loss.TrialMatchingLoss;
import org.trialmatch.loss.UnitLayout;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.model.Parameters;
import org.trialmatch.model.RandomStreams;
import org.trialmatch.model.RsnnConfig;
import org.trialmatch.model.Simulator;
import org.trialmatch.model.Trace;
import org.trialmatch.model.TrialInputs;

/**
 * A fit: the data, the network and its parameters, the losses and the optimiser, stepped by
 * {@link #run}. One step (method reference Appendix B, without its quirks): pick the step's
 * condition set (cycling: all trials, then each condition), draw the model trials' conditions and
 * event times from the training trials of that set, simulate, evaluate the losses and their
 * gradient, backpropagate through time, take an AdamW step, project onto the constraints. Every
 * {@code validateEvery} steps: the validation loss and trial-matching distance, checkpoints
 * {@code last} (and {@code best} when the validation loss improved), early stopping.
 *
 * <p>Every random draw is keyed by the seed and the step, so a run resumed from a checkpoint
 * continues exactly as the uninterrupted run would, for any thread count.
 */
public final class Fit implements AutoCloseable {
  /** Offset of the draw counter for validation simulations (apart from training draws). */
  static final long VALIDATION_DRAW = 1L << 40;

  private final FitConfig cfg;
  private final FitData data;
  private final RsnnConfig model;
  private final NetworkLayout layout;
  private final RandomStreams streams;
  private final Parameters params;
  private final Parameters grad;
  private final List<NamedTensor> paramTensors;
  private final List<NamedTensor> gradTensors;
  private final AdamW opt;
  private final Projection projection;
  private final Simulator sim;
  private final Trace trace;
  private final Backward backward;
  final UnitLayout unitLayout;
  private final Split trainSplit;
  private final Split valSplit;
  private final TotalLoss trainLoss;
  private final TotalLoss valLoss;
  private final TrialMatchingLoss valDistance;
  private final SpikeGradient spikeGrad;
  private final int batch;
  private final int steps;
  private final int units;
  private final float[] modelSpikes;
  private final float[] modelJaw;
  private final float[] dLdSpikes;
  private final float[] dLdJaw;
  private final float[] stepBuffer;
  private final String[] lastConditions;

  private long step;
  private double bestVal = Double.POSITIVE_INFINITY;
  private long bestStep;
  private double firstLoss = Double.NaN;
  private double secondsBefore;

  /** The trials of one split as the losses read them, with the pool of each condition set. */
  static final class Split {
    final DataTrials trials;
    final List<ConditionSet> conditions;
    /** Per condition set: (session, slot) pairs of included trials. */
    final int[][] poolSession;
    final int[][] poolSlot;
    final int[][] slots;

    Split(DataTrials trials, List<ConditionSet> conditions, int[][] poolSession, int[][] poolSlot, int[][] slots) {
      this.trials = trials;
      this.conditions = conditions;
      this.poolSession = poolSession;
      this.poolSlot = poolSlot;
      this.slots = slots;
    }
  }

  /**
   * Sets up a fit from its configuration: loads the data, builds the layout (session stitching)
   * and initial parameters, the losses on the training and validation splits, and the workspaces.
   *
   * @param cfg the configuration
   * @return the fit, at step 0
   */
  public static Fit create(FitConfig cfg) {
    return new Fit(cfg, FitData.load(cfg.data()));
  }

  private Fit(FitConfig cfg, FitData data) {
    this.cfg = cfg;
    this.data = data;
    TrainConfig tc = cfg.train();
    int nOnsets = cfg.data().eventColumns().isEmpty() ? cfg.model().stimOnsetsMs().size() : cfg.data().eventColumns().size();
    if (!cfg.data().eventColumns().isEmpty() && nOnsets != cfg.model().stimOnsetsMs().size()) {
      this.model = cfg.model().with(java.util.Map.of("stimOnsetsMs", zeros(nOnsets)));
    } else {
      this.model = cfg.model();
    }
    this.streams = new RandomStreams(tc.seed());
    this.layout = NetworkLayout.fromCatalogue(model, data.catalogue(), streams);
    this.params = Parameters.initialise(layout, model, streams);
    this.grad = Parameters.zeros(layout, model);
    this.paramTensors = NamedTensor.of(params);
    this.gradTensors = NamedTensor.of(grad);
    boolean[] trained = new boolean[paramTensors.size()];
    for (int k = 0; k < trained.length; k++) {
      String n = paramTensors.get(k).name();
      trained[k] = !n.equals("adaptation") || tc.trainAdaptation();
    }
    this.opt = new AdamW(paramTensors, trained, tc.lr(), tc.beta1(), tc.beta2(), tc.adamEps(), tc.weightDecay());
    this.projection = new Projection(layout, tc.l1Decay(), tc.lr(), model.restPotential(), model.threshold());
    this.batch = tc.modelTrials();
    this.steps = model.steps();
    this.units = layout.nUnits();
    this.sim = new Simulator(model, layout, tc.threads());
    this.trace = sim.newTrace(batch, true);
    this.backward = new Backward(model, layout, batch, tc.threads());
    this.unitLayout = unitLayout(layout, data);
    this.trainSplit = split(SplitKind.TRAIN);
    this.valSplit = split(SplitKind.VALIDATION);
    this.trainLoss = totalLoss(trainSplit, cfg.loss().matching(), true);
    this.valLoss = totalLoss(valSplit, cfg.loss().matching(), false);
    this.valDistance = distance(valSplit);
    this.spikeGrad = trainLoss.newGradient(steps, batch);
    this.modelSpikes = new float[steps * batch * units];
    this.modelJaw = new float[steps * batch];
    this.dLdSpikes = new float[steps * batch * units];
    this.dLdJaw = new float[steps * batch];
    this.stepBuffer = new float[batch * units];
    this.lastConditions = new String[batch];
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

  /** Which split of each session. */
  enum SplitKind {
    TRAIN, VALIDATION, TEST
  }

  /** Data tensors of one split, and condition sets over them. */
  Split split(SplitKind kind) {
    List<FitData.Session> ss = data.sessions();
    int nS = ss.size();
    int[][] slots = new int[nS][];
    int k = 1;
    for (int s = 0; s < nS; s++) {
      slots[s] = kind == SplitKind.TRAIN ? ss.get(s).split().train()
          : kind == SplitKind.VALIDATION ? ss.get(s).split().validation() : ss.get(s).split().test();
      k = Math.max(k, slots[s].length);
    }
    int t1 = steps;
    float[] spikes = new float[t1 * k * units];
    for (int i = 0; i < units; i++) {
      int s = unitLayout.sessionOf(i);
      int r = s < 0 ? -1 : layout.recordedIndex(i);
      for (int t = 0; t < t1; t++) {
        for (int slot = 0; slot < k; slot++) {
          float v;
          if (s < 0) {
            v = 0f;
          } else if (slot < slots[s].length) {
            v = ss.get(s).trials().count(t, slots[s][slot], r);
          } else {
            v = Float.NaN;
          }
          spikes[(t * k + slot) * units + i] = v;
        }
      }
    }
    float[] jaw = null;
    if (data.hasBehaviour()) {
      jaw = new float[t1 * k * nS];
      for (int s = 0; s < nS; s++) {
        for (int t = 0; t < t1; t++) {
          for (int slot = 0; slot < k; slot++) {
            jaw[(t * k + slot) * nS + s] = slot < slots[s].length
                ? ss.get(s).normalisedBehaviour(t, slots[s][slot]) : Float.NaN;
          }
        }
      }
    }
    DataTrials dt = DataTrials.wrap(spikes, jaw, t1, k, units, nS);
    List<String> labels = data.conditionLabels();
    List<ConditionSet> sets = new ArrayList<>();
    List<int[]> poolS = new ArrayList<>();
    List<int[]> poolK = new ArrayList<>();
    int nSets = labels.size() > 1 ? labels.size() + 1 : 1;
    for (int c = 0; c < nSets; c++) {
      boolean[][] inc = new boolean[nS][k];
      List<Integer> ps = new ArrayList<>();
      List<Integer> pk = new ArrayList<>();
      for (int s = 0; s < nS; s++) {
        for (int slot = 0; slot < slots[s].length; slot++) {
          String cond = ss.get(s).trials().condition(slots[s][slot]);
          boolean in = c == 0 || cond.equals(labels.get(c - 1));
          inc[s][slot] = in;
          if (in) {
            ps.add(s);
            pk.add(slot);
          }
        }
      }
      sets.add(ConditionSet.of(c == 0 ? "all" : "condition " + labels.get(c - 1), inc));
      poolS.add(ps.stream().mapToInt(Integer::intValue).toArray());
      poolK.add(pk.stream().mapToInt(Integer::intValue).toArray());
    }
    return new Split(dt, sets, poolS.toArray(new int[0][]), poolK.toArray(new int[0][]), slots);
  }

  BoxFilter f1() {
    return BoxFilter.spikeFilter(model.dtMs(), cfg.loss().spikeFilterMs());
  }

  TrialFeatureOptions featureOptions() {
    return new TrialFeatureOptions(cfg.loss().minUnits(), true, true,
        cfg.loss().behaviourInFeatures() && data.hasBehaviour());
  }

  private TotalLoss totalLoss(Split sp, String matching, boolean training) {
    LossConfig lc = cfg.loss();
    PsthLoss psth = PsthLoss.create(unitLayout, sp.trials, sp.conditions, f1());
    TrialMatchingLoss tm = null;
    if (!"none".equals(matching)) {
      TrialFeatures f = TrialFeatures.create(unitLayout, sp.trials, sp.conditions, f1(),
          BoxFilter.resample(lc.resample()), featureOptions());
      if (f.sessions() == 0) {
        throw new org.trialmatch.data.ConfigException("loss.matching", "needs a session with an area of at least "
            + lc.minUnits() + " recorded units (loss.minUnits); none has, so use 'none' or lower loss.minUnits");
      }
      tm = TrialMatchingLoss.create(f, "hard".equals(matching) ? MatchingMethod.HARD : MatchingMethod.SINKHORN_ANNEALED,
          sinkhorn());
    }
    GradientNormalizer norm = training && lc.gradientNormalisation()
        ? new GradientNormalizer(2, GradientNormalizer.REFERENCE_BETA) : null;
    double trialWeight = "none".equals(matching) ? 0 : lc.trialWeight();
    return TotalLoss.create(psth, tm, new LossWeights(lc.psthWeight(), trialWeight), units, norm);
  }

  private SinkhornOptions sinkhorn() {
    SinkhornOptions r = SinkhornOptions.reference();
    return new SinkhornOptions(cfg.loss().epsilon(), cfg.loss().scaling(), r.tolerance(), r.maxIterations());
  }

  private TrialMatchingLoss distance(Split sp) {
    TrialFeatures f = TrialFeatures.create(unitLayout, sp.trials, sp.conditions, f1(),
        BoxFilter.resample(cfg.loss().resample()), featureOptions());
    if (f.sessions() == 0) {
      return null;
    }
    SinkhornOptions r = SinkhornOptions.reference();
    return TrialMatchingLoss.create(f, MatchingMethod.SINKHORN_CONVERGED,
        new SinkhornOptions(0.1, cfg.loss().scaling(), 1e-6, r.maxIterations()));
  }

  // ------------------------------------------------------------------ stepping

  /** Draws the model trials' stimuli and event times from a pool; keyed by (seed, draw). */
  private TrialInputs inputs(Split sp, int condition, long draw) {
    SplittableRandom rng = new SplittableRandom(RandomStreams.mix64(cfg.train().seed() * 0x9E3779B97F4A7C15L + draw));
    int[] ps = sp.poolSession[condition];
    int[] pk = sp.poolSlot[condition];
    if (ps.length == 0) {
      throw new IllegalStateException("condition set " + sp.conditions.get(condition).name() + " has no trials");
    }
    float[] stim = new float[batch];
    List<String> cols = cfg.data().eventColumns();
    double[][] events = new double[batch][cols.size()];
    for (int b = 0; b < batch; b++) {
      int j = rng.nextInt(ps.length);
      FitData.Session s = data.sessions().get(ps[j]);
      int trial = sp.slots[ps[j]][pk[j]];
      lastConditions[b] = s.trials().condition(trial);
      stim[b] = data.stimulus(lastConditions[b]);
      for (int e = 0; e < cols.size(); e++) {
        events[b][e] = s.eventsMs[e][trial];
      }
    }
    return cols.isEmpty() ? TrialInputs.fixedOnsets(model, stim) : TrialInputs.fromEventTimes(model, stim, events);
  }

  private ModelTrials simulate(Split sp, int condition, long draw) {
    sim.forward(params, inputs(sp, condition, draw), streams, draw, trace);
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < batch; b++) {
        trace.spikes(t, b, stepBuffer);
        System.arraycopy(stepBuffer, 0, modelSpikes, (t * batch + b) * units, units);
        modelJaw[t * batch + b] = trace.jaw(t, b);
      }
    }
    return ModelTrials.wrap(modelSpikes, modelJaw, steps, batch, units);
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
  public String run(RunDirectory run, TrainingListener listener) throws IOException {
    TrainConfig tc = cfg.train();
    long t0 = System.nanoTime();
    int nConditions = trainSplit.conditions.size();
    while (step < tc.steps()) {
      long s = step + 1;
      int condition = (int) ((s - 1) % nConditions);
      ModelTrials m = simulate(trainSplit, condition, s);
      SplittableRandom matchRng = new SplittableRandom(RandomStreams.mix64(cfg.loss().matchingSeed() + 31 * s));
      LossValues lv = trainLoss.evaluate(condition, m, matchRng, spikeGrad);
      double rate = trace.meanRateHz();
      if (!Double.isFinite(lv.total())) {
        throw stopped(s, "the loss is " + lv.total() + " (PSTH " + lv.psth() + ", trial matching " + lv.trial() + ")");
      }
      if (Double.isNaN(firstLoss)) {
        firstLoss = lv.total();
      } else if (lv.total() > tc.maxLossFactor() * Math.max(firstLoss, 1e-12)) {
        throw stopped(s, String.format(Locale.ROOT, "the loss exploded to %.4g (%.0f times the first step's %.4g)",
            lv.total(), lv.total() / firstLoss, firstLoss));
      }
      for (int t = 0; t < steps; t++) {
        Arrays.fill(stepBuffer, 0f);
        spikeGrad.addStepInto(t, stepBuffer);
        System.arraycopy(stepBuffer, 0, dLdSpikes, t * batch * units, batch * units);
      }
      Arrays.fill(dLdJaw, 0f);
      for (int t = 0; t < steps; t++) {
        Arrays.fill(stepBuffer, 0, batch, 0f);
        spikeGrad.addJawStepInto(t, stepBuffer);
        System.arraycopy(stepBuffer, 0, dLdJaw, t * batch, batch);
      }
      backward.backward(params, trace, dLdSpikes, dLdJaw, grad);
      for (NamedTensor g : gradTensors) {
        for (float x : g.values()) {
          if (!Float.isFinite(x)) {
            throw stopped(s, "the gradient of " + g.name() + " is not finite");
          }
        }
      }
      opt.step(paramTensors, gradTensors);
      projection.applyInPlace(params);
      step = s;
      double seconds = secondsBefore + (System.nanoTime() - t0) / 1e9;
      listener.onStep(step, tc.steps(), lv.total(), lv.psth(), lv.trial(), rate);
      double val = Double.NaN;
      double dist = Double.NaN;
      boolean validation = step % tc.validateEvery() == 0 || step == tc.steps();
      boolean best = false;
      if (validation) {
        double[] v = validate();
        val = v[0];
        dist = v[1];
        best = val < bestVal;
        if (best) {
          bestVal = val;
          bestStep = step;
        }
        listener.onValidation(step, val, dist, best);
      }
      // The metrics row goes first: a run killed before its checkpoint redoes this step on resume
      // and rewrites the row (rows after the checkpoint's step are dropped when resuming).
      run.appendMetrics(step, lv.total(), lv.psth(), lv.trial(), val, dist, rate, seconds);
      boolean stop = false;
      if (validation) {
        secondsBefore = seconds;
        t0 = System.nanoTime();
        ObjectNode state = state(seconds);
        Checkpoints.write(run.checkpoints(), "last", paramTensors, opt, state);
        if (best) {
          Checkpoints.write(run.checkpoints(), "best", paramTensors, opt, state);
        }
        stop = step - bestStep >= tc.earlyStopPatience();
      }
      if (stop) {
        return "early stop: no better validation loss for " + tc.earlyStopPatience() + " steps (best at step "
            + bestStep + ")";
      }
    }
    return "reached " + tc.steps() + " steps (best validation loss at step " + bestStep + ")";
  }

  /** @return validation loss (condition set 'all') and converged trial-matching distance */
  double[] validate() {
    long draw = VALIDATION_DRAW + step;
    ModelTrials m = simulate(valSplit, 0, draw);
    SplittableRandom rng = new SplittableRandom(RandomStreams.mix64(cfg.loss().matchingSeed() - 17 * step));
    double v = valLoss.evaluate(0, m, rng, null).total();
    double d = Double.NaN;
    if (valDistance != null) {
      d = valDistance.evaluate(0, m, rng, null);
    }
    return new double[] {v, d};
  }

  private TrainingStoppedException stopped(long s, String what) {
    long last = step - step % cfg.train().validateEvery();
    return new TrainingStoppedException("step " + s + ": " + what + "; "
        + (last > 0 ? "the last good checkpoint (step " + last + ") is in checkpoints/last" : "no checkpoint was written yet")
        + "; try a smaller train.lr");
  }

  private ObjectNode state(double seconds) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("step", step);
    o.put("best_val_loss", bestVal);
    o.put("best_step", bestStep);
    o.put("first_loss", firstLoss);
    o.put("seconds", seconds);
    GradientNormalizer n = trainLoss.normalizer();
    if (n != null) {
      for (int k = 0; k < n.terms(); k++) {
        o.put("normaliser_moment_" + k, n.moment(k));
        o.put("normaliser_steps_" + k, n.steps(k));
      }
    }
    return o;
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
    JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.config().toFile());
    Fit fit = create(FitConfig.fromJson(root, run.root()));
    String name = java.nio.file.Files.isDirectory(run.checkpoints().resolve("best")) ? "best" : "last";
    JsonNode st = Checkpoints.read(run.checkpoints(), name, fit.paramTensors, null);
    fit.step = st.get("step").asLong();
    return fit;
  }

  /**
   * Simulates model trials for the test split: each trial takes the condition and event times of a
   * random test trial (seeded by {@code seed}), in chunks of the fit's batch size.
   *
   * @param n number of trials
   * @param seed seed of the draws (inputs, noise, spikes)
   * @return spikes {@code [t][trial][unit]}, jaw {@code [t][trial]} and the conditions, for all n trials
   */
  public Simulated simulateTest(int n, long seed) {
    Split test = split(SplitKind.TEST);
    float[] spikes = new float[steps * n * units];
    float[] jaw = new float[steps * n];
    String[] conditions = new String[n];
    for (int start = 0, chunk = 0; start < n; start += batch, chunk++) {
      int m = Math.min(batch, n - start);
      ModelTrials mt = simulate(test, 0, (2L << 40) + RandomStreams.mix64(seed) % (1L << 30) * 1024 + chunk);
      for (int t = 0; t < steps; t++) {
        System.arraycopy(mt.spikes(), t * batch * units, spikes, (t * n + start) * units, m * units);
        System.arraycopy(mt.jaw(), t * batch, jaw, t * n + start, m);
      }
      System.arraycopy(lastConditions, 0, conditions, start, m);
    }
    return new Simulated(spikes, jaw, conditions, steps, n, units);
  }

  /** Model trials simulated for analysis or export: arrays owned by this object. */
  public static final class Simulated {
    private final float[] spikes;
    private final float[] jaw;
    private final String[] conditions;
    private final int steps;
    private final int trials;
    private final int units;

    Simulated(float[] spikes, float[] jaw, String[] conditions, int steps, int trials, int units) {
      this.spikes = spikes;
      this.jaw = jaw;
      this.conditions = conditions;
      this.steps = steps;
      this.trials = trials;
      this.units = units;
    }

    /** @return spike counts {@code [t][trial][unit]} (live array) */
    public float[] spikes() {
      return spikes;
    }

    /** @return jaw {@code [t][trial]} (live array) */
    public float[] jaw() {
      return jaw;
    }

    /**
     * @param trial trial
     * @return its condition label
     */
    public String condition(int trial) {
      return conditions[trial];
    }

    /** @return time steps */
    public int steps() {
      return steps;
    }

    /** @return trials */
    public int trials() {
      return trials;
    }

    /** @return model units */
    public int units() {
      return units;
    }
  }

  /**
   * Restores the state of a checkpoint (parameters, optimiser, step, early-stopping state).
   *
   * @param run the run directory
   * @throws IOException if the checkpoint is missing or does not fit this configuration
   */
  public void restore(RunDirectory run) throws IOException {
    JsonNode st = Checkpoints.read(run.checkpoints(), "last", paramTensors, opt);
    step = st.get("step").asLong();
    bestVal = st.get("best_val_loss").asDouble();
    bestStep = st.get("best_step").asLong();
    firstLoss = st.get("first_loss").asDouble();
    secondsBefore = st.get("seconds").asDouble();
    GradientNormalizer n = trainLoss.normalizer();
    if (n != null) {
      for (int k = 0; k < n.terms(); k++) {
        n.restore(k, st.get("normaliser_moment_" + k).asDouble(), st.get("normaliser_steps_" + k).asLong());
      }
    }
  }

  /** @return the step reached */
  public long step() {
    return step;
  }

  /** @return the live parameters */
  public Parameters parameters() {
    return params;
  }

  /** @return the network layout */
  public NetworkLayout layout() {
    return layout;
  }

  /** @return the model configuration used (time grid from the data) */
  public RsnnConfig model() {
    return model;
  }

  /** @return the loaded data */
  public FitData data() {
    return data;
  }

  /** @return the configuration */
  public FitConfig config() {
    return cfg;
  }

  @Override
  public void close() {
    sim.close();
    backward.close();
  }
}
