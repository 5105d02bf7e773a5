package org.trialmatch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrialSplitTest {

  private static String[] labels(long seed, int n) {
    String[] kinds = {"Hit", "Hit", "Hit", "Miss", "CR", "CR", "FA"};
    Random r = new Random(seed);
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = kinds[r.nextInt(kinds.length)];
    }
    return out;
  }

  @Test
  void partitionIsDisjointCompleteAndStratified() {
    String[] types = labels(11, 500);
    TrialSplit s = TrialSplit.stratified(types, 0.6, 0.2, 3);
    int[] all = IntStream.concat(IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.validation())),
        Arrays.stream(s.test())).sorted().toArray();
    assertArrayEquals(IntStream.range(0, 500).toArray(), all);
    Map<String, Integer> total = new HashMap<>();
    Map<String, Integer> train = new HashMap<>();
    Map<String, Integer> val = new HashMap<>();
    for (String t : types) {
      total.merge(t, 1, Integer::sum);
    }
    for (int i : s.train()) {
      train.merge(types[i], 1, Integer::sum);
    }
    for (int i : s.validation()) {
      val.merge(types[i], 1, Integer::sum);
    }
    for (Map.Entry<String, Integer> e : total.entrySet()) {
      int n = e.getValue();
      assertEquals(Math.round(n * 0.6), (long) train.get(e.getKey()), e.getKey());
      assertEquals(Math.round(n * 0.2), (long) val.get(e.getKey()), e.getKey());
    }
  }

  @Test
  void seededAndReproducible() {
    String[] types = labels(5, 200);
    TrialSplit a = TrialSplit.stratified(types, 0.6, 0.2, 42);
    TrialSplit b = TrialSplit.stratified(types, 0.6, 0.2, 42);
    TrialSplit c = TrialSplit.stratified(types, 0.6, 0.2, 43);
    assertArrayEquals(a.train(), b.train());
    assertArrayEquals(a.test(), b.test());
    assertFalse(Arrays.equals(a.train(), c.train()));
  }

  @Test
  void smallTypesRoundPerType() {
    // A: 1 trial -> round(0.6) = 1 train. B: 2 trials -> round(1.2) = 1 train, round(0.4) = 0 validation, 1 test.
    TrialSplit s = TrialSplit.stratified(new String[] {"A", "B", "B"}, 0.6, 0.2, 0);
    assertEquals(2, s.train().length);
    assertEquals(0, s.validation().length);
    assertEquals(1, s.test().length);
    assertEquals(0, s.train()[0]);
  }
}
