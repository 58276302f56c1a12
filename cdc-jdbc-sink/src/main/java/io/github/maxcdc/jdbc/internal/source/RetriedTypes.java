package io.github.maxcdc.jdbc.internal.source;

import io.github.maxcdc.Backoff;
import io.github.maxcdc.DeclaredTypes;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.SinkException;
import io.github.maxcdc.jdbc.SinkSchemaException;
import io.github.maxcdc.jdbc.internal.sql.SqlErrors;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source's declared column types, read on the client's reader thread, a transient failure of
 * the source retried with the sink's own {@link Backoff} and counted as one of its retries; any
 * other failure stops the stream with a {@link SinkException} naming the source and the table.
 */
public final class RetriedTypes implements DeclaredTypes {
  private static final Logger LOG = LoggerFactory.getLogger(RetriedTypes.class);

  private final DeclaredTypes source;
  private final String sourceName;
  private final Backoff retry;
  private final Runnable onRetry;

  /**
   * @param source the lookup on the source database
   * @param sourceName the source, redacted, for messages
   * @param retry how transient failures are retried
   * @param onRetry called before each retry (the sink's retry counter)
   */
  public RetriedTypes(DeclaredTypes source, String sourceName, Backoff retry, Runnable onRetry) {
    this.source = source;
    this.sourceName = sourceName;
    this.retry = retry;
    this.onRetry = onRetry;
  }

  @Override
  public Map<String, String> columnTypes(TableId table) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return source.columnTypes(table);
      } catch (SQLException e) {
        if (SqlErrors.classify(e) != SqlErrors.Kind.TRANSIENT || !retry.allows(attempt)) {
          throw new SinkException(
              "cannot read the source database "
                  + sourceName
                  + " for the column types of "
                  + table
                  + ": "
                  + SqlErrors.message(e),
              false,
              e);
        }
        onRetry.run();
        Duration wait = retry.delay(attempt);
        LOG.warn(
            "reading the column types of {} from the source failed ({}); retry {} in {} ms",
            table,
            SqlErrors.message(e),
            attempt,
            wait.toMillis());
        Thread.sleep(wait.toMillis());
      } catch (SinkSchemaException e) {
        throw new SinkSchemaException(
            "cannot read the source database for the column types of "
                + table
                + ": "
                + e.getMessage(),
            e);
      }
    }
  }
}
