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
}
