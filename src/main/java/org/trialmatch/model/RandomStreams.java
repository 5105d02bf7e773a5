package org.trialmatch.model;

/**
 * The random streams of a run, derived from one seed. Every draw is addressed by a counter: (stream,
 * draw, trial, step) gives a 64-bit key, and the numbers of that cell are a SplitMix64 sequence
 * started at the key. So a trial's input spikes, membrane noise and spike draws do not depend on
 * which thread simulated it, and the backward pass can regenerate the noise of any (trial, step)
 * instead of storing it.
 *
 * <p>{@code draw} tells batches apart (e.g. the training step); {@code trial} is the trial's index
 * in its batch; {@code step} is the window step (0…T−1) or, for the pre-run, a negative step
 * (−preSteps…−1).
 *
 * <p>Uniforms are on the 2<sup>−24</sup> grid shifted by half a cell, so they lie strictly inside
 * (0, 1). Normals come from a 128-layer ziggurat (Marsaglia &amp; Tsang 2000) with independent bits
 * for the layer and the abscissa. Instances are immutable and thread-safe; {@link NormalFiller}
 * instances are not (one per thread).
 */
public final class RandomStreams {

  /** The independent streams of a run. */
  public enum Stream {
    /** Parameter initialisation. */
    INIT(0x1L),
    /** Session stitching (which recorded unit a model unit gets). */
    STITCH(0x2L),
    /** Input spikes. */
    INPUT(0x3L),
    /** Membrane noise. */
    NOISE(0x4L),
    /** Bernoulli spike draws. */
    SPIKE(0x5L),
    /** Per-trial latents of the offset network. */
    LATENT(0x6L);

    final long id;

    Stream(long id) {
      this.id = id;
    }
  }

  /** The SplitMix64 increment (odd, 2^64 / golden ratio). */
  static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private static final float U24 = 0x1.0p-24f;

  private final long seed;

  /** @param seed the run's seed */
  public RandomStreams(long seed) {
    this.seed = seed;
  }

  /** @return the seed */
  public long seed() {
    return seed;
  }

  /**
   * The key of one cell of a stream.
   *
   * @param stream which stream
   * @param draw batch counter
   * @param trial trial index in the batch
   * @param step window step, negative for the pre-run
   * @return a 64-bit key; the cell's numbers are the SplitMix64 sequence started there
   */
  public long key(Stream stream, long draw, long trial, long step) {
    long h = mix64(seed + GOLDEN * stream.id);
    h = mix64(h ^ mix64(draw + 0x632BE59BD9B4E019L));
    h = mix64(h ^ mix64(trial + 0x8CB92BA72F3D8DD7L));
    return mix64(h ^ mix64(step + 0xB492B66FBE98F273L));
  }

  /**
   * A sequential generator for a stream cell, e.g. for initialisation.
   *
   * @param stream which stream
   * @param draw batch counter
   * @return a fresh sequence (not thread-safe)
   */
  public Sequence sequence(Stream stream, long draw) {
    return new Sequence(key(stream, draw, 0, 0));
  }

  /**
   * The SplitMix64 output function (a bijective 64-bit mixer).
   *
   * @param z input
   * @return mixed bits
   */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Element {@code i} of a cell as a uniform in (0, 1) on the 2<sup>−24</sup> grid: the i-th output
   * of the cell's SplitMix64 sequence, so any element can be read without the others.
   *
   * @param key the cell's key
   * @param i element index (e.g. unit or input index)
   * @return a float strictly between 0 and 1
   */
  public static float uniform(long key, int i) {
    return toUniform(mix64(key + GOLDEN * (i + 1L)));
  }

  /** A SplitMix64 sequence (not thread-safe). */
  public static final class Sequence {
    private long state;

    /** @param key starting state */
    public Sequence(long key) {
      this.state = key;
    }

    /** @return the next 64 random bits */
    public long nextLong() {
      state += GOLDEN;
      return mix64(state);
    }

