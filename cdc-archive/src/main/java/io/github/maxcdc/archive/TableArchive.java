package io.github.maxcdc.archive;

import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.archive.internal.DayFile;
import io.github.maxcdc.archive.internal.Manifest;
import io.github.maxcdc.archive.internal.TableDir;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.position.StartPosition;
import io.github.maxcdc.position.StreamPosition;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives the change stream of one table into its directory of day files (see {@link
 * ArchiveLayout}): plug it into a {@code CdcClient} as its listener, started at {@link
 * #start(StartPosition)}.
 *
 * <pre>{@code
 * try (TableArchive archive = TableArchive.open(Path.of("archive"), table);
 *     CdcClient client = CdcClient.builder().address("maxscale-host", 4001)
 *         .credentials("cdcuser", password).table(table)
 *         .startAt(archive.start(StartPosition.beginning())).listener(archive).build()) {
 *   client.start();
 *   client.awaitTermination(Duration.ofDays(365));
 * }
 * }</pre>
 *
 * <p>Each change goes to the file of its UTC commit day; the day of the first change of a later day
 * closes the previous file (a change whose commit time goes back before the latest day goes to the
 * latest day's file, so that files stay in stream order). Where to resume comes from the files
 * alone: the last complete line of the file being written, else the last closed file. A process
 * killed at any instant therefore loses nothing and writes nothing twice: what it wrote after its
 * last complete line is dropped on restart and read again from MaxScale.
 *
 * <p>Threading: {@link #onChange} and {@link #onIdle} run on the client's reader thread; close the
 * client before this archive. {@link #close()} closes the day file being written (it is reopened by
 * the next run if more changes of that day come).
 */
public final class TableArchive implements ChangeListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TableArchive.class);

  /** Most lines written before they are flushed to the file. */
  static final int FLUSH_LINES = 1000;

  /** Longest a written line waits before it is flushed to the file. */
  static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

  private final Path dir;
  private final TableId table;
  private final FileLock lock;
  // owned by the reader thread while the client runs, then by the closing thread
  private final List<FileSummary> closed;
  private DayFile current;
  private LocalDate latestDay;
  private StreamPosition last;
  private int lastVersion;
  private long archived;
  private long lastFlushNanos = System.nanoTime();
  private boolean failed;

  private TableArchive(Path dir, TableId table, List<FileSummary> closed, FileLock lock) {
    this.dir = dir;
    this.lock = lock;
    this.table = table;
    this.closed = new ArrayList<>(closed);
  }

  /**
   * Opens the archive of {@code table} under {@code root}, creating its directory, bringing its
   * manifest in line with its files and reopening the day file a killed run was writing.
   *
   * @throws ArchiveException if another process archives the table into the same directory, a
   *     closed file is corrupt, or the directory holds files this class would not have left there
   */
  public static TableArchive open(Path root, TableId table) throws IOException {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(table, "table");
    Path dir = ArchiveLayout.tableDir(root, table);
    Files.createDirectories(dir);
    FileLock lock = lock(dir);
    try {
      return open(dir, table, lock);
    } catch (IOException | RuntimeException e) {
      lock.channel().close();
      throw e;
    }
  }

  // only one process writes a table's files; the system releases the lock of a killed one
  private static FileLock lock(Path dir) throws IOException {
    Path path = dir.resolve(ArchiveLayout.LOCK);
    FileChannel channel =
        FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException sameProcess) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new ArchiveException(
          path, 1, "another process is archiving this table into the same directory", null);
    }
    return lock;
  }

  private static TableArchive open(Path dir, TableId table, FileLock lock) throws IOException {
    for (Path rebuild : TableDir.rebuildFiles(dir)) {
      Files.delete(rebuild); // a run killed while rebuilding: the .part file it came from is intact
    }
    TableArchive archive = new TableArchive(dir, table, Manifest.reconcile(dir, table), lock);
    if (!archive.closed.isEmpty()) {
      FileSummary newest = archive.closed.get(archive.closed.size() - 1);
      archive.last = newest.lastPosition();
      archive.lastVersion = newest.lastVersion();
      archive.latestDay = TableDir.dayOfName(newest.file(), ArchiveLayout.SUFFIX).orElseThrow();
    }
    archive.reopenPart();
    return archive;
  }

  private void reopenPart() throws IOException {
    List<Path> parts = TableDir.partFiles(dir);
    if (parts.isEmpty()) {
      return;
    }
    Path part = parts.get(parts.size() - 1);
    LocalDate day =
        TableDir.dayOfName(part.getFileName().toString(), ArchiveLayout.PART).orElseThrow();
    if (parts.size() > 1 || (latestDay != null && day.isBefore(latestDay))) {
      throw new ArchiveException(
          part,
          1,
          "expected one file being written, of the latest day, found "
              + parts
              + " beside closed files up to "
              + latestDay
              + ": move the stray files away",
          null);
    }
    current = DayFile.open(dir, day);
    latestDay = day;
    if (current.counter().changes() > 0) {
      last = current.counter().last();
      lastVersion = current.counter().lastVersion();
    }
    LOG.info("{}: resuming {} after its last complete line, {}", table, part, last);
  }

  /** The table archived. */
  public TableId table() {
    return table;
  }

  /** The last change in the archive, if any: the stream resumes right after it. */
  public synchronized Optional<StreamPosition> lastPosition() {
    return Optional.ofNullable(last);
  }

  /** The schema version of the last change in the archive, or 0 if there is none. */
  public synchronized int lastVersion() {
    return lastVersion;
  }

  /** Changes archived by this run. */
  public synchronized long archived() {
    return archived;
  }

  /** The closed files, oldest first. */
  public synchronized List<FileSummary> closedFiles() {
    return List.copyOf(closed);
  }

  /** Where the stream must start: right after the archive's last change, else {@code first}. */
  public synchronized StartPosition start(StartPosition first) {
    return last == null ? first : StartPosition.after(last);
  }

  /**
   * Appends {@code event} to the file of its UTC commit day (after a schema line if its schema is
   * new to that file), closing the previous day's file first when it is the first change of a later
   * day. After a failure every later call throws {@link IllegalStateException}: close this archive
   * and open it again.
   *
   * @throws IllegalArgumentException if {@code event} is not a change of this archive's table
   * @throws IOException if the file cannot be written
   */
  @Override
  public synchronized void onChange(ChangeEvent event) throws IOException {
    if (failed) {
      throw new IllegalStateException("the archive of " + table + " stopped on an earlier failure");
    }
    if (!event.table().equals(table)) {
      throw new IllegalArgumentException("this archive holds " + table + ", not " + event.table());
    }
    try {
      LocalDate day = ArchiveLayout.dayOf(event.timestamp());
      if (latestDay != null && day.isBefore(latestDay)) {
        day = latestDay; // commit times went back: stay in stream order
      }
      if (current != null && day.isAfter(current.day())) {
        closeCurrent();
      }
      if (current == null) {
        current = DayFile.open(dir, day);
        latestDay = day;
      }
      current.write(event);
      last = event.position();
      lastVersion = event.schemaVersion();
      archived++;
      if (current.unflushed() >= FLUSH_LINES
          || System.nanoTime() - lastFlushNanos >= FLUSH_INTERVAL.toNanos()) {
        flush();
      }
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  /** The stream is idle: flushes what was written. */
  @Override
  public synchronized void onIdle() throws IOException {
    if (!failed) {
      flush();
    }
  }

  private void flush() throws IOException {
    if (current != null) {
      current.flush();
    }
    lastFlushNanos = System.nanoTime();
  }

  private void closeCurrent() throws IOException {
    DayFile file = current;
    current = null;
    FileSummary summary = file.close();
    if (summary == null) {
      return;
    }
    closed.removeIf(s -> s.file().equals(summary.file()));
    closed.add(summary);
    Manifest.write(dir, table, closed);
    LOG.info(
        "{}: closed {} ({} changes, last {})",
        table,
        summary.file(),
        summary.changes(),
        summary.lastPosition());
  }

  /**
   * Closes the day file being written: finished, forced to disk, renamed and listed in the
   * manifest. After a failure it is left as it is, to be resumed by the next run.
   */
  @Override
  public synchronized void close() throws IOException {
    try {
      if (current != null && failed) {
        current.abandon();
        current = null;
      } else if (current != null) {
        closeCurrent();
      }
    } finally {
      lock.channel().close(); // releases the lock; idempotent
    }
  }
}
