package io.github.maxcdc.internal.protocol;

import io.github.maxcdc.StreamFormat;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * {@code REGISTER UUID=<uuid>, TYPE=JSON|AVRO}, without a line end (fixture {@code
 * a_commandes_json}, second client message).
 *
 * @param uuid the client's id
 * @param format the stream format
 */
record RegisterMessage(UUID uuid, StreamFormat format) {
  byte[] bytes() {
    return ("REGISTER UUID=" + uuid + ", TYPE=" + format.name())
        .getBytes(StandardCharsets.US_ASCII);
  }
}
