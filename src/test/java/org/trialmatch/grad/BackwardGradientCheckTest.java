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
import org.trialmatch.model.RandomStreams;
import org.trialmatch.model.RsnnConfig;
import org.trialmatch.model.Simulator;
import org.trialmatch.model.SmoothReference;
import org.trialmatch.model.SpikeFunction;
import org.trialmatch.model.Trace;
import org.trialmatch.testing.Tolerances;

/**
 * The production backward pass (float) against central finite differences (double) of the smooth
 * forward pass, for every element of every parameter tensor, over swept tiny shapes, both spike
 * functions and sets of features.
 */
class BackwardGradientCheckTest {

  static Stream<Arguments> sweep() {
    List<Arguments> a = new ArrayList<>();
    for (SpikeFunction sf : SpikeFunction.values()) {
      for (Features f : new Features[] {Features.ALL, Features.NONE}) {
        for (int batch : new int[] {1, 3}) {
          for (int steps : new int[] {1, 3, 8}) {
            for (int n : new int[] {10, 16}) {
              a.add(Arguments.of(sf, f, batch, steps, n));
            }
          }
        }
      }
      a.add(Arguments.of(sf, Features.MIXED, 3, 8, 16));
      a.add(Arguments.of(sf, Features.MIXED, 1, 3, 10));
      a.add(Arguments.of(sf, Features.TWO_CHANNELS, 3, 8, 16));
      a.add(Arguments.of(sf, Features.TWO_CHANNELS, 1, 3, 10));
      // longer than Backward.FLUSH_STEPS: weight-gradient sums flushed from float to double mid-window
      a.add(Arguments.of(sf, Features.ALL, 2, Backward.FLUSH_STEPS + 8, 10));
    }
    return a.stream();
  }

  @ParameterizedTest(name = "{0} {1} batch {2} T {3} N {4}")
  @MethodSource("sweep")
  void productionGradientMatchesFiniteDifferencesOfTheSmoothForward(SpikeFunction sf, Features f, int batch,
      int steps, int n) {
    RsnnConfig c = GradTestNetworks.config(n, steps, sf, f);
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    long seed = 17L * n + 3L * steps + batch;
    Parameters p = GradTestNetworks.params(layout, c, seed);
    Trace tr;
    try (Simulator sim = new Simulator(c, layout, 1)) {
      tr = sim.newTrace(batch, true);
      sim.forward(p, GradTestNetworks.inputs(batch), new RandomStreams(seed + 5), 2, tr);
    }
    SmoothReference ref = SmoothReference.capture(c, layout, tr);
    DoubleParams dp = DoubleParams.of(p);
    ref.fill(dp, tr);
    float[] gz = GradTestNetworks.weights(steps * batch * n, seed + 7);
    float[] gy = GradTestNetworks.weights(steps * batch * c.behaviourChannels(), seed + 8);
    double[] gzD = GradTestNetworks.toDouble(gz);
    double[] gyD = GradTestNetworks.toDouble(gy);

    // default blocks on one thread; tiny blocks with gap bridging on three threads
    Parameters g1 = Parameters.zeros(layout, c);
    try (Backward bw = new Backward(c, layout, batch, 1)) {
      bw.backward(p, tr, gz, gy, g1);
    }
    Parameters g2 = Parameters.zeros(layout, c);
    try (Backward bw = new Backward(c, layout, batch, 3, 3, 2)) {
      bw.backward(p, tr, gz, gy, g2);
    }
    String label = sf + " " + f + " batch " + batch + " T " + steps + " N " + n;
    double largest = GradientCheck.assertMatches(label + " (default blocks)", ref, dp, gzD, gyD, g1,
        Tolerances.GRADIENT_RTOL, Tolerances.GRADIENT_ATOL);
    GradientCheck.assertMatches(label + " (blocks of 3)", ref, dp, gzD, gyD, g2, Tolerances.GRADIENT_RTOL,
        Tolerances.GRADIENT_ATOL);
    assertTrue(largest > 100 * Tolerances.GRADIENT_ATOL,
        label + ": every finite difference is ~0 (largest " + largest + "), the check would be vacuous");
  }
}
