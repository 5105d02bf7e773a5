package org.trialmatch.model;

/**
 * The trainable parameters of the RSNN, as flat float arrays (live: the optimiser updates them in
 * place). Weights are non-negative magnitudes; the sign of a synapse is that of its presynaptic unit
 * (Dale's law), applied when currents are formed.
 *
 * <p>Layouts (all row-major):
 *
 * <ul>
 *   <li>{@code recurrent(g)}: {@code [pre][post]}, {@code nUnits × nUnits}: element {@code j·N + i} is
 *       the magnitude of the synapse from unit j to unit i in delay group g. (The transpose of the
 *       {@code W[i,j]} of bptt.md, so the weights a spike of j reaches are contiguous.)
 *   <li>{@code input()}: {@code [input][post]}, {@code nInputs × nUnits}.
 *   <li>{@code rest()}: {@code [unit]}, the per-unit rest ρ.
 *   <li>{@code adaptation()}: {@code [adaptive unit]}, β of the layout's adaptive units.
 *   <li>{@code jawWeights()}: {@code [motor unit][channel]} ({@code k·C + c}), C = the readout's
 *       behaviour channels; {@code jawBias()}: {@code [channel]}, c of each channel.
 *   <li>Latent offset network (empty arrays when off): {@code latentW0()} {@code [out][in]} (L × L),
 *       {@code latentB0()} (L), {@code latentW1()} {@code [unit][latent]} (N × L).
 * </ul>
 */
public final class Parameters {
  private final int nUnits;
  private final int nInputs;
  private final int latentDim;
  private final int channels;
  private final float[][] recurrent;
  private final float[] input;
  private final float[] rest;
  private final float[] adaptation;
  private final float[] jawWeights;
  private final float[] jawBias;
  private final float[] latentW0;
  private final float[] latentB0;
  private final float[] latentW1;

  private Parameters(NetworkLayout layout, RsnnConfig config) {
    this.nUnits = layout.nUnits();
    this.nInputs = layout.nInputs();
    int n = nUnits;
    this.recurrent = new float[config.delayGroups()][n * n];
    this.input = new float[nInputs * n];
    this.rest = new float[n];
    this.adaptation = new float[layout.nAdaptive()];
    int channels = config.behaviourChannels();
    this.channels = channels;
    this.jawWeights = new float[layout.nMotor() * channels];
    this.jawBias = new float[channels];
    int l = config.latentOffset() ? config.latentDim() : 0;
    this.latentDim = l;
    this.latentW0 = new float[l * l];
    this.latentB0 = new float[l];
    this.latentW1 = new float[n * l];
  }

  /**
   * All-zero parameters of the right shapes (e.g. for gradients).
   *
   * @param layout the layout
   * @param config the configuration
   * @return zeros
   */
  public static Parameters zeros(NetworkLayout layout, RsnnConfig config) {
    if ((long) layout.nUnits() * layout.nUnits() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("nUnits too large for one weight array, was " + layout.nUnits());
    }
    return new Parameters(layout, config);
  }

