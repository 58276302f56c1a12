package io.github.maxcdc.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/** Decodes the records of an AVRO-mode stream with Apache Avro. */
final class AvroRecords {
  private AvroRecords() {}

  static List<GenericRecord> decode(List<AvroSegments.Segment> segments) throws IOException {
    List<GenericRecord> out = new ArrayList<>();
    Schema schema = null;
    for (AvroSegments.Segment s : segments) {
      if (s.header()) {
        schema = new Schema.Parser().parse(s.schema());
        continue;
      }
      GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema);
      byte[] b = s.bytes();
      BinaryDecoder d = DecoderFactory.get().binaryDecoder(b, 0, b.length - 16, null);
      d.readLong();
      d.readLong();
      for (int i = 0; i < s.records(); i++) {
        out.add(reader.read(null, d));
      }
    }
    return out;
  }

  /** Renders records comparably (byte buffers by content). */
  static List<String> text(List<GenericRecord> records) {
    List<String> out = new ArrayList<>();
    for (GenericRecord r : records) {
      StringBuilder sb = new StringBuilder();
      for (Schema.Field f : r.getSchema().getFields()) {
        Object v = r.get(f.name());
        if (v instanceof java.nio.ByteBuffer bb) {
          byte[] a = new byte[bb.remaining()];
          bb.duplicate().get(a);
          v = Arrays.toString(a);
        }
        sb.append(f.name()).append('=').append(v).append(';');
      }
      out.add(sb.toString());
    }
    return out;
  }
}
