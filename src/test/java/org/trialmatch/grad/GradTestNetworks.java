package org.trialmatch.grad;

import java.util.List;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.model.Parameters;
import org.trialmatch.model.RandomStreams;
import org.trialmatch.model.RsnnConfig;
import org.trialmatch.model.RsnnConfigBuilder;
import org.trialmatch.model.SpikeFunction;
import org.trialmatch.model.TrialInputs;

/** Small networks for the backward pass's tests: two areas holding E and I units. */
final class GradTestNetworks {
  private GradTestNetworks() {}

  /** Which model features are on. */
  enum Features {
    /** Adaptation, delays of 1 and 2 steps, 2-step refractoriness, jaw, latent offsets. */
    ALL,
    /** None: one delay group of 1 step, no refractoriness, adaptation, jaw or offsets. */
    NONE,
    /** One delay group of 2 steps, 1-step refractoriness, adaptation and jaw, no offsets. */
    MIXED,
    /** As {@link #ALL}, with a behaviour readout of two channels (e.g. left and right licks). */
    TWO_CHANNELS
  }

  static RsnnConfig config(int nUnits, int steps, SpikeFunction sf, Features f) {
    RsnnConfigBuilder o = RsnnConfig.paper().toBuilder();
    o.nUnits(nUnits);
    o.areas(List.of("a1", "a2"));
    o.pExc(0.75);
    o.nInputs(8);
    o.stimInputFraction(0.5);
    o.inputRateHz(60.0);
    o.steps(steps);
    o.preSteps(10);
    o.windowStartMs(-4.0);
    o.stimOnsetsMs(List.of(0.0));
    o.spikeFunction(sf);
    o.tauAdaptMs(40.0);
    o.adaptationStrength(0.5);
    o.latentDim(3);
    switch (f) {
      case TWO_CHANNELS:
        o.behaviourChannels(2);
        o.motorAreas(List.of("a2"));
        o.adaptiveFraction(0.5);
        o.delaysMs(List.of(2.0, 4.0));
        o.refractoryMs(4.0);
        o.latentOffset(true);
        break;
      case ALL:
        o.motorAreas(List.of("a2"));
        o.adaptiveFraction(0.5);
        o.delaysMs(List.of(2.0, 4.0));
        o.refractoryMs(4.0);
        o.latentOffset(true);
        break;
      case NONE:
        o.motorAreas(List.of());
        o.adaptiveFraction(0.0);
        o.delaysMs(List.of(2.0));
        o.refractoryMs(0.0);
        o.latentOffset(false);
        break;
      default:
        o.motorAreas(List.of("a2"));
        o.adaptiveFraction(0.5);
        o.delaysMs(List.of(4.0));
        o.refractoryMs(2.0);
        o.latentOffset(false);
        break;
    }
    return o.build();
  }

  /**
   * Initialised parameters made active: random magnitudes on every allowed synapse (between areas
   * too), strong inputs, rests spread around 0, so units sit near threshold and some fire.
   */
  static Parameters params(NetworkLayout layout, RsnnConfig c, long seed) {
    Parameters p = Parameters.initialise(layout, c, new RandomStreams(seed));
    RandomStreams.Sequence r = new RandomStreams(seed + 1).sequence(RandomStreams.Stream.INIT, 3);
    boolean det = c.spikeFunction() == SpikeFunction.DETERMINISTIC;
    double recScale = det ? 0.5 : 0.4;
    double inScale = det ? 1.0 : 0.8;
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
      p.rest()[i] = (float) ((r.nextDouble() - 0.5) * 0.08);
    }
    for (int k = 0; k < p.adaptation().length; k++) {
      p.adaptation()[k] = (float) (0.2 + 0.6 * r.nextDouble());
    }
    for (int k = 0; k < p.jawWeights().length; k++) {
      p.jawWeights()[k] = (float) (4 * (r.nextDouble() - 0.5));
    }
    for (int ch = 0; ch < p.jawBias().length; ch++) {
      p.jawBias()[ch] = 1.3f - 0.5f * ch;
    }
    return p;
  }

  static TrialInputs inputs(int batch) {
    float[] stim = new float[batch];
    int[][] on = new int[batch][1];
    for (int b = 0; b < batch; b++) {
      stim[b] = b % 3;
      on[b][0] = b % 2;
    }
    return TrialInputs.of(stim, on);
  }

  /** Random values exactly representable in float, in (−1, 1). */
  static float[] weights(int count, long seed) {
    RandomStreams.Sequence r = new RandomStreams(seed).sequence(RandomStreams.Stream.INIT, 11);
    float[] w = new float[count];
    for (int k = 0; k < count; k++) {
      w[k] = (float) (2 * r.nextDouble() - 1);
    }
    return w;
  }

  static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int k = 0; k < a.length; k++) {
      d[k] = a[k];
    }
    return d;
  }
}