  /**
   * The initialisation of method reference §2.5, drawn from the {@link RandomStreams.Stream#INIT}
   * stream in this order: input weights, recurrent groups 0…G−1, rest, jaw weights, latent network.
   *
   * <ul>
   *   <li>Input: U(0,1)/√nInputs, then (if there are E and I inputs) each row E/I balanced: the larger
   *       of the E and I sums is scaled down to the smaller.
   *   <li>Recurrent, per group: U(0,1) on allowed within-area synapses, 0 between areas; each row E/I
   *       balanced the same way (rows with an empty E or I part are left alone); divided by the
   *       spectral radius of the signed matrix; divided by the number of groups. The matrix is block
   *       diagonal over areas, so its spectral radius is the largest over the areas' blocks, each
   *       computed with a real eigen-solver.
   *   <li>Both weight sets are multiplied by {@code (threshold − restPotential)/0.1}.
   *   <li>Rest ρ_i = restPotential + (U(0,1) − 0.5)/√N; adaptation β = adaptationStrength; jaw weights
   *       N(0, 2/(nMotor + C))·10 (Xavier-normal × 10, C channels), c = jawBias; latent network: U(±1/√L) for
   *       W0, b0 and W1, W1 times the voltage scale.
   * </ul>
   *
   * @param layout the layout
   * @param config the configuration
   * @param streams random streams
   * @return freshly initialised parameters
   */
  public static Parameters initialise(NetworkLayout layout, RsnnConfig config, RandomStreams streams) {
    Parameters p = zeros(layout, config);
    RandomStreams.Sequence rng = streams.sequence(RandomStreams.Stream.INIT, 0);
    int n = p.nUnits;
    int nIn = p.nInputs;
    double vScale = (config.threshold() - config.restPotential()) / 0.1;
    // input weights
    double inScale = 1.0 / Math.sqrt(nIn);
    for (int k = 0; k < nIn; k++) {
      for (int i = 0; i < n; i++) {
        p.input[k * n + i] = (float) (rng.nextDouble() * inScale);
      }
    }
    int nExcIn = layout.nExcInputs();
    if (nExcIn > 0 && nExcIn < nIn) {
      for (int i = 0; i < n; i++) {
        double se = 0;
        double si = 0;
        for (int k = 0; k < nIn; k++) {
          if (k < nExcIn) {
            se += p.input[k * n + i];
          } else {
            si += p.input[k * n + i];
          }
        }
        balanceRow(p.input, n, i, 0, nExcIn, nIn, se, si);
      }
    }
    for (int k = 0; k < p.input.length; k++) {
      p.input[k] = (float) (p.input[k] * vScale);
    }
    // recurrent weights, per group
    int groups = config.delayGroups();
    int nExc = layout.nExc();
    double[] theta = new double[n * n];
    for (int g = 0; g < groups; g++) {
      java.util.Arrays.fill(theta, 0.0);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (layout.area(i) == layout.area(j) && layout.allowed(i, j)) {
            theta[j * n + i] = rng.nextDouble();
          }
        }
      }
      for (int i = 0; i < n; i++) {
        double se = 0;
        double si = 0;
        for (int j = 0; j < n; j++) {
          if (j < nExc) {
            se += theta[j * n + i];
          } else {
            si += theta[j * n + i];
          }
        }
        if (se > 0 && si > 0) {
          double fe = se > si ? si / se : 1.0;
          double fi = si > se ? se / si : 1.0;
          for (int j = 0; j < n; j++) {
            theta[j * n + i] *= j < nExc ? fe : fi;
          }
        }
      }
      double radius = blockSpectralRadius(layout, theta);
      double f = (radius > 0 ? 1.0 / radius : 1.0) / groups * vScale;
      float[] w = p.recurrent[g];
      for (int k = 0; k < theta.length; k++) {
        w[k] = (float) (theta[k] * f);
      }
    }
    double restScale = 1.0 / Math.sqrt(n);
    for (int i = 0; i < n; i++) {
      p.rest[i] = (float) (config.restPotential() + (rng.nextDouble() - 0.5) * restScale);
    }
    java.util.Arrays.fill(p.adaptation, (float) config.adaptationStrength());
    double jawStd = Math.sqrt(2.0 / (layout.nMotor() + p.channels)) * 10.0;
    for (int k = 0; k < p.jawWeights.length; k++) {
      p.jawWeights[k] = (float) (rng.nextGaussian() * jawStd);
    }
    java.util.Arrays.fill(p.jawBias, (float) config.jawBias());
    int l = p.latentDim;
    if (l > 0) {
      double b = 1.0 / Math.sqrt(l);
      for (int k = 0; k < p.latentW0.length; k++) {
        p.latentW0[k] = (float) ((2 * rng.nextDouble() - 1) * b);
      }
      for (int k = 0; k < l; k++) {
        p.latentB0[k] = (float) ((2 * rng.nextDouble() - 1) * b);
      }
      for (int k = 0; k < p.latentW1.length; k++) {
        p.latentW1[k] = (float) ((2 * rng.nextDouble() - 1) * b * vScale);
      }
    }
    return p;
  }

  private static void balanceRow(float[] w, int n, int i, int e0, int e1, int end, double se, double si) {
    if (!(se > 0 && si > 0)) {
      return;
    }
    double fe = se > si ? si / se : 1.0;
    double fi = si > se ? se / si : 1.0;
    for (int k = e0; k < end; k++) {
      w[k * n + i] = (float) (w[k * n + i] * (k < e1 ? fe : fi));
    }
  }

  /**
   * Spectral radius of the signed matrix {@code S[i][j] = sign(j)·θ[j·N+i]}, assuming it has no
   * synapses between areas (true at initialisation): the largest radius over the area blocks.
   */
  private static double blockSpectralRadius(NetworkLayout layout, double[] theta) {
    int n = layout.nUnits();
    double r = 0;
    for (int a = 0; a < layout.nAreas(); a++) {
      int cnt = 0;
      for (int i = 0; i < n; i++) {
        if (layout.area(i) == a) {
          cnt++;
        }
      }
      int[] units = new int[cnt];
      cnt = 0;
      for (int i = 0; i < n; i++) {
        if (layout.area(i) == a) {
          units[cnt++] = i;
        }
      }
      double[][] m = new double[cnt][cnt];
      for (int p = 0; p < cnt; p++) {
        for (int q = 0; q < cnt; q++) {
          m[p][q] = layout.sign(units[q]) * theta[units[q] * n + units[p]];
        }
      }
      r = Math.max(r, SpectralRadius.of(m));
    }
    return r;
  }

  /** @return a deep copy */
  public Parameters copy() {
    Parameters c = new Parameters(this);
    return c;
  }

  private Parameters(Parameters o) {
    this.nUnits = o.nUnits;
    this.nInputs = o.nInputs;
    this.latentDim = o.latentDim;
    this.channels = o.channels;
    this.recurrent = new float[o.recurrent.length][];
    for (int g = 0; g < recurrent.length; g++) {
      recurrent[g] = o.recurrent[g].clone();
    }
    this.input = o.input.clone();
    this.rest = o.rest.clone();
    this.adaptation = o.adaptation.clone();
    this.jawWeights = o.jawWeights.clone();
    this.jawBias = o.jawBias.clone();
    this.latentW0 = o.latentW0.clone();
    this.latentB0 = o.latentB0.clone();
    this.latentW1 = o.latentW1.clone();
  }

  /** @return number of units N */
  public int nUnits() {
    return nUnits;
  }

  /** @return number of input units */
  public int nInputs() {
    return nInputs;
  }

  /** @return number of delay groups */
  public int groups() {
    return recurrent.length;
  }

  /** @return latent dimension L, 0 when the latent offset is off */
  public int latentDim() {
    return latentDim;
  }

  /**
   * @param g delay group
   * @return live magnitudes, layout {@code [pre][post]} (N × N)
   */
  public float[] recurrent(int g) {
    return recurrent[g];
  }

  /** @return live input magnitudes, layout {@code [input][post]} */
  public float[] input() {
    return input;
  }

  /** @return live per-unit rest ρ */
  public float[] rest() {
    return rest;
  }

  /** @return live adaptation strengths β, one per adaptive unit of the layout */
  public float[] adaptation() {
    return adaptation;
  }

  /** @return behaviour channels C of the readout (its bias has C values, its weights nMotor × C) */
  public int channels() {
    return channels;
  }

  /** @return live jaw readout weights, {@code [motor unit][channel]} */
  public float[] jawWeights() {
    return jawWeights;
  }

  /** @return live jaw bias c, one per channel */
  public float[] jawBias() {
    return jawBias;
  }

  /** @return live latent first-layer weights, {@code [out][in]} (L × L) */
  public float[] latentW0() {
    return latentW0;
  }

  /** @return live latent first-layer bias (L) */
  public float[] latentB0() {
    return latentB0;
  }

  /** @return live latent second-layer weights, {@code [unit][latent]} (N × L) */
  public float[] latentW1() {
    return latentW1;
  }
}
