package org.trialmatch.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {

  @Test
  void normalsAreStandardNormal() {
    RandomStreams rs = new RandomStreams(123);
    RandomStreams.NormalFiller f = new RandomStreams.NormalFiller();
    int cells = 400;
    int n = 500;
    double[] all = new double[cells * n];
    float[] buf = new float[n];
    for (int c = 0; c < cells; c++) {
      f.fill(rs.key(RandomStreams.Stream.NOISE, 0, c % 20, c / 20), buf, 0, n);
      for (int i = 0; i < n; i++) {
        all[c * n + i] = buf[i];
      }
    }
    double mean = 0;
    double sq = 0;
    int tail = 0;
    for (double x : all) {
      mean += x;
      sq += x * x;
      if (Math.abs(x) > 3.442619855899) {
        tail++;
      }
    }
    mean /= all.length;
    double var = sq / all.length - mean * mean;
    assertEquals(0.0, mean, 0.01);
    assertEquals(1.0, var, 0.015);
    // P(|X| > r) for the ziggurat's tail boundary r: the tail algorithm must be right too
    double expectedTail = 2 * (1 - new NormalDistribution(0, 1).cumulativeProbability(3.442619855899)) * all.length;
    assertEquals(expectedTail, tail, 5 * Math.sqrt(expectedTail));
    double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(0, 1), all);
    assertTrue(p > 1e-3, "KS p-value " + p);
  }

  @Test
  void fillIsDeterministicPerKeyAndKeysSeparateCells() {
    RandomStreams rs = new RandomStreams(5);
    RandomStreams.NormalFiller f = new RandomStreams.NormalFiller();
    float[] a = new float[64];
    float[] b = new float[64];
    long k = rs.key(RandomStreams.Stream.NOISE, 1, 2, 3);
    f.fill(k, a, 0, 64);
    f.fill(rs.key(RandomStreams.Stream.NOISE, 1, 2, 4), b, 0, 64);
    f.fill(k, b, 0, 64);
    assertArrayEquals(a, b);
    assertNotEquals(k, rs.key(RandomStreams.Stream.SPIKE, 1, 2, 3));
    assertNotEquals(k, rs.key(RandomStreams.Stream.NOISE, 2, 2, 3));
    assertNotEquals(k, rs.key(RandomStreams.Stream.NOISE, 1, 3, 3));
    assertNotEquals(k, rs.key(RandomStreams.Stream.NOISE, 1, 2, -3));
    assertNotEquals(k, new RandomStreams(6).key(RandomStreams.Stream.NOISE, 1, 2, 3));
  }

  @Test
  void uniformsAreInsideTheUnitIntervalAndMatchTheBulkFill() {
    long key = new RandomStreams(9).key(RandomStreams.Stream.SPIKE, 0, 0, 0);
    int n = 100_000;
    long[] bits = new long[n];
    RandomStreams.fillBits(key, RandomStreams.weyl(n), bits, n);
    double mean = 0;
    int below = 0;
    for (int i = 0; i < n; i++) {
      float u = RandomStreams.uniform(key, i);
      assertEquals(u, RandomStreams.toUniform(bits[i]));
      assertTrue(u > 0f && u < 1f);
      mean += u;
      if (u < 0.01f) {
        below++;
      }
    }
    assertEquals(0.5, mean / n, 0.005);
    assertEquals(1000, below, 5 * Math.sqrt(1000));
  }

  @Test
  void nextIntIsUniform() {
    RandomStreams.Sequence s = new RandomStreams(1).sequence(RandomStreams.Stream.STITCH, 0);
    int[] counts = new int[7];
    for (int i = 0; i < 70_000; i++) {
      counts[s.nextInt(7)]++;
    }
    for (int c : counts) {
      assertEquals(10_000, c, 500);
    }
  }
}
