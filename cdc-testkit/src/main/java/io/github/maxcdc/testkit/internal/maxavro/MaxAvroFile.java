package io.github.maxcdc.testkit.internal.maxavro;

import io.github.maxcdc.testkit.internal.avro.DecodedRecord;
import io.github.maxcdc.testkit.internal.avro.OcfFormat;
import io.github.maxcdc.testkit.internal.avro.RecordDecoder;
import io.github.maxcdc.testkit.internal.avro.RecordLayout;
import io.github.maxcdc.testkit.internal.store.ByteSource;
import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A faithful re-implementation of MaxScale 24.02's {@code MAXAVRO_FILE} reader ({@code
 * maxavro_file.cc}, {@code maxavro_record.cc}): same file-position bookkeeping, same block state,
 * same quirks. In particular {@link #readBinary()} sends {@code buffer_size} bytes, which for the
 * deflate codec is the <em>decompressed</em> size, so a deflate file is streamed corrupt (fixtures
 * {@code h_*avro_deflate*}). Owned by one session thread; not thread-safe.
 */
public final class MaxAvroFile implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(MaxAvroFile.class);

  private final FileCursor file;
  private final String name;
  private final byte[] sync = new byte[OcfFormat.SYNC_SIZE];
  private ContainerHeader.Codec codec = ContainerHeader.Codec.NULL;
  private RecordDecoder decoder;

  private long headerEndPos;
  private long blockStartPos;
  private long dataStartPos;
  private byte[] buffer;
  private int bufferSize;
  private int bufferPtr;
  private long recordsInBlock;
  private long recordsReadFromBlock;
  private long recordsRead;
  private boolean metadataRead;
  private boolean ioError;

  private MaxAvroFile(ByteSource source, String name) {
    this.file = new FileCursor(source);
    this.name = name;
  }

  /**
   * Opens a file like {@code maxavro_file_open}: magic, header map, sync marker, then the first
   * data block must be readable, otherwise the open fails.
   *
   * @param source the file (closed by this method when the open fails, else by {@link #close()})
   * @param name file name, for log messages
   * @return the open file, or empty where MaxScale's open fails
   * @throws IOException if reading fails
   */
  public static Optional<MaxAvroFile> open(ByteSource source, String name) throws IOException {
    MaxAvroFile avro = new MaxAvroFile(source, name);
    boolean ok = false;
    try {
      ok = avro.readHeader();
    } finally {
      if (!ok) {
        source.close();
      }
    }
    return ok ? Optional.of(avro) : Optional.empty();
  }

  private boolean readHeader() throws IOException {
    byte[] magic = file.readExactly(OcfFormat.MAGIC.length);
    if (magic == null || !Arrays.equals(magic, OcfFormat.MAGIC)) {
      LOG.debug("{}: bad or missing Avro magic", name);
      return false;
    }
    ContainerHeader header = ContainerHeader.read(file, name);
    if (header == null) {
      return false;
    }
    codec = header.codec();
    try {
      decoder = new RecordDecoder(RecordLayout.parse(header.schema()));
    } catch (IllegalArgumentException e) {
      LOG.warn("{}: unreadable Avro schema: {}", name, e.getMessage());
      return false;
    }
    byte[] marker = file.readExactly(OcfFormat.SYNC_SIZE);
    if (marker == null) {
      return false;
    }
    System.arraycopy(marker, 0, sync, 0, OcfFormat.SYNC_SIZE);
    if (!readDatablockStart()) {
      return false;
    }
    headerEndPos = blockStartPos;
    return true;
  }

  /**
   * {@code maxavro_read_datablock_start}: reads the next block's record count and size, loads (and
   * inflates) its data and checks the sync marker that follows.
   *
   * @return true if a complete block was loaded
   * @throws IOException if reading fails
   */
  boolean readDatablockStart() throws IOException {
    blockStartPos = file.position();
    metadataRead = false;
    Long records = file.readInteger();
    Long bytes = records == null ? null : file.readInteger();
    if (bytes == null) {
      // End of file (or a block still being written): MaxScale clears EOF and retries later.
      return false;
    }
    long pos = file.position();
    byte[] data = readBlockData(bytes);
    if (data == null) {
      return false;
    }
    buffer = data;
    bufferPtr = 0;
    recordsInBlock = records;
    recordsReadFromBlock = 0;
    dataStartPos = pos;
    metadataRead = true;
    return verifyBlock();
  }

  private byte[] readBlockData(long size) throws IOException {
    if (size < 0 || size > Integer.MAX_VALUE) {
      return null;
    }
    byte[] raw = file.readExactly((int) size);
    if (raw == null) {
      return null;
    }
    switch (codec) {
      case NULL -> {
        bufferSize = raw.length;
        return raw;
      }
      case DEFLATE -> {
        byte[] data = Inflation.inflate(raw);
        if (data == null) {
          LOG.warn("{}: failed to inflate a block", name);
        } else {
          bufferSize = data.length;
        }
        return data;
      }
      default -> {
        return null;
      }
    }
  }

  private boolean verifyBlock() throws IOException {
    byte[] marker = file.readExactly(OcfFormat.SYNC_SIZE);
    if (marker == null) {
      return false;
    }
    if (!Arrays.equals(marker, sync)) {
      LOG.warn(
          "{}: sync marker mismatch at offset {}", name, file.position() - OcfFormat.SYNC_SIZE);
      ioError = true;
      return false;
    }
    return true;
  }

  /**
   * {@code maxavro_record_read_json}: decodes the next record of the current block.
   *
   * @return the record, or null at the end of the block (or of the file)
   * @throws IOException if reading fails
   */
  public DecodedRecord readJson() throws IOException {
    if (!metadataRead && !readDatablockStart()) {
      return null;
    }
    if (recordsReadFromBlock >= recordsInBlock) {
      return null;
    }
    DecodedRecord record;
    try {
      record = decoder.decode(buffer, bufferPtr, bufferSize);
    } catch (IllegalArgumentException e) {
      LOG.warn("{}: failed to read record {}: {}", name, recordsRead, e.getMessage());
      return null;
    }
    bufferPtr += record.encodedLength();
    recordsReadFromBlock++;
    recordsRead++;
    return record;
  }

  /**
   * {@code maxavro_next_block}.
   *
   * @return true if another block was loaded
   * @throws IOException if reading fails
   */
  public boolean nextBlock() throws IOException {
    return !hasError() && readDatablockStart();
  }

  /**
   * {@code maxavro_record_read_binary}: the current block exactly as MaxScale sends it in AVRO
   * mode: the block's count and size varints followed by {@code buffer_size} bytes read from the
   * file and the sync marker, then moves to the next block.
   *
   * @return the block bytes, or null if there is none (or it runs past the end of file)
   * @throws IOException if reading fails
   */
  public byte[] readBinary() throws IOException {
    if (hasError()) {
      LOG.warn("{}: attempting to read from a failed Avro file", name);
      return null;
    }
    if (!metadataRead && !readDatablockStart()) {
      return null;
    }
    int dataSize = (int) (dataStartPos - blockStartPos) + bufferSize;
    byte[] out = new byte[dataSize + OcfFormat.SYNC_SIZE];
    long prev = file.position();
    int n = file.readAt(blockStartPos, out, 0, dataSize);
    if (n != dataSize) {
      // Quirk kept from MaxScale: the position is left at end of file, not restored.
      file.seek(blockStartPos + n);
      return null;
    }
    file.seek(prev);
    System.arraycopy(sync, 0, out, dataSize, OcfFormat.SYNC_SIZE);
    nextBlock();
    return out;
  }

  /**
   * {@code maxavro_file_binary_header}: the file's first {@code header_end_pos} bytes.
   *
   * @return header bytes, or null on a short read
   * @throws IOException if reading fails
   */
  public byte[] binaryHeader() throws IOException {
    byte[] out = new byte[(int) headerEndPos];
    int n = file.readAt(0, out, 0, out.length);
    return n == out.length ? out : null;
  }

  /**
   * Returns {@code buffer_size}: the data size of the current (or last) block, decompressed.
   *
   * @return buffer size in bytes
   */
  public int bufferSize() {
    return bufferSize;
  }

  /**
   * Returns the read position inside the current block's data, in bytes.
   *
   * @return buffer offset
   */
  public int bufferPtr() {
    return bufferPtr;
  }

  /**
   * Returns how many records were read as JSON so far.
   *
   * @return record count
   */
  public long recordsRead() {
    return recordsRead;
  }

  /**
   * Tells whether the file hit {@code MAXAVRO_ERR_IO} (a sync marker mismatch).
   *
   * @return true after an I/O error
   */
  public boolean hasError() {
    return ioError || file.overflow();
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
