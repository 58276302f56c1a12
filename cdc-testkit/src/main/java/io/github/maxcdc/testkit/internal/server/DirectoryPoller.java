package io.github.maxcdc.testkit.internal.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches an avrorouter directory and wakes every session when a file appears or changes, which is
 * how MaxScale's converter notifies clients after each conversion checkpoint. A daemon thread;
 * {@link #close()} stops and joins it. Thread-safe.
 */
public final class DirectoryPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryPoller.class);

  private final Path directory;
  private final Duration interval;
  private final Runnable onChange;
  private final Thread thread;
  private final Object lock = new Object();
  private boolean stopped; // guarded by lock
  private boolean scanRequested; // guarded by lock
  private long scansStarted; // guarded by lock
  private long scansEnded; // guarded by lock

  /**
   * Starts polling.
   *
   * @param directory the directory
   * @param interval time between two scans
   * @param onChange called on the poller thread after each scan that saw a change
   * @param name thread name
   */
  public DirectoryPoller(Path directory, Duration interval, Runnable onChange, String name) {
    this.directory = directory;
    this.interval = interval;
    this.onChange = onChange;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    Map<String, String> last = scan();
    try {
      while (nextScan()) {
        Map<String, String> now = scan();
        if (!now.equals(last)) {
          last = now;
          onChange.run();
        }
        synchronized (lock) {
          scansEnded++;
          lock.notifyAll();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      synchronized (lock) {
        stopped = true;
        lock.notifyAll();
      }
    }
  }

  // Waits for the interval to pass or a scan to be requested; false once stopped.
  private boolean nextScan() throws InterruptedException {
    synchronized (lock) {
      long deadline = System.nanoTime() + interval.toNanos();
      MonitorWait.until(lock, deadline, () -> stopped || scanRequested);
      if (stopped) {
        return false;
      }
      scanRequested = false;
      scansStarted++;
      return true;
    }
  }

  /**
   * Scans now and waits until a scan that started after this call has ended: a change made before
   * the call has then woken the sessions.
   *
   * @param timeout how long to wait
   * @return true once scanned, false on timeout, interruption (the interrupt flag is kept) or close
   */
  public boolean awaitScan(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      long target = scansStarted + 1;
      scanRequested = true;
      lock.notifyAll();
      try {
        return MonitorWait.until(lock, deadline, () -> stopped || scansEnded >= target)
            && scansEnded >= target;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  private Map<String, String> scan() {
    Map<String, String> state = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path f : files) {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        state.put(f.getFileName().toString(), a.size() + "@" + a.lastModifiedTime().toMillis());
      }
    } catch (IOException e) {
      LOG.debug("cannot scan {}: {}", directory, e.toString());
    }
    return state;
  }

  @Override
  public void close() {
    synchronized (lock) {
      stopped = true;
      lock.notifyAll();
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
