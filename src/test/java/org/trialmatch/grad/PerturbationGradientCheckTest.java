package org.trialmatch.grad;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.trialmatch.grad.GradTestNetworks.Features;
import org.trialmatch.model.DoubleParams;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.model.Parameters;
import org.trialmatch.model.PerturbationKind;
import org.trialmatch.model.PerturbationSpec;
import org.trialmatch.model.RandomStreams;
import org.trialmatch.model.RsnnConfig;
import org.trialmatch.model.Simulator;
import org.trialmatch.model.SmoothReference;
import org.trialmatch.model.SpikeFunction;
import org.trialmatch.model.Trace;
import org.trialmatch.model.TrialInputs;
import org.trialmatch.testing.Tolerances;

/**
 * The backward pass with each kind of perturbation on, against central finite differences of the
 * smooth forward pass with the same perturbation; and the perturbation must change the gradient, so
 * the check is about it.
 */
class PerturbationGradientCheckTest {

  static Stream<Arguments> kinds() {
    List<Arguments> a = new ArrayList<>();
    for (SpikeFunction sf : SpikeFunction.values()) {
      for (PerturbationKind k : PerturbationKind.values()) {
        a.add(Arguments.of(sf, k, Features.ALL, 3, 8, 16));
        a.add(Arguments.of(sf, k, Features.NONE, 2, 8, 10));
      }
    }
    return a.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} batch {3} T {4} N {5}")
  @MethodSource("kinds")
  void gradientWithAPerturbationMatchesFiniteDifferences(SpikeFunction sf, PerturbationKind kind, Features f,
      int batch, int steps, int n) {
    RsnnConfig c = GradTestNetworks.config(n, steps, sf, f);
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    long seed = 31L * n + steps + batch + kind.ordinal();
    Parameters p = GradTestNetworks.params(layout, c, seed);
    TrialInputs plain = GradTestNetworks.inputs(batch);
    // the window covers steps 2..6 of the 8 (relative to the alignment event at step 2)
    PerturbationSpec spec = new PerturbationSpec("test", kind, "a1", kind.defaultCells(),
        new PerturbationSpec.Anchor(PerturbationSpec.ALIGN, 0), new PerturbationSpec.Anchor(PerturbationSpec.ALIGN,
        4 * c.dtMs()));
    TrialInputs in = plain.withPerturbation(spec.build(c, layout, plain, List.of(), 0.7));
    assertTrue(!in.perturbation().isEmpty());

    float[] gz = GradTestNetworks.weights(steps * batch * n, seed + 7);
    float[] gy = GradTestNetworks.weights(steps * batch * c.behaviourChannels(), seed + 8);
    Parameters g = Parameters.zeros(layout, c);
    Trace tr;
    try (Simulator sim = new Simulator(c, layout, 1)) {
      tr = sim.newTrace(batch, true);
      sim.forward(p, in, new RandomStreams(seed + 5), 2, tr);
    }
    SmoothReference ref = SmoothReference.capture(c, layout, tr);
    DoubleParams dp = DoubleParams.of(p);
    ref.fill(dp, tr);
    try (Backward bw = new Backward(c, layout, batch, 1)) {
      bw.backward(p, tr, gz, gy, g);
    }
    String label = sf + " " + kind + " " + f + " batch " + batch + " T " + steps + " N " + n;
    double largest = GradientCheck.assertMatches(label, ref, dp, GradTestNetworks.toDouble(gz),
        GradTestNetworks.toDouble(gy), g, Tolerances.GRADIENT_RTOL, Tolerances.GRADIENT_ATOL);
    assertTrue(largest > 100 * Tolerances.GRADIENT_ATOL, label + ": every finite difference is ~0");

    // the same draws without the perturbation give another gradient
    Parameters g0 = Parameters.zeros(layout, c);
    try (Simulator sim = new Simulator(c, layout, 1)) {
      Trace t0 = sim.newTrace(batch, true);
      sim.forward(p, plain, new RandomStreams(seed + 5), 2, t0);
      SmoothReference r0 = SmoothReference.capture(c, layout, t0);
      r0.fill(dp, t0);
      try (Backward bw = new Backward(c, layout, batch, 1)) {
        bw.backward(p, t0, gz, gy, g0);
      }
    }
    double diff = 0;
    double size = 0;
    List<float[]> ta = tensors(g);
    List<float[]> tb = tensors(g0);
    for (int q = 0; q < ta.size(); q++) {
      for (int k = 0; k < ta.get(q).length; k++) {
        diff += Math.abs(ta.get(q)[k] - tb.get(q)[k]);
        size += Math.abs(ta.get(q)[k]);
      }
    }
    assertTrue(diff > 1e-3 * size, label + ": the perturbation did not change the gradient (|Δ| " + diff
        + " of " + size + ")");
  }

  private static List<float[]> tensors(Parameters p) {
    List<float[]> l = new ArrayList<>();
    for (int g = 0; g < p.groups(); g++) {
      l.add(p.recurrent(g));
    }
    l.addAll(List.of(p.input(), p.rest(), p.adaptation(), p.jawWeights(), p.jawBias()));
    return l;
  }
}
