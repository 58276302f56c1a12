package io.github.maxcdc.testkit.internal.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class VarintReaderTest {

  private static byte[] avro(long value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
    enc.writeLong(value);
    enc.flush();
    return out.toByteArray();
  }

  @Test
  void readsWhatApacheAvroWrites() throws IOException {
    long[] values = {0, 1, -1, 63, -64, 64, 300, Integer.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE};
    for (long v : values) {
      ByteArrayInputStream in = new ByteArrayInputStream(avro(v));
      VarintReader reader = new VarintReader();
      assertEquals(v, reader.read(in::read), "value " + v);
      assertEquals(0, in.available(), "every byte of " + v + " read");
      assertFalse(reader.overflow());
    }
  }

  @Test
  void endOfInputInsideAVarintIsNull() {
    VarintReader reader = new VarintReader();
    assertNull(reader.read(new ByteArrayInputStream(new byte[] {(byte) 0x80})::read));
    assertNull(reader.read(new ByteArrayInputStream(new byte[0])::read));
    assertFalse(reader.overflow());
  }

  @Test
  void anElevenByteVarintIsAnOverflowThatStays() {
    byte[] eleven = new byte[11];
    java.util.Arrays.fill(eleven, (byte) 0x81);
    ByteArrayInputStream in = new ByteArrayInputStream(eleven);
    VarintReader reader = new VarintReader();
    assertNull(reader.read(in::read));
    assertTrue(reader.overflow());
    assertEquals(1, in.available(), "MaxScale stops after " + VarintReader.MAX_SIZE + " bytes");
    assertEquals(0L, reader.read(new ByteArrayInputStream(new byte[] {0})::read));
    assertTrue(reader.overflow());
  }
}
