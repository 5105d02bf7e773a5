package org.trialmatch.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.trialmatch.data.ConfigException;

/**
 * The lock of a run directory while a process writes it: an operating-system lock on the file
 * {@value #FILE} in the run directory, held from before the first write until {@link #close} (or the end of
 * the process, however it ends: the operating system releases the lock of a killed process, so a lock file
 * left by a dead process is stale by construction and is simply taken over). The file holds the holder's
 * pid, so that a refused process can name it.
 */
public final class RunLock implements AutoCloseable {
  /** The lock file's name in the run directory. */
  public static final String FILE = ".lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks a run directory, creating it if needed.
   *
   * @param root the run directory
   * @param option the command-line option that named it, for the message
   * @return the held lock
   * @throws ConfigException if another process (or this one) holds it; the message names the holder's pid
   * @throws IOException if the directory or the lock file cannot be created
   */
  public static RunLock acquire(Path root, String option) throws IOException {
    Files.createDirectories(root);
    Path file = root.resolve(FILE);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null;
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    if (l == null) {
      String holder = holder(ch);
      ch.close();
      throw new ConfigException(option, root + " is being written by another process (" + holder
          + ", lock " + file + "); wait for it to end, or stop it, or choose another directory");
    }
    ch.truncate(0);
    ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
    ch.force(false);
    return new RunLock(ch, l);
  }

  private static String holder(FileChannel ch) {
    try {
      ByteBuffer b = ByteBuffer.allocate(32);
      int n = ch.read(b, 0);
      String pid = n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.US_ASCII).strip();
      return pid.isEmpty() ? "pid unknown" : "pid " + pid;
    } catch (IOException e) {
      return "pid unreadable";
    }
  }

  /** Releases the lock (the file stays; its next holder overwrites the pid). */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
