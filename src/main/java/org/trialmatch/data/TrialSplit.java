package org.trialmatch.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A per-session split of trials into train / validation / test, stratified by trial type and
 * seeded. Within each trial type the trials are shuffled with {@code java.util.Random(seed)} (a
 * generator whose sequence Java specifies, so a seed gives the same split on every machine) and cut
 * into {@code round(n*train)}, {@code round(n*validation)} and the rest; trial types are visited in
 * sorted order. Index arrays are sorted ascending.
 */
public final class TrialSplit {
  private final int[] train;
  private final int[] validation;
  private final int[] test;

  private TrialSplit(int[] train, int[] validation, int[] test) {
    this.train = train;
    this.validation = validation;
    this.test = test;
  }

  /**
   * Splits the trials of a set.
   *
   * @param trials the trial set
   * @param cfg fractions and seed
   * @return the split
   */
  public static TrialSplit of(TrialSet trials, TrialSetConfig cfg) {
    String[] types = new String[trials.trials()];
    for (int i = 0; i < types.length; i++) {
      types[i] = trials.trialType(i);
    }
    return stratified(types, cfg.trainFraction(), cfg.validationFraction(), cfg.splitSeed());
  }

  /**
   * Splits trials labelled by type.
   *
   * @param types trial type of each trial
   * @param trainFraction fraction for training
   * @param validationFraction fraction for validation; the rest is test
   * @param seed the seed
   * @return the split
   */
  public static TrialSplit stratified(String[] types, double trainFraction, double validationFraction, long seed) {
    if (trainFraction < 0 || validationFraction < 0 || trainFraction + validationFraction > 1 + 1e-12) {
      throw new IllegalArgumentException(
          "fractions must be >= 0 and sum to <= 1, were " + trainFraction + ", " + validationFraction);
    }
    Map<String, List<Integer>> byType = new TreeMap<>();
    for (int i = 0; i < types.length; i++) {
      byType.computeIfAbsent(types[i], k -> new ArrayList<>()).add(i);
    }
    Random rng = new Random(seed);
    List<Integer> tr = new ArrayList<>();
    List<Integer> va = new ArrayList<>();
    List<Integer> te = new ArrayList<>();
    for (List<Integer> idx : byType.values()) {
      int n = idx.size();
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = idx.get(i);
      }
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      int nTrain = (int) Math.round(n * trainFraction);
      int nVal = Math.min(n - nTrain, (int) Math.round(n * validationFraction));
      for (int i = 0; i < n; i++) {
        (i < nTrain ? tr : i < nTrain + nVal ? va : te).add(order[i]);
      }
    }
    return new TrialSplit(sorted(tr), sorted(va), sorted(te));
  }

  private static int[] sorted(List<Integer> l) {
    int[] a = new int[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = l.get(i);
    }
    Arrays.sort(a);
    return a;
  }

  /** @return training trial indices, ascending */
  public int[] train() {
    return train.clone();
  }

  /** @return validation trial indices, ascending */
  public int[] validation() {
    return validation.clone();
  }

  /** @return test trial indices, ascending */
  public int[] test() {
    return test.clone();
  }
}
