package io.github.maxcdc.testkit.internal.maxavro;

import io.github.maxcdc.testkit.internal.avro.DecodedRecord;
import io.github.maxcdc.testkit.internal.avro.OcfFormat;
import io.github.maxcdc.testkit.internal.avro.RecordDecoder;
import io.github.maxcdc.testkit.internal.avro.RecordLayout;
import io.github.maxcdc.testkit.internal.store.ByteSource;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A faithful re-implementation of MaxScale 24.02's {@code MAXAVRO_FILE} reader
 * ({@code maxavro_file.cc}, {@code maxavro_record.cc}): same file-position bookkeeping, same block
 * state, same quirks. In particular {@link #readBinary()} sends {@code buffer_size} bytes, which for
 * the deflate codec is the <em>decompressed</em> size, so a deflate file is streamed corrupt
 * (fixtures {@code h_*avro_deflate*}). Owned by one session thread; not thread-safe.
 */
public final class MaxAvroFile implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(MaxAvroFile.class);
    private static final int MAX_INTEGER_SIZE = 10;

    private enum Codec { NULL, DEFLATE, SNAPPY }

    private final ByteSource source;
    private final String name;
    private final ReadAhead cache;
    private final byte[] sync = new byte[OcfFormat.SYNC_SIZE];
    private Codec codec = Codec.NULL;
    private RecordDecoder decoder;

    private long position;
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
        this.source = source;
        this.name = name;
        this.cache = new ReadAhead(source);
    }

    /**
     * Opens a file like {@code maxavro_file_open}: magic, header map, sync marker, then the first data
     * block must be readable, otherwise the open fails.
     *
     * @param source the file (closed by this method when the open fails, else by {@link #close()})
     * @param name file name, for log messages
     * @return the open file, or empty where MaxScale's open fails
     * @throws IOException if reading fails
     */
    public static Optional<MaxAvroFile> open(ByteSource source, String name) throws IOException {
        MaxAvroFile file = new MaxAvroFile(source, name);
        boolean ok = false;
        try {
            ok = file.readHeader();
        } finally {
            if (!ok) {
                source.close();
            }
        }
        return ok ? Optional.of(file) : Optional.empty();
    }

    private boolean readHeader() throws IOException {
        byte[] magic = readExactly(OcfFormat.MAGIC.length);
        if (magic == null || !Arrays.equals(magic, OcfFormat.MAGIC)) {
            LOG.debug("{}: bad or missing Avro magic", name);
            return false;
        }
        String schema = readMetadata();
        if (schema == null) {
            return false;
        }
        try {
            decoder = new RecordDecoder(RecordLayout.parse(schema));
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: unreadable Avro schema: {}", name, e.getMessage());
            return false;
        }
        byte[] marker = readExactly(OcfFormat.SYNC_SIZE);
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

    private String readMetadata() throws IOException {
        String schema = null;
        Long count;
        while ((count = readInteger()) != null && count != 0) {
            for (long i = 0; i < Math.abs(count); i++) {
                byte[] key = readLengthPrefixed();
                byte[] value = readLengthPrefixed();
                if (key == null || value == null) {
                    return null;
                }
                String k = new String(key, StandardCharsets.UTF_8);
                if (k.equals("avro.schema")) {
                    schema = new String(value, StandardCharsets.UTF_8);
                } else if (k.equals("avro.codec")) {
                    codec = codecOf(new String(value, StandardCharsets.UTF_8));
                }
            }
        }
        if (schema == null) {
            LOG.warn("{}: no schema found from Avro header", name);
        }
        return count == null ? null : schema;
    }

    private Codec codecOf(String text) {
        return switch (text) {
            case "deflate" -> Codec.DEFLATE;
            case "snappy" -> Codec.SNAPPY;
            case "null" -> Codec.NULL;
            default -> {
                LOG.warn("{}: unknown Avro codec {}", name, text);
                yield codec;
            }
        };
    }

    /**
     * {@code maxavro_read_datablock_start}: reads the next block's record count and size, loads (and
     * inflates) its data and checks the sync marker that follows.
     *
     * @return true if a complete block was loaded
     * @throws IOException if reading fails
     */
    boolean readDatablockStart() throws IOException {
        blockStartPos = position;
        metadataRead = false;
        Long records = readInteger();
        Long bytes = records == null ? null : readInteger();
        if (bytes == null) {
            // End of file (or a block still being written): MaxScale clears EOF and retries later.
            return false;
        }
        long pos = position;
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
        byte[] raw = readExactly((int) size);
        if (raw == null) {
            return null;
        }
        switch (codec) {
            case NULL -> {
                bufferSize = raw.length;
                return raw;
            }
            case DEFLATE -> {
                return inflate(raw);
            }
            default -> {
                return null;
            }
        }
    }

    private byte[] inflate(byte[] raw) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(raw);
            byte[] out = new byte[Math.max(64, raw.length * 2)];
            int total = 0;
            while (!inflater.finished()) {
                if (total == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                int n = inflater.inflate(out, total, out.length - total);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    LOG.warn("{}: failed to inflate a block", name);
                    return null;
                }
                total += n;
            }
            bufferSize = total;
            return Arrays.copyOf(out, total);
        } catch (DataFormatException e) {
            LOG.warn("{}: failed to inflate a block: {}", name, e.getMessage());
            return null;
        } finally {
            inflater.end();
        }
    }

    private boolean verifyBlock() throws IOException {
        byte[] marker = new byte[OcfFormat.SYNC_SIZE];
        int n = cache.read(position, marker, 0, marker.length);
        position += n;
        if (n != marker.length) {
            return false;
        }
        if (!Arrays.equals(marker, sync)) {
            LOG.warn("{}: sync marker mismatch at offset {}", name, position - OcfFormat.SYNC_SIZE);
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
        return !ioError && readDatablockStart();
    }

    /**
     * {@code maxavro_record_read_binary}: the current block exactly as MaxScale sends it in AVRO mode:
     * the block's count and size varints followed by {@code buffer_size} bytes read from the file and
     * the sync marker, then moves to the next block.
     *
     * @return the block bytes, or null if there is none (or it runs past the end of file)
     * @throws IOException if reading fails
     */
    public byte[] readBinary() throws IOException {
        if (ioError) {
            LOG.warn("{}: attempting to read from a failed Avro file", name);
            return null;
        }
        if (!metadataRead && !readDatablockStart()) {
            return null;
        }
        int dataSize = (int) (dataStartPos - blockStartPos) + bufferSize;
        byte[] out = new byte[dataSize + OcfFormat.SYNC_SIZE];
        long prev = position;
        int n = cache.read(blockStartPos, out, 0, dataSize);
        if (n != dataSize) {
            // Quirk kept from MaxScale: the position is left at end of file, not restored.
            position = blockStartPos + n;
            return null;
        }
        position = prev;
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
        int n = cache.read(0, out, 0, out.length);
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
        return ioError;
    }

    private Long readInteger() throws IOException {
        long raw = 0;
        int b;
        int nread = 0;
        do {
            if (nread >= MAX_INTEGER_SIZE) {
                ioError = true;
                return null;
            }
            byte[] one = new byte[1];
            if (cache.read(position, one, 0, 1) != 1) {
                return null;
            }
            position++;
            b = one[0] & 0xFF;
            raw |= (long) (b & 0x7F) << (7 * nread++);
        } while ((b & 0x80) != 0);
        return (raw >>> 1) ^ -(raw & 1);
    }

    private byte[] readLengthPrefixed() throws IOException {
        Long len = readInteger();
        if (len == null || len < 0 || len > Integer.MAX_VALUE) {
            return null;
        }
        return readExactly(len.intValue());
    }

    private byte[] readExactly(int len) throws IOException {
        byte[] out = new byte[len];
        int n = cache.read(position, out, 0, len);
        position += n;
        return n == len ? out : null;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    /**
     * A read-ahead window over an append-only file: bytes once read never change, so a request that
     * falls inside the window is served from it; anything else refills the window (which also picks up
     * growth at the end of the file).
     */
    private static final class ReadAhead {
        private static final int WINDOW = 16 * 1024;
        private final ByteSource source;
        private byte[] window = new byte[0];
        private long start;

        ReadAhead(ByteSource source) {
            this.source = source;
        }

        int read(long position, byte[] dst, int off, int len) throws IOException {
            if (position < start || position + len > start + window.length) {
                byte[] fresh = new byte[Math.max(WINDOW, len)];
                int n = source.read(position, fresh, 0, fresh.length);
                window = Arrays.copyOf(fresh, n);
                start = position;
            }
            int available = (int) Math.max(0, Math.min(len, start + window.length - position));
            System.arraycopy(window, (int) (position - start), dst, off, available);
            return available;
        }
    }
}
