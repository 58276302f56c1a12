package io.github.maxcdc.internal.decode.avro;

import io.github.maxcdc.CdcException;
import io.github.maxcdc.event.TableSchema;
import org.apache.avro.Schema;

/**
 * Gives the table schema (with MariaDB types) of an AVRO header, whose schema has only Avro types.
 * May block (the CDC source asks MaxScale over a short JSON connection).
 */
@FunctionalInterface
public interface SchemaResolver {

  /**
   * Resolves the schema of version {@code version} whose AVRO header schema is {@code avro}.
   *
   * @throws CdcException if it cannot, and the stream must stop
   */
  TableSchema resolve(int version, Schema avro) throws CdcException;
}
