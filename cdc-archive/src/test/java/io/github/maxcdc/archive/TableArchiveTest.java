package io.github.maxcdc.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.archive.internal.Manifest;
import io.github.maxcdc.archive.internal.TableDir;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.Insert;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.event.WireType;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StreamPosition;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TableArchive} without a server: a file being written cut at every few bytes (what a kill
 * leaves) resumes at its last complete line and goes on without writing anything twice; a change
 * committed at midnight exactly opens the new day.
 */
class TableArchiveTest {
  static final TableId TABLE = TableId.parse("lab.items");
  static final TableSchema SCHEMA =
      new TableSchema(
          TABLE,
          1,
          null,
          List.of(
              new Column("id", 0, ColumnType.INT, "int", false, WireType.INT, Set.of()),
              new Column(
                  "name", 1, ColumnType.VARCHAR, "varchar", false, WireType.STRING, Set.of())),
          true);
  static final Instant DAY = Instant.parse("2026-11-24T08:00:00Z");

  @TempDir Path tmp;

  static ChangeEvent insert(int n, Instant at) {
    Object[] values = {n, "name " + n};
    return new Insert(
        SCHEMA, Gtid.of(0, 1, 100 + n), 1, at, Row.of(SCHEMA, values, values.clone(), null));
  }

  @Test
  void aFileCutAnywhereResumesAtItsLastCompleteLineAndWritesNothingTwice() throws Exception {
    Path source = tmp.resolve("source");
    try (TableArchive archive = TableArchive.open(source, TABLE)) {
      for (int n = 1; n <= 40; n++) {
        archive.onChange(insert(n, DAY));
        if (n % 5 == 0) {
          archive.onIdle(); // flushed in steps, as the stream goes idle now and then
        }
      }
      archive.onIdle();
      byte[] part = Files.readAllBytes(source.resolve("lab.items/2026-11-24.jsonl.gz.part"));
      int previous = -1;
      for (int cut = 0; cut <= part.length; cut += 7) {
        int complete = completeChanges(Arrays.copyOf(part, cut));
        assertTrue(complete >= previous, "complete lines only grow with the bytes");
        previous = complete;
        assertResumesAfter(Arrays.copyOf(part, cut), complete, "cut at byte " + cut);
      }
      assertResumesAfter(part, 40, "the whole file");
    }
  }

  void assertResumesAfter(byte[] partBytes, int complete, String where) throws IOException {
    Path root = tmp.resolve("cut" + System.nanoTime());
    Path dir = Files.createDirectories(root.resolve("lab.items"));
    Files.write(dir.resolve("2026-11-24.jsonl.gz.part"), partBytes);
    try (TableArchive archive = TableArchive.open(root, TABLE)) {
      StreamPosition expected =
          complete == 0 ? null : new StreamPosition(Gtid.of(0, 1, 100 + complete), 1);
      assertEquals(expected, archive.lastPosition().orElse(null), where);
      for (int n = complete + 1; n <= 40; n++) { // what MaxScale sends again after the position
        archive.onChange(insert(n, DAY));
      }
    }
    List<String> ids = new ArrayList<>();
    for (String line : lines(dir.resolve("2026-11-24.jsonl.gz"))) {
      if (!line.startsWith("{\"type\":\"schema\"")) {
        ids.add(line.substring(line.indexOf("\"after\":{\"id\":") + 14, line.indexOf(",\"name\"")));
      }
    }
    List<String> all = new ArrayList<>();
    for (int n = 1; n <= 40; n++) {
      all.add(String.valueOf(n));
    }
    assertEquals(all, ids, where + ": every change once, in order");
    assertEquals(List.of(), TableDir.partFiles(dir), where);
  }

  @Test
  void aChangeCommittedAtMidnightExactlyOpensTheNewDay() throws Exception {
    try (TableArchive archive = TableArchive.open(tmp, TABLE)) {
      archive.onChange(insert(1, Instant.parse("2026-11-24T23:59:59Z")));
      archive.onChange(insert(2, Instant.parse("2026-11-25T00:00:00Z")));
      archive.onChange(insert(3, Instant.parse("2026-11-24T23:59:59Z"))); // a clock gone back
      assertEquals(1, archive.closedFiles().size(), "the first day is closed by the second");
    }
    Path dir = tmp.resolve("lab.items");
    assertEquals(2, lines(dir.resolve("2026-11-24.jsonl.gz")).size(), "schema and change 1");
    List<String> day2 = lines(dir.resolve("2026-11-25.jsonl.gz"));
    assertEquals(3, day2.size(), "schema, change 2 and change 3 kept in stream order: " + day2);
    assertEquals(2, Manifest.read(dir).size());
  }

  @Test
  void aManifestMissingOrBehindItsFilesIsRebuiltFromThem() throws Exception {
    try (TableArchive archive = TableArchive.open(tmp, TABLE)) {
      archive.onChange(insert(1, Instant.parse("2026-11-24T10:00:00Z")));
      archive.onChange(insert(2, Instant.parse("2026-11-25T10:00:00Z")));
    }
    Path dir = tmp.resolve("lab.items");
    java.util.Map<String, FileSummary> written = Manifest.read(dir);
    assertEquals(2, written.size());
    // a crash between renaming a file and writing the manifest: the manifest lacks the file
    Manifest.write(dir, TABLE, List.of(written.get("2026-11-24.jsonl.gz")));
    try (TableArchive archive = TableArchive.open(tmp, TABLE)) {
      assertEquals(new StreamPosition(Gtid.of(0, 1, 102), 1), archive.lastPosition().orElseThrow());
    }
    assertEquals(written, Manifest.read(dir));
    Files.delete(dir.resolve(ArchiveLayout.MANIFEST));
    try (TableArchive archive = TableArchive.open(tmp, TABLE)) {
      assertEquals(2, archive.closedFiles().size());
    }
    assertEquals(written, Manifest.read(dir));
  }

  static int completeChanges(byte[] gzip) {
    int changes = 0;
    for (String line : completeLines(gzip)) {
      changes += line.startsWith("{\"type\":\"schema\"") ? 0 : 1;
    }
    return changes;
  }

  static List<String> completeLines(byte[] gzip) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
      in.transferTo(out);
    } catch (EOFException cut) {
      // what decoded so far is what there is
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : text.substring(0, end).lines().toList();
  }

  static List<String> lines(Path file) throws IOException {
    return completeLinesStrict(Files.readAllBytes(file));
  }

  static List<String> completeLinesStrict(byte[] gzip) throws IOException {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(text.endsWith("\n"), "a closed file ends with a whole line");
      return text.lines().toList();
    }
  }
}
