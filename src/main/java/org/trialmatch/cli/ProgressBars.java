package org.trialmatch.cli;

import java.io.PrintWriter;
import org.trialmatch.evaluate.Progress;

/** {@link Progress} drawn as progress bars on the error stream. */
final class ProgressBars implements Progress {
  private final PrintWriter err;
  private final boolean enabled;

  ProgressBars(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  @Override
  public Task start(String label, long total) {
    ProgressBar bar = new ProgressBar(err, label, total, enabled);
    return new Task() {
      @Override
      public void update(long done, String text) {
        bar.update(done, text);
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }
}
