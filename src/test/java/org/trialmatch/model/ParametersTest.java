package org.trialmatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParametersTest {
  private final RsnnConfig c = RsnnConfig.paper().toBuilder().nUnits(60).areas(List.of("a", "b", "c"))
      .motorAreas(List.of("c")).nInputs(20).adaptiveFraction(0.2).latentOffset(true).build();
  private final NetworkLayout l = NetworkLayout.fromSizes(c);
  private final Parameters p = Parameters.initialise(l, c, new RandomStreams(42));

  @Test
  void magnitudesAreNonNegativeAndStructurallyZeroWhereForbidden() {
    int n = l.nUnits();
    for (int g = 0; g < p.groups(); g++) {
      float[] w = p.recurrent(g);
      for (int j = 0; j < n; j++) {
        assertEquals(0f, w[j * n + j], "autapse " + j);
        for (int i = 0; i < n; i++) {
          float x = w[j * n + i];
          assertTrue(x >= 0, "negative magnitude");
          boolean sameArea = l.area(i) == l.area(j);
          if (!l.isExcitatory(j) && !sameArea) {
            assertEquals(0f, x, "inhibition between areas");
          }
          if (!sameArea) {
            assertEquals(0f, x, "areas start disconnected");
          } else if (i != j) {
            assertTrue(x > 0, "within-area synapse missing");
          }
        }
      }
    }
    for (float x : p.input()) {
      assertTrue(x > 0);
    }
  }

  @Test
  void rowsAreBalancedAndRadiusIsOnePerGroup() {
    int n = l.nUnits();
    for (int g = 0; g < p.groups(); g++) {
      float[] w = p.recurrent(g);
      double[][] signed = new double[n][n];
      for (int i = 0; i < n; i++) {
        double se = 0;
        double si = 0;
        for (int j = 0; j < n; j++) {
          signed[i][j] = l.sign(j) * w[j * n + i];
          if (l.isExcitatory(j)) {
            se += w[j * n + i];
          } else {
            si += w[j * n + i];
          }
        }
        assertEquals(se, si, 1e-5 * se, "row " + i + " not E/I balanced");
      }
      // full matrix, not the block-wise shortcut of the initialiser
      assertEquals(1.0 / p.groups(), SpectralRadius.of(signed), 1e-4);
    }
    for (int i = 0; i < n; i++) {
      double se = 0;
      double si = 0;
      for (int k = 0; k < c.nInputs(); k++) {
        if (k < l.nExcInputs()) {
          se += p.input()[k * n + i];
        } else {
          si += p.input()[k * n + i];
        }
      }
      assertEquals(se, si, 1e-5 * se, "input row " + i);
    }
  }

  @Test
  void otherParameters() {
    int n = l.nUnits();
    for (float r : p.rest()) {
      assertTrue(Math.abs(r - c.restPotential()) <= 0.5 / Math.sqrt(n));
    }
    assertEquals(l.nAdaptive(), p.adaptation().length);
    assertTrue(l.nAdaptive() > 0);
    for (float b : p.adaptation()) {
      assertEquals((float) c.adaptationStrength(), b);
    }
    assertEquals(l.nMotor(), p.jawWeights().length);
    assertEquals(1f, p.jawBias()[0]);
    assertEquals(5, p.latentDim());
    assertEquals(n * 5, p.latentW1().length);
    double bound = 1 / Math.sqrt(5);
    for (float x : p.latentW0()) {
      assertTrue(Math.abs(x) <= bound);
    }
  }

  @Test
  void seededAndCopied() {
    Parameters same = Parameters.initialise(l, c, new RandomStreams(42));
    Parameters other = Parameters.initialise(l, c, new RandomStreams(43));
    assertTrue(Arrays.equals(p.recurrent(1), same.recurrent(1)));
    assertFalse(Arrays.equals(p.recurrent(1), other.recurrent(1)));
    Parameters copy = p.copy();
    copy.rest()[0] += 1;
    assertFalse(copy.rest()[0] == p.rest()[0]);
  }
}
