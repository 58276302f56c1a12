package io.github.maxcdc.spi;

import io.github.maxcdc.DeclaredTypes;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.position.StartPosition;
import java.util.Objects;

/**
 * What a client asks a {@link ChangeSource} for.
 *
 * @param table the table, not null
 * @param version the schema version to start from (MaxScale's file number), or 0 for the first
 * @param start where the client will start delivering; a source may use it to skip ahead, never
 *     beyond it
 * @param declaredTypes the source database's column types the client was given ({@code
 *     CdcClient.Builder.declaredTypes}), or null: a source whose records may come without a schema
 *     (KafkaCDC with {@code send_schema=false}, or after a restart) builds one from them
 */
public record SourceRequest(
    TableId table, int version, StartPosition start, DeclaredTypes declaredTypes) {

  /** Validates the components. */
  public SourceRequest {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(start, "start");
    if (version < 0 || version > 999_999) {
      throw new IllegalArgumentException("version must be between 0 and 999999, got " + version);
    }
  }

  /** A request without declared types. */
  public SourceRequest(TableId table, int version, StartPosition start) {
    this(table, version, start, null);
  }

  /** This request starting at {@code start} instead. */
  public SourceRequest startingAt(StartPosition start) {
    return new SourceRequest(table, version, start, declaredTypes);
  }
}
