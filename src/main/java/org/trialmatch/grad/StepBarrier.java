package org.trialmatch.grad;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reusable barrier for a fixed number of threads that allocates nothing per wait (the time loop's
 * two synchronisation points per step): spins briefly, then yields. {@link #abort} releases every
 * waiter with an exception, so one failing thread cannot leave the others waiting.
 */
final class StepBarrier {
  private static final int SPINS = 2000;

  private final int parties;
  private final AtomicInteger arrived = new AtomicInteger();
  private volatile int generation;
  private volatile boolean aborted;

  StepBarrier(int parties) {
    this.parties = parties;
  }

  /** Prepares for a new run (no thread may be waiting). */
  void reset() {
    arrived.set(0);
    aborted = false;
  }

  /** Makes every current and future {@link #await} throw. */
  void abort() {
    aborted = true;
  }

  /** Waits until all parties have arrived. */
  void await() {
    if (parties == 1) {
      return;
    }
    int gen = generation;
    if (arrived.incrementAndGet() == parties) {
      arrived.set(0);
      generation = gen + 1;
      return;
    }
    int spins = 0;
    while (generation == gen) {
      if (aborted) {
        throw new IllegalStateException("backward pass aborted by a failure in another worker thread");
      }
      if (spins < SPINS) {
        spins++;
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }
}
