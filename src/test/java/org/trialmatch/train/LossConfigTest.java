package org.trialmatch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.trialmatch.data.ConfigException;

class LossConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void trialToPsthRatioDefaultsToTheWeightsRatioAndReadsBack() throws Exception {
    LossConfig d = LossConfig.fromJson(null);
    assertEquals(d.trialWeight() / d.psthWeight(), d.trialToPsthRatio(), "default: the weights applied after normalisation");
    LossConfig splitter = LossConfig.fromJson(JSON.readTree("{\"trialToPsthRatio\": 1}"));
    assertEquals(1.0, splitter.trialToPsthRatio());
    assertEquals(splitter, LossConfig.fromJson(splitter.toJson()));
    assertEquals(1.0, splitter.withMatching("hard").trialToPsthRatio());
  }

  @Test
  void badRatiosNameTheKey() {
    for (String bad : new String[] {"0", "-1", "\"ten\"", "null", "1e400"}) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> LossConfig.fromJson(JSON.readTree("{\"trialToPsthRatio\": " + bad + "}")), bad);
      assertEquals("loss.trialToPsthRatio", e.key(), bad);
      assertTrue(e.getMessage().contains("trialToPsthRatio"), e.getMessage());
    }
    ConfigException typo = assertThrows(ConfigException.class,
        () -> LossConfig.fromJson(JSON.readTree("{\"trialToPSTHRatio\": 1}")));
    assertEquals("loss.trialToPSTHRatio", typo.key());
  }
}
