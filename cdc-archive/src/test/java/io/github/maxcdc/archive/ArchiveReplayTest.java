package io.github.maxcdc.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.ListenerException;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Insert;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StreamPosition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ArchiveReplay} into a plain recording listener, without a database: an archive of three
 * day files, each of two transactions of two inserts, is delivered whole and in order, or only
 * after a given position; a damaged file is refused before any of its changes is delivered; a
 * listener's failure stops the replay.
 */
class ArchiveReplayTest {
  static final String[] DAYS = {"2026-11-23", "2026-11-24", "2026-11-25"};
  static final String IDLE = "idle";

  @TempDir Path root;

  /** The archived changes, in stream order: four per day. A replay gives back equal events. */
  final List<ChangeEvent> archived = new ArrayList<>();

  /** Records what it is given: each change, and {@link #IDLE} for each {@code onIdle}. */
  static final class Recorder implements ChangeListener {
    final List<Object> seen = new ArrayList<>();

    @Override
    public void onChange(ChangeEvent event) {
      seen.add(event);
    }

    @Override
    public void onIdle() {
      seen.add(IDLE);
    }
  }

  @BeforeEach
  void writeArchive() throws IOException {
    int id = 0;
    long sequence = 100;
    for (String day : DAYS) {
      Instant at = Instant.parse(day + "T08:00:00Z");
      for (int transaction = 0; transaction < 2; transaction++) {
        Gtid gtid = Gtid.of(0, 1, ++sequence);
        for (int eventNumber = 1; eventNumber <= 2; eventNumber++) {
          id++;
          Object[] values = {id, "name " + id};
          Row row = Row.of(TableArchiveTest.SCHEMA, values, values.clone(), null);
          archived.add(new Insert(TableArchiveTest.SCHEMA, gtid, eventNumber, at, row));
        }
      }
    }
    try (TableArchive archive = TableArchive.open(root, TableArchiveTest.TABLE)) {
      for (ChangeEvent event : archived) {
        archive.onChange(event);
      }
    }
    assertEquals(DAYS.length, dayFiles().size(), "one closed file per day");
  }

  private List<Path> dayFiles() throws IOException {
    return ArchiveLayout.closedFiles(ArchiveLayout.tableDir(root, TableArchiveTest.TABLE));
  }

  private ArchiveReplay.Result replay(ChangeListener listener, Optional<StreamPosition> after)
      throws IOException {
    return ArchiveReplay.run(root, TableArchiveTest.TABLE, listener, ReplayRange.ALL, after);
  }

  /** What a recorder must have seen when the replay delivered {@code changes} and ended. */
  private static List<Object> thenIdle(List<ChangeEvent> changes) {
    List<Object> expected = new ArrayList<>(changes);
    expected.add(IDLE);
    return expected;
  }

  @Test
  void fromTheBeginningDeliversEveryArchivedChangeInOrderAcrossTheDayFilesThenIdles()
      throws Exception {
    Recorder recorder = new Recorder();
    ArchiveReplay.Result result = replay(recorder, Optional.empty());
    assertEquals(thenIdle(archived), recorder.seen);
    assertEquals(
        new ArchiveReplay.Result(
            3, 12, 0, 0, Optional.of(archived.get(archived.size() - 1).position())),
        result);
  }

  @Test
  void afterAPositionDeliversOnlyTheChangesAfterIt() throws Exception {
    // every position: the first or second insert of a transaction, first or last of a file
    for (int skipped = 1; skipped <= archived.size(); skipped++) {
      StreamPosition after = archived.get(skipped - 1).position();
      Recorder recorder = new Recorder();
      ArchiveReplay.Result result = replay(recorder, Optional.of(after));
      List<ChangeEvent> later = archived.subList(skipped, archived.size());
      assertEquals(thenIdle(later), recorder.seen, "after " + after);
      assertEquals(later.size(), result.delivered(), "after " + after);
      assertEquals(skipped, result.skipped(), "after " + after);
      assertEquals(
          later.isEmpty() ? Optional.empty() : Optional.of(archived.get(11).position()),
          result.last(),
          "after " + after);
    }
  }

