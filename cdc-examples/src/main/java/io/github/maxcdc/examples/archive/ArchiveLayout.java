package io.github.maxcdc.examples.archive;

import io.github.maxcdc.event.TableId;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where an archive keeps its files: one directory per table, {@code <db>.<table>/}, holding one
 * closed file per UTC day of the source commit time, {@code <yyyy-mm-dd>.jsonl.gz}, at most one
 * file being written, {@code <yyyy-mm-dd>.jsonl.gz.part}, and {@code manifest.json}. Stateless.
 */
public final class ArchiveLayout {
  /** Suffix of a closed day file. */
  public static final String SUFFIX = ".jsonl.gz";

  /** Suffix of the day file being written: never read as a closed file. */
  public static final String PART = SUFFIX + ".part";

  /** Suffix of a file being rebuilt, removed at start-up if a crash left one. */
  static final String REBUILD = SUFFIX + ".new";

  /** Name of the file a process archiving a table holds a lock on. */
  public static final String LOCK = "archive.lock";

  /** Name of a table's manifest. */
  public static final String MANIFEST = "manifest.json";

  private ArchiveLayout() {}

  /** The directory of {@code table} under the archive's root. */
  public static Path tableDir(Path root, TableId table) {
    return root.resolve(table.database() + "." + table.table());
  }

  /** The UTC day of a commit time. */
  public static LocalDate dayOf(Instant commitTime) {
    return LocalDate.ofInstant(commitTime, ZoneOffset.UTC);
  }

  /** The closed file of {@code day}. */
  static Path closedFile(Path dir, LocalDate day) {
    return dir.resolve(day + SUFFIX);
  }

  /** The file of {@code day} while it is written. */
  static Path partFile(Path dir, LocalDate day) {
    return dir.resolve(day + PART);
  }

  /** The day a file name ({@code 2026-11-24.jsonl.gz}, with any suffix) stands for, if any. */
  static Optional<LocalDate> dayOfName(String name, String suffix) {
    if (!name.endsWith(suffix)) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(name.substring(0, name.length() - suffix.length())));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The closed day files of a table directory, oldest first; none if it does not exist. */
  public static List<Path> closedFiles(Path dir) throws IOException {
    return files(dir, SUFFIX);
  }

  /** The files being written of a table directory (at most one, unless edited by hand). */
  static List<Path> partFiles(Path dir) throws IOException {
    return files(dir, PART);
  }

  /** The files a crash left half rebuilt. */
  static List<Path> rebuildFiles(Path dir) throws IOException {
    return files(dir, REBUILD);
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> all = Files.list(dir)) {
      return all.filter(p -> dayOfName(p.getFileName().toString(), suffix).isPresent())
          .sorted()
          .toList();
    }
  }

  /** Renames {@code from} to {@code to} atomically, replacing it, and makes the rename durable. */
  static void publish(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(to.getParent());
  }

  /** Forces a directory's entries (renames, new files) to disk. */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
