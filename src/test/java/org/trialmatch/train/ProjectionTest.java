package org.trialmatch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.trialmatch.model.NetworkLayout;
import org.trialmatch.model.Parameters;
import org.trialmatch.model.RsnnConfig;

class ProjectionTest {

  static RsnnConfig tiny() throws Exception {
    return RsnnConfig.fromJson(new ObjectMapper().readTree(
        "{\"preset\":\"figure2\",\"nUnits\":20,\"nInputs\":6,\"steps\":10,\"preSteps\":5}"));
  }

  @Test
  void projectsOntoTheConstraints() throws Exception {
    RsnnConfig c = tiny();
    NetworkLayout layout = NetworkLayout.fromSizes(c);
    Parameters p = Parameters.zeros(layout, c);
    Random r = new Random(1);
    for (NamedTensor t : NamedTensor.of(p)) {
      for (int i = 0; i < t.values().length; i++) {
        t.values()[i] = (float) (r.nextGaussian() * 0.3);
      }
    }
    Parameters before = p.copy();
    double lr = 0.01;
    double l1 = 0.5;
    new Projection(layout, l1, lr, c.restPotential(), c.threshold()).applyInPlace(p);
    int n = layout.nUnits();
    float shrink = (float) (l1 * lr);
    for (int g = 0; g < p.groups(); g++) {
      float[] w = p.recurrent(g);
      float[] w0 = before.recurrent(g);
      for (int pre = 0; pre < n; pre++) {
        for (int post = 0; post < n; post++) {
          float x = w[pre * n + post];
          if (pre == post || (!layout.isExcitatory(pre) && layout.area(pre) != layout.area(post))) {
            assertEquals(0f, x, "forbidden " + pre + "->" + post);
          } else {
            assertEquals(Math.max(0f, w0[pre * n + post] - shrink), x, 1e-7f);
          }
        }
      }
    }
    for (int i = 0; i < p.input().length; i++) {
      assertTrue(p.input()[i] >= 0);
    }
    double lo = 2 * c.restPotential() - c.threshold();
    for (float x : p.rest()) {
      assertTrue(x >= lo - 1e-7 && x <= c.threshold() + 1e-7, "rest " + x);
    }
  }
}
