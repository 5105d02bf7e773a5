package org.trialmatch.evaluate;

/** Where long work reports how far it is (the command line draws progress bars from it). */
public interface Progress {
  /** Reports nothing. */
  Progress NONE = new Progress() {
    @Override
    public Task start(String label, long total) {
      return (done, text) -> { };
    }
  };

  /** One piece of work with a known total. */
  interface Task extends AutoCloseable {
    /**
     * @param done units done so far
     * @param text a short status text
     */
    void update(long done, String text);

    @Override
    default void close() {}
  }

  /**
   * @param label what is being done
   * @param total units of work
   * @return the task, to be updated and closed
   */
  Task start(String label, long total);
}
