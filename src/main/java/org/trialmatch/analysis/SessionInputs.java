package org.trialmatch.analysis;

import org.trialmatch.data.TrialTensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the analysis needs of one recording session: its recorded units' areas; the test and train
 * data (spike counts {@code [t][trial][unit]}); the model trials standing for that session (spike
 * counts of the model units that stand for the session's recorded units, in the same unit order);
 * a trial type and a condition per trial; optional behaviour traces. Every set shares the bins and
 * the units. Built with {@link #builder}; {@link Builder#build()} checks every shape and reports all
 * problems in one message.
 */
public final class SessionInputs {
  private final String name;
  private final List<String> unitAreas;
  private final List<String> unitLabels;
  private final TrialTensor test;
  private final List<String> testTypes;
  private final List<String> testConditions;
  private final TrialTensor train;
  private final List<String> trainConditions;
  private final TrialTensor model;
  private final List<String> modelTypes;
  private final List<String> modelConditions;
  private final BehaviourTrace testBehaviour;
  private final BehaviourTrace trainBehaviour;
  private final BehaviourTrace modelBehaviour;

  private SessionInputs(Builder b) {
    this.name = b.name;
    this.unitAreas = List.copyOf(b.unitAreas);
    List<String> labels = new ArrayList<>();
    for (int u = 0; u < unitAreas.size(); u++) {
      labels.add(b.unitLabels != null ? b.unitLabels.get(u) : "unit " + u);
    }
    this.unitLabels = List.copyOf(labels);
    this.test = b.test;
    this.testTypes = List.copyOf(b.testTypes);
    this.testConditions = List.copyOf(b.testConditions);
    this.train = b.train;
    this.trainConditions = List.copyOf(b.trainConditions);
    this.model = b.model;
    this.modelTypes = List.copyOf(b.modelTypes);
    this.modelConditions = List.copyOf(b.modelConditions);
    this.testBehaviour = b.testBehaviour;
    this.trainBehaviour = b.trainBehaviour;
    this.modelBehaviour = b.modelBehaviour;
  }

  /**
   * @param name session name
   * @param unitAreas area name of each recorded unit, in the unit order of every counts array
   * @return a builder
   */
  public static Builder builder(String name, List<String> unitAreas) {
    return new Builder(name, unitAreas);
  }

  /** @return session name */
  public String name() {
    return name;
  }

  /** @return area name per recorded unit */
  public List<String> unitAreas() {
    return unitAreas;
  }

  /**
   * @param unit index of a recorded unit
   * @return how the session names it (e.g. {@code "id 17"}; {@code "unit <index>"} when not given)
   */
  public String unitLabel(int unit) {
    return unitLabels.get(unit);
  }

  /** @return number of recorded units */
  public int units() {
    return unitAreas.size();
  }

  /** @return number of time bins */
  public int bins() {
    return test.steps();
  }

  /** @return test-data spike counts */
  public TrialTensor test() {
    return test;
  }

  /** @return trial type per test trial (e.g. {@code "1/Hit"}) */
  public List<String> testTypes() {
    return testTypes;
  }

  /** @return condition per test trial */
  public List<String> testConditions() {
    return testConditions;
  }

  /** @return train-data spike counts */
  public TrialTensor train() {
    return train;
  }

  /** @return condition per train trial */
  public List<String> trainConditions() {
    return trainConditions;
  }

  /** @return model spike counts (model units standing for this session's units, same order) */
  public TrialTensor model() {
    return model;
  }

  /** @return trial type per model trial */
  public List<String> modelTypes() {
    return modelTypes;
  }

  /** @return condition per model trial */
  public List<String> modelConditions() {
    return modelConditions;
  }

  /** @return behaviour of the test trials, if recorded */
  public Optional<BehaviourTrace> testBehaviour() {
    return Optional.ofNullable(testBehaviour);
  }

  /** @return behaviour of the train trials, if recorded */
  public Optional<BehaviourTrace> trainBehaviour() {
    return Optional.ofNullable(trainBehaviour);
  }

  /** @return behaviour of the model trials (e.g. the jaw readout), if modelled */
  public Optional<BehaviourTrace> modelBehaviour() {
    return Optional.ofNullable(modelBehaviour);
  }

  /** Collects the parts of a {@link SessionInputs}. */
  public static final class Builder {
    private final String name;
    private final List<String> unitAreas;
    private List<String> unitLabels;
    private TrialTensor test;
    private List<String> testTypes;
    private List<String> testConditions;
    private TrialTensor train;
    private List<String> trainConditions;
    private TrialTensor model;
    private List<String> modelTypes;
    private List<String> modelConditions;
    private BehaviourTrace testBehaviour;
    private BehaviourTrace trainBehaviour;
    private BehaviourTrace modelBehaviour;

    private Builder(String name, List<String> unitAreas) {
      this.name = Objects.requireNonNull(name, "name");
      this.unitAreas = List.copyOf(unitAreas);
    }

    /**
     * @param labels how the session names each recorded unit (e.g. its NWB unit id), in unit order
     * @return this builder
     */
    public Builder unitLabels(List<String> labels) {
      this.unitLabels = List.copyOf(labels);
      return this;
    }

    /** Spike counts checked: finite and >= 0 ({@link TrialTensor#counts}). */
    private static TrialTensor checked(TrialTensor c) {
      return TrialTensor.counts(c.values(), c.steps(), c.trials(), c.units());
    }

    /**
     * @param counts test-data spike counts (finite, >= 0: {@link TrialTensor#counts})
     * @param types trial type per trial
     * @param conditions condition per trial
     * @return this builder
     */
    public Builder test(TrialTensor counts, List<String> types, List<String> conditions) {
      this.test = checked(Objects.requireNonNull(counts, "test counts"));
      this.testTypes = List.copyOf(types);
      this.testConditions = List.copyOf(conditions);
      return this;
    }

    /**
     * @param counts train-data spike counts (for the train-vs-test ceilings; finite, >= 0)
     * @param conditions condition per trial
     * @return this builder
     */
    public Builder train(TrialTensor counts, List<String> conditions) {
      this.train = checked(Objects.requireNonNull(counts, "train counts"));
      this.trainConditions = List.copyOf(conditions);
      return this;
    }

    /**
     * @param counts model spike counts (finite, >= 0)
     * @param types trial type per model trial (from the caller's classifier)
     * @param conditions condition per model trial
     * @return this builder
     */
    public Builder model(TrialTensor counts, List<String> types, List<String> conditions) {
      this.model = checked(Objects.requireNonNull(counts, "model counts"));
      this.modelTypes = List.copyOf(types);
      this.modelConditions = List.copyOf(conditions);
      return this;
    }

    /**
     * @param trace behaviour of the test trials
     * @return this builder
     */
    public Builder testBehaviour(BehaviourTrace trace) {
      this.testBehaviour = Objects.requireNonNull(trace, "test behaviour");
      return this;
    }

    /**
     * @param trace behaviour of the train trials
     * @return this builder
     */
    public Builder trainBehaviour(BehaviourTrace trace) {
      this.trainBehaviour = Objects.requireNonNull(trace, "train behaviour");
      return this;
    }

    /**
     * @param trace behaviour of the model trials
     * @return this builder
     */
    public Builder modelBehaviour(BehaviourTrace trace) {
      this.modelBehaviour = Objects.requireNonNull(trace, "model behaviour");
      return this;
    }

    /**
     * @return the session inputs
     * @throws IllegalArgumentException listing every problem found
     */
    public SessionInputs build() {
      List<String> problems = new ArrayList<>();
      if (unitAreas.isEmpty()) {
        problems.add("no recorded units");
      }
      if (unitLabels != null && unitLabels.size() != unitAreas.size()) {
        problems.add(unitLabels.size() + " unit labels for " + unitAreas.size() + " units");
      }
      if (test == null) {
        problems.add("test data missing");
      }
      if (train == null) {
        problems.add("train data missing");
      }
      if (model == null) {
        problems.add("model trials missing");
      }
      if (problems.isEmpty()) {
        int bins = test.steps();
        checkSet(problems, "test", test, bins, testTypes, testConditions);
        checkSet(problems, "train", train, bins, null, trainConditions);
        checkSet(problems, "model", model, bins, modelTypes, modelConditions);
        checkTrace(problems, "test behaviour", testBehaviour, test);
        checkTrace(problems, "train behaviour", trainBehaviour, train);
        checkTrace(problems, "model behaviour", modelBehaviour, model);
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("session " + name + ": " + String.join("; ", problems));
      }
      return new SessionInputs(this);
    }

    private void checkSet(List<String> problems, String what, TrialTensor c, int bins, List<String> types,
        List<String> conditions) {
      if (c.steps() != bins) {
        problems.add(what + " has " + c.steps() + " bins, test data " + bins);
      }
      if (c.units() != unitAreas.size()) {
        problems.add(what + " has " + c.units() + " units, expected " + unitAreas.size() + " (one per unit area)");
      }
      if (types != null && types.size() != c.trials()) {
        problems.add(what + " has " + types.size() + " trial types for " + c.trials() + " trials");
      }
      if (conditions.size() != c.trials()) {
        problems.add(what + " has " + conditions.size() + " conditions for " + c.trials() + " trials");
      }
    }

    private static void checkTrace(List<String> problems, String what, BehaviourTrace b, TrialTensor c) {
      if (b == null) {
        return;
      }
      if (b.bins() != c.steps() || b.trials() != c.trials()) {
        problems.add(what + " is " + b.bins() + " bins x " + b.trials() + " trials, its counts "
            + c.steps() + " x " + c.trials());
      }
    }
  }
}
