package org.trialmatch.data;

/** Putative cell class of a recorded unit, when the recording tells it. */
public enum CellClass {
  /** Excitatory (putative pyramidal, regular-spiking). */
  EXCITATORY,
  /** Inhibitory (putative interneuron, fast-spiking). */
  INHIBITORY,
  /** The recording does not say. */
  UNKNOWN
}
