package io.github.maxcdc.jdbc.internal.source;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.SinkException;
import io.github.maxcdc.jdbc.SinkSchemaException;
import io.github.maxcdc.jdbc.internal.sql.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;

/** Checks made once on a source connection before anything is read from it or written. */
public final class SourceGuard {
  private SourceGuard() {}

  /**
   * Refuses a source that is the target itself: the same server (by {@link ServerIdentity}) and the
   * same table. The same server with another table is allowed: a workshop keeps {@code shop_tx} and
   * {@code shop_dw} on one server.
   *
   * @param target a connection to the target server
   * @throws SinkSchemaException if the source table is the target table
   * @throws SinkException if the source cannot be reached (transient when the error is)
   */
  public static void requireNotTarget(
      SourceConnector source,
      String sourceDescription,
      Connection target,
      TableId sourceTable,
      TableId targetTable)
      throws SQLException, SinkException {
    ServerIdentity targetServer = ServerIdentity.of(target);
    ServerIdentity sourceServer;
    try (Connection c = source.open()) {
      sourceServer = ServerIdentity.of(c);
    } catch (SQLException e) {
      throw unreachable(sourceDescription, e);
    }
    if (sourceServer.equals(targetServer) && sourceTable.equals(targetTable)) {
      throw new SinkSchemaException(
          "the source connection "
              + sourceDescription
              + " reaches the target server "
              + targetServer
              + " and source table "
              + sourceTable
              + " is the target table: give the connection of the server MaxScale replicates"
              + " from",
          null);
    }
  }

  /** The failure to reach or read the source, transient when the error is. */
  public static SinkException unreachable(String sourceDescription, SQLException e) {
    return new SinkException(
        "cannot read the source database " + sourceDescription + ": " + SqlErrors.message(e),
        SqlErrors.classify(e) == SqlErrors.Kind.TRANSIENT,
        e);
  }
}
