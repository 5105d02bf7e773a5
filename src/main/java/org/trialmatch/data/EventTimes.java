package org.trialmatch.data;

/** How the times in an event column of an interval table are expressed. */
public enum EventTimes {
  /** Decide per column by the rule of {@link EventTimeRule}. */
  AUTO,
  /** Seconds on the session clock. */
  ABSOLUTE,
  /** Seconds since the row's {@code start_time}. */
  RELATIVE
}
