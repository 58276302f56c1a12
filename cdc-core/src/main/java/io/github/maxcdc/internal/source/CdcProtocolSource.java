package io.github.maxcdc.internal.source;

import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.internal.decode.DecodeContext;
import io.github.maxcdc.internal.decode.StreamDecoder;
import io.github.maxcdc.internal.decode.avro.AvroStreamDecoder;
import io.github.maxcdc.internal.decode.json.JsonStreamDecoder;
import io.github.maxcdc.internal.protocol.Handshake;
import io.github.maxcdc.internal.transport.Connection;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StartPosition;
import io.github.maxcdc.spi.ChangeSource;
import io.github.maxcdc.spi.SourceRequest;
import io.github.maxcdc.spi.SourceStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ChangeSource} reading a MaxScale avrorouter's CDC listener: one connection per opened
 * stream, plus (AVRO) one short JSON connection per schema version to look up the column types.
 *
 * <p>Seeking: MaxScale's JSON seek is used only to resume after a stored position (that transaction
 * is in the stream, so its exact server id matches); a start GTID given by a user is found by the
 * client itself, which sees every position on the way and can say when it never comes. AVRO cannot
 * seek: the stream starts at the first (or requested) file.
 */
public final class CdcProtocolSource implements ChangeSource {
  private final CdcProtocolConfig config;
  // MariaDB types of AVRO schema versions already looked up, by table and version
  private final Map<TableId, Map<Integer, TableSchema>> schemas = new ConcurrentHashMap<>();

  /** Creates a source with its settings. */
  public CdcProtocolSource(CdcProtocolConfig config) {
    this.config = config;
  }

  @Override
  public SourceStream open(SourceRequest request) throws IOException {
    Connection connection = Connection.open(config.host(), config.port(), config.connectTimeout());
    try {
      byte[] leftover =
          Handshake.open(
              connection,
              config.credentials(),
              config.uuid(),
              config.format(),
              request.table(),
              request.version(),
              seekFor(request.start()),
              config.handshakeTimeout());
      CdcProtocolStream stream = new CdcProtocolStream(connection);
      DecodeContext context =
          new DecodeContext(
              request.table(),
              config.server(),
              config.maxRecordBytes(),
              config.credentials()::redact);
      StreamDecoder decoder =
          config.format() == StreamFormat.JSON
              ? new JsonStreamDecoder(context, stream::enqueue)
              : new AvroStreamDecoder(
                  context,
                  stream::enqueue,
                  new JsonSchemaLookup(
                      config,
                      request.table(),
                      stream::enqueue,
                      schemas.computeIfAbsent(request.table(), t -> new ConcurrentHashMap<>())),
                  Math.max(1, request.version()));
      stream.start(decoder, leftover);
      return stream;
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  private Gtid seekFor(StartPosition start) {
    if (config.format() == StreamFormat.JSON && start instanceof StartPosition.After after) {
      return after.position().gtid();
    }
    return null;
  }

  @Override
  public String describe() {
    return config.server() + " (" + config.format() + ")";
  }

  @Override
  public String toString() {
    return "CdcProtocolSource[" + describe() + ", user=" + config.credentials().user() + "]";
  }
}
