package io.github.maxcdc.archive.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.maxcdc.archive.ArchiveException;
import io.github.maxcdc.archive.ArchiveLayout;
import io.github.maxcdc.archive.FileSummary;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.position.StreamPosition;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table's {@code manifest.json}: its closed day files, oldest first, each with its first and last
 * GTID and position, its last schema version, its number of changes and its size.
 *
 * <pre>{@code
 * {"table":"shop_tx.commandes","files":[{"file":"2026-11-23.jsonl.gz","first_gtid":"0-1-1",
 *  "last_gtid":"0-1-40","first_position":"0-1-1:1","last_position":"0-1-40:2","last_version":1,
 *  "changes":57,"bytes":2301}]}
 * }</pre>
 *
 * The manifest is derived from the files, never the other way round: {@link #reconcile} re-reads
 * any closed file it does not list with the same size, so a crash between closing a file and
 * writing the manifest leaves nothing out. Written to a temporary name and renamed. Stateless.
 */
public final class Manifest {
  private static final Logger LOG = LoggerFactory.getLogger(Manifest.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Manifest() {}

  /**
   * The files the manifest of {@code dir} lists, by file name; empty if there is none.
   *
   * @throws ArchiveException if the manifest is not one this class wrote
   */
  public static Map<String, FileSummary> read(Path dir) throws IOException {
    Path path = dir.resolve(ArchiveLayout.MANIFEST);
    Map<String, FileSummary> files = new LinkedHashMap<>();
    if (!Files.exists(path)) {
      return files;
    }
    long index = 0;
    try {
      JsonNode root = MAPPER.readTree(path.toFile());
      for (JsonNode f : root.path("files")) {
        index++;
        FileSummary s =
            new FileSummary(
                Json.text(f, "file"),
                StreamPosition.parse(Json.text(f, "first_position")),
                StreamPosition.parse(Json.text(f, "last_position")),
                Json.integer(f, "last_version"),
                Json.longInteger(f, "changes"),
                Json.longInteger(f, "bytes"));
        files.put(s.file(), s);
      }
      return files;
    } catch (IllegalArgumentException | IOException e) {
      throw new ArchiveException(
          path, 1, "not a manifest (file entry " + index + "): " + e.getMessage(), e);
    }
  }

  /**
   * Brings the manifest of {@code dir} in line with its closed files: lists each, reading those it
   * did not list with their current size, and drops entries of files that are gone.
   *
   * @return the closed files, oldest first
   * @throws ArchiveException if a closed file is corrupt
   */
  public static List<FileSummary> reconcile(Path dir, TableId table) throws IOException {
    Map<String, FileSummary> listed;
    try {
      listed = read(dir);
    } catch (ArchiveException e) {
      LOG.warn("{}; rebuilding it from the files", e.getMessage());
      listed = Map.of();
    }
    List<FileSummary> files = new ArrayList<>();
    boolean changed = false;
    for (Path file : ArchiveLayout.closedFiles(dir)) {
      String name = file.getFileName().toString();
      FileSummary s = listed.get(name);
      if (s == null || s.bytes() != Files.size(file)) {
        s = scan(file);
        changed = true;
      }
      files.add(s);
    }
    if (changed || files.size() != listed.size()) {
      write(dir, table, files);
    }
    return files;
  }

  /** Reads a closed file through and summarizes it. */
  static FileSummary scan(Path file) throws IOException {
    FileCounter counter = new FileCounter();
    try (ArchiveFileReader reader = ArchiveFileReader.strict(file)) {
      for (ArchiveLine line = reader.next(); line != null; line = reader.next()) {
        if (line instanceof ArchiveLine.ChangeLine c) {
          counter.add(c.event());
        }
      }
    }
    if (counter.changes() == 0) {
      throw new ArchiveException(file, 1, "a closed archive file without any change", null);
    }
    return counter.summary(file.getFileName().toString(), Files.size(file));
  }

  /** Writes the manifest of {@code dir}: to a temporary name, forced to disk, renamed. */
  public static void write(Path dir, TableId table, List<FileSummary> files) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("table", table.toString());
    ArrayNode list = root.putArray("files");
    for (FileSummary s : files) {
      ObjectNode f = list.addObject();
      f.put("file", s.file());
      f.put("first_gtid", s.firstPosition().gtid().toString());
      f.put("last_gtid", s.lastPosition().gtid().toString());
      f.put("first_position", s.firstPosition().toString());
      f.put("last_position", s.lastPosition().toString());
      f.put("last_version", s.lastVersion());
      f.put("changes", s.changes());
      f.put("bytes", s.bytes());
    }
    Path temp = dir.resolve(ArchiveLayout.MANIFEST + ".new");
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      OutputStream out = Channels.newOutputStream(channel);
      MAPPER.writerWithDefaultPrettyPrinter().writeValue(new NonClosing(out), root);
      out.write('\n');
      channel.force(true);
    }
    TableDir.publish(temp, dir.resolve(ArchiveLayout.MANIFEST));
  }

  /** Keeps Jackson from closing the channel before it is forced. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
