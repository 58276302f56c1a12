package io.github.maxcdc.testkit.internal.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches an avrorouter directory and wakes every session when a file appears or changes, which is
 * how MaxScale's converter notifies clients after each conversion checkpoint. A daemon thread;
 * {@link #close()} stops and joins it.
 */
public final class DirectoryPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryPoller.class);

  private final Path directory;
  private final Duration interval;
  private final Runnable onChange;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;

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
      while (!stop.await(interval.toNanos(), TimeUnit.NANOSECONDS)) {
        Map<String, String> now = scan();
        if (!now.equals(last)) {
          last = now;
          onChange.run();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
    stop.countDown();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
