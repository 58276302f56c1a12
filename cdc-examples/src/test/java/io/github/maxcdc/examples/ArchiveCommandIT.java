package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.archive.TableArchive;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code maxcdc archive} from a fake MaxScale whose commit times are scripted: rotation at UTC
 * midnight, the line format (the {@code stream} command's, byte for byte), the manifest, resuming a
 * closed day, several tables.
 */
class ArchiveCommandIT {
  static final Path ROOT = Path.of("target", "archive-it");
  static final Instant BEFORE_MIDNIGHT = Instant.parse("2026-11-23T23:59:58Z");
  static final Instant AFTER_MIDNIGHT = Instant.parse("2026-11-24T00:00:01Z");
  static final Map<String, String> ENV = Map.of("CDC_PASSWORD", FakeMaxScale.DEFAULT_PASSWORD);
  static final TableDefinition ITEMS =
      TableDefinition.builder()
          .column("id", "INT")
          .primaryKey("id")
          .column("name", "VARCHAR(40)")
          .column("amount", "DECIMAL(10,2)")
          .build();

  record Run(int status, String stdout, String stderr) {}

  Path dir;

  @BeforeEach
  void freshDirectory(org.junit.jupiter.api.TestInfo test) throws IOException {
    dir =
        ROOT.resolve(
            test.getTestMethod().orElseThrow().getName() + test.getDisplayName().hashCode());
    ArchiveFiles.deleteTree(dir);
  }

  static Map<String, Object> item(int id, String name, String amount) {
    return Map.of("id", id, "name", name, "amount", new BigDecimal(amount));
  }

  static List<String> args(FakeMaxScale server, String command, String tables, String... extra) {
    List<String> args = CommandArgs.source(command, server, tables, "--idle-exit", "1s");
    args.addAll(Arrays.asList(extra));
    return args;
  }

  static Run run(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args.toArray(String[]::new),
            out,
            new PrintStream(err, true, StandardCharsets.UTF_8),
            ENV);
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Run archive(FakeMaxScale server, String tables) {
    Run run = run(args(server, "archive", tables, "--dir", dir.toString()));
    assertEquals(0, run.status(), run.stderr());
    return run;
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void rotatesAtUtcMidnightWritesTheStreamFormatAndListsTheDaysInTheManifest(StreamFormat format)
      throws Exception {
    String f = format.name().toLowerCase(java.util.Locale.ROOT);
    SettableClock clock = new SettableClock(BEFORE_MIDNIGHT, Duration.ZERO);
    try (FakeMaxScale server = FakeMaxScale.builder().clock(clock).build()) {
      ScriptedTable items = server.createTable("shop", "items", ITEMS);
      server.transaction(
          tx -> {
            tx.insert(items, item(1, "pen", "1.50"));
            tx.insert(items, item(2, "ink", "7.25"));
          });
      String firstOfDay1 = server.lastGtid().orElseThrow();
      clock.set(BEFORE_MIDNIGHT.plusSeconds(1));
      items.update(Map.of("id", 1), Map.of("amount", new BigDecimal("1.75")));
      String lastOfDay1 = server.lastGtid().orElseThrow();
      clock.set(AFTER_MIDNIGHT);
      items.insert(item(3, "pad", "3.00"));
      String firstOfDay2 = server.lastGtid().orElseThrow();
      items.delete(Map.of("id", 2));
      String lastOfDay2 = server.lastGtid().orElseThrow();

      Run run = run(args(server, "archive", "shop.items", "--dir", dir.toString(), "--format", f));
      assertEquals(0, run.status(), run.stderr());
      assertTrue(run.stderr().contains("archived shop.items: 5 changes in this run"), run.stderr());

      Path table = dir.resolve("shop.items");
      assertEquals(
          List.of("2026-11-23.jsonl.gz", "2026-11-24.jsonl.gz", "archive.lock", "manifest.json"),
          ArchiveFiles.names(table),
          "one closed file per day, nothing being written");
      List<String> day1 = ArchiveFiles.lines(table.resolve("2026-11-23.jsonl.gz"));
      List<String> day2 = ArchiveFiles.lines(table.resolve("2026-11-24.jsonl.gz"));
      assertEquals(4, day1.size(), "a schema line and 3 changes: " + day1);
      assertEquals(3, day2.size(), "a schema line and 2 changes: " + day2);
      for (List<String> day : List.of(day1, day2)) {
        JsonNode schema = ArchiveFiles.JSON.readTree(day.get(0));
        assertEquals("schema", schema.get("type").asText(), "each file starts with its schema");
        assertEquals("shop.items", schema.get("table").asText());
        assertEquals("[\"id\",\"name\",\"amount\"]", names(schema.get("columns")));
        assertEquals("DECIMAL", schema.get("columns").get(2).get("type").asText());
      }
      assertEquals(
          List.of("2026-11-23T23:59:58Z", "2026-11-23T23:59:58Z", "2026-11-23T23:59:59Z"),
          timestamps(day1.subList(1, 4)));
      assertEquals(
          List.of("2026-11-24T00:00:01Z", "2026-11-24T00:00:01Z"), timestamps(day2.subList(1, 3)));

      // the change lines are the stream command's lines, byte for byte, in the same order
      Run stream = run(args(server, "stream", "shop.items", "--format", f));
      assertEquals(0, stream.status(), stream.stderr());
      List<String> archived = new ArrayList<>(day1.subList(1, 4));
      archived.addAll(day2.subList(1, 3));
      assertEquals(stream.stdout().lines().toList(), archived);

      JsonNode files = ArchiveFiles.manifest(table).get("files");
      assertEquals(2, files.size(), files.toString());
      assertManifestEntry(files.get(0), "2026-11-23.jsonl.gz", firstOfDay1, lastOfDay1, 3, table);
      assertManifestEntry(files.get(1), "2026-11-24.jsonl.gz", firstOfDay2, lastOfDay2, 2, table);
      assertEquals(firstOfDay1, gtid(day1.get(2)), "the two inserts share a transaction");
    }
  }

  @Test
  void aSecondRunResumesAfterTheLastLineReopeningTheDayItClosed() throws Exception {
    SettableClock clock = new SettableClock(AFTER_MIDNIGHT, Duration.ZERO);
    try (FakeMaxScale server = FakeMaxScale.builder().clock(clock).build()) {
      ScriptedTable items = server.createTable("shop", "items", ITEMS);
      items.insert(item(1, "pen", "1.50"));
      items.insert(item(2, "ink", "7.25"));
      archive(server, "shop.items");
      Path table = dir.resolve("shop.items");
      Path day = table.resolve("2026-11-24.jsonl.gz");
      List<String> first = ArchiveFiles.changeLines(day);
      assertEquals(2, first.size());

      Run nothingNew = archive(server, "shop.items");
      assertTrue(nothingNew.stderr().contains("0 changes in this run"), nothingNew.stderr());
      assertEquals(first, ArchiveFiles.changeLines(day), "nothing new, nothing written twice");

      items.update(Map.of("id", 2), Map.of("name", "blue ink"));
      clock.set(AFTER_MIDNIGHT.plus(Duration.ofDays(1)));
      items.insert(item(3, "pad", "3.00"));
      archive(server, "shop.items");

      List<String> again = ArchiveFiles.changeLines(day);
      assertEquals(3, again.size(), "the day's file gained its third change: " + again);
      assertEquals(first, again.subList(0, 2), "the first two are kept as they were");
      assertEquals("update", type(again.get(2)));
      assertEquals(1, ArchiveFiles.changeLines(table.resolve("2026-11-25.jsonl.gz")).size());
      assertEquals(
          1,
          ArchiveFiles.lines(day).stream().filter(l -> l.contains("\"type\":\"schema\"")).count(),
          "one schema line: the schema did not change");
      JsonNode files = ArchiveFiles.manifest(table).get("files");
      assertEquals(2, files.size(), files.toString());
      assertEquals(3, files.get(0).get("changes").asLong());
      assertEquals(Files.size(day), files.get(0).get("bytes").asLong());
      assertEquals(1, files.get(1).get("changes").asLong());
    }
  }

  @Test
  void archivesSeveralTablesEachInItsOwnDirectory() throws Exception {
    try (FakeMaxScale server =
        FakeMaxScale.builder().clock(new SettableClock(AFTER_MIDNIGHT, Duration.ZERO)).build()) {
      ScriptedTable items = server.createTable("shop", "items", ITEMS);
      ScriptedTable returns = server.createTable("shop", "returns", ITEMS);
      items.insert(item(1, "pen", "1.50"));
      returns.insert(item(7, "pen", "1.50"));
      returns.insert(item(8, "ink", "7.25"));
      archive(server, "shop.items,shop.returns");
      assertEquals(1, ArchiveFiles.positions(dir.resolve("shop.items")).size());
      assertEquals(2, ArchiveFiles.positions(dir.resolve("shop.returns")).size());
      assertTrue(
          ArchiveFiles.changeLines(dir.resolve("shop.returns").resolve("2026-11-24.jsonl.gz"))
              .get(0)
              .contains("\"table\":\"shop.returns\""));
    }
  }

  @Test
  void refusesToArchiveATableAnotherArchiverIsWriting() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build();
        TableArchive other = TableArchive.open(dir, TableId.parse("shop.items"))) {
      server.createTable("shop", "items", ITEMS).insert(item(1, "pen", "1.50"));
      Run run = run(args(server, "archive", "shop.items", "--dir", dir.toString()));
      assertEquals(1, run.status(), run.stderr());
      assertTrue(run.stderr().contains("another process is archiving this table"), run.stderr());
      assertEquals(0, other.archived());
    }
    assertEquals(List.of("archive.lock"), ArchiveFiles.names(dir.resolve("shop.items")));
  }

  @Test
  void sigtermClosesTheDayFileBeingWritten() throws Exception {
    try (FakeMaxScale server =
        FakeMaxScale.builder().clock(new SettableClock(AFTER_MIDNIGHT, Duration.ZERO)).build()) {
      ScriptedTable items = server.createTable("shop", "items", ITEMS);
      for (int id = 1; id <= 3; id++) {
        items.insert(item(id, "item " + id, "1.00"));
      }
      List<String> args =
          new ArrayList<>(args(server, "archive", "shop.items", "--dir", dir.toString()));
      args.removeAll(List.of("--idle-exit", "1s")); // runs until stopped
      Path log = dir.resolve("child.log");
      Process child = ChildJvm.startMain(args, ENV, log);
      Path part = dir.resolve("shop.items").resolve("2026-11-24.jsonl.gz.part");
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!Files.exists(part) || ArchiveCrashIT.completeLines(part).size() < 4) {
        if (!child.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("the three changes were not written:\n" + ChildJvm.read(log));
        }
        Thread.sleep(20); // polling a condition, with a deadline
      }
      child.destroy(); // SIGTERM
      ChildJvm.Exit exit = ChildJvm.await(child, log, Duration.ofSeconds(60));
      assertEquals(143, exit.status(), exit.output());
      assertTrue(
          exit.output().contains("archived shop.items: 3 changes in this run"), exit.output());
      Path table = dir.resolve("shop.items");
      assertEquals(
          List.of("2026-11-24.jsonl.gz", "archive.lock", "manifest.json"),
          ArchiveFiles.names(table),
          "the day file is closed under its final name");
      assertEquals(3, ArchiveFiles.changeLines(table.resolve("2026-11-24.jsonl.gz")).size());
      assertEquals(3, ArchiveFiles.manifest(table).get("files").get(0).get("changes").asLong());
    }
  }

  @Test
  void aBadTableListIsAUsageError() {
    Run run =
        run(
            List.of(
                "archive",
                "--host",
                "h",
                "--user",
                "u",
                "--password-env",
                "CDC_PASSWORD",
                "--table",
                "shop.items,items",
                "--dir",
                dir.toString()));
    assertEquals(2, run.status(), run.stderr());
    assertTrue(run.stderr().contains("--table"), run.stderr());
  }

  static void assertManifestEntry(
      JsonNode entry, String file, String firstGtid, String lastGtid, long changes, Path table)
      throws IOException {
    assertEquals(file, entry.get("file").asText());
    assertEquals(firstGtid, entry.get("first_gtid").asText(), entry.toString());
    assertEquals(lastGtid, entry.get("last_gtid").asText(), entry.toString());
    assertEquals(changes, entry.get("changes").asLong(), entry.toString());
    assertEquals(Files.size(table.resolve(file)), entry.get("bytes").asLong());
    List<String> lines = ArchiveFiles.changeLines(table.resolve(file));
    assertEquals(
        ArchiveFiles.JSON.readTree(lines.get(lines.size() - 1)).get("position").asText(),
        entry.get("last_position").asText());
  }

  static String names(JsonNode columns) {
    List<String> names = new ArrayList<>();
    columns.forEach(c -> names.add("\"" + c.get("name").asText() + "\""));
    return "[" + String.join(",", names) + "]";
  }

  static List<String> timestamps(List<String> lines) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.add(ArchiveFiles.JSON.readTree(line).get("timestamp").asText());
    }
    return out;
  }

  static String gtid(String line) throws IOException {
    return ArchiveFiles.JSON.readTree(line).get("gtid").asText();
  }

  static String type(String line) throws IOException {
    return ArchiveFiles.JSON.readTree(line).get("type").asText();
  }
}
