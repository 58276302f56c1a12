package io.github.maxcdc.archive;

import io.github.maxcdc.archive.internal.TableDir;
import io.github.maxcdc.event.TableId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where an archive keeps its files: one directory per table, {@code <db>.<table>/}, holding one
 * closed file per UTC day of the source commit time, {@code <yyyy-mm-dd>.jsonl.gz}, at most one
 * file being written, {@code <yyyy-mm-dd>.jsonl.gz.part}, and {@code manifest.json}. A program that
 * ships or reads the files itself takes only the closed ones: a {@code .part} file may end in the
 * middle of a line. Stateless and thread-safe.
 */
public final class ArchiveLayout {
  /** Suffix of a closed day file. */
  public static final String SUFFIX = ".jsonl.gz";

  /** Suffix of the day file being written: never read as a closed file. */
  public static final String PART = SUFFIX + ".part";

  /** Name of the file a process archiving a table holds a lock on. */
  public static final String LOCK = "archive.lock";

  /** Name of a table's manifest. */
  public static final String MANIFEST = "manifest.json";

  private ArchiveLayout() {}

  /**
   * The directory of {@code table} under the archive's root.
   *
   * @param root the archive's directory, as given to {@link TableArchive#open}
   * @param table the archived table
   * @return {@code root/<db>.<table>}, which may not exist
   */
  public static Path tableDir(Path root, TableId table) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(table, "table");
    return root.resolve(table.database() + "." + table.table());
  }

  /**
   * The tables archived under {@code root}: those whose directory has a manifest, which it gets
   * when its first day file is closed.
   *
   * @param root the archive's directory
   * @return the tables, sorted by directory name; none if {@code root} does not exist
   * @throws IOException if {@code root} cannot be listed
   * @throws IllegalArgumentException if such a directory is not named {@code <db>.<table>}
   */
  public static List<TableId> tables(Path root) throws IOException {
    Objects.requireNonNull(root, "root");
    List<TableId> tables = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return tables;
    }
    try (Stream<Path> all = Files.list(root)) {
      for (Path dir : all.filter(p -> Files.exists(p.resolve(MANIFEST))).sorted().toList()) {
        tables.add(TableId.parse(dir.getFileName().toString()));
      }
    }
    return tables;
  }

  /**
   * The UTC day of a commit time: the day file a change committed then belongs to.
   *
   * @param commitTime the source commit time of a change
   * @return its day in UTC
   */
  public static LocalDate dayOf(Instant commitTime) {
    return LocalDate.ofInstant(commitTime, ZoneOffset.UTC);
  }

  /**
   * The closed day files of a table directory, oldest first.
   *
   * @param dir a table's directory, see {@link #tableDir}
   * @return the files; none if {@code dir} does not exist
   * @throws IOException if {@code dir} cannot be listed
   */
  public static List<Path> closedFiles(Path dir) throws IOException {
    return TableDir.files(dir, SUFFIX);
  }
}
