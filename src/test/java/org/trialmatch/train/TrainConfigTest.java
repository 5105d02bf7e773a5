package org.trialmatch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.trialmatch.data.ConfigException;

class TrainConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void weightDecayZeroIsAcceptedAndTheDefaultStays() throws Exception {
    // the paper's artificial-data models train without weight decay (method reference §5.2)
    assertEquals(0.0, TrainConfig.fromJson(JSON.readTree("{\"weightDecay\": 0}")).weightDecay());
    assertEquals(0.0, TrainConfig.fromJson(JSON.readTree("{\"weightDecay\": 0.0}")).weightDecay());
    assertEquals(0.01, TrainConfig.fromJson(null).weightDecay());
    ConfigException e = assertThrows(ConfigException.class,
        () -> TrainConfig.fromJson(JSON.readTree("{\"weightDecay\": -0.1}")));
    assertEquals("train.weightDecay", e.key());
  }

  @Test
  void integersAreCheckedBeforeTheyAreNarrowed() throws Exception {
    assertEquals(2000, TrainConfig.fromJson(JSON.readTree("{\"steps\": 2e3}")).steps());
    assertEquals(7, TrainConfig.fromJson(JSON.readTree("{\"steps\": 7.0}")).steps());
    String[][] bad = {
        {"{\"steps\": 4294967297}", "train.steps: must be in [1, 10000000], was 4294967297"},
        {"{\"steps\": 0}", "train.steps: must be in [1, 10000000], was 0"},
        {"{\"modelTrials\": 1e12}", "train.modelTrials: must be in [1, 100000], was 1.0E12"},
        {"{\"threads\": 2.5}", "train.threads: must be an integer, was 2.5"},
        {"{\"seed\": 1e30}", "train.seed: must be in ["},
        {"{\"maxLossFactor\": 1e400}", "train.maxLossFactor: must be finite and > 1"},
        {"{\"lr\": 2}", "train.lr: must be in (0, 1.0], was 2.0"},
    };
    for (String[] b : bad) {
      ConfigException e = assertThrows(ConfigException.class, () -> TrainConfig.fromJson(JSON.readTree(b[0])), b[0]);
      org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith(b[1]), b[0] + ": " + e.getMessage());
    }
  }
}
