package org.trialmatch.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class SimulatorTest {

  /** A small network with every feature on: two areas, E and I, jaw, adaptation, latent offsets. */
  static RsnnConfig small(SpikeFunction sf, int steps) {
    RsnnConfigBuilder o = RsnnConfig.paper().toBuilder();
    o.nUnits(16);
    o.areas(List.of("a1", "a2"));
    o.motorAreas(List.of("a2"));
    o.pExc(0.75);
    o.nInputs(8);
    o.stimInputFraction(0.5);
    o.inputRateHz(50.0);
    o.steps(steps);
    o.preSteps(12);
    o.windowStartMs(-20.0);
    o.stimOnsetsMs(List.of(0.0, 20.0));
    o.adaptiveFraction(0.5);
    o.adaptationStrength(0.5);
    o.tauAdaptMs(40.0);
    o.latentOffset(true);
    o.latentDim(3);
    o.spikeFunction(sf);
    o.delaysMs(List.of(2.0, 4.0));
    return o.build();
  }

  /** Initialised parameters made active: every allowed synapse (inter-area ones too) is non-zero. */
  static Parameters active(NetworkLayout layout, RsnnConfig c, long seed, double recScale, double inScale) {
    Parameters p = Parameters.initialise(layout, c, new RandomStreams(seed));
    RandomStreams.Sequence r = new RandomStreams(seed + 1).sequence(RandomStreams.Stream.INIT, 7);
    int n = layout.nUnits();
    for (int g = 0; g < p.groups(); g++) {
      float[] w = p.recurrent(g);
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) {
          w[j * n + i] = layout.allowed(i, j) ? (float) (r.nextDouble() * recScale) : 0f;
        }
      }
    }
    for (int k = 0; k < p.input().length; k++) {
      p.input()[k] = (float) (r.nextDouble() * inScale);
    }
    for (int i = 0; i < n; i++) {
      p.rest()[i] = (float) ((r.nextDouble() - 0.5) * 0.06);
    }
    return p;
  }

  static TrialInputs perTrialOnsets(int batch) {
    float[] stim = new float[batch];
    int[][] on = new int[batch][2];
    for (int b = 0; b < batch; b++) {
      stim[b] = b % 3;
      on[b][0] = 4 + 3 * b;
      on[b][1] = 18 + 2 * b;
    }
    return TrialInputs.of(stim, on);
  }

  @ParameterizedTest
  @EnumSource(SpikeFunction.class)
  void eventDrivenForwardEqualsDenseDoubleForward(SpikeFunction sf) {
    compareWithDense(small(sf, 40), sf);
  }

  @ParameterizedTest
  @EnumSource(SpikeFunction.class)
  void instructionBlocksAndPerOnsetDurationsEqualTheDenseForward(SpikeFunction sf) {
    // two instruction blocks (stimulus 1 and 2; stimulus 0 drives neither), a 30-ms first onset, a 6-ms second
    RsnnConfig c = small(sf, 40).toBuilder().nInputs(12).stimBlocks(2).stimDurationsMs(List.of(30.0, 6.0)).build();
    assertEquals(2, c.stimInputsPerOnset());
    assertEquals(3, c.inputBlocks());
    assertEquals(15, c.stimDurationSteps(0));
    assertEquals(3, c.stimDurationSteps(1));
    compareWithDense(c, sf);
  }

  @Test
  void eachInstructionBlockFiresOnlyForItsStimulusValue() {
    RsnnConfig c = small(SpikeFunction.BERNOULLI, 60).toBuilder().nInputs(40).stimInputFraction(0.6)
        .stimBlocks(2).stimDurationsMs(List.of(60.0, 4.0)).inputRateHz(20.0).stimValence(20.0).build();
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    Parameters p = Parameters.initialise(layout, c, new RandomStreams(3));
    int batch = 60;
    float[] stim = new float[batch];
    for (int b = 0; b < batch; b++) {
      stim[b] = b % 3;
    }
    TrialInputs in = TrialInputs.fixedOnsets(c, stim);
    Trace tr;
    try (Simulator sim = new Simulator(c, layout, 1)) {
      tr = sim.newTrace(batch, true);
      sim.forward(p, in, new RandomStreams(5), 0, tr);
    }
    int per = c.stimInputsPerOnset(); // 8: blocks [0, 8) for stimulus 1, [8, 16) for 2, [16, 24) the second onset
    int start = c.onsetStep(0.0) + c.thalamicDelaySteps();
    long[][] count = new long[3][2];
    for (int b = 0; b < batch; b++) {
      for (int t = start; t < start + c.stimDurationSteps(0); t++) {
        for (int k = tr.inputStart(t, b); k < tr.inputStart(t, b) + tr.inputCount(t, b); k++) {
          int unit = tr.inputIndices(b)[k];
          if (unit < 2 * per) {
            count[(int) stim[b]][unit / per]++;
          }
        }
      }
    }
    // 20 trials x 30 steps x 8 inputs at p0 = 0.04: about 190 spikes at background, 21 times that when driven
    for (int s = 0; s < 3; s++) {
      for (int block = 0; block < 2; block++) {
        boolean driven = s == block + 1;
        long n = count[s][block];
        assertTrue(driven ? n > 2000 : n < 400, "stimulus " + s + ", block " + block + ": " + n + " input spikes");
      }
    }
  }

  private static void compareWithDense(RsnnConfig c, SpikeFunction sf) {
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    assertTrue(layout.nAdaptive() > 0 && layout.nMotor() > 0 && layout.nExc() < layout.nUnits());
    Parameters p = sf == SpikeFunction.BERNOULLI ? active(layout, c, 3, 0.3, 0.4) : active(layout, c, 3, 0.6, 1.2);
    int batch = 3;
    TrialInputs in = perTrialOnsets(batch);
    RandomStreams rng = new RandomStreams(11);
    long draw = 5;
    Trace tr;
    try (Simulator sim = new Simulator(c, layout, 2)) {
      tr = sim.newTrace(batch, true);
      sim.forward(p, in, rng, draw, tr);
    }
    DenseReferenceForward ref = new DenseReferenceForward(c, layout, p, in, rng, draw);
    int n = layout.nUnits();
    int h = tr.history();
    assertEquals(ref.history, h);
    float[] z = new float[n];
    long spikes = 0;
    long inputSpikes = 0;
    double worstV = 0;
    for (int b = 0; b < batch; b++) {
      for (int t = -h; t < c.steps(); t++) {
        tr.spikes(t, b, z);
        for (int i = 0; i < n; i++) {
          assertEquals(ref.spikes[b][t + h][i], z[i], "spike of unit " + i + " at step " + t + " of trial " + b);
        }
        if (t < 0) {
          continue;
        }
        spikes += tr.spikeCount(t, b);
        for (int i = 0; i < n; i++) {
          double d = Math.abs(ref.voltage[b][t][i] - tr.voltage(t)[b * n + i]);
          worstV = Math.max(worstV, d);
        }
        double[] e = new double[c.nInputs()];
        for (int k = tr.inputStart(t, b); k < tr.inputStart(t, b) + tr.inputCount(t, b); k++) {
          e[tr.inputIndices(b)[k]] = 1;
        }
        assertArrayEquals(ref.inputs[b][t], e, "input spikes at step " + t + " of trial " + b);
        inputSpikes += tr.inputCount(t, b);
        for (int ch = 0; ch < c.behaviourChannels(); ch++) {
          assertEquals(ref.jaw[b][t][ch], tr.jaw(t, b, ch), 1e-5 * (1 + Math.abs(ref.jaw[b][t][ch])),
              "jaw channel " + ch + " at " + t);
        }
      }
      for (int i = 0; i < n; i++) {
        assertEquals(ref.offset[b][i], tr.offset(b, i), 1e-6, "offset");
        assertEquals(ref.initialVoltage[b][i], tr.initialVoltage(b, i), 1e-5, "initial voltage");
      }
    }
    assertTrue(worstV < 1e-5, "worst voltage difference " + worstV);
    // the comparison must be about an active network
    double perUnitStep = spikes / (double) (batch * n * c.steps());
    assertTrue(perUnitStep > 0.03 && perUnitStep < 0.5, "spikes per unit-step " + perUnitStep);
    assertTrue(inputSpikes > 50, "input spikes " + inputSpikes);
    boolean jawMoves = false;
    for (int t = 0; t < c.steps(); t++) {
      jawMoves |= Math.abs(ref.jaw[0][t][0]) > 1e-3;
    }
    assertTrue(jawMoves, "jaw never moved");
  }

  @Test
  void stronglyDrivenUnitsStillMatchTheDenseForward() {
    // inputs far above threshold: h up to ~10, temperature·h far outside the bound's usual range
    RsnnConfig c = small(SpikeFunction.BERNOULLI, 30);
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    Parameters p = active(layout, c, 12, 0.3, 40.0);
    TrialInputs in = perTrialOnsets(2);
    RandomStreams rng = new RandomStreams(21);
    Trace tr;
    try (Simulator sim = new Simulator(c, layout, 1)) {
      tr = sim.newTrace(2, true);
      sim.forward(p, in, rng, 0, tr);
    }
    DenseReferenceForward ref = new DenseReferenceForward(c, layout, p, in, rng, 0);
    float[] z = new float[c.nUnits()];
    double maxH = 0;
    long spikes = 0;
    for (int b = 0; b < 2; b++) {
      for (int t = 0; t < c.steps(); t++) {
        tr.spikes(t, b, z);
        for (int i = 0; i < c.nUnits(); i++) {
          assertEquals(ref.spikes[b][t + tr.history()][i], z[i], "unit " + i + " step " + t);
          maxH = Math.max(maxH, (ref.voltage[b][t][i] - c.threshold()) / c.threshold());
          spikes += (long) z[i];
        }
      }
    }
    assertTrue(maxH > 7, "drive not strong enough, max h " + maxH);
    assertTrue(spikes > 2 * c.nUnits() * c.steps() / 4, "saturated units fire every third step, spikes " + spikes);
  }

  @Test
  void resultsDoNotDependOnThreadCount() {
    RsnnConfig c = small(SpikeFunction.BERNOULLI, 30);
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    Parameters p = active(layout, c, 4, 0.3, 0.4);
    int batch = 11;
    TrialInputs in = perTrialOnsets(batch);
    RandomStreams rng = new RandomStreams(2);
    Trace[] traces = new Trace[3];
    int[] threads = {1, 2, 3};
    for (int k = 0; k < 3; k++) {
      try (Simulator sim = new Simulator(c, layout, threads[k])) {
        traces[k] = sim.newTrace(batch, true);
        sim.forward(p, in, rng, 9, traces[k]);
      }
    }
    for (int k = 1; k < 3; k++) {
      for (int t = 0; t < c.steps(); t++) {
        assertArrayEquals(traces[0].voltage(t), traces[k].voltage(t), "voltages, threads " + threads[k]);
        for (int b = 0; b < batch; b++) {
          for (int ch = 0; ch < c.behaviourChannels(); ch++) {
            assertEquals(traces[0].jaw(t, b, ch), traces[k].jaw(t, b, ch));
          }
        }
      }
      for (int b = 0; b < batch; b++) {
        for (int t = -traces[0].history(); t < c.steps(); t++) {
          assertEquals(traces[0].spikeCount(t, b), traces[k].spikeCount(t, b));
        }
        int total = traces[0].spikeStart(c.steps() - 1, b) + traces[0].spikeCount(c.steps() - 1, b);
        for (int q = 0; q < total; q++) {
          assertEquals(traces[0].spikeIndices(b)[q], traces[k].spikeIndices(b)[q]);
        }
      }
    }
    assertTrue(traces[0].windowSpikes() > 0);
  }

  @Test
  void refractoryUnitsDoNotSpikeAndTraceReportsIt() {
    RsnnConfig c = small(SpikeFunction.DETERMINISTIC, 40);
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    Parameters p = active(layout, c, 5, 0.6, 1.5);
    try (Simulator sim = new Simulator(c, layout, 1)) {
      Trace tr = sim.newTrace(2, false);
      sim.forward(p, perTrialOnsets(2), new RandomStreams(1), 0, tr);
      int nRef = c.refractorySteps();
      assertEquals(2, nRef);
      float[] z = new float[c.nUnits()];
      float[] prev1 = new float[c.nUnits()];
      float[] prev2 = new float[c.nUnits()];
      int refractorySeen = 0;
      for (int b = 0; b < 2; b++) {
        for (int t = 0; t < c.steps(); t++) {
          tr.spikes(t, b, z);
          tr.spikes(t - 1, b, prev1);
          tr.spikes(t - 2, b, prev2);
          for (int i = 0; i < c.nUnits(); i++) {
            boolean refr = prev1[i] + prev2[i] > 0;
            assertEquals(refr, tr.isRefractory(t, b, i));
            if (refr) {
              refractorySeen++;
              assertEquals(0f, z[i], "unit " + i + " spiked while refractory at " + t);
            }
          }
        }
      }
      assertTrue(refractorySeen > 20, "refractory steps seen " + refractorySeen);
      assertThrows(IllegalStateException.class, () -> tr.voltage(0));
    }
  }

  @Test
  void forbiddenSynapsesAreIgnored() {
    RsnnConfig c = small(SpikeFunction.BERNOULLI, 25);
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    Parameters clean = active(layout, c, 6, 0.3, 0.4);
    Parameters dirty = clean.copy();
    int n = layout.nUnits();
    int forbidden = 0;
    for (int g = 0; g < dirty.groups(); g++) {
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) {
          if (!layout.allowed(i, j)) {
            dirty.recurrent(g)[j * n + i] = 5f;
            forbidden++;
          }
        }
      }
    }
    assertTrue(forbidden > n);
    TrialInputs in = perTrialOnsets(2);
    try (Simulator sim = new Simulator(c, layout, 1)) {
      Trace a = sim.newTrace(2, true);
      Trace b = sim.newTrace(2, true);
      sim.forward(clean, in, new RandomStreams(3), 1, a);
      sim.forward(dirty, in, new RandomStreams(3), 1, b);
      for (int t = 0; t < c.steps(); t++) {
        assertArrayEquals(a.voltage(t), b.voltage(t));
      }
    }
  }

  @Test
  void noiseCanBeRegeneratedAndDiffersBetweenDraws() {
    RsnnConfig c = small(SpikeFunction.BERNOULLI, 10);
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    Parameters p = active(layout, c, 8, 0.3, 0.4);
    try (Simulator sim = new Simulator(c, layout, 1)) {
      Trace tr = sim.newTrace(2, true);
      sim.forward(p, perTrialOnsets(2), new RandomStreams(4), 1, tr);
      float[] x1 = new float[c.nUnits()];
      float[] x2 = new float[c.nUnits()];
      RandomStreams.NormalFiller f = new RandomStreams.NormalFiller();
      tr.noise(3, 1, f, x1, 0);
      tr.noise(3, 1, f, x2, 0);
      assertArrayEquals(x1, x2);
      tr.noise(4, 1, f, x2, 0);
      assertFalse(java.util.Arrays.equals(x1, x2));
      float[] v1 = tr.voltage(5).clone();
      sim.forward(p, perTrialOnsets(2), new RandomStreams(4), 2, tr);
      assertFalse(java.util.Arrays.equals(v1, tr.voltage(5)), "another draw must give other noise");
    }
  }

  @Test
  void shapeMismatchesAreRejected() {
    RsnnConfig c = small(SpikeFunction.BERNOULLI, 10);
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    Parameters p = active(layout, c, 8, 0.3, 0.4);
    try (Simulator sim = new Simulator(c, layout, 1)) {
      Trace tr = sim.newTrace(3, false);
      assertThrows(IllegalArgumentException.class,
          () -> sim.forward(p, perTrialOnsets(2), new RandomStreams(1), 0, tr));
      TrialInputs oneOnset = TrialInputs.of(new float[3], new int[3][1]);
      assertThrows(IllegalArgumentException.class, () -> sim.forward(p, oneOnset, new RandomStreams(1), 0, tr));
    }
  }

  @Test
  void eachReadoutChannelIsItsOwnIntegratorOfTheSameSpikes() {
    RsnnConfig one = small(SpikeFunction.BERNOULLI, 40);
    RsnnConfig two = one.withBehaviourChannels(2);
    NetworkLayout layout = NetworkLayout.fromSizes(one);
    Parameters p1 = active(layout, one, 11, 0.3, 0.6);
    Parameters p2 = Parameters.zeros(layout, two);
    // copy every tensor; channel 0 gets the one-channel readout, channel 1 its negated weights and bias 0.5
    for (int g = 0; g < p1.groups(); g++) {
      System.arraycopy(p1.recurrent(g), 0, p2.recurrent(g), 0, p1.recurrent(g).length);
    }
    System.arraycopy(p1.input(), 0, p2.input(), 0, p1.input().length);
    System.arraycopy(p1.rest(), 0, p2.rest(), 0, p1.rest().length);
    System.arraycopy(p1.adaptation(), 0, p2.adaptation(), 0, p1.adaptation().length);
    System.arraycopy(p1.latentW0(), 0, p2.latentW0(), 0, p1.latentW0().length);
    System.arraycopy(p1.latentB0(), 0, p2.latentB0(), 0, p1.latentB0().length);
    System.arraycopy(p1.latentW1(), 0, p2.latentW1(), 0, p1.latentW1().length);
    int nm = layout.nMotor();
    assertEquals(2 * nm, p2.jawWeights().length);
    for (int k = 0; k < nm; k++) {
      p2.jawWeights()[2 * k] = p1.jawWeights()[k];
      p2.jawWeights()[2 * k + 1] = -p1.jawWeights()[k];
    }
    p2.jawBias()[0] = p1.jawBias()[0];
    p2.jawBias()[1] = 0.5f;
    int batch = 3;
    Trace t1;
    Trace t2;
    try (Simulator s1 = new Simulator(one, layout, 1); Simulator s2 = new Simulator(two, layout, 2)) {
      t1 = s1.newTrace(batch, false);
      t2 = s2.newTrace(batch, false);
      s1.forward(p1, perTrialOnsets(batch), new RandomStreams(4), 1, t1);
      s2.forward(p2, perTrialOnsets(batch), new RandomStreams(4), 1, t2);
    }
    assertEquals(2, t2.channels());
    double kappa = Math.exp(-one.dtMs() / one.tauJawMs());
    float[] z = new float[layout.nUnits()];
    boolean moved = false;
    for (int b = 0; b < batch; b++) {
      double y = t2.initialJaw(b, 1);
      for (int t = 0; t < one.steps(); t++) {
        assertEquals(t1.jaw(t, b, 0), t2.jaw(t, b, 0), "channel 0 = the one-channel readout, trial " + b + " step " + t);
        t2.spikes(t, b, z);
        double m = 0;
        for (int k = 0; k < nm; k++) {
          m += p2.jawWeights()[2 * k + 1] * z[layout.motorUnit(k)];
        }
        y = Math.exp(kappa * Math.log(y + 0.5) + (1 - kappa) * 0.5 * m) - 0.5;
        assertEquals(y, t2.jaw(t, b, 1), 1e-5 * (1 + Math.abs(y)), "channel 1, trial " + b + " step " + t);
        moved |= Math.abs(t2.jaw(t, b, 0) - t2.jaw(t, b, 1)) > 1e-3;
      }
    }
    assertTrue(moved, "the two channels never differed");
  }
}