  @Test
  void afterAPositionNotInTheArchiveSkipsWhatComesBeforeItInItsDomain() throws Exception {
    // the checkpoint of a stream that went further than the archive: nothing is delivered again
    Recorder recorder = new Recorder();
    ArchiveReplay.Result result =
        replay(recorder, Optional.of(new StreamPosition(Gtid.of(0, 1, 104), 7)));
    assertEquals(thenIdle(archived.subList(8, 12)), recorder.seen);
    assertEquals(8, result.skipped());
  }

  /** The ways a closed day file can be damaged after it was closed. */
  enum Damage {
    /** Its last bytes are gone: the gzip data ends early. */
    TRUNCATED,
    /** A byte in the middle of its compressed data is changed. */
    CORRUPT,
    /** Whole and readable, but without its last line: the manifest lists one change more. */
    LINE_REMOVED,
    /** Whole and readable, but its last line is not a change line of its schema. */
    MALFORMED_LINE;

    void apply(Path file) throws IOException {
      byte[] bytes = Files.readAllBytes(file);
      switch (this) {
        case TRUNCATED -> Files.write(file, Arrays.copyOf(bytes, bytes.length - 12));
        case CORRUPT -> {
          bytes[bytes.length / 2] ^= (byte) 0x5a;
          Files.write(file, bytes);
        }
        case LINE_REMOVED -> {
          List<String> lines = TableArchiveTest.lines(file);
          rewrite(file, lines.subList(0, lines.size() - 1));
        }
        case MALFORMED_LINE -> {
          List<String> lines = new ArrayList<>(TableArchiveTest.lines(file));
          lines.set(lines.size() - 1, "{\"type\":\"insert\",\"table\":\"lab.items\"}");
          rewrite(file, lines);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void aDamagedFileIsRefusedBeforeAnyOfItsChangesIsDelivered(Damage damage) throws Exception {
    Path second = dayFiles().get(1);
    damage.apply(second);
    Recorder recorder = new Recorder();
    ArchiveException e =
        assertThrows(ArchiveException.class, () -> replay(recorder, Optional.empty()));
    assertEquals(second, e.file(), e.getMessage());
    assertTrue(e.getMessage().startsWith(second + " line "), e.getMessage());
    // the first day whole; nothing of the second, although most damages leave its first lines
    // readable; no onIdle
    assertEquals(List.copyOf(archived.subList(0, 4)), recorder.seen);
  }

  @Test
  void aListenerFailureStopsTheReplayAndPropagatesWithItsPosition() throws Exception {
    Exception refused = new Exception("the target refused the change");
    List<ChangeEvent> delivered = new ArrayList<>();
    ChangeListener failing =
        event -> {
          if (delivered.size() == 5) {
            throw refused;
          }
          delivered.add(event);
        };
    ListenerException e =
        assertThrows(ListenerException.class, () -> replay(failing, Optional.empty()));
    assertSame(refused, e.getCause());
    assertEquals(archived.get(5).position(), e.position());
    assertTrue(e.getMessage().contains("at " + archived.get(5).position()), e.getMessage());
    assertEquals(archived.subList(0, 5), delivered, "nothing after the failed change");
  }

  @Test
  void aFailureOfTheLastOnIdlePropagatesWithTheLastPositionDelivered() throws Exception {
    IOException commit = new IOException("the commit failed");
    ChangeListener failingAtEnd =
        new ChangeListener() {
          @Override
          public void onChange(ChangeEvent event) {}

          @Override
          public void onIdle() throws IOException {
            throw commit;
          }
        };
    ListenerException e =
        assertThrows(ListenerException.class, () -> replay(failingAtEnd, Optional.empty()));
    assertSame(commit, e.getCause());
    assertEquals(archived.get(11).position(), e.position());
  }

  @Test
  void aTableWithoutArchiveIsNoSuchFile() {
    assertThrows(
        NoSuchFileException.class,
        () ->
            ArchiveReplay.run(
                root,
                TableId.parse("lab.other"),
                new Recorder(),
                ReplayRange.ALL,
                Optional.empty()));
  }

  static void rewrite(Path file, List<String> lines) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(bytes)) {
      for (String line : lines) {
        gzip.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    Files.write(file, bytes.toByteArray());
  }
}
