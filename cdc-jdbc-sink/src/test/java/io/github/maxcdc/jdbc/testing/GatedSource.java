package io.github.maxcdc.jdbc.testing;

import io.github.maxcdc.ConnectionClosedException;
import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.event.WireType;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.spi.ChangeSource;
import io.github.maxcdc.spi.SourceItem;
import io.github.maxcdc.spi.SourceRequest;
import io.github.maxcdc.spi.SourceStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A source of inserts into a table {@code (k INT, v VARCHAR(20))} that sends exactly the rows the
 * test releases, when it releases them, like MaxScale writing a transaction row by row: its stream
 * is caught up whenever every released row has been read. One stream at a time; thread-safe.
 */
public final class GatedSource implements ChangeSource {
  private final TableSchema schema;
  private final LinkedBlockingQueue<SourceItem> released = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  /** A source of {@code table}; its schema is released at once. */
  public GatedSource(TableId table) {
    schema =
        new TableSchema(
            table,
            1,
            null,
            List.of(
                new Column("k", 0, ColumnType.INT, "int", false, WireType.INT, Set.of()),
                new Column(
                    "v", 1, ColumnType.VARCHAR, "varchar(20)", false, WireType.STRING, Set.of())),
            true);
    released.add(new SourceItem.Schema(schema));
  }

  /**
   * Releases the insert of row {@code (k, v)}, change {@code eventNumber} of GTID 0-1-{@code
   * sequence}.
   */
  public void insert(long sequence, int eventNumber, int k, String v) {
    released.add(
        new SourceItem.RawRow(
            schema,
            Gtid.of(0, 1, sequence),
            eventNumber,
            1_700_000_000L,
            SourceItem.RowKind.INSERT,
            new Object[] {k, v}));
  }

  @Override
  public SourceStream open(SourceRequest request) {
    return new SourceStream() {
      @Override
      public SourceItem next(Duration timeout) throws IOException {
        if (closed) {
          throw new ConnectionClosedException("the stream was closed", false, null);
        }
        try {
          return released.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ConnectionClosedException("interrupted", false, e);
        }
      }

      @Override
      public boolean caughtUp() {
        return released.isEmpty();
      }

      @Override
      public void close() {
        closed = true;
      }
    };
  }

  @Override
  public String describe() {
    return "gated source of " + schema.table();
  }
}
