package io.github.maxcdc.testkit.internal.scripted;

import io.github.maxcdc.testkit.internal.avro.ChangeSchema;
import io.github.maxcdc.testkit.internal.avro.OcfFormat;
import io.github.maxcdc.testkit.internal.avro.RecordEncoder;
import io.github.maxcdc.testkit.internal.store.MemoryStore;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code .avro} file of one table version, written like avro-c's file writer in MaxScale
 * ({@code group_trx=1}): one block per transaction, split when the 16 KiB block buffer is full, so
 * that a transaction of a million rows becomes thousands of bounded blocks, as in MaxScale. A block
 * holds whole records only: when a record does not fit, avro-c writes the block up to its last
 * whole record ({@code avro_file_writer_append_value} only advances {@code block_size} after a
 * record is complete) and writes the record again into the emptied buffer. Guarded by the scripted
 * database's lock.
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
    BlockWriter writer = new BlockWriter(deflate, sync);
    records.forEach(writer::add);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.finish().forEach(out::writeBytes);
    return out.toByteArray();
  }

  /** A writer for the blocks of one transaction in this file, to fill and then {@link #append}. */
  BlockWriter newTransaction() {
    return new BlockWriter(deflate, sync);
  }

  /**
   * Cuts a transaction's records into blocks as avro-c does, one record at a time, so that a large
   * transaction never exists as one list of records: only its finished blocks (each at most {@link
   * #BLOCK_SIZE} bytes of data) and the block being filled are held. Not thread-safe.
   */
  static final class BlockWriter {
    private final boolean deflate;
    private final byte[] sync;
    private final List<byte[]> blocks = new ArrayList<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(BLOCK_SIZE);
    private int count;

    /**
     * A writer for a file with this codec and sync marker.
     *
     * @param deflate whether blocks use the deflate codec
     * @param sync the file's sync marker
     */
    BlockWriter(boolean deflate, byte[] sync) {
      this.deflate = deflate;
      this.sync = sync;
    }

    /**
     * Adds the next record.
     *
     * @throws IllegalArgumentException if the record is larger than the block buffer
     */
    void add(RecordEncoder.Encoded record) {
      checkFits(List.of(record));
      byte[] bytes = record.bytes();
      if (buffer.size() + bytes.length > BLOCK_SIZE) {
        // avro-c writes a block of the records that fit (its block_size stops at the last whole
        // record), then writes the record again into the emptied buffer.
        flush();
      }
      buffer.writeBytes(bytes);
      count++;
    }

    private void flush() {
      blocks.add(OcfFormat.block(count, buffer.toByteArray(), deflate, sync));
      buffer.reset();
      count = 0;
    }

    /** The sync marker of the blocks. */
    byte[] sync() {
      return sync.clone();
    }

    /** Closes the last block; returns every block, in order. */
    List<byte[]> finish() {
      if (count > 0) {
        flush();
      }
      return blocks;
    }
  }

  /**
   * Appends a transaction's blocks at once (a reader sees all of them or none).
   *
   * @param writer the transaction's blocks
   */
  void append(BlockWriter writer) {
    List<byte[]> chunks = new ArrayList<>(writer.finish());
    if (pendingHeader != null) {
      chunks.add(0, pendingHeader);
      pendingHeader = null;
    }
    store.append(fileName, chunks);
  }
}
