package io.github.maxcdc.internal.decode.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordCursor} reads what Avro's {@code BinaryDecoder} reads, value for value, and fails
 * where it fails: on seeded random sequences of values written by Avro's encoder, intact, cut short
 * or with a random byte changed. Where Avro throws an untyped exception (a length over 2^31 - 9),
 * the cursor throws an {@code IOException}. Replay with {@code -Dcursor.seed=N}.
 */
class RecordCursorTest {
  private static final long SEED = Long.getLong("cursor.seed", System.nanoTime());
  private static final int INT = 0;
  private static final int LONG = 1;
  private static final int FLOAT = 2;
  private static final int DOUBLE = 3;
  private static final int STRING = 4;

  @Test
  void readsAndFailsAsBinaryDecoderDoes() throws IOException {
    System.out.println("RecordCursorTest seed " + SEED);
    SplittableRandom random = new SplittableRandom(SEED);
    int failures = 0;
    for (int n = 0; n < 20_000; n++) {
      int[] reads = new int[1 + random.nextInt(8)];
      byte[] bytes = write(random, reads);
      int damage = random.nextInt(3);
      if (damage == 1 && bytes.length > 0) {
        bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
      } else if (damage == 2 && bytes.length > 0) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      String expected = read(bytes, reads, true);
      byte[] input = bytes;
      assertEquals(expected, read(bytes, reads, false), () -> "seed " + SEED + ": " + hex(input));
      failures += expected.startsWith("failed") ? 1 : 0;
    }
    // both outcomes were exercised many times
    assertTrue(failures > 1_000 && failures < 15_000, "failures: " + failures);
  }

  @Test
  void overlongVarintsAreRefused() {
    byte[] sixBytes = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0};
    assertEquals(read(sixBytes, new int[] {INT}, true), read(sixBytes, new int[] {INT}, false));
    assertTrue(read(sixBytes, new int[] {INT}, false).startsWith("failed"));
    byte[] elevenBytes = new byte[11];
    Arrays.fill(elevenBytes, 0, 10, (byte) 0x80);
    assertTrue(read(elevenBytes, new int[] {LONG}, false).startsWith("failed"));
    assertEquals(
        read(elevenBytes, new int[] {LONG}, true), read(elevenBytes, new int[] {LONG}, false));
  }

  private static byte[] write(SplittableRandom random, int[] reads) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
    for (int i = 0; i < reads.length; i++) {
      reads[i] = random.nextInt(6);
      switch (reads[i]) {
        case INT:
          enc.writeInt(random.nextBoolean() ? random.nextInt() : random.nextInt(200));
          break;
        case LONG:
          enc.writeLong(random.nextBoolean() ? random.nextLong() : random.nextInt());
          break;
        case FLOAT:
          enc.writeFloat(Float.intBitsToFloat(random.nextInt()));
          break;
        case DOUBLE:
          enc.writeDouble(Double.longBitsToDouble(random.nextLong()));
          break;
        case STRING:
          byte[] text = new byte[random.nextInt(12)];
          for (int k = 0; k < text.length; k++) {
            text[k] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 'a' + k);
          }
          enc.writeBytes(text); // a string's wire form, not always UTF-8
          break;
        default:
          byte[] bytes = new byte[random.nextInt(10)];
          random.nextBytes(bytes);
          enc.writeBytes(bytes);
      }
    }
    enc.flush();
    return out.toByteArray();
  }

  // the values read in order, then whether the input was used up; or how far it got
  private static String read(byte[] bytes, int[] reads, boolean withAvro) {
    BinaryDecoder avro = DecoderFactory.get().binaryDecoder(bytes, 0, bytes.length, null);
    RecordCursor cursor = new RecordCursor();
    cursor.reset(bytes, 0, bytes.length);
    List<Object> values = new ArrayList<>();
    try {
      for (int read : reads) {
        values.add(withAvro ? value(avro, read) : value(cursor, read));
      }
      return values + " end " + (withAvro ? avro.isEnd() : cursor.isEnd());
    } catch (IOException | AvroRuntimeException e) {
      return "failed after " + values;
    } catch (UnsupportedOperationException e) {
      // Avro's limit check on a huge length; the cursor gives an IOException there
      return withAvro ? "failed after " + values : "untyped failure " + e;
    }
  }

  private static Object value(BinaryDecoder in, int read) throws IOException {
    switch (read) {
      case INT:
        return in.readInt();
      case LONG:
        return in.readLong();
      case FLOAT:
        return Float.floatToRawIntBits(in.readFloat());
      case DOUBLE:
        return Double.doubleToRawLongBits(in.readDouble());
      case STRING:
        return in.readString();
      default:
        ByteBuffer b = in.readBytes(null);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return hex(bytes);
    }
  }

  private static Object value(RecordCursor in, int read) throws IOException {
    switch (read) {
      case INT:
        return in.readInt();
      case LONG:
        return in.readLong();
      case FLOAT:
        return Float.floatToRawIntBits(in.readFloat());
      case DOUBLE:
        return Double.doubleToRawLongBits(in.readDouble());
      case STRING:
        return in.readString();
      default:
        return hex(in.readBytes());
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
