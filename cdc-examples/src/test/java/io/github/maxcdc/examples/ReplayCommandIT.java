package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import io.github.maxcdc.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code maxcdc replay} of an archive into an embedded MariaDB: the target equals what {@code
 * replicate} makes of the same stream, nothing is applied twice, {@code --from}/{@code --to} are
 * honoured, and corrupt, truncated or malformed files are refused naming the file and line.
 *
 * <p>The stream: two UTC days of inserts, updates (one of them changing the key) and deletes over a
 * table of many column types, archived once for all tests.
 */
class ReplayCommandIT {
  static final Path ARCHIVE = Path.of("target", "replay-it", "archive");
  static final Path TABLE_DIR = ARCHIVE.resolve("shop.items");
  static final String DAY1 = "2026-11-23.jsonl.gz";
  static final String DAY2 = "2026-11-24.jsonl.gz";
  static final String DW = "replay_dw";
  static final String REF = "replay_ref";
  static final String COLUMNS =
      "id INT PRIMARY KEY, name VARCHAR(40), amount DECIMAL(10,2), qty BIGINT UNSIGNED, "
          + "ratio DOUBLE, due DATE, made DATETIME(6), seen TIMESTAMP(6) NULL, data BLOB";
  static final Map<String, String> ENV =
      Map.of("CDC_PASSWORD", FakeMaxScale.DEFAULT_PASSWORD, "DW_PASSWORD", "");
  static final TableDefinition ITEMS =
      TableDefinition.builder()
          .column("id", "INT")
          .primaryKey("id")
          .column("name", "VARCHAR(40)")
          .column("amount", "DECIMAL(10,2)")
          .column("qty", "BIGINT UNSIGNED")
          .column("ratio", "DOUBLE")
          .column("due", "DATE")
          .column("made", "DATETIME(6)")
          .column("seen", "TIMESTAMP(6)")
          .column("data", "BLOB")
          .build();

  static FakeMaxScale server;
  static List<String> gtids = new ArrayList<>(); // of each transaction, in order
  static long changesOfDay1;
  static long changes;

  final TestDatabase db = TestDatabase.shared();

  record Run(int status, String stderr) {}

  @BeforeAll
  static void archiveTwoDays() throws Exception {
    ArchiveFiles.deleteTree(ARCHIVE.getParent());
    SettableClock clock = new SettableClock(Instant.parse("2026-11-23T22:00:00Z"), Duration.ZERO);
    server = FakeMaxScale.builder().clock(clock).build();
    ScriptedTable items = server.createTable("shop", "items", ITEMS);
    for (int id = 1; id <= 6; id++) {
      items.insert(item(id));
      gtids.add(server.lastGtid().orElseThrow());
    }
    items.update(
        Map.of("id", 2), Map.of("name", "renamed", "qty", new BigInteger("18446744073709551615")));
    gtids.add(server.lastGtid().orElseThrow());
    items.delete(Map.of("id", 3));
    gtids.add(server.lastGtid().orElseThrow());
    changesOfDay1 = 8;
    clock.set(Instant.parse("2026-11-24T01:00:00Z"));
    for (int id = 7; id <= 9; id++) {
      items.insert(item(id));
      gtids.add(server.lastGtid().orElseThrow());
    }
    items.update(Map.of("id", 1), Map.of("id", 100, "amount", new BigDecimal("99.99")));
    gtids.add(server.lastGtid().orElseThrow());
    items.delete(Map.of("id", 8));
    gtids.add(server.lastGtid().orElseThrow());
    changes = 13;
    Run run =
        run(
            CommandArgs.source(
                "archive", server, "shop.items", "--dir", ARCHIVE.toString(), "--idle-exit", "1s"));
    assertEquals(0, run.status(), run.stderr());
    assertEquals(
        List.of(DAY1, DAY2, "archive.lock", "manifest.json"), ArchiveFiles.names(TABLE_DIR));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  static Map<String, Object> item(int id) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("name", "item " + id);
    row.put("amount", new BigDecimal(id + ".25"));
    row.put("qty", BigInteger.valueOf(id * 1000L));
    row.put("ratio", id / 8.0);
    row.put("due", LocalDate.of(2026, 12, id));
    row.put("made", LocalDateTime.of(2026, 11, 23, 10, id, 5, 123456000));
    row.put("seen", Instant.parse("2026-11-23T10:00:00.654321Z").plusSeconds(id));
    row.put("data", new byte[] {0, (byte) id, (byte) 0xff});
    return row;
  }

