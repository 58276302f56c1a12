package io.github.maxcdc.archive.internal;

import io.github.maxcdc.archive.ArchiveLayout;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The day files of one table's directory (named as {@link ArchiveLayout} says): their names,
 * listing them, and publishing a finished file by an atomic, durable rename. Stateless.
 */
public final class TableDir {
  /** Suffix of a file being rebuilt, removed at start-up if a crash left one. */
  static final String REBUILD = ArchiveLayout.SUFFIX + ".new";

  private TableDir() {}

  /** The closed file of {@code day}. */
  static Path closedFile(Path dir, LocalDate day) {
    return dir.resolve(day + ArchiveLayout.SUFFIX);
  }

  /** The file of {@code day} while it is written. */
  static Path partFile(Path dir, LocalDate day) {
    return dir.resolve(day + ArchiveLayout.PART);
  }

  /**
   * The day a file name ({@code 2026-11-24.jsonl.gz}, with any suffix) stands for, if any.
   *
   * @param name a file name
   * @param suffix what follows the day in it, e.g. {@link ArchiveLayout#SUFFIX}
   * @return its day, or empty if the name is not a day with that suffix
   */
  public static Optional<LocalDate> dayOfName(String name, String suffix) {
    if (!name.endsWith(suffix)) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(name.substring(0, name.length() - suffix.length())));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The files being written of a table directory (at most one, unless edited by hand). */
  public static List<Path> partFiles(Path dir) throws IOException {
    return files(dir, ArchiveLayout.PART);
  }

  /** The files a crash left half rebuilt. */
  public static List<Path> rebuildFiles(Path dir) throws IOException {
    return files(dir, REBUILD);
  }

  /**
   * The day files of a table directory with {@code suffix}, oldest first.
   *
   * @return the files; none if {@code dir} does not exist
   */
  public static List<Path> files(Path dir, String suffix) throws IOException {
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
