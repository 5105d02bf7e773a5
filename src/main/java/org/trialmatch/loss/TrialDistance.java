package org.trialmatch.loss;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The trial-matching distance between a set of data trials and a set of model trials given as feature
 * matrices of equal width: hard matching ({@link HardMatching}) or the converged debiased Sinkhorn
 * divergence ({@link SinkhornDivergence}), each timed (computation only).
 */
public final class TrialDistance {
  private TrialDistance() {}

  /** A distance and the facts it was computed from. */
  public sealed interface Result permits Hard, Sinkhorn {
    /** @return the distance */
    double value();

    /** @return number of data trials */
    int kData();

    /** @return number of model trials */
    int kModel();

    /** @return number of features */
    int dim();

    /** @return seconds the computation took */
    double seconds();

    /**
     * @return the result by name, in this order: {@code value}, {@code k_data}, {@code k_model},
     *     {@code dim}, the method's own fields, {@code seconds}
     */
    Map<String, Object> fields();
  }

  /**
   * Hard matching.
   *
   * @param value mean squared difference of the matched pairs
   * @param kData number of data trials
   * @param kModel number of model trials
   * @param dim number of features
   * @param modelToData with equal counts the data row (0-based) matched to each model row; empty otherwise
   * @param seed seed of the random subset of the larger set matched when the counts differ
   * @param seconds seconds the computation took
   */
  public record Hard(double value, int kData, int kModel, int dim, List<Integer> modelToData, long seed,
      double seconds) implements Result {
    /** Validates the counts and freezes the assignment. */
    public Hard {
      modelToData = List.copyOf(modelToData);
      if (kData < 1 || kModel < 1 || dim < 1) {
        throw new IllegalArgumentException(
            "kData, kModel and dim must be >= 1, were " + kData + ", " + kModel + ", " + dim);
      }
      if (!modelToData.isEmpty() && (kData != kModel || modelToData.size() != kModel)) {
        throw new IllegalArgumentException("modelToData must be empty or hold kModel = kData = " + kModel
            + " rows, held " + modelToData.size() + " with kData " + kData);
      }
    }

    /** @return number of matched pairs, the smaller count */
    public int kMatched() {
      return Math.min(kData, kModel);
    }

    @Override
    public Map<String, Object> fields() {
      Map<String, Object> m = head(this);
      if (kData == kModel) {
        m.put("assignment_model_to_data", modelToData);
      } else {
        m.put("k_matched", kMatched());
        m.put("seed", seed);
      }
      m.put("seconds", seconds);
      return m;
    }
  }

  /**
   * The converged debiased Sinkhorn divergence.
   *
   * @param kData number of data trials
   * @param kModel number of model trials
   * @param dim number of features
   * @param eps entropic regularisation, in the units of the features
   * @param sinkhorn the divergence, its entropic transport cost and convergence facts
   * @param seconds seconds the computation took
   */
  public record Sinkhorn(int kData, int kModel, int dim, double eps, SinkhornResult sinkhorn, double seconds)
      implements Result {
    /** Validates the counts. */
    public Sinkhorn {
      Objects.requireNonNull(sinkhorn, "sinkhorn");
      if (kData < 1 || kModel < 1 || dim < 1) {
        throw new IllegalArgumentException(
            "kData, kModel and dim must be >= 1, were " + kData + ", " + kModel + ", " + dim);
      }
    }

    @Override
    public double value() {
      return sinkhorn.divergence();
    }

    @Override
    public Map<String, Object> fields() {
      Map<String, Object> m = head(this);
      m.put("eps", eps);
      m.put("ot_eps", sinkhorn.otXY());
      m.put("iterations", sinkhorn.iterations());
      m.put("marginal_error", sinkhorn.marginalError());
      m.put("converged", sinkhorn.converged());
      m.put("seconds", seconds);
      return m;
    }
  }

  private static Map<String, Object> head(Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", r.value());
    m.put("k_data", r.kData());
    m.put("k_model", r.kModel());
    m.put("dim", r.dim());
    return m;
  }

  /**
   * Hard matching: the exact optimal assignment on the cost {@code mean_d (model_i,d - data_j,d)^2};
   * with unequal counts a random subset of the larger set is matched.
   *
   * @param data data trials
   * @param model model trials, as wide as {@code data}
   * @param seed seed of the random subset
   * @return the distance
   */
  public static Hard hard(FeatureMatrix data, FeatureMatrix model, long seed) {
    int dim = requireSameWidth(data, model);
    long start = System.nanoTime();
    int[] assignment = new int[model.rows()];
    double value = new HardMatching().evaluate(data.values(), data.rows(), model.values(), model.rows(), dim,
        new SplittableRandom(seed), null, assignment);
    double seconds = (System.nanoTime() - start) * 1e-9;
    List<Integer> modelToData = new ArrayList<>();
    if (data.rows() == model.rows()) {
      for (int a : assignment) {
        modelToData.add(a);
      }
    }
    return new Hard(value, data.rows(), model.rows(), dim, modelToData, seed, seconds);
  }

  /**
   * The debiased Sinkhorn divergence {@code OT(D,M) - (OT(D,D) + OT(M,M))/2} with the Euclidean cost and
   * uniform weights, iterated until every marginal error is below
   * {@link SinkhornDivergence#DEFAULT_TOLERANCE} or the cap is reached.
   *
   * @param data data trials
   * @param model model trials, as wide as {@code data}
   * @param eps entropic regularisation (finite, > 0)
   * @param maxIterations iteration cap per transport problem (>= 1)
   * @return the divergence; see {@link SinkhornResult#converged()}
   */
  public static Sinkhorn sinkhorn(FeatureMatrix data, FeatureMatrix model, double eps, int maxIterations) {
    int dim = requireSameWidth(data, model);
    long start = System.nanoTime();
    SinkhornResult r = new SinkhornDivergence().converged(data.values(), data.rows(), model.values(),
        model.rows(), dim, eps, SinkhornDivergence.DEFAULT_TOLERANCE, maxIterations, null);
    double seconds = (System.nanoTime() - start) * 1e-9;
    return new Sinkhorn(data.rows(), model.rows(), dim, eps, r, seconds);
  }

  private static int requireSameWidth(FeatureMatrix data, FeatureMatrix model) {
    if (data.columns() != model.columns()) {
      throw new IllegalArgumentException(
          "data and model must have the same number of features, had " + data.columns() + " and "
              + model.columns());
    }
    return data.columns();
  }
}
