package org.trialmatch.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.trialmatch.model.Parameters;

/**
 * A named, live view of one parameter array (the optimiser and checkpoints write into it).
 *
 * @param name stable name used in checkpoints, e.g. {@code recurrent0}, {@code input}
 * @param values the live array
 */
public record NamedTensor(String name, float[] values) {
  /** Checks the fields. */
  public NamedTensor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(values, "values");
  }

  /**
   * Every parameter array in a fixed order: recurrent groups, input, rest, adaptation, jaw weights,
   * jaw bias, latent W0, b0, W1. Empty arrays (absent features) are listed too, so two parameter
   * sets of one configuration always list the same names and lengths.
   *
   * @param p the parameters
   * @return their arrays, live
   */
  public static List<NamedTensor> of(Parameters p) {
    List<NamedTensor> out = new ArrayList<>();
    for (int g = 0; g < p.groups(); g++) {
      out.add(new NamedTensor("recurrent" + g, p.recurrent(g)));
    }
    out.add(new NamedTensor("input", p.input()));
    out.add(new NamedTensor("rest", p.rest()));
    out.add(new NamedTensor("adaptation", p.adaptation()));
    out.add(new NamedTensor("jawWeights", p.jawWeights()));
    out.add(new NamedTensor("jawBias", p.jawBias()));
    out.add(new NamedTensor("latentW0", p.latentW0()));
    out.add(new NamedTensor("latentB0", p.latentB0()));
    out.add(new NamedTensor("latentW1", p.latentW1()));
    return out;
  }
}
