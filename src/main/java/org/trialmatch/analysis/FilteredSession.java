package org.trialmatch.analysis;

import java.util.ArrayList;
import java.util.List;
import org.trialmatch.loss.BoxFilter;

/** One session's three sets of trials, filtered ({@link FilteredTrials}), with the areas of its units. */
final class FilteredSession {
  /** The session's name. */
  final String name;
  /** Area index of each unit. */
  final int[] unitArea;
  /** Units per area. */
  final int[] unitsInArea;
  /** The test data. */
  final FilteredTrials test;
  /** The training data. */
  final FilteredTrials train;
  /** The model trials. */
  final FilteredTrials model;

  private FilteredSession(String name, int[] unitArea, int[] unitsInArea, FilteredTrials test, FilteredTrials train,
      FilteredTrials model) {
    this.name = name;
    this.unitArea = unitArea;
    this.unitsInArea = unitsInArea;
    this.test = test;
    this.train = train;
    this.model = model;
  }

  /**
   * @param in the inputs
   * @param s session index
   * @param f1 the spike filter F1
   * @param f2 the resampling filter F2
   * @param dtS bin width, s
   * @return session {@code s} of {@code in}, filtered
   */
  static FilteredSession of(AnalysisInputs in, int s, BoxFilter f1, BoxFilter f2, double dtS) {
    SessionInputs si = in.sessions().get(s);
    int[] unitArea = in.unitAreaIndexView(s);
    int[] unitsInArea = new int[in.areaNames().size()];
    for (int a : unitArea) {
      unitsInArea[a]++;
    }
    FilteredTrials test = FilteredTrials.of(si.test(), unitArea, unitsInArea, si.testBehaviour().orElse(null),
        si.testTypes(), si.testConditions(), f1, f2, dtS);
    FilteredTrials train = FilteredTrials.of(si.train(), unitArea, unitsInArea, si.trainBehaviour().orElse(null),
        List.of(), si.trainConditions(), f1, f2, dtS);
    FilteredTrials model = FilteredTrials.of(si.model(), unitArea, unitsInArea, si.modelBehaviour().orElse(null),
        si.modelTypes(), si.modelConditions(), f1, f2, dtS);
    return new FilteredSession(si.name(), unitArea, unitsInArea, test, train, model);
  }

  /**
   * @param minUnits the least units an area needs
   * @return the areas with at least {@code minUnits} units in this session, ascending
   */
  List<Integer> eligibleAreas(int minUnits) {
    List<Integer> out = new ArrayList<>();
    for (int a = 0; a < unitsInArea.length; a++) {
      if (unitsInArea[a] >= minUnits) {
        out.add(a);
      }
    }
    return out;
  }
}
