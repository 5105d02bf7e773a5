package org.trialmatch.grad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialmatch.model.DoubleParams;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.model.Parameters;
import org.trialmatch.model.RandomStreams;
import org.trialmatch.model.RsnnConfig;
import org.trialmatch.model.RsnnConfigBuilder;
import org.trialmatch.model.Simulator;
import org.trialmatch.model.Trace;
import org.trialmatch.model.TrialInputs;

/** The backward pass on ordinary (discrete) traces: thread-count invariance, reuse, argument checks. */
class BackwardTest {

  /** A mid-sized network: three areas, two of them motor, adaptation, latent offsets, two delay groups. */
  private static RsnnConfig config() {
    RsnnConfigBuilder o = RsnnConfig.paper().toBuilder();
    o.nUnits(90);
    o.areas(List.of("a1", "a2", "a3"));
    o.motorAreas(List.of("a2", "a3"));
    o.nInputs(30);
    o.steps(40);
    o.preSteps(20);
    o.windowStartMs(-20.0);
    o.stimOnsetsMs(List.of(0.0, 40.0));
    o.inputRateHz(40.0);
    o.adaptiveFraction(0.3);
    o.latentOffset(true);
    return o.build();
  }

  private static Parameters gradient(RsnnConfig c, NetworkLayout layout, Parameters p, Trace tr, float[] dz,
      float[] dy, int threads) {
    Parameters g = Parameters.zeros(layout, c);
    try (Backward bw = new Backward(c, layout, tr.batch(), threads)) {
      bw.backward(p, tr, dz, dy, g);
    }
    return g;
  }

  private static void assertSame(Parameters expected, Parameters actual, String label) {
    for (String name : DoubleParams.of(expected).names()) {
      assertArrayEquals(DoubleParams.tensor(expected, name), DoubleParams.tensor(actual, name),
          label + ": tensor " + name);
    }
  }

  @Test
  void resultsAreIdenticalForAnyThreadCountAndOnReuse() {
    RsnnConfig c = config();
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    Parameters p = Parameters.initialise(layout, c, new RandomStreams(5));
    int batch = 7;
    float[] stim = new float[batch];
    for (int b = 0; b < batch; b++) {
      stim[b] = b % 2;
    }
    Trace tr;
    try (Simulator sim = new Simulator(c, layout, 2)) {
      tr = sim.newTrace(batch, true);
      sim.forward(p, TrialInputs.fixedOnsets(c, stim), new RandomStreams(9), 4, tr);
    }
    assertTrue(tr.windowSpikes() > 100, "the network must spike for the test to mean something");
    float[] dz = GradTestNetworks.weights(c.steps() * batch * c.nUnits(), 21);
    float[] dy = GradTestNetworks.weights(c.steps() * batch, 22);
    Parameters g1 = gradient(c, layout, p, tr, dz, dy, 1);
    Parameters g2 = gradient(c, layout, p, tr, dz, dy, 2);
    Parameters g3 = gradient(c, layout, p, tr, dz, dy, 3);
    assertSame(g1, g2, "1 vs 2 threads");
    assertSame(g1, g3, "1 vs 3 threads");
    // reuse: a second call on the same instance gives the same gradients (workspaces are cleared)
    Parameters again = Parameters.zeros(layout, c);
    Parameters first = Parameters.zeros(layout, c);
    try (Backward bw = new Backward(c, layout, batch, 2)) {
      bw.backward(p, tr, dz, dy, first);
      bw.backward(p, tr, dz, dy, again);
    }
    assertSame(first, again, "second call");
    assertSame(g1, first, "fresh instance");
    // every tensor got a gradient
    for (String name : DoubleParams.of(g1).names()) {
      float[] t = DoubleParams.tensor(g1, name);
      double max = 0;
      for (float x : t) {
        max = Math.max(max, Math.abs(x));
      }
      assertTrue(max > 0, "tensor " + name + " has an all-zero gradient");
    }
  }

