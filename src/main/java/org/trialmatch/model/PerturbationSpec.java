package org.trialmatch.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One perturbation as a user states it: a target (an area, and which of its cells), a window
 * between two events, a kind and a strength. {@link #build} turns it into the {@link Perturbation}
 * of a batch, with each trial's own event times.
 *
 * <p>Strength is in units of the gap between rest and threshold: a current pulse of strength s adds
 * {@code s · (threshold − restPotential)} to {@code I_t}, which, held, raises the unit's mean
 * membrane potential by that much (§2.7: {@code u = α v + (1−α)(I + …)}). A clamp has no strength.
 *
 * @param name a label for reports and files
 * @param kind photoinhibition, clamp or excitation
 * @param area the target area (a model area name)
 * @param cells which units of the area
 * @param start where the window starts
 * @param end where it ends (exclusive)
 */
public record PerturbationSpec(String name, PerturbationKind kind, String area, PerturbationKind.Cells cells,
    Anchor start, Anchor end) {

  /** Name of the alignment event (model time 0) in an anchor. */
  public static final String ALIGN = "align";

  /**
   * A time relative to an event of each trial.
   *
   * @param event {@link #ALIGN} or the name of a per-trial event column (one of the fit's
   *     {@code data.eventColumns})
   * @param offsetMs offset from it, ms
   */
  public record Anchor(String event, double offsetMs) {
    public Anchor {
      Objects.requireNonNull(event, "event");
      if (!Double.isFinite(offsetMs)) {
        throw new IllegalArgumentException("offset must be finite, was " + offsetMs);
      }
    }

    @Override
    public String toString() {
      return offsetMs == 0 ? event : event + (offsetMs > 0 ? " + " : " − ") + Math.abs(offsetMs) + " ms";
    }
  }

  public PerturbationSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(area, "area");
    Objects.requireNonNull(cells, "cells");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
  }

  /**
   * The target's units.
   *
   * @param layout the network
   * @return sorted unit indices
   * @throws IllegalArgumentException if the area is not one of the network's, or it has no such units
   */
  public int[] units(NetworkLayout layout) {
    int a = layout.areaNames().indexOf(area);
    if (a < 0) {
      throw new IllegalArgumentException("area '" + area + "' is not one of the model's areas " + layout.areaNames());
    }
    List<Integer> u = new ArrayList<>();
    for (int i = 0; i < layout.nUnits(); i++) {
      if (layout.area(i) == a && (cells == PerturbationKind.Cells.ALL
          || (cells == PerturbationKind.Cells.E) == layout.isExcitatory(i))) {
        u.add(i);
      }
    }
    if (u.isEmpty()) {
      throw new IllegalArgumentException("area '" + area + "' has no " + cells + " units");
    }
    return u.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The window step of an anchor in trial b.
   *
   * @param c the model configuration (grid)
   * @param in the batch's inputs (per-trial event steps)
   * @param events names of the inputs' onsets, in order (the fit's event columns; may be empty)
   * @param anchor the anchor
   * @param b trial
   * @return its window step
   */
  static int step(RsnnConfig c, TrialInputs in, List<String> events, Anchor anchor, int b) {
    int shift = (int) Math.round(anchor.offsetMs() / c.dtMs());
    if (ALIGN.equals(anchor.event())) {
      return c.onsetStep(0.0) + shift;
    }
    int l = events.indexOf(anchor.event());
    if (l < 0) {
      throw new IllegalArgumentException("event '" + anchor.event() + "' is neither '" + ALIGN
          + "' nor one of the trials' events " + events);
    }
    return in.onsetStep(b, l) + shift;
  }

  /**
   * Checks that the spec can be built for a network and its events, without building it.
   *
   * @param layout the network
   * @param events names of the onsets
   * @throws IllegalArgumentException naming what does not fit
   */
  public void check(NetworkLayout layout, List<String> events) {
    units(layout);
    for (Anchor a : List.of(start, end)) {
      if (!ALIGN.equals(a.event()) && !events.contains(a.event())) {
        throw new IllegalArgumentException("event '" + a.event() + "' is neither '" + ALIGN
            + "' nor one of the trials' events " + events);
      }
    }
  }

  /**
   * The batch's perturbation at one strength.
   *
   * @param c the model configuration
   * @param layout the network
   * @param in the batch's inputs
   * @param events names of the inputs' onsets, in order
   * @param strength strength (ignored by a clamp); 0 gives no pulse
   * @return the pulses of every trial
   */
  public Perturbation build(RsnnConfig c, NetworkLayout layout, TrialInputs in, List<String> events,
      double strength) {
    int[] units = units(layout);
    Perturbation.Builder pb = Perturbation.builder(in.batch());
    if (!kind.clamps() && strength == 0) {
      return pb.build();
    }
    float current = (float) (strength * (c.threshold() - c.restPotential()));
    for (int b = 0; b < in.batch(); b++) {
      int[] w = window(c, in, events, b);
      if (kind.clamps()) {
        pb.clamp(b, units, w[0], w[1]);
      } else {
        pb.current(b, units, w[0], w[1], current);
      }
    }
    return pb.build();
  }

  /**
   * The window of trial b, cut to the trial's steps.
   *
   * @param c the model configuration
   * @param in the batch's inputs
   * @param events names of the inputs' onsets, in order
   * @param b trial
   * @return {@code {from, to}} window steps, {@code from <= to}
   */
  public int[] window(RsnnConfig c, TrialInputs in, List<String> events, int b) {
    int from = Math.max(0, Math.min(c.steps(), step(c, in, events, start, b)));
    int to = Math.max(from, Math.min(c.steps(), step(c, in, events, end, b)));
    return new int[] {from, to};
  }
}
