package org.trialmatch.analysis;

/** Named tolerances of the analysis tests. */
final class AnalysisTolerances {
  /** Double arithmetic on a handful of operations. */
  static final double EXACT = 1e-12;
  /** Values computed along two different double paths (e.g. filter then average vs average then filter). */
  static final double PATH = 1e-9;
  /** Eigenvectors from an iterative eigen-solver. */
  static final double EIGEN = 1e-8;
  /** Published values quoted to 4 decimals. */
  static final double QUOTED = 5e-5;

  private AnalysisTolerances() {}
}
