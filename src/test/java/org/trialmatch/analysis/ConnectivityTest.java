package org.trialmatch.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialmatch.testing.Tolerances;

class ConnectivityTest {

  @Test
  void signedMeanOverPairsWithoutAutapses() {
    // units 0 (E, A), 1 (I, A), 2 (E, B), 3 (E, B); W[pre][post]
    float[] w = {
        9, 1, 2, 3,
        4, 9, 5, 6,
        7, 8, 9, 1,
        2, 3, 4, 9};
    float[] g2 = new float[16];
    g2[2] = 1; // 0 -> 2, second delay group
    AreaMatrix m = Connectivity.meanInterArea(List.of(w, g2), new int[] {0, 0, 1, 1}, new int[] {1, -1, 1, 1},
        List.of("A", "B"));
    // A -> A: pairs (0,1) +1, (1,0) -4 over 2 pairs
    assertEquals((1 - 4) / 2.0, m.get(0, 0), Tolerances.EXACT);
    // A -> B: (0,2) +2+1, (0,3) +3, (1,2) -5, (1,3) -6 over 4 pairs
    assertEquals((3 + 3 - 5 - 6) / 4.0, m.get(0, 1), Tolerances.EXACT);
    // B -> A: (2,0) 7, (2,1) 8, (3,0) 2, (3,1) 3
    assertEquals((7 + 8 + 2 + 3) / 4.0, m.get(1, 0), Tolerances.EXACT);
    // B -> B: (2,3) 1, (3,2) 4
    assertEquals((1 + 4) / 2.0, m.get(1, 1), Tolerances.EXACT);
  }

  @Test
  void rejectsBadSigns() {
    assertThrows(IllegalArgumentException.class,
        () -> Connectivity.meanInterArea(List.of(new float[4]), new int[] {0, 0}, new int[] {1, 0}, List.of("A")));
  }
}
