package org.trialmatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The refractory gate of ordinary traces, smooth traces, and the smooth reference's conventions. */
class SmoothTraceTest {

  @ParameterizedTest
  @EnumSource(SpikeFunction.class)
  void gateSmoothTracesAndTheSmoothReferenceFirstStep(SpikeFunction sf) {
    RsnnConfig c = SimulatorTest.small(sf, 12);
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    Parameters p = sf == SpikeFunction.BERNOULLI ? SimulatorTest.active(layout, c, 3, 0.3, 0.4)
        : SimulatorTest.active(layout, c, 3, 0.6, 1.2);
    int batch = 3;
    int n = layout.nUnits();
    TrialInputs in = SimulatorTest.perTrialOnsets(batch);
    try (Simulator sim = new Simulator(c, layout, 1)) {
      Trace tr = sim.newTrace(batch, true);
      sim.forward(p, in, new RandomStreams(4), 1, tr);
      assertFalse(tr.isSmooth());
      assertNull(tr.spikeValues(0));
      // the gate of an ordinary trace is "not refractory"
      float[] gate = new float[n];
      int refractory = 0;
      for (int b = 0; b < batch; b++) {
        for (int t = 0; t < c.steps(); t++) {
          tr.gate(t, b, gate);
          for (int i = 0; i < n; i++) {
            assertEquals(tr.isRefractory(t, b, i) ? 0f : 1f, gate[i], "gate of unit " + i + " at " + t);
            refractory += gate[i] == 0f ? 1 : 0;
          }
        }
      }
      assertTrue(refractory > 0, "some units must be refractory for the test to mean something");
      float[] u0 = tr.voltage(0).clone();

      SmoothReference ref = SmoothReference.capture(c, layout, tr);
      assertEquals(refractory, ref.refractoryCount());
      ref.fill(DoubleParams.of(p), tr);
      assertTrue(tr.isSmooth());
      // the first window step depends only on the fixed initial state and the frozen draws: the smooth
      // reference's voltage there is the simulator's
      for (int k = 0; k < batch * n; k++) {
        assertEquals(u0[k], tr.voltage(0)[k], 1e-5, "u_0 of element " + k);
      }
      float[] z = new float[n];
      int realValued = 0;
      for (int b = 0; b < batch; b++) {
        for (int t = 0; t < c.steps(); t++) {
          tr.gate(t, b, gate);
          tr.spikes(t, b, z);
          for (int i = 0; i < n; i++) {
            assertEquals(tr.isRefractory(t, b, i) ? 0f : 1f, gate[i]);
            if (gate[i] == 0f) {
              assertEquals(0f, z[i], "a frozen-refractory unit's smooth spike is 0");
            }
            realValued += z[i] > 0f && z[i] < 1f ? 1 : 0;
          }
        }
        // pre-run spikes stay binary
        tr.spikes(-1, b, z);
        for (int i = 0; i < n; i++) {
          assertTrue(z[i] == 0f || z[i] == 1f);
        }
      }
      assertTrue(realValued > 0);
      // a forward pass makes the trace ordinary again
      sim.forward(p, in, new RandomStreams(4), 1, tr);
      assertFalse(tr.isSmooth());
      assertEquals(u0[5], tr.voltage(0)[5]);
    }
  }
}
