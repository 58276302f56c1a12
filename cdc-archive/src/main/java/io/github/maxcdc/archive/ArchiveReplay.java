package io.github.maxcdc.archive;

import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.ListenerException;
import io.github.maxcdc.archive.internal.ArchiveFileReader;
import io.github.maxcdc.archive.internal.ArchiveLine;
import io.github.maxcdc.archive.internal.Manifest;
import io.github.maxcdc.archive.internal.TableDir;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.position.StreamPosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds an archive's closed day files to a {@link ChangeListener}, from a given position on: into a
 * {@code JdbcSink} after its checkpoint, exactly once, or into any listener of yours.
 *
 * <p>The archive's lines carry typed, repaired values, so the replay rebuilds typed events and
 * hands them to the listener itself, rather than serving them through a {@code ChangeSource}: a
 * source yields MaxScale's raw records, which the client would repair a second time, and
 * re-encoding values into MaxScale's damaged forms would be more code for no gain. The position
 * given as {@code after} decides what is skipped: the changes up to and including it, that is every
 * change until the first one after it in its GTID domain (the same rule as the client's resume,
 * {@link StreamPosition#isBefore}). Given a sink's checkpoint (same table, same stream id as {@code
 * replicate}), a replay that is killed, or run twice, or run after {@code replicate} of the same
 * stream, applies nothing twice.
 *
 * <p>Each file is read through and checked (gzip integrity, every line decoded, its count and size
 * against the manifest) before any of its changes is delivered: a corrupt, truncated or malformed
 * file stops the replay with an {@link ArchiveException} naming the file and line, and nothing from
 * it or after it is delivered.
 *
 * <p>Threading: the listener runs on the thread calling {@link #run}, one change at a time, in
 * archive order. {@link #run} keeps no state between calls: several may run at once, each with its
 * own listener.
 *
 * <pre>{@code
 * TableId table = TableId.parse("shop_tx.commandes");
 * // into a JdbcSink, exactly once: its checkpoint says what it has applied already
 * try (JdbcSink sink = JdbcSink.builder().jdbcUrl(url, user, password)
 *         .mapping(TableMapping.of("shop_tx.commandes", "shop_dw.commandes_dw")).build()) {
 *   ArchiveReplay.run(Path.of("archive"), table, sink, ReplayRange.ALL, sink.lastApplied());
 *   sink.flush();
 * }
 * // into any listener, from the first change
 * ArchiveReplay.run(Path.of("archive"), table, System.out::println, ReplayRange.ALL,
 *     Optional.empty());
 * }</pre>
 */
public final class ArchiveReplay {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveReplay.class);

  /**
   * What a replay did.
   *
   * @param files day files read
   * @param delivered changes handed to the listener
   * @param skipped changes skipped because they are at or before the position given as {@code
   *     after}
   * @param beforeStart changes skipped because they are before the range's start
   * @param last position of the last change delivered, empty if none was
   */
  public record Result(
      int files, long delivered, long skipped, long beforeStart, Optional<StreamPosition> last) {

    /** Checks that no count is negative and {@code last} is not null. */
    public Result {
      Objects.requireNonNull(last, "last");
      if (files < 0 || delivered < 0 || skipped < 0 || beforeStart < 0) {
        throw new IllegalArgumentException("negative counts in a replay result");
      }
    }
  }

  private final ChangeListener listener;
  private final ReplayRange range;
  private final StreamPosition after;
  private boolean pastAfter;
  private boolean started;
  private int files;
  private long delivered;
  private long skipped;
  private long beforeStart;
  private StreamPosition last;

  private ArchiveReplay(ChangeListener listener, ReplayRange range, StreamPosition after) {
    this.listener = listener;
    this.range = range;
    this.after = after;
    this.pastAfter = after == null;
  }

  /**
   * Delivers the archive of {@code table} under {@code root} within {@code range} to {@code
   * listener}, skipping the changes up to and including {@code after}, then calls the listener's
   * {@link ChangeListener#onIdle()} once, so that a listener that buffers (a {@code JdbcSink}
   * commits) makes what it received durable. {@link ChangeListener#resumeAfter} is never called:
   * {@code after} says where to start. Only closed day files are read; the day file being written
   * is replayed once {@link TableArchive} closes it.
   *
   * <p>If the listener throws, the replay stops at once, without {@code onIdle}, and the failed
   * change does not count as delivered. The caller closes the listener, if it has to be closed.
   *
   * @param root the archive's directory, holding one directory per table
   * @param table the archived table
   * @param listener receives the changes, on this thread
   * @param range the changes to deliver, e.g. {@link ReplayRange#ALL}
   * @param after the last change already handled (e.g. a sink's {@code lastApplied()}), or empty to
   *     start at the range's start
   * @return what was delivered and skipped
   * @throws ArchiveException if a file is corrupt, cut short or malformed (nothing of it delivered)
   * @throws NoSuchFileException if the archive has no directory for {@code table}
   * @throws ListenerException if the listener throws: its cause is what the listener threw, its
   *     position the change it failed on
   */
  public static Result run(
      Path root,
      TableId table,
      ChangeListener listener,
      ReplayRange range,
      Optional<StreamPosition> after)
      throws IOException {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(after, "after");
    Path dir = ArchiveLayout.tableDir(root, table);
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "no archive of " + table + " there");
    }
    ArchiveReplay replay = new ArchiveReplay(listener, range, after.orElse(null));
    Map<String, FileSummary> manifest = Manifest.read(dir);
    for (Path file : ArchiveLayout.closedFiles(dir)) {
      LocalDate day =
          TableDir.dayOfName(file.getFileName().toString(), ArchiveLayout.SUFFIX).orElseThrow();
      FileSummary listed = manifest.get(file.getFileName().toString());
      if (range.startsPastEnd(day, listed == null ? null : listed.firstPosition())) {
        break; // not even read: a damaged file beyond the range does not stop the replay
      }
      if (range.skipsDay(day)) {
        continue;
      }
      verify(file, listed);
      replay.files++;
      if (!replay.deliver(file)) {
        break;
      }
    }
    if (!TableDir.partFiles(dir).isEmpty()) {
      LOG.info("{}: the day file being written is replayed once archive closes it", table);
    }
    replay.idle(table);
    return new Result(
        replay.files,
        replay.delivered,
        replay.skipped,
        replay.beforeStart,
        Optional.ofNullable(replay.last));
  }

  /** Reads a closed file through, checking it against its manifest entry (if listed). */
  private static void verify(Path file, FileSummary listed) throws IOException {
    long changes = 0;
    long lines;
    try (ArchiveFileReader reader = ArchiveFileReader.strict(file)) {
      for (ArchiveLine line = reader.next(); line != null; line = reader.next()) {
        changes += line instanceof ArchiveLine.ChangeLine ? 1 : 0;
      }
      lines = reader.lineNumber();
    }
    long bytes = Files.size(file);
    if (listed != null && (listed.changes() != changes || listed.bytes() != bytes)) {
      throw new ArchiveException(
          file,
          lines,
          "holds "
              + changes
              + " changes in "
              + bytes
              + " bytes but the manifest lists "
              + listed.changes()
              + " changes in "
              + listed.bytes()
              + " bytes: the file was changed or cut after it was closed",
          null);
    }
  }

  // returns false once past the range's end
  private boolean deliver(Path file) throws IOException {
    try (ArchiveFileReader reader = ArchiveFileReader.strict(file)) {
      for (ArchiveLine line = reader.next(); line != null; line = reader.next()) {
        if (line instanceof ArchiveLine.ChangeLine change && !deliver(change.event())) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean deliver(ChangeEvent event) throws ListenerException {
    if (range.isPastEnd(event)) {
      return false;
    }
    started = started || range.reachesStart(event);
    if (!started) {
      beforeStart++;
    } else if (!isPastAfter(event)) {
      skipped++;
    } else {
      try {
        listener.onChange(event);
      } catch (Exception e) {
        throw new ListenerException(
            "the change listener failed on the "
                + event.type().jsonName()
                + " of "
                + event.table()
                + " at "
                + event.position()
                + " replayed from the archive ("
                + e
                + ")",
            event.position(),
            e);
      }
      delivered++;
      last = event.position();
    }
    return true;
  }

  private void idle(TableId table) throws ListenerException {
    try {
      listener.onIdle();
    } catch (Exception e) {
      throw new ListenerException(
          "the change listener failed at the end of the replay of " + table + " (" + e + ")",
          last,
          e);
    }
  }

  // the same rule as the client's resume: past the exact change stored, or later in its domain
  private boolean isPastAfter(ChangeEvent event) {
    if (pastAfter) {
      return true;
    }
    if (event.position().equals(after)) {
      pastAfter = true;
      return false;
    }
    pastAfter = after.isBefore(event.gtid(), event.position().eventNumber());
    return pastAfter;
  }
}
