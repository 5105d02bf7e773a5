package org.trialmatch.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ModeClusteringTest {
  /**
   * The k-means and silhouette seeds of a run seed are fixed numbers: changing them changes every
   * clustering an analysis reports. Expected values: the SplitMix64 finaliser of
   * {@code seed + 0x9E3779B97F4A7C15·(1 + stream) + 0xBF58476D1CE4E5B9·(1 + item)}, written out in full.
   */
  @Test
  void streamSeedsAreFixed() {
    assertEquals(-5488346465133152715L, ModeClustering.seed(0, 2, 2));
    assertEquals(2939584983604071071L, ModeClustering.seed(0, 3, 0));
    assertEquals(7951491131602253600L, ModeClustering.seed(9, 2, 6));
    assertEquals(110575818886930041L, ModeClustering.seed(-1, 2, 3));
    assertEquals(-6758063043459492614L, ModeClustering.seed(Long.MAX_VALUE, 3, 0));
  }

  @Test
  void streamSeedsEqualTheFinaliserWrittenOut() {
    for (long seed = -20; seed <= 20; seed++) {
      for (long stream = 0; stream < 5; stream++) {
        for (long item = 0; item < 10; item++) {
          long z = seed + 0x9E3779B97F4A7C15L * (1 + stream) + 0xBF58476D1CE4E5B9L * (1 + item);
          z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
          z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
          assertEquals(z ^ (z >>> 31), ModeClustering.seed(seed, stream, item), seed + "/" + stream + "/" + item);
        }
      }
    }
  }
}
