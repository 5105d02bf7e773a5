package org.trialmatch.data;

import java.util.ArrayList;
import java.util.List;

/**
 * How many trials each exclusion rule removed. Rules are applied in this order and a trial is
 * counted under the first rule it fails.
 *
 * @param rows rows of the interval table
 * @param perturbed the trial was perturbed (see {@link Perturbations}) and perturbed trials are not kept
 * @param nanAlignment alignment event is NaN
 * @param outcomeNotMapped outcome (or condition) value not in the configured mapping, or missing
 * @param outsideRecording window not inside {@code [first spike, end of recording]}
 * @param nanBehaviour the behaviour trace has NaN (or no samples) inside the window
 * @param kept trials kept
 */
public record Exclusions(
    int rows, int perturbed, int nanAlignment, int outcomeNotMapped, int outsideRecording, int nanBehaviour, int kept) {
  /** Checks that the counts add up. */
  public Exclusions {
    if (perturbed + nanAlignment + outcomeNotMapped + outsideRecording + nanBehaviour + kept != rows) {
      throw new IllegalArgumentException("exclusion counts do not add up to " + rows + " rows");
    }
  }

  /** @return one line per rule that removed trials, then the number kept */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    if (perturbed > 0) {
      out.add(perturbed + " trials excluded: perturbed (data.includePerturbed keeps them)");
    }
    if (nanAlignment > 0) {
      out.add(nanAlignment + " trials excluded: alignment event is NaN");
    }
    if (outcomeNotMapped > 0) {
      out.add(outcomeNotMapped + " trials excluded: condition or outcome not mapped");
    }
    if (outsideRecording > 0) {
      out.add(outsideRecording + " trials excluded: window outside the recording");
    }
    if (nanBehaviour > 0) {
      out.add(nanBehaviour + " trials excluded: behaviour is NaN or missing in the window");
    }
    out.add(kept + " of " + rows + " trials kept");
    return out;
  }
}
