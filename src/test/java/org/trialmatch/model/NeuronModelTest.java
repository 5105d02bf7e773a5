package org.trialmatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NeuronModelTest {
  @Test
  void theThresholdIsRaisedOnlyWhenItIsNotAboveRest() {
    assertEquals(1.0f, NeuronModel.threshold(1.0f, 0.5f), 0f);
    assertEquals(1.0f + NeuronModel.THRESHOLD_NUDGE, NeuronModel.threshold(1.0f, 1.0f), 0f);
    assertEquals(0.2f + NeuronModel.THRESHOLD_NUDGE, NeuronModel.threshold(0.2f, 0.7f), 0f);
    assertTrue(NeuronModel.threshold(0.3f, 0.3f) - 0.3f > 0f);
  }

  @Test
  void constantsFollowEachUnitsCellClass() {
    RsnnConfigBuilder b = SimulatorTest.small(SpikeFunction.BERNOULLI, 5).toBuilder();
    b.tauMemExcMs(20.0);
    b.tauMemInhMs(10.0);
    RsnnConfig c = b.build();
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    NeuronModel m = NeuronModel.of(c, layout);
    float[] leak = m.leak();
    float[] scale = m.inputScale();
    float[] adjoint = m.adjointInputScale();
    int e = 0;
    int i = 0;
    for (int u = 0; u < layout.nUnits(); u++) {
      double tau = layout.isExcitatory(u) ? 20.0 : 10.0;
      double a = Math.exp(-c.dtMs() / tau);
      assertEquals((float) a, leak[u], 0f, "unit " + u);
      assertEquals((float) (1.0 - a), scale[u], 0f, "unit " + u);
      assertEquals(1f - (float) a, adjoint[u], 0f, "unit " + u);
      assertTrue(Math.abs(scale[u] - adjoint[u]) <= Math.ulp(leak[u]), "unit " + u);
      if (layout.isExcitatory(u)) {
        e++;
      } else {
        i++;
      }
    }
    assertTrue(e > 0 && i > 0, e + " E, " + i + " I");
    assertEquals((float) Math.exp(-c.dtMs() / c.tauAdaptMs()), m.adaptationDecay(), 0f);
    assertEquals(Math.exp(-c.dtMs() / c.tauJawMs()), m.behaviourDecay(), 0.0);
    assertEquals(c.refractorySteps(), m.refractorySteps());
    assertEquals((float) c.threshold(), m.threshold(), 0f);
    leak[0] = 99f;
    assertEquals((float) Math.exp(-c.dtMs() / (layout.isExcitatory(0) ? 20.0 : 10.0)), m.leak()[0], 0f);
  }

  @Test
  void aLayoutOfAnotherNetworkIsRefused() {
    RsnnConfig c = SimulatorTest.small(SpikeFunction.BERNOULLI, 5);
    RsnnConfigBuilder other = c.toBuilder();
    other.nUnits(20);
    other.areas(List.of("a1", "a2"));
    NetworkLayout wrong = NetworkLayout.fromSizes(other.build());
    assertThrows(IllegalArgumentException.class, () -> NeuronModel.of(c, wrong));
  }

  @Test
  void aWorkersOwnFailureReachesTheCaller() {
    IllegalArgumentException own = new IllegalArgumentException("bad");
    assertEquals(own, WorkerFailures.unchecked(own));
    assertThrows(AssertionError.class, () -> WorkerFailures.unchecked(new AssertionError("x")));
    RuntimeException wrapped = WorkerFailures.unchecked(new java.io.IOException("io"));
    assertTrue(wrapped instanceof IllegalStateException && wrapped.getCause() instanceof java.io.IOException);
  }
}
