package org.trialmatch.model;

/**
 * How a pass run on a pool of worker threads reports a worker's failure to its caller: the worker's own
 * exception, not the pool's wrapper.
 */
public final class WorkerFailures {
  private WorkerFailures() {
  }

  /**
   * Rethrows a worker's failure: an {@link Error} is thrown as it is, a {@link RuntimeException} is returned
   * for the caller to throw, anything else is wrapped in an {@link IllegalStateException}.
   *
   * @param cause what the worker threw (the cause of the pool's {@code ExecutionException})
   * @return the exception to throw
   */
  public static RuntimeException unchecked(Throwable cause) {
    if (cause instanceof Error e) {
      throw e;
    }
    if (cause instanceof RuntimeException r) {
      return r;
    }
    return new IllegalStateException(cause);
  }
}
