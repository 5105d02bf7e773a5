package org.trialmatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.trialmatch.loss.FeatureMatrix;
import org.trialmatch.loss.SinkhornDivergence;
import org.trialmatch.loss.TrialCsv;
import org.trialmatch.loss.TrialDistance;
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
    TrialDistance.Result r = method == Method.hard
        ? TrialDistance.hard(x, y, seed)
        : TrialDistance.sinkhorn(x, y, eps, maxIterations);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("method", method.name());
    out.putAll(r.fields());
    int code = ExitCodes.OK;
    String failure = null;
    if (r instanceof TrialDistance.Sinkhorn s && !s.sinkhorn().converged()) {
      code = ExitCodes.FAILURE;
      failure = String.format(Locale.ROOT,
          "Sinkhorn did not converge in %d iterations (marginal error %.3g, tolerance %.0e); "
              + "try a larger --eps or --max-iterations",
          s.sinkhorn().iterations(), s.sinkhorn().marginalError(), SinkhornDivergence.DEFAULT_TOLERANCE);
    }
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      w.println(new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
    } else {
      printSummary(w, r);
    }
    w.flush();
    if (failure != null) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("trialmatch tm-distance: " + failure);
      err.flush();
    }
    return code;
  }

  private void printSummary(PrintWriter w, TrialDistance.Result r) {
    w.printf(Locale.ROOT, "method      %s%n", method.name());
    if (r instanceof TrialDistance.Hard h) {
      w.printf(Locale.ROOT, "value       %.10g  (mean squared difference of %d matched pairs)%n",
          h.value(), h.kMatched());
    } else if (r instanceof TrialDistance.Sinkhorn s) {
      w.printf(Locale.ROOT, "value       %.10g  (debiased Sinkhorn divergence, eps %s)%n", s.value(), s.eps());
      w.printf(Locale.ROOT, "OT_eps      %.10g%n", s.sinkhorn().otXY());
      w.printf(Locale.ROOT, "converged   %s (marginal error %.3g after %d iterations)%n",
          s.sinkhorn().converged(), s.sinkhorn().marginalError(), s.sinkhorn().iterations());
    }
    w.printf(Locale.ROOT, "trials      data %d, model %d%n", r.kData(), r.kModel());
    w.printf(Locale.ROOT, "dimension   %d%n", r.dim());
    w.printf(Locale.ROOT, "seconds     %.4f%n", r.seconds());
  }
}