  @BeforeEach
  void freshTargets() throws Exception {
    db.recreateDatabase(DW);
    db.execute("CREATE TABLE " + DW + ".items (" + COLUMNS + ")");
  }

  static Run run(List<String> args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args.toArray(String[]::new),
            new ByteArrayOutputStream(),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            ENV);
    return new Run(status, err.toString(StandardCharsets.UTF_8));
  }

  List<String> target(String db, String table) {
    return List.of(
        "--target-url",
        this.db.jdbcUrl(db),
        "--target-user",
        "root",
        "--target-password-env",
        "DW_PASSWORD",
        "--target-table",
        table);
  }

  Run replay(Path archive, String... extra) {
    List<String> args = new ArrayList<>(List.of("replay", "--dir", archive.toString()));
    args.addAll(target(DW, "items"));
    args.addAll(Arrays.asList(extra));
    return run(args);
  }

  List<Map<String, Object>> rows(String db) throws Exception {
    return Rows.of(this.db, db + ".items", "id");
  }

  long applied() throws Exception {
    return (Long) Rows.of(db, DW + ".maxcdc_checkpoint", "stream_id").get(0).get("applied_events");
  }

  @Test
  void appliesTheArchiveAsReplicateAppliesTheStreamAndNothingTwice() throws Exception {
    db.recreateDatabase(REF);
    db.execute("CREATE TABLE " + REF + ".items (" + COLUMNS + ")");
    List<String> replicate =
        new ArrayList<>(CommandArgs.source("replicate", server, "shop.items", "--idle-exit", "1s"));
    replicate.addAll(target(REF, "items"));
    Run reference = run(replicate);
    assertEquals(0, reference.status(), reference.stderr());

    Run first = replay(ARCHIVE);
    assertEquals(0, first.status(), first.stderr());
    assertTrue(first.stderr().contains(changes + " changes applied from 2 files"), first.stderr());
    List<Map<String, Object>> expected = rows(REF);
    assertEquals(7, expected.size(), "the stream leaves 7 rows");
    assertEquals(expected, rows(DW), "the replayed target equals the replicated one");
    assertEquals(changes, applied());

    Run second = replay(ARCHIVE);
    assertEquals(0, second.status(), second.stderr());
    assertTrue(
        second.stderr().contains("0 changes applied from 2 files, " + changes + " already applied"),
        second.stderr());
    assertEquals(changes, applied(), "the checkpoint counts each change once");
    assertEquals(expected, rows(DW));
  }

  @Test
  void honoursFromAndToAsGtidsAndResumesAfterTheCheckpoint() throws Exception {
    Run upTo = replay(ARCHIVE, "--to", gtids.get(2)); // the first three inserts
    assertEquals(0, upTo.status(), upTo.stderr());
    assertEquals(List.of(1, 2, 3), ids(DW));
    assertEquals(3, applied());

    Run rest = replay(ARCHIVE);
    assertEquals(0, rest.status(), rest.stderr());
    assertTrue(
        rest.stderr().contains("10 changes applied from 2 files, 3 already applied"),
        rest.stderr());
    assertEquals(List.of(2, 4, 5, 6, 7, 9, 100), ids(DW));
    assertEquals(changes, applied());
  }

  @Test
  void honoursFromAndToAsDays() throws Exception {
    Run day1 = replay(ARCHIVE, "--to", "2026-11-23");
    assertEquals(0, day1.status(), day1.stderr());
    assertEquals(List.of(1, 2, 4, 5, 6), ids(DW), "day 1: six inserts, one deleted");
    assertEquals(changesOfDay1, applied());

    freshTargets();
    Run day2 = replay(ARCHIVE, "--from", "2026-11-24");
    assertEquals(0, day2.status(), day2.stderr());
    assertTrue(day2.stderr().contains("5 changes applied from 1 files"), day2.stderr());
    // the update of id 1 to 100 upserts 100 and deletes 1, which the target never had
    assertEquals(List.of(7, 9, 100), ids(DW));

    freshTargets();
    Run middle = replay(ARCHIVE, "--from", gtids.get(4), "--to", gtids.get(8));
    assertEquals(0, middle.status(), middle.stderr());
    assertEquals(
        List.of(2, 5, 6, 7), ids(DW), "inserts 5, 6 and 7; the update of 2 upserts it; 3 is gone");
  }

  @Test
  void refusesACorruptGzipNamingTheFileAndAppliesNothingFromIt() throws Exception {
    Path copy = copyArchive("corrupt");
    byte[] bytes = Files.readAllBytes(day2(copy));
    for (int i = bytes.length / 3; i < bytes.length / 3 + 8; i++) {
      bytes[i] ^= 0x5a;
    }
    Files.write(day2(copy), bytes);
    // damaged deflate data fails to inflate, or inflates to a damaged line before gzip's CRC
    String said = replay(copy).stderr();
    String problem =
        said.contains("corrupt gzip data (") ? "corrupt gzip data (" : "expected a JSON object";
    assertRefusedAfterDay1(copy, problem, DAY2); // again: refused the same way, day 2 untouched

    freshTargets(); // a range that ends before the damaged file does not read it
    Run day1 = replay(copy, "--to", "2026-11-23");
    assertEquals(0, day1.status(), day1.stderr());
    assertEquals(List.of(1, 2, 4, 5, 6), ids(DW));
    freshTargets();
    Run upTo = replay(copy, "--to", gtids.get(7));
    assertEquals(0, upTo.status(), upTo.stderr());
    assertEquals(List.of(1, 2, 4, 5, 6), ids(DW));
  }

  @Test
  void refusesATruncatedFileNamingTheFileAndLine() throws Exception {
    Path copy = copyArchive("truncated");
    byte[] bytes = Files.readAllBytes(day2(copy));
    Files.write(day2(copy), Arrays.copyOf(bytes, bytes.length - 12));
    assertRefusedAfterDay1(
        copy, "truncated", "its gzip data ends before the end of the file it was written as");
  }

  @Test
  void refusesAMalformedLineNamingTheFileAndLine() throws Exception {
    Path copy = copyArchive("malformed");
    List<String> lines = ArchiveFiles.lines(day2(copy));
    lines.set(2, lines.get(2).replace("\"amount\":8.25", "\"amount\":\"lots\""));
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(day2(copy)))) {
      out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    assertRefusedAfterDay1(copy, "line 3", "column 'amount' (DECIMAL): expected a number");
  }

  @Test
  void refusesAFileCutAtALineEndThatTheManifestCountsLonger() throws Exception {
    Path copy = copyArchive("short");
    List<String> lines = ArchiveFiles.lines(day2(copy));
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(day2(copy)))) {
      out.write((String.join("\n", lines.subList(0, 3)) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    assertRefusedAfterDay1(copy, "line 3", "holds 2 changes");
  }

  void assertRefusedAfterDay1(Path archive, String problem, String detail) throws Exception {
    Run run = replay(archive);
    assertEquals(1, run.status(), run.stderr());
    assertTrue(run.stderr().contains("maxcdc replay: "), run.stderr());
    assertTrue(
        run.stderr().contains(archive.resolve("shop.items").resolve(DAY2) + " line "),
        run.stderr());
    assertTrue(run.stderr().contains(problem), run.stderr());
    assertTrue(run.stderr().contains(detail), run.stderr());
    assertEquals(List.of(1, 2, 4, 5, 6), ids(DW), "day 1 applied, nothing of day 2");
    assertEquals(changesOfDay1, applied());
  }

  @Test
  void aMissingTableIsAUsageError() {
    Run run = replay(ARCHIVE.resolve("nothing-here"));
    assertEquals(2, run.status(), run.stderr());
    assertTrue(run.stderr().contains("no archived table"), run.stderr());
    Run badRange = replay(ARCHIVE, "--from", "yesterday");
    assertEquals(2, badRange.status(), badRange.stderr());
    assertTrue(badRange.stderr().contains("--from: expected a GTID"), badRange.stderr());
    assertFalse(badRange.stderr().contains("Exception"), badRange.stderr());
  }

  List<Integer> ids(String db) throws Exception {
    return Rows.of(this.db, db + ".items", "id", "id").stream()
        .map(r -> (Integer) r.get("id"))
        .toList();
  }

  static Path day2(Path archive) {
    return archive.resolve("shop.items").resolve(DAY2);
  }

  static Path copyArchive(String name) throws IOException {
    Path copy = ARCHIVE.resolveSibling(name);
    ArchiveFiles.deleteTree(copy);
    Files.createDirectories(copy.resolve("shop.items"));
    for (String file : ArchiveFiles.names(TABLE_DIR)) {
      Files.copy(TABLE_DIR.resolve(file), copy.resolve("shop.items").resolve(file));
    }
    return copy;
  }
}
