package org.trialmatch.train;

import java.util.ArrayList;
import java.util.List;
import org.trialmatch.loss.ConditionSet;
import org.trialmatch.loss.DataTrials;
import org.trialmatch.loss.UnitLayout;
import org.trialmatch.model.NetworkLayout;

/**
 * The trials of one split (training, validation or test) as the losses read them: the data tensors
 * over the model's units, the condition sets (set 0 holds every trial; with more than one condition
 * label, set {@code c} holds the trials of label {@code c - 1}), and the pool of each set that model
 * trials draw their inputs from.
 */
final class Split {
  /** Which split of each session. */
  enum Kind {
    TRAIN, VALIDATION, TEST
  }

  final DataTrials trials;
  final List<ConditionSet> conditions;
  /** Per condition set: the session of each included trial. */
  final int[][] poolSession;
  /** Per condition set: the slot (index into {@code slots[session]}) of each included trial. */
  final int[][] poolSlot;
  /** Per session: the trial indices of this split, in slot order. */
  final int[][] slots;

  private Split(DataTrials trials, List<ConditionSet> conditions, int[][] poolSession, int[][] poolSlot,
      int[][] slots) {
    this.trials = trials;
    this.conditions = conditions;
    this.poolSession = poolSession;
    this.poolSlot = poolSlot;
    this.slots = slots;
  }

  /**
   * Builds the data tensors of one split, and the condition sets over them. Spikes are
   * {@code [t][slot][unit]} (hidden units 0, slots past a session's trial count NaN); the jaw, when
   * the data have behaviour, is {@code [t][slot][session][channel]}.
   *
   * @param kind which split
   * @param data the loaded data
   * @param layout the network layout
   * @param unitLayout the session and area of each model unit
   * @param steps time steps of the trial window
   * @return the split
   */
  static Split of(Kind kind, FitData data, NetworkLayout layout, UnitLayout unitLayout, int steps) {
    List<FitData.Session> ss = data.sessions();
    int units = layout.nUnits();
    int nS = ss.size();
    int[][] slots = new int[nS][];
    int k = 1;
    for (int s = 0; s < nS; s++) {
      slots[s] = kind == Kind.TRAIN ? ss.get(s).split().train()
          : kind == Kind.VALIDATION ? ss.get(s).split().validation() : ss.get(s).split().test();
      k = Math.max(k, slots[s].length);
    }
    float[] spikes = new float[steps * k * units];
    for (int i = 0; i < units; i++) {
      int s = unitLayout.sessionOf(i);
      int r = s < 0 ? -1 : layout.recordedIndex(i);
      for (int t = 0; t < steps; t++) {
        for (int slot = 0; slot < k; slot++) {
          float v;
          if (s < 0) {
            v = 0f;
          } else if (slot < slots[s].length) {
            v = ss.get(s).trials().count(t, slots[s][slot], r);
          } else {
            v = Float.NaN;
          }
          spikes[(t * k + slot) * units + i] = v;
        }
      }
    }
    float[] jaw = null;
    int nch = Math.max(1, data.behaviourChannels());
    if (data.hasBehaviour()) {
      jaw = new float[steps * k * nS * nch];
      for (int s = 0; s < nS; s++) {
        for (int t = 0; t < steps; t++) {
          for (int slot = 0; slot < k; slot++) {
            for (int c = 0; c < nch; c++) {
              jaw[((t * k + slot) * nS + s) * nch + c] = slot < slots[s].length
                  ? ss.get(s).normalisedBehaviour(t, slots[s][slot], c) : Float.NaN;
            }
          }
        }
      }
    }
    DataTrials dt = DataTrials.wrap(spikes, jaw, steps, k, units, nS, nch);
    List<String> labels = data.conditionLabels();
    List<ConditionSet> sets = new ArrayList<>();
    List<int[]> poolS = new ArrayList<>();
    List<int[]> poolK = new ArrayList<>();
    int nSets = labels.size() > 1 ? labels.size() + 1 : 1;
    for (int c = 0; c < nSets; c++) {
      boolean[][] inc = new boolean[nS][k];
      List<Integer> ps = new ArrayList<>();
      List<Integer> pk = new ArrayList<>();
      for (int s = 0; s < nS; s++) {
        for (int slot = 0; slot < slots[s].length; slot++) {
          String cond = ss.get(s).trials().condition(slots[s][slot]);
          boolean in = c == 0 || cond.equals(labels.get(c - 1));
          inc[s][slot] = in;
          if (in) {
            ps.add(s);
            pk.add(slot);
          }
        }
      }
      sets.add(ConditionSet.of(c == 0 ? "all" : "condition " + labels.get(c - 1), inc));
      poolS.add(ps.stream().mapToInt(Integer::intValue).toArray());
      poolK.add(pk.stream().mapToInt(Integer::intValue).toArray());
    }
    return new Split(dt, sets, poolS.toArray(new int[0][]), poolK.toArray(new int[0][]), slots);
  }
}
