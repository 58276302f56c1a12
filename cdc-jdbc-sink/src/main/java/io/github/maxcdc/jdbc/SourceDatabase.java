package io.github.maxcdc.jdbc;

import io.github.maxcdc.jdbc.internal.source.JdbcUrl;
import io.github.maxcdc.jdbc.internal.source.SourceConnector;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A read-only connection to the <em>source</em> MariaDB, the server MaxScale replicates from. With
 * it, maxcdc copies a table's existing rows before streaming ({@code Snapshot}), re-reads by key
 * the values MaxScale cannot carry ({@code LossyColumnPolicy.REREAD}) and proves a target equal to
 * its source ({@code TableVerifier}).
 *
 * <pre>{@code
 * SourceDatabase source = SourceDatabase.jdbcUrl(
 *     "jdbc:mariadb://oltp-host:3306/shop_tx", "maxcdc_reader", password);
 * }</pre>
 *
 * <p>It only reads: every session is {@code READ ONLY}, in UTC. The user needs {@code SELECT} on
 * the tables and, for a snapshot, {@code BINLOG MONITOR} (to read the binlog position a consistent
 * snapshot corresponds to). Connections are opened when needed and closed by whoever uses them.
 * Immutable and thread-safe; the password never appears in {@link #toString()}.
 */
public final class SourceDatabase {
  private final SourceConnector connector;
  private final String description;

  private SourceDatabase(SourceConnector connector, String description) {
    this.connector = connector;
    this.description = description;
  }

  /**
   * The source by JDBC URL ({@code jdbc:mariadb://host:3306/db}) and credentials.
   *
   * @throws IllegalArgumentException if {@code url} is not a JDBC URL
   */
  public static SourceDatabase jdbcUrl(String url, String user, String password) {
    JdbcUrl source = JdbcUrl.of(url, user, password);
    return new SourceDatabase(new SourceConnector(source.connections()), source.description());
  }

  /** The source through a data source the caller owns (its connections are closed after use). */
  public static SourceDatabase dataSource(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new SourceDatabase(
        new SourceConnector(dataSource::getConnection), JdbcUrl.redact(dataSource.toString()));
  }

  /**
   * The column types the source declares ({@code decimal(65,30)}, {@code uuid}...), read from its
   * {@code information_schema} once per schema version of a table, for {@link
   * io.github.maxcdc.CdcClient.Builder#declaredTypes}: with them DECIMAL values come at their
   * column's scale and are flagged when the column is too wide for MaxScale's double. {@link
   * JdbcSink#attach} sets them when the sink has a source. A table the source user cannot see is an
   * error that stops the stream with its cause.
   */
  public io.github.maxcdc.DeclaredTypes declaredTypes() {
    return table -> {
      try (java.sql.Connection c = connector.open()) {
        io.github.maxcdc.jdbc.internal.target.TargetTable t =
            io.github.maxcdc.jdbc.internal.target.TargetTable.read(c, table)
                .orElseThrow(
                    () ->
                        new SinkSchemaException(
                            "source table "
                                + table
                                + " does not exist in "
                                + description
                                + ", or the source user cannot see it (it needs SELECT on it)",
                            null));
        java.util.Map<String, String> types = new java.util.LinkedHashMap<>();
        for (io.github.maxcdc.jdbc.internal.target.TargetColumn column : t.columns()) {
          types.put(column.name(), column.columnType());
        }
        return types;
      }
    };
  }

  /** Opens read-only UTC sessions on the source; for the classes of this package. */
  SourceConnector connector() {
    return connector;
  }

  @Override
  public String toString() {
    return "SourceDatabase[" + description + "]";
  }
}
