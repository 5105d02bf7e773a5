package org.trialmatch.nwb;

/** How a behaviour series is used. */
public enum SeriesKind {
  /** Point events (e.g. licks): only the time stamps matter. */
  EVENTS,
  /** A sampled continuous signal (e.g. jaw position). */
  CONTINUOUS
}
