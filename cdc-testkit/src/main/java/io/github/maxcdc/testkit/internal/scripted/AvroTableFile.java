package io.github.maxcdc.testkit.internal.scripted;

import io.github.maxcdc.testkit.internal.avro.ChangeSchema;
import io.github.maxcdc.testkit.internal.avro.OcfFormat;
import io.github.maxcdc.testkit.internal.avro.RecordEncoder;
import io.github.maxcdc.testkit.internal.store.MemoryStore;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The {@code .avro} file of one table version, written like avro-c's file writer in MaxScale
 * ({@code group_trx=1}): one block per transaction, split when the 16 KiB block buffer is full.
 * When a record does not fit, avro-c has already copied its leading fields into the buffer and
 * flushes them with the block; that quirk is reproduced. Guarded by the scripted database's lock.
 */
final class AvroTableFile {
  /** MaxScale's default {@code block_size}: avro-c's datum buffer size. */
  static final int BLOCK_SIZE = 16 * 1024;

  private final MemoryStore store;
  private final String fileName;
  private final boolean deflate;
  private final byte[] sync;
  private byte[] pendingHeader;

  AvroTableFile(
      MemoryStore store,
      String baseName,
      ChangeSchema schema,
      byte[] avsc,
      boolean deflate,
      byte[] sync) {
    this.store = store;
    this.fileName = baseName + ".avro";
    this.deflate = deflate;
    this.sync = sync.clone();
    store.append(baseName + ".avsc", avsc);
    // Written together with the first block so that no reader ever sees a header-only file, which
    // MaxScale's reader cannot open.
    this.pendingHeader =
        OcfFormat.header(deflate ? "deflate" : "null", schema.avroCanonicalJson(), sync);
  }

  /**
   * Checks that every record fits in the block buffer.
   *
   * @param records encoded records
   * @throws IllegalArgumentException if a record is larger than the block buffer (MaxScale would
   *     log "Value too large for file block size" and lose the row)
   */
  static void checkFits(List<RecordEncoder.Encoded> records) {
    for (RecordEncoder.Encoded record : records) {
      int length = record.bytes().length;
      if (length > BLOCK_SIZE) {
        throw new IllegalArgumentException(
            "a row event of "
                + length
                + " bytes does not fit in "
                + "MaxScale's "
                + BLOCK_SIZE
                + "-byte Avro block; MaxScale would lose it");
      }
    }
  }

  /**
   * Computes the blocks of one transaction without writing them.
   *
   * @param records the encoded records, in event order
   * @return the bytes to append
   */
  static byte[] blocks(List<RecordEncoder.Encoded> records, boolean deflate, byte[] sync) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(BLOCK_SIZE);
    int count = 0;
    for (RecordEncoder.Encoded record : records) {
      byte[] bytes = record.bytes();
      if (buffer.size() + bytes.length > BLOCK_SIZE) {
        buffer.write(bytes, 0, record.prefixFitting(BLOCK_SIZE - buffer.size()));
        out.writeBytes(OcfFormat.block(count, buffer.toByteArray(), deflate, sync));
        buffer.reset();
        count = 0;
      }
      buffer.writeBytes(bytes);
      count++;
    }
    if (count > 0) {
      out.writeBytes(OcfFormat.block(count, buffer.toByteArray(), deflate, sync));
    }
    return out.toByteArray();
  }

  byte[] blocksFor(List<RecordEncoder.Encoded> records) {
    return blocks(records, deflate, sync);
  }

  void append(byte[] blocks) {
    if (pendingHeader != null) {
      byte[] first = new byte[pendingHeader.length + blocks.length];
      System.arraycopy(pendingHeader, 0, first, 0, pendingHeader.length);
      System.arraycopy(blocks, 0, first, pendingHeader.length, blocks.length);
      pendingHeader = null;
      store.append(fileName, first);
    } else {
      store.append(fileName, blocks);
    }
  }
}
