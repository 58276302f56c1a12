package io.github.maxcdc.jdbc;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.internal.source.JdbcUrl;
import io.github.maxcdc.jdbc.internal.source.SourceConnector;
import io.github.maxcdc.jdbc.internal.verify.Comparison;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Proves a target table equal to its source table, or lists where they differ: missing, extra and
 * different rows by key, with the columns that differ (never the values).
 *
 * <pre>{@code
 * VerifyResult result = TableVerifier.builder()
 *     .source(SourceDatabase.jdbcUrl("jdbc:mariadb://oltp-host:3306/shop_tx", "reader", pw))
 *     .target("jdbc:mariadb://dw-host:3306/shop_dw", "etl_user", dwPassword)
 *     .tables(TableId.parse("shop_tx.commandes"), TableId.parse("shop_dw.commandes_dw"))
 *     .build()
 *     .verify();
 * }</pre>
 *
 * <p>How: the source's key is cut into ranges of {@link Builder#chunkRows} rows; each server
 * computes a checksum of each range itself (a count and two sums of the CRC32s of a canonical
 * rendering of each row, the same SQL on both sides), so only checksums cross the network. Inside a
 * range whose checksums differ, each side sends its rows' keys and MD5 hashes, and the rows that
 * differ are named; the columns of the first differing rows too. While replication runs, a
 * difference may be in flight: if the target has the stream's checkpoint, the differing keys are
 * compared again each time it moves, until the checkpoint has passed the source's GTID position of
 * the first pass, or none is left, or {@link Builder#settleTimeout} has passed; only differences
 * that persist are reported (anchored at a known position, as Vitess VDiff does).
 *
 * <p>{@link #verify()} only reads (sessions {@code READ ONLY}, UTC); {@link #repair()} writes the
 * target rows that differ. Immutable; both may be called again.
 */
public final class TableVerifier {
  /** Default rows per checksummed range: 10,000. */
  public static final int DEFAULT_CHUNK_ROWS = 10_000;

  /** Default most keys reported per kind of difference: 20. */
  public static final int DEFAULT_MAX_REPORTED = 20;

  /** Default longest wait for in-flight differences to resolve: 30 s. */
  public static final Duration DEFAULT_SETTLE_TIMEOUT = Duration.ofSeconds(30);

  private final Comparison.Settings settings;

  private TableVerifier(Comparison.Settings settings) {
    this.settings = settings;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Compares the tables.
   *
   * @throws SinkSchemaException if a table does not exist, the source table has no key or the
   *     target lacks compared columns
   * @throws SinkException if a server cannot be reached or read
   */
  public VerifyResult verify() throws SinkException {
    return new Comparison(settings).run();
  }

  /**
   * Compares the tables and, where they differ, makes the target what the source holds: in each key
   * range whose checksums differ, the rows the target lacks or holds differently are read from the
   * source and upserted (their compared columns; a column not compared keeps its value, or its
   * default in a new row), and the rows the source does not have are deleted, one target
   * transaction per range. Then compares again. It heals what a stream could not bring (KafkaCDC
   * dropping the end of a transaction, a value MaxScale damaged that was written anyway, rows
   * changed on the target by hand). Idempotent. Run it while no replication writes the table, or
   * run it again: a change applied by a stream while a range is repaired may be overwritten by the
   * source's earlier image until that row changes again, and the second comparison reports it.
   *
   * @throws SinkSchemaException as {@link #verify()} does
   * @throws SinkException if a server cannot be reached, read or written (the ranges repaired
   *     before stay repaired)
   */
  public RepairResult repair() throws SinkException {
    Comparison first = new Comparison(settings);
    VerifyResult before = first.runAndRepair();
    if (before.equal()) {
      return new RepairResult(before, 0, 0, before);
    }
    VerifyResult after = new Comparison(settings).run();
    return new RepairResult(before, first.written(), first.deleted(), after);
  }

  /** Configures a {@link TableVerifier}; every setter validates its argument. Not thread-safe. */
  public static final class Builder {
    private SourceDatabase source;
    private SourceConnector target;
    private io.github.maxcdc.jdbc.internal.sql.ConnectionFactory targetWriter;
    private String targetDescription;
    private TableId sourceTable;
    private TableId targetTable;
    private final Set<String> excluded = new LinkedHashSet<>();
    private int chunkRows = DEFAULT_CHUNK_ROWS;
    private int maxReported = DEFAULT_MAX_REPORTED;
    private String checkpointTable = JdbcSink.Builder.DEFAULT_CHECKPOINT_TABLE;
    private String streamId;
    private Duration settleTimeout = DEFAULT_SETTLE_TIMEOUT;

    private Builder() {}

    /** The source database (required). */
    public Builder source(SourceDatabase source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * The target database by JDBC URL and credentials (required, or {@link #target(DataSource)}).
     */
    public Builder target(String url, String user, String password) {
      JdbcUrl database = JdbcUrl.of(url, user, password);
      this.target = new SourceConnector(database.connections());
      this.targetWriter = database.connections();
      this.targetDescription = database.description();
      return this;
    }

    /** The target database through a data source the caller owns. */
    public Builder target(DataSource dataSource) {
      Objects.requireNonNull(dataSource, "dataSource");
      this.target = new SourceConnector(dataSource::getConnection);
      this.targetWriter = dataSource::getConnection;
      this.targetDescription =
          io.github.maxcdc.jdbc.internal.source.JdbcUrl.redact(dataSource.toString());
      return this;
    }

    /** The source table and the target table (required). */
    public Builder tables(TableId source, TableId target) {
      this.sourceTable = Objects.requireNonNull(source, "source");
      this.targetTable = Objects.requireNonNull(target, "target");
      return this;
    }

    /** Source columns not compared (a target may lack them). */
    public Builder excludeColumns(String... columns) {
      for (String c : columns) {
        Objects.requireNonNull(c, "columns");
        excluded.add(c.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /** Rows per checksummed range; default {@value #DEFAULT_CHUNK_ROWS}. */
    public Builder chunkRows(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("chunkRows must be at least 1, got " + rows);
      }
      this.chunkRows = rows;
      return this;
    }

    /** Most keys reported per kind of difference; default {@value #DEFAULT_MAX_REPORTED}. */
    public Builder maxReported(int keys) {
      if (keys < 0) {
        throw new IllegalArgumentException("maxReported must not be negative, got " + keys);
      }
      this.maxReported = keys;
      return this;
    }

    /**
     * The replication stream whose checkpoint tells when in-flight differences have landed; default
     * {@code source->target}, as {@link JdbcSink} names it.
     */
    public Builder streamId(String streamId) {
      this.streamId = Objects.requireNonNull(streamId, "streamId");
      return this;
    }

    /** The checkpoint table, in the target table's database; default {@code maxcdc_checkpoint}. */
    public Builder checkpointTable(String table) {
      this.checkpointTable = Objects.requireNonNull(table, "table");
      return this;
    }

    /** Longest wait for in-flight differences; default 30 s; zero re-checks once. */
    public Builder settleTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("settleTimeout must not be negative, got " + timeout);
      }
      this.settleTimeout = timeout;
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @throws IllegalStateException if the source, the target or the tables are missing
     */
    public TableVerifier build() {
      if (source == null || target == null || sourceTable == null) {
        throw new IllegalStateException(
            "source(...), target(...) and tables(source, target) are required");
      }
      return new TableVerifier(
          new Comparison.Settings(
              source.connector(),
              source.toString(),
              target,
              "target database " + targetDescription,
              sourceTable,
              targetTable,
              Set.copyOf(excluded),
              chunkRows,
              maxReported,
              new TableId(targetTable.database(), checkpointTable),
              streamId != null ? streamId : sourceTable + "->" + targetTable,
              settleTimeout,
              targetWriter));
    }
  }
}