    /** @return a uniform double in [0, 1) with 53 random bits */
    public double nextDouble() {
      return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * @param n bound (> 0)
     * @return a uniform integer in [0, n)
     */
    public int nextInt(int n) {
      if (n <= 0) {
        throw new IllegalArgumentException("n must be > 0, was " + n);
      }
      // Lemire's multiply-shift with rejection: unbiased
      long m = (nextLong() >>> 32) * n;
      long low = m & 0xFFFFFFFFL;
      if (low < n) {
        long threshold = (0x100000000L - n) % n;
        while (low < threshold) {
          m = (nextLong() >>> 32) * n;
          low = m & 0xFFFFFFFFL;
        }
      }
      return (int) (m >>> 32);
    }

    /** @return a standard normal (Box–Muller, for initialisation; not for hot loops) */
    public double nextGaussian() {
      double u1 = ((nextLong() >>> 11) + 1L) * 0x1.0p-53;
      double u2 = (nextLong() >>> 11) * 0x1.0p-53;
      return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
  }

  // ---------------------------------------------------------------- ziggurat normals

  private static final int ZIG_MASK = 127;
  private static final double ZIG_R = 3.442619855899;
  private static final double ZIG_V = 9.91256303526217e-3;
  /** Acceptance bounds on |j| (j a signed 32-bit integer), per layer. */
  private static final long[] ZK = new long[128];
  /** Layer widths divided by 2^31. */
  private static final double[] ZW = new double[128];
  /** Fast path: acceptance bound on u = |j|/2^31 and layer width, as floats. */
  private static final float[] ZK_FLOAT = new float[128];

  /** Layer width with the sign of bit 7: index {@code layer | sign << 7}. */
  private static final float[] ZX_SIGNED = new float[256];
  /** Density at the layer edges. */
  private static final double[] ZF = new double[128];

  static {
    final double m1 = 2147483648.0;
    double dn = ZIG_R;
    double tn = dn;
    double q = ZIG_V / Math.exp(-0.5 * dn * dn);
    ZK[0] = (long) ((dn / q) * m1);
    ZK[1] = 0;
    ZW[0] = q / m1;
    ZW[127] = dn / m1;
    ZF[0] = 1.0;
    ZF[127] = Math.exp(-0.5 * dn * dn);
    for (int i = 126; i >= 1; i--) {
      dn = Math.sqrt(-2.0 * Math.log(ZIG_V / dn + Math.exp(-0.5 * dn * dn)));
      ZK[i + 1] = (long) ((dn / tn) * m1);
      tn = dn;
      ZF[i] = Math.exp(-0.5 * dn * dn);
      ZW[i] = dn / m1;
    }
    for (int i = 0; i < 128; i++) {
      ZK_FLOAT[i] = (float) (ZK[i] / 2147483648.0);
      ZX_SIGNED[i] = (float) (ZW[i] * 2147483648.0);
      ZX_SIGNED[i + 128] = -ZX_SIGNED[i];
    }
  }

  /**
   * Writes the raw 64-bit elements {@code 0…n−1} of a cell: {@code out[i] = mix64(key + weyl[i])},
   * the same bits {@link #uniform} turns into a uniform. A plain loop over arrays, so the JIT
   * vectorises it.
   *
   * @param key the cell's key
   * @param weyl {@link #weyl} of at least n elements
   * @param out destination, n elements
   * @param n how many
   */
  public static void fillBits(long key, long[] weyl, long[] out, int n) {
    for (int i = 0; i < n; i++) {
      long z = key + weyl[i];
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      out[i] = z ^ (z >>> 31);
    }
  }

  /**
   * @param n length
   * @return the Weyl offsets {@code GOLDEN·(i+1)}, i = 0…n−1, for {@link #fillBits}
   */
  public static long[] weyl(int n) {
    long[] w = new long[n];
    for (int i = 0; i < n; i++) {
      w[i] = GOLDEN * (i + 1L);
    }
    return w;
  }

  /**
   * Converts raw bits (from {@link #fillBits}) to the uniform {@link #uniform} gives.
   *
   * @param bits raw element
   * @return a float strictly between 0 and 1
   */
  public static float toUniform(long bits) {
    return ((bits >>> 40) + 0.5f) * U24;
  }

  /**
   * Fills arrays with the standard normals of a stream cell (one reusable instance per thread; no
   * allocation per call once sized). Normal {@code i} takes its layer (bits 0–6), sign (bit 7) and
   * 23-bit abscissa (bits 41–63) from element i of the cell ({@link #fillBits}); the rare
   * rejections draw from a second sequence of the cell.
   */
  public static final class NormalFiller {
    private long state;
    private long[] weyl = new long[0];
    private long[] bits = new long[0];
    private long[] rejectMask = new long[1];

    /** A filler; call {@link #fill} for each cell. */
    public NormalFiller() {}

    /**
     * Writes the first {@code n} standard normals of the cell {@code key} to {@code out[off…off+n)}.
     * The same key always gives the same numbers.
     *
     * @param key the cell's key ({@link RandomStreams#key})
     * @param out destination
     * @param off first index written
     * @param n how many
     */
    public void fill(long key, float[] out, int off, int n) {
      if (bits.length < n) {
        bits = new long[n];
        weyl = weyl(n);
        rejectMask = new long[n / 64 + 1];
      }
      final long[] r = bits;
      fillBits(key, weyl, r, n);
      state = mix64(key ^ 0x5851F42D4C957F2DL);
      final float[] kf = ZK_FLOAT;
      final float[] xs = ZX_SIGNED;
      final long[] rm = rejectMask;
      // pass 1, branch-free: every element as if accepted, u in [0, 1) from 23 bits; a bit mask
      // per 64 elements remembers the rejected ones
      for (int w = 0, i0 = 0; i0 < n; w++, i0 += 64) {
        int end = Math.min(n, i0 + 64);
        long m = 0;
        for (int i = i0; i < end; i++) {
          long ri = r[i];
          float u = (int) (ri >>> 41) * 0x1.0p-23f;
          out[off + i] = u * xs[(int) ri & 255];
          m |= (kf[(int) ri & ZIG_MASK] <= u ? 1L : 0L) << (i - i0);
        }
        rm[w] = m;
      }
      // pass 2: the rare rejections (about 1.2%), in index order
      for (int w = 0, i0 = 0; i0 < n; w++, i0 += 64) {
        for (long m = rm[w]; m != 0; m &= m - 1) {
          int i = i0 + Long.numberOfTrailingZeros(m);
          long ri = r[i];
          long hz = (long) (((int) (ri >>> 41) * 0x1.0p-23f) * 2147483648.0);
          out[off + i] = (float) slow((ri & 128L) != 0 ? -hz : hz, (int) ri & ZIG_MASK);
        }
      }
    }

    private double u01() {
      state += GOLDEN;
      return ((mix64(state) >>> 11) + 1L) * 0x1.0p-53;
    }

    private double slow(long hz, int iz) {
      for (; ; ) {
        double x = hz * ZW[iz];
        if (iz == 0) {
          double xx;
          double yy;
          do {
            xx = -Math.log(u01()) / ZIG_R;
            yy = -Math.log(u01());
          } while (yy + yy < xx * xx);
          return hz > 0 ? ZIG_R + xx : -ZIG_R - xx;
        }
        if (ZF[iz] + u01() * (ZF[iz - 1] - ZF[iz]) < Math.exp(-0.5 * x * x)) {
          return x;
        }
        state += GOLDEN;
        long r = mix64(state);
        iz = (int) (r & ZIG_MASK);
        hz = (int) (r >> 32);
        if (Math.abs(hz) < ZK[iz]) {
          return hz * ZW[iz];
        }
      }
    }
  }
}
