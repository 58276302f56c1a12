package io.github.maxcdc.examples.cli;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.CdcException;
import io.github.maxcdc.NoSuchTableException;
import io.github.maxcdc.TransactionsBehind;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StreamPosition;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code behind_tx} column of {@code status}: how many transactions each stream is behind,
 * asked of MaxScale with {@link TransactionsBehind} from the stream's checkpoint. Reports each
 * problem on stderr once: a table MaxScale does not have, per stream; a MaxScale that cannot be
 * reached or refuses the user, once, and the streams after it are then not asked. Used on one
 * thread.
 */
final class BehindColumn {
  /** Not asked: no {@code --host}, or a stream read from Kafka, whose position MaxScale lacks. */
  static final String NOT_ASKED = "-";

  /** The stream id does not name its source table ({@code db.table->db.table}). */
  static final String UNKNOWN_TABLE = "unknown-table";

  /** Asking failed; a line on stderr says why. */
  static final String FAILED = "?";

  private final Function<TableId, CdcClient.Builder> sources; // null without --host
  private final Duration timeout;
  private final PrintStream stderr;
  private boolean failed;
  private boolean serverFailed; // the server cannot be asked: the next streams are not

  /**
   * A column asking {@code sources} (a builder per table; null for none: every stream is {@link
   * #NOT_ASKED}), waiting at most {@code timeout} per stream, reporting on {@code stderr}.
   */
  BehindColumn(Function<TableId, CdcClient.Builder> sources, Duration timeout, PrintStream stderr) {
    this.sources = sources;
    this.timeout = timeout;
    this.stderr = stderr;
  }

  /** Whether asking failed for a stream (the command then ends with status 1). */
  boolean failed() {
    return failed;
  }

  /**
   * The column of one stream.
   *
   * @param streamId the stream's id
   * @param gtid its checkpoint's GTID
   * @param eventNumber its checkpoint's event number
   * @param sourceOffset its checkpoint's source offset, null unless read from Kafka
   */
  String of(String streamId, String gtid, int eventNumber, String sourceOffset)
      throws InterruptedException {
    if (sources == null || sourceOffset != null) {
      return NOT_ASKED;
    }
    Optional<TableId> table = sourceTable(streamId);
    if (table.isEmpty()) {
      return UNKNOWN_TABLE;
    }
    if (serverFailed) {
      return FAILED;
    }
    StreamPosition position;
    try {
      position = new StreamPosition(Gtid.parse(gtid), eventNumber);
    } catch (IllegalArgumentException e) {
      return fail(streamId, "its checkpoint is not a stream position: " + e.getMessage());
    }
    try {
      return TransactionsBehind.count(sources.apply(table.get()), position, timeout).toString();
    } catch (NoSuchTableException e) {
      return fail(streamId, e.getMessage());
    } catch (CdcException e) {
      serverFailed = true;
      return fail(streamId, e.getMessage() + " (the streams after it are not asked)");
    }
  }

  private String fail(String streamId, String why) {
    failed = true;
    stderr.println("maxcdc status: behind_tx of " + streamId + ": " + why.replace('\n', ' '));
    return FAILED;
  }

  /**
   * The source table of a stream named as {@code replicate} names them, {@code
   * SOURCE_DB.TABLE->TARGET_DB.TABLE}; empty for any other id.
   */
  static Optional<TableId> sourceTable(String streamId) {
    int arrow = streamId.indexOf("->");
    if (arrow < 0) {
      return Optional.empty();
    }
    try {
      TableId.parse(streamId.substring(arrow + 2));
      return Optional.of(TableId.parse(streamId.substring(0, arrow)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
