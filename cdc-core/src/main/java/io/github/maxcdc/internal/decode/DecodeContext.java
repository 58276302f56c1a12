package io.github.maxcdc.internal.decode;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.internal.bytes.Excerpts;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * What a decoder needs to know about its stream.
 *
 * @param table the table requested
 * @param server description of the server, for messages
 * @param maxRecordBytes the largest record (JSON line, Avro block or header) accepted
 * @param redactor removes secrets from text received from the server before it goes into a message
 *     (a rogue server could echo the authentication string)
 */
public record DecodeContext(
    TableId table, String server, int maxRecordBytes, UnaryOperator<String> redactor) {

  /** A context without secrets to hide. */
  public DecodeContext(TableId table, String server, int maxRecordBytes) {
    this(table, server, maxRecordBytes, UnaryOperator.identity());
  }

  /** A short, redacted excerpt of received bytes, see {@link Excerpts}. */
  public String excerpt(byte[] bytes, int off, int len) {
    byte[] redacted = redactBytes(bytes, off, len);
    return Excerpts.of(redacted, 0, redacted.length, len);
  }

  /** Received text with the secrets removed. */
  public String redact(String text) {
    return redactor.apply(text);
  }

  /** {@code cause} if its message holds no secret; null otherwise (then it is not chained). */
  public Throwable safeCause(Throwable cause) {
    String message = String.valueOf(cause.getMessage());
    return redactor.apply(message).equals(message) ? cause : null;
  }

  private byte[] redactBytes(byte[] bytes, int off, int len) {
    // latin-1 keeps one char per byte, so the secret's ASCII is found and the rest kept as is
    String text = new String(bytes, off, Math.min(len, 4096), StandardCharsets.ISO_8859_1);
    return redactor.apply(text).getBytes(StandardCharsets.ISO_8859_1);
  }
}
