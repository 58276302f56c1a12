package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves that {@code maxcdc archive} killed at any instant ({@code kill -9}) loses nothing and
 * writes nothing twice, in both formats. It runs in a JVM of its own, fed by a fake MaxScale with a
 * few thousand random changes ({@link ChangeScript}, a new column halfway) whose commit times
 * advance an hour per transaction (so days are closed and opened all along), and is killed after a
 * random 50 to 1500 ms, again and again, while the stream grows; then it runs to the end.
 *
 * <ul>
 *   <li>After every kill the closed files and the complete lines of the file being written hold
 *       exactly the stream's first N changes, in order: no change twice, none missing before the
 *       last, no torn line in a closed file.
 *   <li>At the end the closed files hold every change of the stream exactly once, in order, each in
 *       the file of its commit day; nothing is left being written; the manifest counts each file.
 * </ul>
 *
 * System properties: {@code maxcdc.crash.seed} (printed: replays the script and the timings),
 * {@code maxcdc.archive.kills} (default 12), {@code maxcdc.archive.changes} (default 2000).
 */
class ArchiveCrashIT {
  static final long SEED = Long.getLong("maxcdc.crash.seed", System.nanoTime());
  static final int KILLS = Integer.getInteger("maxcdc.archive.kills", 12);
  static final int CHANGES = Integer.getInteger("maxcdc.archive.changes", 2000);
  static final Path ROOT = Path.of("target", "archive-crash");
  static final Duration DEADLINE = Duration.ofSeconds(60);
  static final Instant START = Instant.parse("2026-11-01T20:30:00Z");

  final List<String> gtidOfStep = new ArrayList<>();
  Path dir; // the archive of this format
  Path tableDir;
  Path logs;

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void killedAtAnyInstantItLosesNothingAndWritesNothingTwice(StreamFormat format) throws Exception {
    long started = System.nanoTime();
    String f = format.name().toLowerCase(Locale.ROOT);
    String run = "seed " + SEED + ", " + format;
    dir = ROOT.resolve(f).resolve("archive");
    tableDir = dir.resolve("crash_src.items");
    logs = ROOT.resolve(f).resolve("logs");
    System.out.println(
        "archive crash test: " + run + " (replay with -Dmaxcdc.crash.seed=" + SEED + ")");
    ChangeScript script = new ChangeScript(new SplittableRandom(SEED), 150, CHANGES);
    SplittableRandom timing = new SplittableRandom(SEED ^ 0x5eed ^ format.ordinal());
    ArchiveFiles.deleteTree(ROOT.resolve(f));
    int killedWithPart = 0;
    int killedWhileBehind = 0;
    SettableClock clock = new SettableClock(START, Duration.ofHours(1));
    try (FakeMaxScale server =
        FakeMaxScale.builder().user("cdcuser", "archive-secret").clock(clock).build()) {
      ScriptedTable table = server.createTable("crash_src", "items", CrashRecoveryIT.sourceTable());
      List<ChangeScript.Step> steps = script.steps();
      while (gtidOfStep.size() < steps.size() / 3) { // a backlog before the first start
        feed(server, table, script);
      }
      int forKills = steps.size() * 19 / 20;
      List<String> args = new ArrayList<>(args(server));
      args.addAll(List.of("--format", f));
      for (int round = 0; round < KILLS; round++) {
        int quota = (forKills - gtidOfStep.size()) / (KILLS - round);
        Path log = log(round);
        Process child = ChildJvm.startMain(args, env(), log);
        long runNanos = Duration.ofMillis(50 + timing.nextInt(1451)).toNanos();
        long start =
            timing.nextInt(3) != 0
                ? CrashRecoveryIT.awaitStreaming(child, log, run)
                : System.nanoTime();
        for (int i = 1; i <= quota; i++) {
          sleepUntil(start + runNanos * i / (quota + 1));
          feed(server, table, script);
        }
        sleepUntil(start + runNanos); // the random run time: the one sleep of this test
        if (!child.isAlive()) {
          throw new AssertionError(
              run + ": the child ended on its own in round " + round + ":\n" + ChildJvm.read(log));
        }
        child.destroyForcibly();
        ChildJvm.Exit exit = ChildJvm.await(child, log, DEADLINE);
        assertEquals(137, exit.status(), run + ": killed by SIGKILL in round " + round);
        List<String> held = assertArchiveIsAPrefix(script, run + ", round " + round);
        killedWithPart += partFiles().isEmpty() ? 0 : 1;
        killedWhileBehind += held.size() < script.eventsOf(gtidOfStep.size()) ? 1 : 0;
      }
      while (gtidOfStep.size() < steps.size()) {
        feed(server, table, script);
      }
      List<String> last = new ArrayList<>(args);
      last.addAll(List.of("--idle-exit", "2s"));
      Path log = log(KILLS);
      ChildJvm.Exit exit = ChildJvm.await(ChildJvm.startMain(last, env(), log), log, DEADLINE);
      assertEquals(0, exit.status(), run + ": the last run ends normally:\n" + exit.output());
    }
    assertEquals(List.of(), partFiles(), run + ": nothing is left being written");
    List<String> all = ArchiveFiles.positions(tableDir);
    assertEquals(expectedPositions(script), all, run + ": every change exactly once, in order");
    int files = assertEachLineInItsCommitDayAndTheManifestCountsIt(run);
    for (int round = 0; round <= KILLS; round++) {
      assertTrue(!ChildJvm.read(log(round)).contains("archive-secret"), "round " + round);
    }
    System.out.printf(
        Locale.ROOT,
        "archive crash test: %s: %d kills (%d with a day file being written, %d behind the"
            + " stream), %d changes in %d day files, %.1f s%n",
        run,
        KILLS,
        killedWithPart,
        killedWhileBehind,
        all.size(),
        files,
        (System.nanoTime() - started) / 1e9);
  }

