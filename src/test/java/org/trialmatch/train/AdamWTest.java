package org.trialmatch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AdamWTest {

  @Test
  void matchesTheTextbookUpdateInDouble() {
    Random r = new Random(4);
    int n = 50;
    float[] p = new float[n];
    for (int i = 0; i < n; i++) {
      p[i] = (float) r.nextGaussian();
    }
    double[] ref = new double[n];
    for (int i = 0; i < n; i++) {
      ref[i] = p[i];
    }
    double lr = 0.01;
    double b1 = 0.9;
    double b2 = 0.999;
    double eps = 1e-8;
    double wd = 0.01;
    double[] m = new double[n];
    double[] v = new double[n];
    float[] g = new float[n];
    List<NamedTensor> params = List.of(new NamedTensor("w", p));
    List<NamedTensor> grads = List.of(new NamedTensor("w", g));
    AdamW opt = new AdamW(params, new boolean[] {true}, lr, b1, b2, eps, wd);
    for (int t = 1; t <= 5; t++) {
      for (int i = 0; i < n; i++) {
        g[i] = (float) r.nextGaussian();
      }
      opt.step(params, grads);
      for (int i = 0; i < n; i++) {
        ref[i] *= 1 - lr * wd;
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        double mh = m[i] / (1 - Math.pow(b1, t));
        double vh = v[i] / (1 - Math.pow(b2, t));
        ref[i] -= lr * mh / (Math.sqrt(vh) + eps);
      }
    }
    for (int i = 0; i < n; i++) {
      assertEquals(ref[i], p[i], 1e-5, "element " + i);
    }
    assertEquals(5, opt.steps());
  }

  @Test
  void minimisesAQuadraticAndLeavesFrozenTensorsAlone() {
    float[] x = {3f, -2f, 0.5f};
    float[] frozen = {1f, 2f};
    float[] gx = new float[3];
    float[] gf = {5f, 5f};
    List<NamedTensor> params = List.of(new NamedTensor("x", x), new NamedTensor("f", frozen));
    List<NamedTensor> grads = List.of(new NamedTensor("x", gx), new NamedTensor("f", gf));
    AdamW opt = new AdamW(params, new boolean[] {true, false}, 0.05, 0.9, 0.999, 1e-8, 0.0);
    float[] target = {1f, 1f, -1f};
    for (int t = 0; t < 2000; t++) {
      for (int i = 0; i < 3; i++) {
        gx[i] = 2 * (x[i] - target[i]);
      }
      opt.step(params, grads);
    }
    assertArrayEquals(target, x, 1e-3f);
    assertArrayEquals(new float[] {1f, 2f}, frozen);
  }
}
