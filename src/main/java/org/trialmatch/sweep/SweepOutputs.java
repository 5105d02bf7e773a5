package org.trialmatch.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.trialmatch.report.AtomicFiles;
import org.trialmatch.report.ChartRenderer;
import org.trialmatch.report.SweepFigures;
import org.trialmatch.train.RunDirectory;

/**
 * Writes a sweep's tables and figures: {@code sweep.json} (every point: overrides, seed, status, scores,
 * time), {@code sweep.csv} (the same, one row per point), {@code summary.md} (mean ± sd over seeds per
 * setting, failed points with their errors) and {@code figures/<score>_vs_<key>.{png,svg}}.
 */
final class SweepOutputs {
  private SweepOutputs() {}

  static void write(Path out, SweepResult r) throws IOException {
    List<String> keys = SweepPlan.sweptKeys(r.spec());
    RunDirectory.writeJson(out.resolve("sweep.json"), json(r, keys));
    AtomicFiles.write(out.resolve("sweep.csv"), csv(r, keys));
    List<String> figures = figures(out.resolve("figures"), r, keys);
    AtomicFiles.write(out.resolve("summary.md"), markdown(r, keys, figures));
  }

  static ObjectNode json(SweepResult r, List<String> keys) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("name", r.spec().name());
    o.put("spec", r.spec().file().toString());
    o.put("engine", r.engine());
    o.put("parallel", r.parallel());
    o.put("threads_per_point", r.threadsPerPoint());
    o.put("seconds", r.seconds());
    o.put("points_total", r.points().size());
    o.put("points_done", r.done());
    keys.forEach(o.putArray("swept_keys")::add);
    r.spec().seeds().forEach(o.putArray("seeds")::add);
    r.spec().scores().forEach(o.putArray("scores")::add);
    ArrayNode pts = o.putArray("points");
    for (int i = 0; i < r.points().size(); i++) {
      SweepPoint p = r.points().get(i);
      PointResult pr = r.results().get(i);
      ObjectNode po = pts.addObject();
      po.put("name", p.name());
      po.put("run", "points/" + p.name());
      ObjectNode ov = po.putObject("overrides");
      p.overrides().forEach((k, v) -> ov.set(k, v.deepCopy()));
      po.put("seed", p.seed());
      po.put("status", pr.status());
      if (pr.error() != null) {
        po.put("error", pr.error());
      }
      ObjectNode sc = po.putObject("scores");
      for (String s : r.spec().scores()) {
        Double v = pr.scores().get(s);
        if (v == null) {
          sc.putNull(s);
        } else {
          sc.put(s, v);
        }
      }
      po.put("trained_steps", pr.trainedSteps());
      po.put("evaluated_step", pr.evaluatedStep());
      po.put("resumed_from_step", pr.resumedFromStep());
      po.put("seconds", pr.seconds());
    }
    return o;
  }

  static String csv(SweepResult r, List<String> keys) {
    StringBuilder b = new StringBuilder("point");
    keys.forEach(k -> b.append(',').append(k));
    b.append(",seed,status");
    r.spec().scores().forEach(s -> b.append(',').append(s));
    b.append(",trained_steps,evaluated_step,resumed_from_step,seconds,error\n");
    for (int i = 0; i < r.points().size(); i++) {
      SweepPoint p = r.points().get(i);
      PointResult pr = r.results().get(i);
      b.append(cell(p.name()));
      Map<String, String> ov = p.overrideText();
      keys.forEach(k -> b.append(',').append(cell(ov.getOrDefault(k, ""))));
      b.append(',').append(p.seed()).append(',').append(pr.status());
      for (String s : r.spec().scores()) {
        Double v = pr.scores().get(s);
        b.append(',').append(v == null ? "" : Double.toString(v));
      }
      b.append(',').append(pr.trainedSteps()).append(',').append(pr.evaluatedStep()).append(',')
          .append(pr.resumedFromStep()).append(',').append(String.format(Locale.ROOT, "%.1f", pr.seconds()))
          .append(',').append(cell(pr.error() == null ? "" : pr.error())).append('\n');
    }
    return b.toString();
  }

  private static String cell(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  /** A setting (the overrides without the seed) and the outcomes of its seeds. */
  private record Group(SweepPoint first, List<PointResult> results) {}

  private static Map<String, Group> groups(SweepResult r) {
    Map<String, Group> g = new LinkedHashMap<>();
    for (int i = 0; i < r.points().size(); i++) {
      SweepPoint p = r.points().get(i);
      g.computeIfAbsent(p.setting(), k -> new Group(p, new ArrayList<>())).results().add(r.results().get(i));
    }
    return g;
  }

  static String markdown(SweepResult r, List<String> keys, List<String> figures) {
    StringBuilder b = new StringBuilder();
    b.append("# Sweep ").append(r.spec().name()).append("\n\n");
    b.append(String.format(Locale.ROOT, "%d points, %d done, %d failed; engine %s, %d at once, %d thread%s per point; "
        + "this run took %.0f s.%n%n", r.points().size(), r.done(), r.points().size() - r.done(), r.engine(),
        r.parallel(), r.threadsPerPoint(), r.threadsPerPoint() == 1 ? "" : "s", r.seconds()));
    b.append("Scores on the test trials (docs/analysis.md), mean ± standard deviation over the seeds of each "
        + "setting (points that ran to the end; `n` of them).\n\n");
    List<String> scores = r.spec().scores();
    b.append('|');
    keys.forEach(k -> b.append(' ').append(k).append(" |"));
    b.append(" n |");
    scores.forEach(s -> b.append(' ').append(s).append(" |"));
    b.append('\n').append('|');
    for (int i = 0; i < keys.size() + 1 + scores.size(); i++) {
      b.append("---|");
    }
    b.append('\n');
    for (Group g : groups(r).values()) {
      b.append('|');
      Map<String, String> ov = g.first().overrideText();
      keys.forEach(k -> b.append(' ').append(ov.getOrDefault(k, "(base)")).append(" |"));
      long n = g.results().stream().filter(PointResult::done).count();
      b.append(' ').append(n).append('/').append(g.results().size()).append(" |");
      for (String s : scores) {
        b.append(' ').append(meanSd(values(g.results(), s))).append(" |");
      }
      b.append('\n');
    }
    List<PointResult> failed = r.results().stream().filter(x -> !x.done()).toList();
    if (!failed.isEmpty()) {
      b.append("\n## Failed points\n\nRun the sweep again with `--retry-failed` to run them again (each resumes "
          + "from its last checkpoint).\n\n");
      failed.forEach(x -> b.append("- `").append(x.name()).append("`: ").append(x.error()).append('\n'));
    }
    if (!figures.isEmpty()) {
      b.append("\n## Figures\n\n");
      figures.forEach(f -> b.append("![").append(f).append("](figures/").append(f).append(".png)\n"));
    }
    return b.toString();
  }

  private static double[] values(List<PointResult> rs, String score) {
    return rs.stream().filter(PointResult::done).map(x -> x.scores().get(score)).filter(v -> v != null)
        .mapToDouble(Double::doubleValue).toArray();
  }

  private static String meanSd(double[] x) {
    if (x.length == 0) {
      return "—";
    }
    double m = mean(x);
    return x.length == 1 ? String.format(Locale.ROOT, "%.4g", m)
        : String.format(Locale.ROOT, "%.4g ± %.2g", m, sd(x, m));
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return x.length == 0 ? Double.NaN : s / x.length;
  }

  private static double sd(double[] x, double m) {
    if (x.length < 2) {
      return 0;
    }
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (x.length - 1));
  }

  /** Each score against each swept key; returns the figure names. */
  static List<String> figures(Path dir, SweepResult r, List<String> keys) throws IOException {
    List<String> names = new ArrayList<>();
    if (keys.isEmpty() || r.done() == 0) {
      return names;
    }
    Files.createDirectories(dir);
    for (String key : keys) {
      Set<String> values = new LinkedHashSet<>();
      for (SweepPoint p : r.points()) {
        JsonNode v = p.overrides().get(key);
        values.add(v == null ? "(base)" : v.isTextual() ? v.asText() : v.toString());
      }
      for (String score : r.spec().scores()) {
        if (score.endsWith("_ceiling") || score.endsWith("_data")) {
          continue;
        }
        List<SweepFigures.Bar> bars = new ArrayList<>();
        for (String value : values) {
          List<PointResult> with = new ArrayList<>();
          for (int i = 0; i < r.points().size(); i++) {
            if (value.equals(r.points().get(i).overrideText().getOrDefault(key, "(base)"))) {
              with.add(r.results().get(i));
            }
          }
          double[] x = values(with, score);
          double[] c = values(with, score + "_ceiling");
          double m = mean(x);
          bars.add(new SweepFigures.Bar(value, m, sd(x, m), x.length, c.length == 0 ? Double.NaN : mean(c)));
        }
        if (bars.stream().anyMatch(bb -> bb.n() > 0)) {
          var fig = SweepFigures.scoreAgainst(key, score, bars);
          ChartRenderer.write(fig, dir);
          names.add(fig.name());
        }
      }
    }
    return names;
  }
}
