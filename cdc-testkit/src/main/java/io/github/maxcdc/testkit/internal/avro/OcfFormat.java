package io.github.maxcdc.testkit.internal.avro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes Avro object container bytes exactly as avro-c 1.x does for MaxScale: header {@code
 * "Obj\1"} + metadata map ({@code avro.codec} then {@code avro.schema}) + 16-byte sync, and data
 * blocks (record count, byte size, data, sync). Apache Avro's {@code DataFileWriter} orders and
 * encodes the metadata differently, hence this class. Stateless and thread-safe.
 */
public final class OcfFormat {
  /** Length of a sync marker. */
  public static final int SYNC_SIZE = 16;

  /** The object container magic. */
  public static final byte[] MAGIC = {'O', 'b', 'j', 1};

  private OcfFormat() {}

  /**
   * Builds a container header.
   *
   * @param codec codec name ({@code null} or {@code deflate})
   * @param schemaJson the avro-c canonical schema
   * @param sync the 16-byte sync marker
   * @return header bytes
   */
  public static byte[] header(String codec, String schemaJson, byte[] sync) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    out.writeBytes(MAGIC);
    BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      enc.writeLong(2);
      enc.writeBytes("avro.codec".getBytes(StandardCharsets.US_ASCII));
      enc.writeBytes(codec.getBytes(StandardCharsets.US_ASCII));
      enc.writeBytes("avro.schema".getBytes(StandardCharsets.US_ASCII));
      enc.writeBytes(schemaJson.getBytes(StandardCharsets.UTF_8));
      enc.writeLong(0);
      enc.writeFixed(sync);
      enc.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Builds a data block.
   *
   * @param recordCount number of records in {@code data}
   * @param data concatenated encoded records (uncompressed)
   * @param deflate whether to compress the data (codec {@code deflate})
   * @param sync the file's sync marker
   * @return block bytes
   */
  public static byte[] block(int recordCount, byte[] data, boolean deflate, byte[] sync) {
    byte[] payload = deflate ? deflate(data) : data;
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 32);
    BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      enc.writeLong(recordCount);
      enc.writeLong(payload.length);
      enc.writeFixed(payload);
      enc.writeFixed(sync);
      enc.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Compresses like avro-c's deflate codec (raw deflate, best compression, window 15, memLevel 8).
   *
   * @param data uncompressed bytes
   * @return raw deflate stream
   */
  public static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      deflater.setInput(data);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 64);
      byte[] buf = new byte[4096];
      while (!deflater.finished()) {
        int n = deflater.deflate(buf);
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }
}
