package io.github.maxcdc.examples.archive;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.position.StreamPosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an archive's closed day files to a {@link JdbcSink}, exactly once.
 *
 * <p>The archive's lines carry typed, repaired values, so the replay rebuilds typed events and
 * hands them to the sink itself, rather than serving them through a {@code ChangeSource}: a source
 * yields MaxScale's raw records, which the client would repair a second time, and re-encoding
 * values into MaxScale's damaged forms would be more code for no gain. The sink's checkpoint (same
 * table, same stream id as {@code replicate}) decides what is skipped: changes up to the last one
 * applied, so a replay that is killed, or run twice, or run after {@code replicate} of the same
 * stream, applies nothing twice.
 *
 * <p>Each file is read through and checked (gzip integrity, every line decoded, its count and size
 * against the manifest) before any of its changes is applied: a corrupt, truncated or malformed
 * file stops the replay with an {@link ArchiveException} naming the file and line, and nothing from
 * it or after it is applied. Not thread-safe.
 *
 * <pre>{@code
 * try (JdbcSink sink = JdbcSink.builder().jdbcUrl(url, user, password)
 *         .mapping(TableMapping.of("shop_tx.commandes", "shop_dw.commandes_dw")).build()) {
 *   ArchiveReplay.run(Path.of("archive"), TableId.parse("shop_tx.commandes"), sink, ReplayRange.ALL);
 * }
 * }</pre>
 */
public final class ArchiveReplay {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveReplay.class);

  /**
   * What a replay did.
   *
   * @param files day files read
   * @param applied changes handed to the sink (committed when the sink is flushed or closed)
   * @param alreadyApplied changes skipped because the checkpoint covers them
   * @param outsideRange changes skipped because they are before the range's start
   * @param last position of the last change applied, or null
   */
  public record Result(
      int files, long applied, long alreadyApplied, long outsideRange, StreamPosition last) {}

  private final JdbcSink sink;
  private final ReplayRange range;
  private final StreamPosition checkpoint;
  private boolean pastCheckpoint;
  private boolean started;
  private int files;
  private long applied;
  private long alreadyApplied;
  private long outsideRange;
  private StreamPosition last;

  private ArchiveReplay(JdbcSink sink, ReplayRange range, StreamPosition checkpoint) {
    this.sink = sink;
    this.range = range;
    this.checkpoint = checkpoint;
    this.pastCheckpoint = checkpoint == null;
  }

  /**
   * Applies the archive of {@code table} under {@code root} to {@code sink} within {@code range},
   * after the sink's checkpoint, then flushes the sink. The caller closes the sink.
   *
   * @throws ArchiveException if a file is corrupt, cut short or malformed (nothing of it applied)
   * @throws NoSuchFileException if the archive has no directory for {@code table}
   * @throws io.github.maxcdc.jdbc.SinkException if the sink fails
   */
  public static Result run(Path root, TableId table, JdbcSink sink, ReplayRange range)
      throws IOException {
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(range, "range");
    Path dir = ArchiveLayout.tableDir(root, table);
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "no archive of " + table + " there");
    }
    ArchiveReplay replay = new ArchiveReplay(sink, range, sink.lastApplied().orElse(null));
    Map<String, FileSummary> manifest = Manifest.read(dir);
    for (Path file : ArchiveLayout.closedFiles(dir)) {
      LocalDate day =
          ArchiveLayout.dayOfName(file.getFileName().toString(), ArchiveLayout.SUFFIX)
              .orElseThrow();
      FileSummary listed = manifest.get(file.getFileName().toString());
      if (range.startsPastEnd(day, listed == null ? null : listed.firstPosition())) {
        break; // not even read: a damaged file beyond the range does not stop the replay
      }
      if (range.skipsDay(day)) {
        continue;
      }
      verify(file, listed);
      replay.files++;
      if (!replay.apply(file)) {
        break;
      }
    }
    if (!ArchiveLayout.partFiles(dir).isEmpty()) {
      LOG.info("{}: the day file being written is replayed once archive closes it", table);
    }
    sink.flush();
    return new Result(
        replay.files, replay.applied, replay.alreadyApplied, replay.outsideRange, replay.last);
  }

  /** Reads a closed file through, checking it against its manifest entry (if listed). */
  static void verify(Path file, FileSummary listed) throws IOException {
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
  private boolean apply(Path file) throws IOException {
    try (ArchiveFileReader reader = ArchiveFileReader.strict(file)) {
      for (ArchiveLine line = reader.next(); line != null; line = reader.next()) {
        if (line instanceof ArchiveLine.ChangeLine change && !apply(change.event())) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean apply(ChangeEvent event) throws IOException {
    if (range.isPastEnd(event)) {
      return false;
    }
    started = started || range.reachesStart(event);
    if (!started) {
      outsideRange++;
    } else if (!isPastCheckpoint(event)) {
      alreadyApplied++;
    } else {
      sink.onChange(event);
      applied++;
      last = event.position();
    }
    return true;
  }

  // the same rule as the client's resume: past the exact change stored, or later in its domain
  private boolean isPastCheckpoint(ChangeEvent event) {
    if (pastCheckpoint) {
      return true;
    }
    if (event.position().equals(checkpoint)) {
      pastCheckpoint = true;
      return false;
    }
    pastCheckpoint = checkpoint.isBefore(event.gtid(), event.position().eventNumber());
    return pastCheckpoint;
  }
}
