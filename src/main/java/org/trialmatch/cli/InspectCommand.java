package org.trialmatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.trialmatch.data.Recording;
import org.trialmatch.data.TrialSet;
import org.trialmatch.data.TrialSetBuilder;
import org.trialmatch.data.TrialSetConfig;
import org.trialmatch.data.TrialSetJson;
import org.trialmatch.data.TrialSplit;
import org.trialmatch.nwb.BehaviourSeries;
import org.trialmatch.nwb.IntervalTable;
import org.trialmatch.nwb.NwbContents;
import org.trialmatch.nwb.NwbContentsJson;
import org.trialmatch.nwb.AreaRule;
import org.trialmatch.nwb.NwbReadOptions;
import org.trialmatch.nwb.NwbReader;
import org.trialmatch.nwb.SeriesKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trialmatch inspect FILE.nwb [--json]}: what a recording holds. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    header = "What an NWB recording holds.",
    showDefaultValues = true,
    description =
        "What an NWB recording holds: units per area, interval tables and their columns, behaviour "
            + "series (events or continuous), and problems a user should know about. "
            + "Exit code 3 when the file is missing, not HDF5, truncated, or has no units table.")
public final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.nwb", description = "The NWB 2.x file to inspect.")
  Path file;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(
      names = "--area-rule",
      paramLabel = "RULE",
      defaultValue = "auto",
      description = {
        "How units are grouped into areas, as data.areaRule: auto (a units column 'area', else the",
        "electrodes' location), location:FIELD[+FIELD...] (fields of the structured location, e.g.",
        "location:brain_region+hemisphere gives ALM-left / ALM-right) or column:NAME (a units column,",
        "e.g. column:cell_type). With --config, the configuration's rule is used instead."
      })
  String areaRule;

  @Option(
      names = "--area-map",
      paramLabel = "LABEL=AREA",
      split = ",",
      description = "Rename the rule's labels, as data.areaMap; '*=AREA' names every label not listed.")
  Map<String, String> areaMap = new LinkedHashMap<>();

  @Option(
      names = "--area-column",
      hidden = true,
      description = "Former name: --area-column NAME is --area-rule column:NAME.")
  String areaColumn;

  @Option(
      names = "--trials",
      paramLabel = "PRESET",
      description = {
        "Also build the aligned, binned trials with a preset of the data section",
        "(detection, delayed-response) and report exclusions, event-time readings and the split."
      })
  String trialsPreset;

  @Option(
      names = "--config",
      paramLabel = "C.json",
      description = "Build the trials with the data section of this configuration file (overrides --trials).")
  Path config;

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    TrialSetConfig dataCfg = config != null ? TrialSetConfig.fromJson(ConfigFiles.read(config).get("data")) : null;
    NwbContents c = NwbReader.read(file, dataCfg != null ? dataCfg.readOptions() : readOptions());
    long t1 = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    TrialSet trials = null;
    TrialSplit split = null;
    if (trialsPreset != null || config != null) {
      TrialSetConfig cfg = dataCfg != null ? dataCfg : TrialSetConfig.preset(trialsPreset);
      trials = TrialSetBuilder.build(Recording.of(Recording.sessionName(file), c), cfg);
      split = TrialSplit.of(trials, cfg);
    }
    long t2 = System.nanoTime();
    if (json) {
      ObjectNode root = NwbContentsJson.summary(c);
      if (trials != null) {
        root.set("trials", TrialSetJson.summary(trials, split));
      }
      ObjectNode secs = root.putObject("seconds");
      secs.put("read", (t1 - t0) / 1e9);
      if (trials != null) {
        secs.put("trials", (t2 - t1) / 1e9);
      }
      out.println(new ObjectMapper().writeValueAsString(root));
    } else {
      printText(out, c);
      if (trials != null) {
        printTrials(out, trials, split);
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private NwbReadOptions readOptions() {
    String rule = areaColumn != null && !areaColumn.isEmpty() ? "column:" + areaColumn : areaRule;
    AreaRule parsed;
    try {
      parsed = AreaRule.parse(rule);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--area-rule: " + e.getMessage());
    }
    try {
      return new NwbReadOptions(parsed, areaMap);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--area-map: " + e.getMessage());
    }
  }

  private static void printTrials(PrintWriter out, TrialSet t, TrialSplit split) {
    out.printf(
        Locale.ROOT, "trials: %d trials x %d bins of %.1f ms x %d units, %d spikes in the windows%n",
        t.trials(), t.bins(), t.dtMs(), t.units(), t.totalSpikes());
    for (String r : t.report()) {
      out.println("  " + r);
    }
    for (Map.Entry<String, Integer> e : t.trialTypeCounts().entrySet()) {
      out.printf(Locale.ROOT, "  %-32s %5d trials%n", e.getKey(), e.getValue());
    }
    out.printf(
        Locale.ROOT, "  split: %d train, %d validation, %d test%n",
        split.train().length, split.validation().length, split.test().length);
  }

  private static void printText(PrintWriter out, NwbContents c) {
    out.printf(Locale.ROOT, "%s  (NWB %s)%n", c.file(), c.nwbVersion().isEmpty() ? "?" : c.nwbVersion());
    out.printf(
        Locale.ROOT, "units: %d units, %d spikes, %.1f-%.1f s (areas by rule %s, from %s)%n",
        c.units().count(), c.units().totalSpikes(), c.units().firstSpikeS(), c.units().lastSpikeS(),
        c.units().areaRule().text(), c.units().areaSource());
    for (Map.Entry<String, Integer> e : c.units().countByArea().entrySet()) {
      Map<String, Integer> from = c.units().labelsOf(e.getKey());
      boolean renamed = !(from.size() == 1 && from.containsKey(e.getKey()));
      out.printf(Locale.ROOT, "  %-24s %5d units%s%n", e.getKey(), e.getValue(),
          renamed ? "  (labels " + from + ")" : "");
    }
    if (!c.units().columns().isEmpty()) {
      out.println("  columns: " + String.join(", ", c.units().columns().keySet()));
    }
    out.println("intervals:" + (c.intervals().isEmpty() ? " none" : ""));
    for (IntervalTable t : c.intervals()) {
      out.printf(Locale.ROOT, "  %-24s %5d rows: %s%n", t.name(), t.rows(), String.join(", ", t.columnNames()));
    }
    out.println("behaviour:" + (c.behaviour().isEmpty() ? " none" : ""));
    for (BehaviourSeries s : c.behaviour()) {
      out.printf(
          Locale.ROOT, "  %-48s %-10s %7d %s%n", s.path(), s.kind().name().toLowerCase(Locale.ROOT),
          s.samples(), s.kind() == SeriesKind.EVENTS ? "events" : "samples");
    }
    out.println("problems:" + (c.problems().isEmpty() ? " none" : ""));
    for (String p : c.problems()) {
      out.println("  - " + p);
    }
  }
}
