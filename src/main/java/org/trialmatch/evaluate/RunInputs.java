package org.trialmatch.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trialmatch.analysis.AnalysisInputs;
import org.trialmatch.analysis.AreaMatrix;
import org.trialmatch.analysis.BehaviourTrace;
import org.trialmatch.analysis.Connectivity;
import org.trialmatch.analysis.SessionInputs;
import org.trialmatch.analysis.TaskEvent;
import org.trialmatch.data.TrialSet;
import org.trialmatch.data.TrialTensor;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.model.Parameters;
import org.trialmatch.train.Fit;
import org.trialmatch.train.FitData;
import org.trialmatch.train.RunDirectory;

/**
 * The inputs of {@link org.trialmatch.analysis.Analysis} for a fitted run and its evaluation trials.
 *
 * <p>The evaluation trials are shared by every session. For each session, the recorded units that model
 * units stand for are taken in model-unit order: the session's test and train counts of those units, and
 * the model counts of the model units standing for them. Data trial types are
 * {@link TrialSet#trialType(int)}; model trial types are those of {@link ModelTrialTypes}. Behaviour (data
 * z-scored with the training statistics, as the model's jaw) is given when the data have it and the
 * model drives a jaw. Each recorded unit is labelled by its NWB unit id, and the configured event columns
 * become task events ({@link #events}). The connectivity is {@link Connectivity#meanInterArea} of the
 * fitted recurrent weights.
 */
public final class RunInputs {
  private RunInputs() {
  }

