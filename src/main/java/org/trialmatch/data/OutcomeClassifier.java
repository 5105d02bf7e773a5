package org.trialmatch.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Reads a trial's outcome from its behaviour trace (method reference §4.5, a multinomial logistic
 * regression instead of its MLP): the trace is averaged in windows of {@code windowBins} bins (the
 * box filter F1 without padding), each window z-scored with the training trials' statistics, and the
 * outcome is the class with the largest softmax score. Weights are fitted by full-batch gradient
 * descent on the mean cross-entropy plus {@code l2} times the squared weights, from zero, for a fixed
 * number of iterations: a deterministic function of the training trials.
 */
public final class OutcomeClassifier {
  private final List<String> labels;
  private final int windowBins;
  private final int features;
  private final double[] mean;
  private final double[] scale;
  private final double[] weights;

  private OutcomeClassifier(List<String> labels, int windowBins, int features, double[] mean, double[] scale,
      double[] weights) {
    this.labels = labels;
    this.windowBins = windowBins;
    this.features = features;
    this.mean = mean;
    this.scale = scale;
    this.weights = weights;
  }

  /**
   * Fits the classifier.
   *
   * @param traces behaviour traces, one per trial, each of the same length (bins)
   * @param outcomes the outcome label of each trial
   * @param windowBins bins averaged into one feature (>= 1)
   * @param l2 L2 penalty (>= 0)
   * @param iterations gradient-descent iterations (>= 1)
   * @return the fitted classifier
   */
  public static OutcomeClassifier fit(List<float[]> traces, List<String> outcomes, int windowBins, double l2,
      int iterations) {
    if (traces.isEmpty() || traces.size() != outcomes.size()) {
      throw new IllegalArgumentException("need one outcome per trace and at least one trial, had "
          + traces.size() + " traces and " + outcomes.size() + " outcomes");
    }
    List<String> labels = List.copyOf(new TreeSet<>(outcomes));
    int bins = traces.get(0).length;
    int f = Math.max(1, bins / windowBins);
    int n = traces.size();
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = windows(traces.get(i), windowBins, f);
    }
    double[] mean = new double[f];
    double[] scale = new double[f];
    for (int j = 0; j < f; j++) {
      double s = 0;
      for (double[] r : x) {
        s += r[j];
      }
      mean[j] = s / n;
      double v = 0;
      for (double[] r : x) {
        v += (r[j] - mean[j]) * (r[j] - mean[j]);
      }
      scale[j] = Math.sqrt(v / n);
      if (!(scale[j] > 1e-12)) {
        scale[j] = 1;
      }
    }
    for (double[] r : x) {
      for (int j = 0; j < f; j++) {
        r[j] = (r[j] - mean[j]) / scale[j];
      }
    }
    int c = labels.size();
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = labels.indexOf(outcomes.get(i));
    }
    double[] w = new double[c * (f + 1)];
    double[] g = new double[w.length];
    double[] p = new double[c];
    double lr = 0.5;
    for (int it = 0; it < iterations; it++) {
      java.util.Arrays.fill(g, 0);
      for (int i = 0; i < n; i++) {
        softmax(w, x[i], f, p);
        for (int k = 0; k < c; k++) {
          double d = (p[k] - (y[i] == k ? 1 : 0)) / n;
          int o = k * (f + 1);
          for (int j = 0; j < f; j++) {
            g[o + j] += d * x[i][j];
          }
          g[o + f] += d;
        }
      }
      for (int k = 0; k < c; k++) {
        int o = k * (f + 1);
        for (int j = 0; j < f; j++) {
          g[o + j] += 2 * l2 * w[o + j];
        }
      }
      for (int j = 0; j < w.length; j++) {
        w[j] -= lr * g[j];
      }
    }
    return new OutcomeClassifier(labels, windowBins, f, mean, scale, w);
  }

  private static double[] windows(float[] trace, int windowBins, int f) {
    double[] out = new double[f];
    for (int j = 0; j < f; j++) {
      double s = 0;
      for (int b = j * windowBins; b < (j + 1) * windowBins && b < trace.length; b++) {
        s += trace[b];
      }
      out[j] = s / windowBins;
    }
    return out;
  }

  private static void softmax(double[] w, double[] x, int f, double[] p) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < p.length; k++) {
      int o = k * (f + 1);
      double z = w[o + f];
      for (int j = 0; j < f; j++) {
        z += w[o + j] * x[j];
      }
      p[k] = z;
      max = Math.max(max, z);
    }
    double s = 0;
    for (int k = 0; k < p.length; k++) {
      p[k] = Math.exp(p[k] - max);
      s += p[k];
    }
    for (int k = 0; k < p.length; k++) {
      p[k] /= s;
    }
  }

  /**
   * @param trace a behaviour trace of the training length
   * @return the predicted outcome label
   */
  public String predict(float[] trace) {
    Objects.requireNonNull(trace, "trace");
    double[] x = windows(trace, windowBins, features);
    for (int j = 0; j < features; j++) {
      x[j] = (x[j] - mean[j]) / scale[j];
    }
    double[] p = new double[labels.size()];
    softmax(weights, x, features, p);
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      best = p[k] > p[best] ? k : best;
    }
    return labels.get(best);
  }

  /**
   * @param traces traces
   * @param outcomes their true labels
   * @return the fraction predicted right (NaN for no trials)
   */
  public double accuracy(List<float[]> traces, List<String> outcomes) {
    if (traces.isEmpty()) {
      return Double.NaN;
    }
    int right = 0;
    for (int i = 0; i < traces.size(); i++) {
      right += predict(traces.get(i)).equals(outcomes.get(i)) ? 1 : 0;
    }
    return right / (double) traces.size();
  }

  /** @return the outcome labels it can predict, sorted */
  public List<String> labels() {
    return new ArrayList<>(labels);
  }
}
