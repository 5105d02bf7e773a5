package org.trialmatch.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialmatch.analysis.ModelTypeQuality;

class TargetsTest {
  private static final UnitActivity QUIET = new UnitActivity(10, 8, 0, List.of(), 50, 0, 83.3, 40.0);

  @Test
  void sharesOfTheCeilingDecide() {
    Targets.Area a = new Targets.Area("ALM", 0.30, 0.40, 66, 0.50, 0.60);
    assertEquals(0.75, a.tNeuronShare(), 1e-12);
    assertTrue(a.tNeuronMet());
    assertFalse(a.tTrialMet()); // 0.833 < 0.85
    Targets t = new Targets(List.of(a), null, List.of(new Targets.TrialType("left/correct", 0.4, 0.3, 0.5, 0.45)),
        QUIET);
    assertFalse(t.allMet());
    assertTrue(t.lines().get(0).contains("t_neuron 0.300 of ceiling 0.400 = 75 % (target 75 %: met)"), t.lines().get(0));
    assertTrue(t.lines().get(0).contains("= 83 % (target 85 %: missed by 2 points)"), t.lines().get(0));
  }

  @Test
  void everyCheckCounts() {
    Targets.Area ok = new Targets.Area("ALM", 0.35, 0.40, 66, 0.55, 0.60);
    Targets.TrialType inside = new Targets.TrialType("left/correct", 0.4, 0.3, 0.5, 0.45);
    ModelTypeQuality q = new ModelTypeQuality("lick rates", 0.9, 0.6, 47, true);
    assertTrue(new Targets(List.of(ok), q, List.of(inside), QUIET).allMet());
    Targets.TrialType outside = new Targets.TrialType("left/error", 0.1, 0.05, 0.2, 0.25);
    assertFalse(new Targets(List.of(ok), q, List.of(inside, outside), QUIET).allMet());
    assertTrue(String.join("\n", new Targets(List.of(ok), q, List.of(inside, outside), QUIET).lines())
        .contains("left/error: model 25.0 %, data 10.0 % (95 % interval 5.0-20.0 %): outside, by 5.0 points"));
    UnitActivity silent = new UnitActivity(10, 8, 1, List.of("s/3: 4.00 Hz -> 0.10 Hz"), 50, 0, 83.3, 40.0);
    Targets t = new Targets(List.of(ok), q, List.of(inside), silent);
    assertFalse(t.allMet());
    assertTrue(String.join("\n", t.lines()).contains("silent counterparts (target 0): 1 of 8 recorded units firing above 1 Hz "
        + "(s/3: 4.00 Hz -> 0.10 Hz)"), t.lines().toString());
    UnitActivity tonic = new UnitActivity(10, 8, 0, List.of(), 50, 2, 83.3, 120.0);
    assertFalse(new Targets(List.of(ok), q, List.of(inside), tonic).allMet());
    // no model fractions (classifier does not beat its baseline) is not a pass
    assertFalse(new Targets(List.of(ok), null, List.of(), QUIET).allMet());
  }
}