  /**
   * Builds the inputs.
   *
   * @param fit the fitted model ({@link Fit#load})
   * @param run its run directory (for {@code metrics.csv})
   * @param trials the evaluation trials
   * @param types their trial types
   * @return the inputs
   */
  public static AnalysisInputs of(Fit fit, RunDirectory run, EvaluationTrials trials, ModelTrialTypes types) {
    Fit.Simulated sim = trials.trials();
    String[] modelTypes = types.types();
    long seed = trials.seed();
    NetworkLayout layout = fit.layout();
    FitData data = fit.data();
    int steps = sim.spikes().steps();
    int n = sim.spikes().trials();
    int units = sim.spikes().units();
    boolean behaviour = data.hasBehaviour() && layout.nMotor() > 0;
    List<String> modelConditions = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      modelConditions.add(sim.condition(k));
    }
    AnalysisInputs.Builder b = AnalysisInputs.builder(run.root().toAbsolutePath().normalize().getFileName().toString(),
            layout.areaNames(), fit.model().dtMs())
        .windowStartMs(fit.model().windowStartMs())
        .metadata("run", run.root().toAbsolutePath().normalize().toString())
        .metadata("checkpoint step", Long.toString(fit.step()))
        .metadata("model trials", Integer.toString(n))
        .metadata("seed", Long.toString(seed))
        .metadata("model trial types", types.quality().map(q -> "condition/outcome, " + q.method())
            .orElse("condition/? (no behaviour the model reproduces, so no outcome classifier)"))
        .metricsCsv(run.metrics())
        .modelTrialsShared(true)
        .connectivity(connectivity(fit));
    types.quality().ifPresent(b::modelTypes);
    int nch = fit.model().behaviourChannels();
    if (behaviour) {
      TrialSet first = data.sessions().get(0).trials();
      b.behaviourLabel((nch == 1 ? first.behaviourLabel() : "behaviour") + " (z-scored)");
      List<String> names = new ArrayList<>();
      for (String l : first.behaviourLabels()) {
        names.add(shortName(l));
      }
      b.behaviourChannelNames(names);
    }
    events(data, fit.model().windowStartMs(), fit.model().windowStartMs() + steps * fit.model().dtMs())
        .forEach(b::event);
    for (FitData.Session s : data.sessions()) {
      List<Integer> modelUnits = new ArrayList<>();
      for (int i = 0; i < units; i++) {
        if (!layout.isHidden(i) && layout.session(i).equals(s.name())) {
          modelUnits.add(i);
        }
      }
      if (modelUnits.isEmpty()) {
        continue;
      }
      int m = modelUnits.size();
      int[] test = s.split().test();
      int[] train = s.split().train();
      if (test.length == 0 || train.length == 0) {
        continue;
      }
      List<String> areas = new ArrayList<>(m);
      int[] recorded = new int[m];
      int[] model = new int[m];
      for (int j = 0; j < m; j++) {
        model[j] = modelUnits.get(j);
        recorded[j] = layout.recordedIndex(model[j]);
        areas.add(layout.areaNames().get(layout.area(model[j])));
      }
      TrialSet ts = s.trials();
      float[] modelCounts = new float[steps * n * m];
      for (int t = 0; t < steps; t++) {
        for (int k = 0; k < n; k++) {
          int src = (t * n + k) * units;
          int dst = (t * n + k) * m;
          for (int j = 0; j < m; j++) {
            modelCounts[dst + j] = sim.spikes().values()[src + model[j]];
          }
        }
      }
      List<String> labels = new ArrayList<>(m);
      for (int j = 0; j < m; j++) {
        labels.add("id " + ts.unitId(recorded[j]));
      }
      SessionInputs.Builder sb = SessionInputs.builder(s.name(), areas).unitLabels(labels)
          .test(TrialTensor.counts(dataCounts(ts, test, recorded, steps), steps, test.length, m), types(ts, test, true),
              types(ts, test, false))
          .train(TrialTensor.counts(dataCounts(ts, train, recorded, steps), steps, train.length, m), types(ts, train, false))
          .model(TrialTensor.counts(modelCounts, steps, n, m), List.of(modelTypes), modelConditions);
      if (behaviour) {
        sb.testBehaviour(BehaviourTrace.wrap(behaviour(s, test, steps, nch), steps, test.length, nch))
            .trainBehaviour(BehaviourTrace.wrap(behaviour(s, train, steps, nch), steps, train.length, nch))
            .modelBehaviour(BehaviourTrace.copyOf(sim.behaviour().values(), steps, n, nch));
      }
      b.session(sb.build());
    }
    return b.build();
  }

  /**
   * The mean inter-area connectivity of the fitted recurrent weights.
   *
   * @param fit the fitted model
   * @return the area matrix {@code [pre][post]}
   */
  public static AreaMatrix connectivity(Fit fit) {
    Parameters p = fit.parameters();
    NetworkLayout layout = fit.layout();
    List<float[]> groups = new ArrayList<>();
    for (int g = 0; g < p.groups(); g++) {
      groups.add(p.recurrent(g));
    }
    int n = layout.nUnits();
    int[] area = new int[n];
    int[] sign = new int[n];
    for (int i = 0; i < n; i++) {
      area[i] = layout.area(i);
      sign[i] = layout.isExcitatory(i) ? 1 : -1;
    }
    return Connectivity.meanInterArea(groups, area, sign, layout.areaNames());
  }

  /**
   * The task events of the data (the configured event columns): per column, the median over the test trials
   * of every session of its time relative to the alignment event, kept when it lies inside the window;
   * named by the column without a trailing {@code _time}, underscores as spaces.
   */
  static List<TaskEvent> events(FitData data, double fromMs, double toMs) {
    Map<String, List<Double>> times = new LinkedHashMap<>();
    for (FitData.Session s : data.sessions()) {
      Map<String, double[]> ev = s.trials().eventsS();
      for (Map.Entry<String, double[]> e : ev.entrySet()) {
        List<Double> l = times.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
        for (int k : s.split().test()) {
          double v = e.getValue()[k];
          if (Double.isFinite(v)) {
            l.add(1000.0 * v);
          }
        }
      }
    }
    List<TaskEvent> out = new ArrayList<>();
    times.forEach((column, l) -> {
      if (l.isEmpty()) {
        return;
      }
      double[] v = l.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      int n = v.length;
      double median = n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
      if (median >= fromMs && median <= toMs) {
        out.add(new TaskEvent(eventName(column), median));
      }
    });
    return out;
  }

  /** {@code "pole_in_time"} -> {@code "pole in"}. */
  static String eventName(String column) {
    String s = column.endsWith("_time") ? column.substring(0, column.length() - 5) : column;
    return s.replace('_', ' ');
  }

  private static float[] dataCounts(TrialSet ts, int[] trials, int[] units, int steps) {
    int k = trials.length;
    int m = units.length;
    float[] out = new float[steps * k * m];
    for (int t = 0; t < steps; t++) {
      for (int a = 0; a < k; a++) {
        int row = (t * k + a) * m;
        for (int j = 0; j < m; j++) {
          out[row + j] = ts.count(t, trials[a], units[j]);
        }
      }
    }
    return out;
  }

  private static List<String> types(TrialSet ts, int[] trials, boolean trialType) {
    List<String> out = new ArrayList<>(trials.length);
    for (int k : trials) {
      out.add(trialType ? ts.trialType(k) : ts.condition(k));
    }
    return out;
  }

  private static float[] behaviour(FitData.Session s, int[] trials, int steps, int nch) {
    int k = trials.length;
    float[] out = new float[steps * k * nch];
    for (int t = 0; t < steps; t++) {
      for (int a = 0; a < k; a++) {
        for (int c = 0; c < nch; c++) {
          out[(t * k + a) * nch + c] = s.normalisedBehaviour(t, trials[a], c);
        }
      }
    }
    return out;
  }

  /** The last path element of a channel's label: "... of acquisition/lick_times/lick_left_times" -> "lick_left_times". */
  static String shortName(String label) {
    String s = label;
    int of = s.lastIndexOf(" of ");
    if (of >= 0) {
      s = s.substring(of + 4);
    }
    int paren = s.indexOf(" (");
    if (paren > 0) {
      s = s.substring(0, paren);
    }
    String[] parts = s.split(" \\+ ");
    List<String> names = new ArrayList<>();
    for (String p : parts) {
      int slash = p.lastIndexOf('/');
      names.add(slash >= 0 ? p.substring(slash + 1) : p);
    }
    return String.join("+", names);
  }
}