  @Test
  void forbiddenSynapsesGetNoGradientAndNoJawMeansNoJawGradient() {
    RsnnConfig c = config().toBuilder().motorAreas(List.of()).build();
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    Parameters p = Parameters.initialise(layout, c, new RandomStreams(6));
    Trace tr;
    try (Simulator sim = new Simulator(c, layout, 1)) {
      tr = sim.newTrace(3, true);
      sim.forward(p, TrialInputs.constant(c, 3, 1f), new RandomStreams(3), 0, tr);
    }
    float[] dz = GradTestNetworks.weights(c.steps() * 3 * c.nUnits(), 5);
    Parameters g = gradient(c, layout, p, tr, dz, null, 2);
    int n = c.nUnits();
    int nonZero = 0;
    for (int gi = 0; gi < g.groups(); gi++) {
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) {
          float v = g.recurrent(gi)[j * n + i];
          if (!layout.allowed(i, j)) {
            assertEquals(0f, v, "forbidden synapse " + j + " -> " + i);
          } else if (v != 0f) {
            nonZero++;
          }
        }
      }
    }
    assertTrue(nonZero > 0);
    assertEquals(0f, g.jawBias()[0]);
    assertEquals(0, g.jawWeights().length);
  }

  /** Bytes the calling thread allocates in a second backward pass (the first sizes lazy buffers). */
  private static long allocatedBySecondCall(int steps) {
    RsnnConfig c = config().toBuilder().steps(steps).build();
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    Parameters p = Parameters.initialise(layout, c, new RandomStreams(8));
    int batch = 3;
    Trace tr;
    try (Simulator sim = new Simulator(c, layout, 1)) {
      tr = sim.newTrace(batch, true);
      sim.forward(p, TrialInputs.constant(c, batch, 1f), new RandomStreams(2), 0, tr);
    }
    float[] dz = GradTestNetworks.weights(steps * batch * c.nUnits(), 3);
    float[] dy = GradTestNetworks.weights(steps * batch, 4);
    Parameters g = Parameters.zeros(layout, c);
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    try (Backward bw = new Backward(c, layout, batch, 1)) {
      bw.backward(p, tr, dz, dy, g);
      long before = mx.getThreadAllocatedBytes(id);
      bw.backward(p, tr, dz, dy, g);
      return mx.getThreadAllocatedBytes(id) - before;
    }
  }

  @Test
  void theTimeLoopAllocatesNothing() {
    // one thread: the whole pass runs on the calling thread, whose allocations the JVM counts; what
    // a call allocates outside the loop does not depend on T, so 10x more steps must cost no more
    long shortRun = allocatedBySecondCall(20);
    long longRun = allocatedBySecondCall(200);
    assertTrue(longRun - shortRun < 1024, "180 more steps allocated " + (longRun - shortRun) + " bytes ("
        + shortRun + " for 20 steps, " + longRun + " for 200)");
  }

  @Test
  void badArgumentsAreRejected() {
    RsnnConfig c = config();
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    Parameters p = Parameters.initialise(layout, c, new RandomStreams(5));
    Parameters g = Parameters.zeros(layout, c);
    int n = c.nUnits();
    try (Simulator sim = new Simulator(c, layout, 1); Backward bw = new Backward(c, layout, 2, 1)) {
      Trace noVoltages = sim.newTrace(2, false);
      sim.forward(p, TrialInputs.constant(c, 2, 0f), new RandomStreams(1), 0, noVoltages);
      float[] dz = new float[c.steps() * 2 * n];
      assertThrows(IllegalArgumentException.class, () -> bw.backward(p, noVoltages, dz, null, g));
      Trace three = sim.newTrace(3, true);
      assertThrows(IllegalArgumentException.class, () -> bw.backward(p, three, dz, null, g));
      Trace ok = sim.newTrace(2, true);
      sim.forward(p, TrialInputs.constant(c, 2, 0f), new RandomStreams(1), 0, ok);
      assertThrows(IllegalArgumentException.class, () -> bw.backward(p, ok, new float[5], null, g));
      assertThrows(IllegalArgumentException.class, () -> bw.backward(p, ok, dz, new float[3], g));
      assertThrows(IllegalArgumentException.class, () -> bw.backward(p, ok, dz, null, p));
    }
    assertThrows(IllegalArgumentException.class, () -> new Backward(c, layout, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new Backward(c, layout, 1, 0));
  }
}
