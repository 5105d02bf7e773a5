package org.trialmatch.analysis;

import java.util.ArrayList;
import java.util.List;
import org.trialmatch.data.ConfigException;
import org.trialmatch.loss.BoxFilter;

/**
 * The inputs of an analysis with every session filtered: what each result of {@link Analysis#run} is
 * computed from.
 *
 * @param inputs the inputs as given
 * @param sessions per session, its filtered trials (same order as {@code inputs.sessions()})
 * @param f1 the spike filter F1
 * @param f2 the resampling filter F2
 * @param t1 bins on the F1 time axis (at least 2)
 * @param t2 bins on the F2∘F1 time axis
 */
record FilteredInputs(AnalysisInputs inputs, List<FilteredSession> sessions, BoxFilter f1, BoxFilter f2, int t1,
    int t2) {
  /** Copies the list. */
  FilteredInputs {
    sessions = List.copyOf(sessions);
  }

  /**
   * Builds the filters of {@code cfg} and filters every session.
   *
   * @param in the inputs
   * @param cfg the settings (F1 width, F2 resampling)
   * @return the filtered inputs
   * @throws ConfigException when the window is too short for two F1 bins
   */
  static FilteredInputs of(AnalysisInputs in, AnalysisConfig cfg) {
    double dtMs = in.dtMs();
    double dtS = dtMs / 1000.0;
    BoxFilter f1 = BoxFilter.spikeFilter(dtMs, cfg.f1WidthMs());
    BoxFilter f2 = BoxFilter.resample(cfg.resample());
    int bins = in.sessions().get(0).bins();
    int t1 = bins + 2 * f1.paddingBins() >= f1.kernelBins() ? f1.outputLength(bins) : 0;
    if (t1 < 2) {
      throw new ConfigException("data.stopS", "the window of " + bins + " bins of " + dtMs + " ms gives " + t1
          + " F1 bins (kernel " + f1.kernelBins()
          + "); at least 2 are needed: use a longer window or a narrower f1WidthMs");
    }
    List<FilteredSession> sessions = new ArrayList<>();
    for (int s = 0; s < in.sessions().size(); s++) {
      sessions.add(FilteredSession.of(in, s, f1, f2, dtS));
    }
    return new FilteredInputs(in, sessions, f1, f2, t1, f2.outputLength(t1));
  }

  /** @return number of areas of the run */
  int areas() {
    return inputs.areaNames().size();
  }

  /** @return bin width, s */
  double dtS() {
    return inputs.dtMs() / 1000.0;
  }

  /** @return whether every session shares the same model trials */
  boolean modelTrialsShared() {
    return inputs.modelTrialsShared();
  }

  /**
   * @param areas area indices
   * @return their names, in the same order
   */
  List<String> areaNames(List<Integer> areas) {
    List<String> out = new ArrayList<>();
    for (int a : areas) {
      out.add(inputs.areaNames().get(a));
    }
    return out;
  }
}