  void feed(FakeMaxScale server, ScriptedTable table, ChangeScript script) {
    ChangeScript.apply(server, table, script.steps().get(gtidOfStep.size()));
    gtidOfStep.add(server.lastGtid().orElseThrow());
  }

  /** The positions of the changes written to the fake MaxScale so far, in stream order. */
  List<String> expectedPositions(ChangeScript script) {
    List<String> positions = new ArrayList<>();
    for (long n = 1; n <= script.eventsOf(gtidOfStep.size()); n++) {
      positions.add(gtidOfStep.get(script.stepOf(n)) + ":" + script.eventNumberOf(n));
    }
    return positions;
  }

  /** Closed files, then the complete lines of the file being written: a prefix of the stream. */
  List<String> assertArchiveIsAPrefix(ChangeScript script, String where) throws IOException {
    List<String> held = new ArrayList<>(ArchiveFiles.positions(tableDir));
    List<Path> parts = partFiles();
    assertTrue(parts.size() <= 1, where + ": at most one file being written: " + parts);
    for (Path part : parts) {
      for (String line : completeLines(part)) {
        JsonNode node = ArchiveFiles.JSON.readTree(line);
        if (!node.get("type").asText().equals("schema")) {
          held.add(node.get("position").asText());
        }
      }
    }
    List<String> expected = expectedPositions(script);
    assertTrue(
        held.size() <= expected.size(),
        where + ": " + held.size() + " changes archived, " + expected.size() + " in the stream");
    assertEquals(
        expected.subList(0, held.size()), held, where + ": the archive is the stream's start");
    return held;
  }

  int assertEachLineInItsCommitDayAndTheManifestCountsIt(String run) throws IOException {
    List<Path> days = ArchiveFiles.dayFiles(tableDir);
    JsonNode manifest = ArchiveFiles.manifest(tableDir).get("files");
    assertEquals(days.size(), manifest.size(), run + ": the manifest lists every day file");
    for (int i = 0; i < days.size(); i++) {
      String name = days.get(i).getFileName().toString();
      String day = name.substring(0, "yyyy-mm-dd".length());
      List<String> lines = ArchiveFiles.changeLines(days.get(i));
      for (String line : lines) {
        String timestamp = ArchiveFiles.JSON.readTree(line).get("timestamp").asText();
        assertTrue(timestamp.startsWith(day), run + ": " + timestamp + " in " + name);
      }
      JsonNode entry = manifest.get(i);
      assertEquals(name, entry.get("file").asText());
      assertEquals(lines.size(), entry.get("changes").asLong(), run + ": " + name);
      assertEquals(Files.size(days.get(i)), entry.get("bytes").asLong(), run + ": " + name);
    }
    return days.size();
  }

  List<Path> partFiles() throws IOException {
    if (!Files.isDirectory(tableDir)) {
      return List.of();
    }
    return ArchiveFiles.names(tableDir).stream()
        .filter(n -> n.endsWith(".part"))
        .map(tableDir::resolve)
        .toList();
  }

  /** The complete lines of a gzip file that may end mid-stream, as a killed writer leaves it. */
  static List<String> completeLines(Path file) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      in.transferTo(bytes);
    } catch (EOFException cut) {
      // killed while writing: what decoded so far is what there is
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : text.substring(0, end).lines().toList();
  }

  List<String> args(FakeMaxScale server) {
    return List.of(
        "archive",
        "--host",
        server.host(),
        "--port",
        String.valueOf(server.port()),
        "--user",
        "cdcuser",
        "--password-env",
        "ARCHIVE_CDC_PASSWORD",
        "--table",
        "crash_src.items",
        "--dir",
        dir.toString());
  }

  static Map<String, String> env() {
    return Map.of("ARCHIVE_CDC_PASSWORD", "archive-secret");
  }

  Path log(int round) {
    return logs.resolve(round + ".log");
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    }
  }
}
