package org.trialmatch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialmatch.nwb.IntervalTable;
import org.trialmatch.nwb.NumericColumn;

class EventTimeRuleTest {
  private static final double NAN = Double.NaN;

  private static IntervalTable table(double[] start, double[] stop, double[] event) {
    return new IntervalTable("trials", start.length, List.of(
        NumericColumn.copyOf("start_time", start), NumericColumn.copyOf("stop_time", stop),
        NumericColumn.copyOf("event", event)));
  }

  private static EventTimeRule.Decision decide(IntervalTable t, EventTimes mode) {
    return EventTimeRule.decide(t, t.numeric("event").orElseThrow(), mode);
  }

  @Test
  void absoluteEventsInsideTheirTrials() {
    IntervalTable t = table(new double[] {100, 110, 120}, new double[] {108, 118, 128}, new double[] {102, 113, NAN});
    EventTimeRule.Decision d = decide(t, EventTimes.AUTO);
    assertFalse(d.relative());
    assertEquals(2, d.rowsWithValue());
    assertArrayEquals(new double[] {102, 113, NAN}, EventTimeRule.absoluteTimes(t, t.numeric("event").orElseThrow(), d));
  }

  @Test
  void relativeEventsAreShiftedByStart() {
    IntervalTable t = table(new double[] {100, 110, 120}, new double[] {108, 118, 128}, new double[] {2, 3, 4});
    EventTimeRule.Decision d = decide(t, EventTimes.AUTO);
    assertTrue(d.relative());
    assertArrayEquals(new double[] {102, 113, 124}, EventTimeRule.absoluteTimes(t, t.numeric("event").orElseThrow(), d));
  }

  @Test
  void relativeEventsLaterThanTheNextStartWithoutStopTimes() {
    // Trials start every 6.4 s, stop_time is NaN, the event comes 7.1 s after the start.
    double[] start = {390.6, 397.0, 403.4, 409.8};
    double[] stop = {NAN, NAN, NAN, NAN};
    double[] cue = {7.1, 6.6, 7.2, 7.3};
    EventTimeRule.Decision d = decide(table(start, stop, cue), EventTimes.AUTO);
    assertTrue(d.relative());
    assertEquals(4, d.fitRelative());
    assertEquals(0, d.fitAbsolute());
  }

  @Test
  void tieGoesToAbsoluteAndForcedReadingsAreKept() {
    // One row, no stop time: any event after the start fits both readings.
    IntervalTable t = table(new double[] {5}, new double[] {NAN}, new double[] {7});
    assertFalse(decide(t, EventTimes.AUTO).relative());
    EventTimeRule.Decision forced = decide(t, EventTimes.RELATIVE);
    assertTrue(forced.relative());
    assertTrue(forced.forced());
    assertArrayEquals(new double[] {12}, EventTimeRule.absoluteTimes(t, t.numeric("event").orElseThrow(), forced));
  }

  @Test
  void describeNamesTheCounts() {
    IntervalTable t = table(new double[] {100, 110}, new double[] {108, 118}, new double[] {2, 3});
    assertEquals("event: relative to start_time (2 of 2 rows fit; absolute: 0)", decide(t, EventTimes.AUTO).describe());
  }
}
