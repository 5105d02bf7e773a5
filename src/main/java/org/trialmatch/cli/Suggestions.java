package org.trialmatch.cli;

import java.util.Collection;

/** The known word nearest to a mistyped one (edit distance), for "did you mean" messages. */
final class Suggestions {
  private Suggestions() {}

  /**
   * @param typed what was typed, e.g. {@code --trails}
   * @param known the known words, e.g. option names
   * @return the nearest known word within a third of the typed word's length (at least 2 edits), or null
   */
  static String nearest(String typed, Collection<String> known) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(typed, k);
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return bestD <= Math.max(2, typed.length() / 3) ? best : null;
  }

  /** Levenshtein distance, adjacent transpositions counting one. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
