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
  void trialToPsthRatioDefaultsToTheAuthorsBalanceAndReadsBack() throws Exception {
    LossConfig d = LossConfig.fromJson(null);
    assertEquals(1.0, d.trialToPsthRatio(), "default: the authors' effective 1:1");
    LossConfig earlier = LossConfig.fromJson(JSON.readTree("{\"trialToPsthRatio\": 10}"));
    assertEquals(earlier.trialWeight() / earlier.psthWeight(), earlier.trialToPsthRatio(),
        "10 re-applies the weights after normalisation, as before the key existed");
    assertEquals(earlier, LossConfig.fromJson(earlier.toJson()));
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
