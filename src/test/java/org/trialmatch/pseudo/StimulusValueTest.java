package org.trialmatch.pseudo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.data.ConfigException;
import org.trialmatch.data.TrialSetConfig;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.model.Parameters;
import org.trialmatch.model.RandomStreams;
import org.trialmatch.model.RsnnConfig;
import org.trialmatch.model.Simulator;
import org.trialmatch.model.Trace;
import org.trialmatch.model.TrialInputs;
import org.trialmatch.train.FitData;

/**
 * {@code data.stimulusValues} on the artificial data (every trial labelled {@code stim = 1}) reaches
 * the model's input burst: the stimulus-coding inputs of the {@code figure2} network fire with
 * probability {@code p0 (1 + stimValence ln(1 + s))} per step during the burst, {@code p0 =
 * inputRateHz dtMs / 1000} (docs/model.md, method reference §2.4).
 */
class StimulusValueTest {
  @TempDir static Path dir;
  private static List<String> files;

  @BeforeAll
  static void writeData() throws IOException {
    PseudoDataConfig cfg = PseudoDataConfig.figure2().resized(1, 20, 30, 0.6, 0.2);
    files = PseudoDataWriter.writeAll(PseudoDataGenerator.generate(cfg), cfg, dir).stream()
        .map(Path::toString).toList();
  }

  private static TrialSetConfig data(String stimulusValues) throws IOException {
    ObjectMapper m = new ObjectMapper();
    ObjectNode d = m.createObjectNode();
    d.put("preset", "detection");
    files.forEach(d.putArray("files")::add);
    d.put("startS", -0.1);
    d.put("stopS", 0.3);
    if (stimulusValues != null) {
      d.set("stimulusValues", m.readTree(stimulusValues));
    }
    return TrialSetConfig.fromJson(d);
  }

  /** The burst probability of the model's input equations. */
  private static double burstProbability(RsnnConfig c, double s) {
    double p0 = c.inputRateHz() * c.dtMs() / 1000.0;
    return Math.min(1.0, p0 * (1.0 + c.stimValence() * Math.log(1.0 + s)));
  }

  @Test
  void stimulusValueFourGivesTheFigure2BurstProbability() throws IOException {
    FitData fd = FitData.load(data("{\"1\": 4}"));
    assertEquals(List.of("1"), fd.conditionLabels());
    assertEquals(4f, fd.stimulus("1"));
    RsnnConfig model = RsnnConfig.figure2().toBuilder().nUnits(20).areas(List.of("area1")).build();
    double expected = burstProbability(model, fd.stimulus("1"));
    // the paper's artificial-data models: 0.01 (1 + 11.5 ln 5) = 0.195 per step (method reference §2.4)
    assertEquals(0.195, expected, 5e-4);
    assertEquals(expected, measuredBurstProbability(model, fd.stimulus("1")), 4 * se(expected));
  }

  @Test
  void withoutStimulusValuesTheLabelIsTheValue() throws IOException {
    FitData fd = FitData.load(data(null));
    assertEquals(1f, fd.stimulus("1"));
    RsnnConfig model = RsnnConfig.figure2().toBuilder().nUnits(20).areas(List.of("area1")).build();
    double expected = burstProbability(model, 1);
    assertTrue(expected < burstProbability(model, 4) / 2, "the two settings must be told apart");
    assertEquals(expected, measuredBurstProbability(model, fd.stimulus("1")), 4 * se(expected));
  }

  @Test
  void aLabelWithoutAValueIsAConfigError() throws IOException {
    TrialSetConfig d = data("{\"0\": 0, \"2\": 4}");
    ConfigException e = assertThrows(ConfigException.class, () -> FitData.load(d));
    assertEquals("data.stimulusValues", e.key());
    assertTrue(e.getMessage().contains("[1]"), e.getMessage());
    ConfigException neg = assertThrows(ConfigException.class, () -> data("{\"1\": -1}"));
    assertEquals("data.stimulusValues.1", neg.key());
    ConfigException text = assertThrows(ConfigException.class, () -> data("{\"1\": \"four\"}"));
    assertEquals("data.stimulusValues.1", text.key());
  }

  @Test
  void resolvedSectionReadsBack() throws IOException {
    TrialSetConfig d = data("{\"1\": 4}");
    assertEquals(Map.of("1", 4.0), d.stimulusValues());
    assertEquals(d, TrialSetConfig.fromJson(d.toJson()));
    assertEquals(Map.of(), TrialSetConfig.detection().stimulusValues());
  }

  private static final int BATCH = 40;

  private static double se(double p) {
    return Math.sqrt(p * (1 - p) / ((double) BATCH * 100 * 5));
  }

  /** Fraction of (stimulus-coding input, burst step, trial) that spiked in one forward pass. */
  private static double measuredBurstProbability(RsnnConfig c, float stimulus) {
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    Parameters p = Parameters.initialise(layout, c, new RandomStreams(1));
    int nStim = c.stimInputsPerOnset();
    int start = c.onsetStep(c.stimOnsetsMs().get(0)) + c.thalamicDelaySteps();
    int steps = c.stimDurationSteps(0);
    assertEquals(100, nStim);
    assertEquals(5, steps);
    long fired = 0;
    try (Simulator sim = new Simulator(c, layout, 1)) {
      Trace tr = sim.newTrace(BATCH, false);
      sim.forward(p, TrialInputs.constant(c, BATCH, stimulus), new RandomStreams(2), 0, tr);
      for (int b = 0; b < BATCH; b++) {
        int[] idx = tr.inputIndices(b);
        for (int t = start; t < start + steps; t++) {
          for (int k = tr.inputStart(t, b); k < tr.inputStart(t, b) + tr.inputCount(t, b); k++) {
            fired += idx[k] < nStim ? 1 : 0;
          }
        }
      }
    }
    return fired / ((double) BATCH * nStim * steps);
  }
}
