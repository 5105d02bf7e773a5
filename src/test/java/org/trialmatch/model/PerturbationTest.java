package org.trialmatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Perturbations in the forward pass: exact against the dense reference, and doing what they say. */
class PerturbationTest {

  private static final List<String> EVENTS = List.of("sample", "cue");

  private static PerturbationSpec spec(PerturbationKind kind, String area, String from, double fromMs, String to,
      double toMs) {
    return new PerturbationSpec(kind.key(), kind, area, kind.defaultCells(),
        new PerturbationSpec.Anchor(from, fromMs), new PerturbationSpec.Anchor(to, toMs));
  }

  @ParameterizedTest
  @EnumSource(SpikeFunction.class)
  void perturbedForwardMatchesTheDenseReferenceSpikeForSpike(SpikeFunction sf) {
    RsnnConfig c = SimulatorTest.small(sf, 40);
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    Parameters p = sf == SpikeFunction.BERNOULLI ? SimulatorTest.active(layout, c, 3, 0.3, 0.4)
        : SimulatorTest.active(layout, c, 3, 0.6, 1.2);
    int batch = 3;
    TrialInputs plain = SimulatorTest.perTrialOnsets(batch);
    Perturbation.Builder pb = Perturbation.builder(batch);
    int[] e1 = spec(PerturbationKind.CLAMP, "a1", "sample", 0, "cue", 0).units(layout);
    int[] i2 = spec(PerturbationKind.PHOTOINHIBITION, "a2", "sample", 0, "cue", 0).units(layout);
    pb.clamp(0, e1, 5, 25).current(0, i2, 10, 40, 0.8f).current(2, e1, 0, 12, -0.5f).clamp(2, i2, 20, 30);
    TrialInputs in = plain.withPerturbation(pb.build());
    RandomStreams rng = new RandomStreams(11);
    Trace tr;
    try (Simulator sim = new Simulator(c, layout, 2)) {
      tr = sim.newTrace(batch, true);
      sim.forward(p, in, rng, 5, tr);
    }
    DenseReferenceForward ref = new DenseReferenceForward(c, layout, p, in, rng, 5);
    float[] z = new float[c.nUnits()];
    float[] gate = new float[c.nUnits()];
    long spikes = 0;
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < c.steps(); t++) {
        tr.spikes(t, b, z);
        tr.gate(t, b, gate);
        for (int i = 0; i < c.nUnits(); i++) {
          assertEquals(ref.spikes[b][t + tr.history()][i], z[i], "trial " + b + " step " + t + " unit " + i);
          assertEquals(tr.isRefractory(t, b, i) || tr.isClamped(t, b, i) ? 0f : 1f, gate[i],
              "gate of trial " + b + " step " + t + " unit " + i);
          spikes += (long) z[i];
        }
      }
    }
    assertTrue(spikes > 50, "an active network, spikes " + spikes);
    assertTrue(tr.isClamped(10, 0, e1[0]) && !tr.isClamped(4, 0, e1[0]) && !tr.isClamped(10, 1, e1[0]));
  }

  @Test
  void aClampSilencesItsTargetDuringTheWindowOnly() {
    RsnnConfig c = SimulatorTest.small(SpikeFunction.BERNOULLI, 60);
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    Parameters p = SimulatorTest.active(layout, c, 4, 0.3, 0.4);
    int batch = 40;
    TrialInputs plain = SimulatorTest.perTrialOnsets(batch);
    PerturbationSpec clamp = spec(PerturbationKind.CLAMP, "a1", PerturbationSpec.ALIGN, 20, PerturbationSpec.ALIGN, 60);
    int from = c.onsetStep(20);
    int to = c.onsetStep(60);
    int[] target = clamp.units(layout);
    long[] inside = new long[2];
    long[] outside = new long[2];
    long[] others = new long[2];
    for (int run = 0; run < 2; run++) {
      TrialInputs in = run == 0 ? plain : plain.withPerturbation(clamp.build(c, layout, plain, EVENTS, 1));
      Trace tr;
      try (Simulator sim = new Simulator(c, layout, 1)) {
        tr = sim.newTrace(batch, false);
        sim.forward(p, in, new RandomStreams(8), 1, tr);
      }
      float[] z = new float[c.nUnits()];
      for (int b = 0; b < batch; b++) {
        for (int t = 0; t < c.steps(); t++) {
          tr.spikes(t, b, z);
          for (int i = 0; i < c.nUnits(); i++) {
            boolean tgt = java.util.Arrays.binarySearch(target, i) >= 0;
            long[] acc = !tgt ? others : t >= from && t < to ? inside : outside;
            acc[run] += (long) z[i];
          }
        }
      }
    }
    assertEquals(0, inside[1], "target spikes inside the window");
    assertTrue(inside[0] > 20, "the target fired in the window without the clamp: " + inside[0]);
    assertTrue(outside[1] > 10 && others[1] > 10, "spikes outside the window " + outside[1] + ", elsewhere " + others[1]);
    // before the window the trials are the same draws: identical spikes
    assertTrue(from > 5);
  }

  @Test
  void photoinhibitionLowersTheTargetsExcitatoryRateMonotonicallyWithStrength() {
    RsnnConfig c = SimulatorTest.small(SpikeFunction.BERNOULLI, 60);
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    Parameters p = SimulatorTest.active(layout, c, 6, 0.3, 0.4);
    int batch = 200;
    TrialInputs plain = SimulatorTest.perTrialOnsets(batch);
    PerturbationSpec pi = spec(PerturbationKind.PHOTOINHIBITION, "a1", PerturbationSpec.ALIGN, 0,
        PerturbationSpec.ALIGN, 80);
    PerturbationSpec eUnits = new PerturbationSpec("e", PerturbationKind.CLAMP, "a1", PerturbationKind.Cells.E,
        pi.start(), pi.end());
    int[] e = eUnits.units(layout);
    int from = c.onsetStep(0);
    int to = Math.min(c.steps(), c.onsetStep(80));
    double[] strengths = {0, 0.5, 1, 2, 4};
    double[] rate = new double[strengths.length];
    try (Simulator sim = new Simulator(c, layout, 2)) {
      Trace tr = sim.newTrace(batch, false);
      float[] z = new float[c.nUnits()];
      for (int k = 0; k < strengths.length; k++) {
        sim.forward(p, plain.withPerturbation(pi.build(c, layout, plain, EVENTS, strengths[k])), new RandomStreams(3),
            1, tr);
        long n = 0;
        for (int b = 0; b < batch; b++) {
          for (int t = from; t < to; t++) {
            tr.spikes(t, b, z);
            for (int i : e) {
              n += (long) z[i];
            }
          }
        }
        rate[k] = n / (double) (batch * e.length * (to - from));
      }
    }
    for (int k = 1; k < strengths.length; k++) {
      assertTrue(rate[k] < rate[k - 1], "E rate at strength " + strengths[k] + " (" + rate[k] + ") is not below that at "
          + strengths[k - 1] + " (" + rate[k - 1] + "); all: " + java.util.Arrays.toString(rate));
    }
    assertTrue(rate[strengths.length - 1] < 0.5 * rate[0], "strong photoinhibition halves the E rate at least: "
        + java.util.Arrays.toString(rate));
  }

  @Test
  void specsNameWhatDoesNotFit() {
    RsnnConfig c = SimulatorTest.small(SpikeFunction.BERNOULLI, 20);
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
        () -> spec(PerturbationKind.CLAMP, "ALM", PerturbationSpec.ALIGN, 0, "cue", 0).check(layout, EVENTS));
    assertTrue(a.getMessage().contains("'ALM'") && a.getMessage().contains("a1"), a.getMessage());
    IllegalArgumentException ev = assertThrows(IllegalArgumentException.class,
        () -> spec(PerturbationKind.CLAMP, "a1", "delay", 0, "cue", 0).check(layout, EVENTS));
    assertTrue(ev.getMessage().contains("'delay'") && ev.getMessage().contains("sample"), ev.getMessage());
    TrialInputs in = SimulatorTest.perTrialOnsets(2);
    assertThrows(IllegalArgumentException.class, () -> in.withPerturbation(Perturbation.builder(3).build()
        .isEmpty() ? Perturbation.builder(3).clamp(0, new int[] {1}, 0, 2).build() : null));
    // per-trial events: the window follows each trial's own onset
    Perturbation p = spec(PerturbationKind.EXCITATION, "a1", "sample", 0, "cue", 0).build(c, layout, in, EVENTS, 1);
    int u = spec(PerturbationKind.EXCITATION, "a1", "sample", 0, "cue", 0).units(layout)[0];
    float amp = (float) (c.threshold() - c.restPotential());
    assertEquals(amp, p.current(0, in.onsetStep(0, 0), u));
    assertEquals(0f, p.current(0, in.onsetStep(0, 0) - 1, u));
    assertEquals(amp, p.current(1, in.onsetStep(1, 0), u));
    assertEquals(0f, p.current(1, in.onsetStep(1, 0) - 1, u));
  }
}
