package io.github.maxcdc.archive.internal;

import io.github.maxcdc.archive.FileSummary;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableSchema;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.zip.GZIPOutputStream;

/**
 * The day file being written, {@code <day>.jsonl.gz.part}: one gzip stream of lines, each change
 * line preceded by a schema line when its schema is not the file's current one (so every file
 * starts with one). {@link #close()} finishes it, forces it to disk and renames it to {@code
 * <day>.jsonl.gz}: a reader never sees a file under its final name before it is complete.
 *
 * <p>Opening a day that already has lines (the file a killed process was writing, or a day file
 * closed by an earlier run) rebuilds them into a new file first, up to the last complete line, and
 * renames that over the {@code .part} file once it is on disk: the old lines are never rewritten in
 * place. Not thread-safe.
 */
public final class DayFile {
  private final Path dir;
  private final LocalDate day;
  private final FileChannel channel;
  private final GZIPOutputStream gzip;
  private final ChangeLines lines = new ChangeLines();
  private final FileCounter counter = new FileCounter();
  private TableSchema schema;
  private int unflushed;

  private DayFile(Path dir, LocalDate day, FileChannel channel) throws IOException {
    this.dir = dir;
    this.day = day;
    this.channel = channel;
    // sync flush: each flush() leaves the file decodable up to the last line written
    this.gzip = new GZIPOutputStream(Channels.newOutputStream(channel), 1 << 16, true);
  }

  /** Opens {@code day} for writing, carrying over the lines it already has. */
  public static DayFile open(Path dir, LocalDate day) throws IOException {
    Path part = TableDir.partFile(dir, day);
    Path closed = TableDir.closedFile(dir, day);
    Path rebuild = dir.resolve(day + TableDir.REBUILD);
    FileChannel channel =
        FileChannel.open(
            rebuild,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    DayFile file = new DayFile(dir, day, channel);
    try {
      if (Files.exists(part)) {
        file.carryOver(ArchiveFileReader.lenient(part));
      } else if (Files.exists(closed)) {
        file.carryOver(ArchiveFileReader.strict(closed));
      }
      file.gzip.flush();
      channel.force(true);
      TableDir.publish(rebuild, part); // the open channel now writes the .part file
      return file;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private void carryOver(ArchiveFileReader reader) throws IOException {
    try (reader) {
      for (ArchiveLine line = reader.next(); line != null; line = reader.next()) {
        gzip.write(reader.lastBytes());
        gzip.write('\n');
        if (line instanceof ArchiveLine.SchemaLine s) {
          schema = s.schema();
        } else {
          counter.add(((ArchiveLine.ChangeLine) line).event());
        }
      }
    }
  }

  /** The UTC day of this file. */
  public LocalDate day() {
    return day;
  }

  /** Changes in this file. */
  public FileCounter counter() {
    return counter;
  }

  /** Lines written since the last {@link #flush()}. */
  public int unflushed() {
    return unflushed;
  }

  /** Appends the line of {@code event}, after a schema line if its schema is new to this file. */
  public void write(ChangeEvent event) throws IOException {
    if (!event.schema().equals(schema)) {
      gzip.write(SchemaLines.encode(event.schema()));
      schema = event.schema();
    }
    gzip.write(lines.encode(event));
    counter.add(event);
    unflushed++;
  }

  /**
   * Hands what was written to the operating system, decodable up to the last line: a process killed
   * after this loses none of it.
   */
  public void flush() throws IOException {
    if (unflushed > 0) {
      gzip.flush();
      unflushed = 0;
    }
  }

  /**
   * Finishes the file, forces it to disk and gives it its final name.
   *
   * @return its summary, or null if it held no change (it is then removed)
   */
  public FileSummary close() throws IOException {
    Path part = TableDir.partFile(dir, day);
    if (counter.changes() == 0) {
      channel.close();
      Files.deleteIfExists(part);
      return null;
    }
    gzip.finish();
    channel.force(true);
    channel.close();
    Path closed = TableDir.closedFile(dir, day);
    TableDir.publish(part, closed);
    return counter.summary(closed.getFileName().toString(), Files.size(closed));
  }

  /** Releases the file without closing it: it stays a {@code .part} file, resumed next time. */
  public void abandon() {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing more to do: the next run resumes from its last complete line
    }
  }
}
