package org.trialmatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.trialmatch.loss.FeatureMatrix;
import org.trialmatch.loss.HardMatching;
import org.trialmatch.loss.SinkhornDivergence;
import org.trialmatch.loss.SinkhornResult;
import org.trialmatch.loss.TrialCsv;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trialmatch tm-distance}: the trial-matching distance between two sets of trials given as CSV. */
@Command(
    name = "tm-distance",
    mixinStandardHelpOptions = true,
    header = "Trial-matching distance between two sets of trials (CSV files).",
    sortOptions = false,
    description = {
      "Trial-matching distance between a set of data trials and a set of model trials. Each CSV file "
          + "holds one trial per row and one feature per column (finite numbers, no header); both files "
          + "must have the same number of columns.",
      "",
      "hard: exact optimal assignment on the cost mean_d (model_i,d - data_j,d)^2 (the optimum "
          + "scipy's linear_sum_assignment finds); value = mean squared difference of the matched pairs. "
          + "With unequal counts a random subset of the larger set is matched (--seed).",
      "",
      "sinkhorn: debiased Sinkhorn divergence OT(D,M) - (OT(D,D) + OT(M,M))/2 with the Euclidean cost "
          + "and uniform weights, iterated until every marginal error is below 1e-9 (converged mode; "
          + "not divided by sqrt(dim)).",
      "",
      "Output (--json): method, value, k_data, k_model, dim, seconds (computation only, reading "
          + "excluded); hard adds assignment_model_to_data (equal counts: the data row matched to each "
          + "model row, 0-based); sinkhorn adds eps, ot_eps, iterations, marginal_error, converged.",
      "",
      "Exit codes: 0 ok, 1 Sinkhorn did not converge, 2 bad options, 3 malformed or missing CSV.",
      ""
    })
public final class TmDistanceCommand implements Callable<Integer> {

  /** The distance to compute. */
  enum Method {
    /** Exact optimal assignment. */
    hard,
    /** Converged debiased Sinkhorn divergence. */
    sinkhorn
  }

  @Option(names = "--data", required = true, paramLabel = "D.csv", description = "Data trials (CSV).")
  Path data;

  @Option(names = "--model", required = true, paramLabel = "M.csv", description = "Model trials (CSV).")
  Path model;

  @Option(
      names = "--method",
      required = true,
      paramLabel = "hard|sinkhorn",
      description = "Distance: ${COMPLETION-CANDIDATES}.")
  Method method;

  @Option(
      names = "--eps",
      defaultValue = "0.1",
      paramLabel = "EPS",
      description = "Entropic regularisation of sinkhorn, in the units of the features (default: ${DEFAULT-VALUE}).")
  double eps;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "SEED",
      description = "Seed of the random subset hard matching uses when the counts differ (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--max-iterations",
      defaultValue = "100000",
      paramLabel = "N",
      description = "Iteration cap of sinkhorn per transport problem (default: ${DEFAULT-VALUE}).")
  int maxIterations;

  @Option(names = "--json", description = "Print one JSON object instead of a readable summary.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!(eps > 0) || Double.isInfinite(eps)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--eps must be finite and > 0, was " + eps);
    }
    if (maxIterations < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--max-iterations must be >= 1, was " + maxIterations);
    }
    FeatureMatrix x = TrialCsv.read(data);
    FeatureMatrix y = TrialCsv.read(model);
    TrialCsv.requireSameWidth(x, y, model, data);
    int dim = x.columns();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("method", method.name());
    int code = ExitCodes.OK;
    String failure = null;
    long start = System.nanoTime();
    if (method == Method.hard) {
      int[] assignment = new int[y.rows()];
      double value = new HardMatching().evaluate(
          x.values(), x.rows(), y.values(), y.rows(), dim, new SplittableRandom(seed), null, assignment);
      double seconds = (System.nanoTime() - start) * 1e-9;
      out.put("value", value);
      out.put("k_data", x.rows());
      out.put("k_model", y.rows());
      out.put("dim", dim);
      if (x.rows() == y.rows()) {
        out.put("assignment_model_to_data", assignment);
      } else {
        out.put("k_matched", Math.min(x.rows(), y.rows()));
        out.put("seed", seed);
      }
      out.put("seconds", seconds);
    } else {
      SinkhornResult r = new SinkhornDivergence().converged(
          x.values(), x.rows(), y.values(), y.rows(), dim, eps,
          SinkhornDivergence.DEFAULT_TOLERANCE, maxIterations, null);
      double seconds = (System.nanoTime() - start) * 1e-9;
      out.put("value", r.divergence());
      out.put("k_data", x.rows());
      out.put("k_model", y.rows());
      out.put("dim", dim);
      out.put("eps", eps);
      out.put("ot_eps", r.otXY());
      out.put("iterations", r.iterations());
      out.put("marginal_error", r.marginalError());
      out.put("converged", r.converged());
      out.put("seconds", seconds);
      if (!r.converged()) {
        code = ExitCodes.FAILURE;
        failure = String.format(Locale.ROOT,
            "Sinkhorn did not converge in %d iterations (marginal error %.3g, tolerance %.0e); "
                + "try a larger --eps or --max-iterations",
            r.iterations(), r.marginalError(), SinkhornDivergence.DEFAULT_TOLERANCE);
      }
    }
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      w.println(new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
    } else {
      printSummary(w, out);
    }
    w.flush();
    if (failure != null) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("trialmatch tm-distance: " + failure);
      err.flush();
    }
    return code;
  }

  private void printSummary(PrintWriter w, Map<String, Object> out) {
    w.printf(Locale.ROOT, "method      %s%n", out.get("method"));
    if (method == Method.hard) {
      int matched = Math.min((Integer) out.get("k_data"), (Integer) out.get("k_model"));
      w.printf(Locale.ROOT, "value       %.10g  (mean squared difference of %d matched pairs)%n",
          (Double) out.get("value"), matched);
    } else {
      w.printf(Locale.ROOT, "value       %.10g  (debiased Sinkhorn divergence, eps %s)%n",
          (Double) out.get("value"), out.get("eps"));
      w.printf(Locale.ROOT, "OT_eps      %.10g%n", (Double) out.get("ot_eps"));
      w.printf(Locale.ROOT, "converged   %s (marginal error %.3g after %d iterations)%n",
          out.get("converged"), (Double) out.get("marginal_error"), (Integer) out.get("iterations"));
    }
    w.printf(Locale.ROOT, "trials      data %d, model %d%n", out.get("k_data"), out.get("k_model"));
    w.printf(Locale.ROOT, "dimension   %d%n", out.get("dim"));
    w.printf(Locale.ROOT, "seconds     %.4f%n", (Double) out.get("seconds"));
  }
}
