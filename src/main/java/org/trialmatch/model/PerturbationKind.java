package org.trialmatch.model;

/** How a perturbation acts on its target (method reference §2.7 plus one input term). */
public enum PerturbationKind {
  /**
   * Optogenetic photoinhibition as done with ChR2 in PV interneurons: an extra excitatory current to
   * the target's inhibitory units, which then silence their area's excitatory units.
   */
  PHOTOINHIBITION(Cells.I, false),
  /** The target's excitatory units cannot spike during the window. */
  CLAMP(Cells.E, true),
  /** An extra excitatory current to the target's excitatory units. */
  EXCITATION(Cells.E, false);

  /** Which units of an area a perturbation acts on. */
  public enum Cells {
    /** Excitatory units. */
    E,
    /** Inhibitory units. */
    I,
    /** Every unit of the area. */
    ALL
  }

  private final Cells defaultCells;
  private final boolean clamp;

  PerturbationKind(Cells defaultCells, boolean clamp) {
    this.defaultCells = defaultCells;
    this.clamp = clamp;
  }

  /** @return the units it acts on unless the spec says otherwise */
  public Cells defaultCells() {
    return defaultCells;
  }

  /** @return whether it clamps (no strength) rather than adding a current */
  public boolean clamps() {
    return clamp;
  }

  /** @return its name in a spec file, e.g. {@code photoinhibition} */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
