package io.github.maxcdc.internal.source;

import io.github.maxcdc.CdcException;
import io.github.maxcdc.CdcTimeoutException;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.internal.decode.MaxScaleFields;
import io.github.maxcdc.internal.decode.SchemaReader;
import io.github.maxcdc.internal.decode.ServerReplies;
import io.github.maxcdc.internal.decode.avro.SchemaResolver;
import io.github.maxcdc.internal.protocol.Handshake;
import io.github.maxcdc.internal.transport.Connection;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.spi.SourceItem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the MariaDB column types of an AVRO stream's schema version: the AVRO header carries Avro
 * types only, MaxScale's JSON schema line carries {@code real_type} and {@code unsigned}. It asks
 * MaxScale over a short JSON connection for {@code db.table.NNNNNN} from a GTID no row can match
 * ({@code 0-0-9223372036854775807}): MaxScale then sends the version's schema line and nothing else
 * (recordings {@code c3}, {@code c4}). When that fails the columns are given with Avro types only
 * and a warning; the stream goes on.
 */
final class JsonSchemaLookup implements SchemaResolver {
  private static final Logger LOG = LoggerFactory.getLogger(JsonSchemaLookup.class);
  private static final Gtid NEVER = Gtid.of(0, 0, Long.MAX_VALUE);
  private static final int MAX_SCHEMA_BYTES = 1 << 20;

  private final CdcProtocolConfig config;
  private final TableId table;
  private final Consumer<SourceItem> warnings;
  private final Map<Integer, TableSchema> cache;

  /**
   * A lookup for one stream of {@code table}; {@code cache} holds the schemas found before, by
   * version, and survives reconnects (a schema version never changes).
   */
  JsonSchemaLookup(
      CdcProtocolConfig config,
      TableId table,
      Consumer<SourceItem> warnings,
      Map<Integer, TableSchema> cache) {
    this.config = config;
    this.table = table;
    this.warnings = warnings;
    this.cache = cache;
  }

  @Override
  public TableSchema resolve(int version, Schema avro) throws CdcException {
    if (!config.avroSchemaLookup()) {
      return SchemaReader.fromAvroOnly(avro, table, version);
    }
    TableSchema looked = cache.get(version);
    if (looked == null) {
      try {
        looked = fetch(version);
        cache.put(version, looked);
      } catch (IOException e) {
        return unknownTypes(avro, version, "the lookup failed: " + e.getMessage());
      }
    }
    if (!sameColumns(looked, avro)) {
      return unknownTypes(
          avro,
          version,
          "the JSON schema of version " + version + " has other columns than the AVRO header");
    }
    return SchemaReader.forAvro(looked);
  }

  private TableSchema unknownTypes(Schema avro, int version, String why) throws CdcException {
    String message =
        "column types of "
            + table
            + " schema version "
            + version
            + " are unknown ("
            + why
            + "): its values are given as Avro decoded them, without repair, and its columns are "
            + "marked REAL_TYPE_UNKNOWN";
    LOG.warn(message);
    warnings.accept(new SourceItem.Warning(message));
    return SchemaReader.fromAvroOnly(avro, table, version);
  }

  private TableSchema fetch(int version) throws IOException {
    try (Connection connection =
        Connection.open(config.host(), config.port(), config.connectTimeout())) {
      byte[] first =
          Handshake.open(
              connection,
              config.credentials(),
              config.uuid(),
              StreamFormat.JSON,
              table,
              version,
              NEVER,
              config.handshakeTimeout());
      String line = firstLine(connection, first, config.handshakeTimeout());
      if (line.startsWith("ERR")) {
        throw ServerReplies.requestError(
            config.credentials().redact(line), table, connection.server());
      }
      return SchemaReader.fromMaxScaleJson(line, table, false, config.credentials()::redact);
    }
  }

  private static String firstLine(Connection connection, byte[] first, Duration timeout)
      throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    byte[] buf = first;
    int n = first.length;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (int i = 0; i < n; i++) {
        if (buf[i] == '\n') {
          line.write(buf, 0, i);
          return line.toString(StandardCharsets.UTF_8);
        }
      }
      line.write(buf, 0, n);
      long left = deadline - System.nanoTime();
      if (left <= 0 || line.size() > MAX_SCHEMA_BYTES) {
        throw new CdcTimeoutException(
            "no complete schema line within " + timeout.toMillis() + " ms", null);
      }
      buf = new byte[8192];
      n = connection.read(buf, 0, buf.length, Duration.ofNanos(left));
      if (n == Connection.EOF) {
        throw new IOException("the server closed the connection before the schema line ended");
      }
    }
  }

  private static boolean sameColumns(TableSchema looked, Schema avro) {
    List<Schema.Field> fields = avro.getFields();
    if (fields.size() != MaxScaleFields.COUNT + looked.size()) {
      return false;
    }
    for (Column column : looked.columns()) {
      Schema.Field field = fields.get(MaxScaleFields.COUNT + column.index());
      if (!field.name().equals(column.name())
          || !wireTypeOf(field).equals(column.wireType().avroName())) {
        return false;
      }
    }
    return true;
  }

  private static String wireTypeOf(Schema.Field field) {
    Schema type = field.schema();
    if (type.getType() == Schema.Type.UNION) {
      for (Schema branch : type.getTypes()) {
        if (branch.getType() != Schema.Type.NULL) {
          return branch.getType().getName();
        }
      }
    }
    return type.getType().getName();
  }
}
