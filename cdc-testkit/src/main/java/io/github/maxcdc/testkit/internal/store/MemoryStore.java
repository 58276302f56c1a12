package io.github.maxcdc.testkit.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory avrorouter directory written by the scripted database. Files only grow (appends are
 * atomic: a reader sees either none or all of an appended chunk). Thread-safe.
 */
public final class MemoryStore implements AvroStore {
  private final Map<String, MemoryFile> files = new ConcurrentHashMap<>();

  /**
   * Appends bytes to a file, creating it if needed.
   *
   * @param name file name
   * @param bytes bytes to append
   */
  public void append(String name, byte[] bytes) {
    append(name, List.of(bytes.clone()));
  }

  /**
   * Appends chunks to a file at once (a reader sees all of them or none), creating it if needed.
   * The chunks are kept as they are, not copied into one array: a file of hundreds of megabytes
   * needs no contiguous array and no copy when it grows. The caller must not modify them after.
   *
   * @param name file name
   * @param chunks bytes to append, in order
   */
  public void append(String name, List<byte[]> chunks) {
    files.computeIfAbsent(name, n -> new MemoryFile()).append(chunks);
  }

  @Override
  public boolean exists(String name) {
    return files.containsKey(name);
  }

  @Override
  public Optional<ByteSource> open(String name) {
    MemoryFile file = files.get(name);
    return file == null ? Optional.empty() : Optional.of(file.source());
  }

  /**
   * Writes every file into a directory, as MaxScale would have them on disk.
   *
   * @param directory an existing directory
   * @throws IOException if a file cannot be written
   */
  public void exportTo(Path directory) throws IOException {
    Map<String, MemoryFile> sorted = new TreeMap<>(files);
    for (Map.Entry<String, MemoryFile> e : sorted.entrySet()) {
      Files.write(directory.resolve(e.getKey()), e.getValue().snapshot());
    }
  }

  /**
   * An append-only file made of the chunks appended to it; a read finds its first chunk by binary
   * search over the chunks' start offsets. Guarded by its own monitor.
   */
  private static final class MemoryFile {
    private final List<byte[]> chunks = new ArrayList<>();
    private long[] starts = new long[16]; // starts[i]: offset of chunks.get(i) in the file
    private long size;

    synchronized void append(List<byte[]> more) {
      for (byte[] chunk : more) {
        if (chunk.length == 0) {
          continue;
        }
        if (chunks.size() == starts.length) {
          starts = Arrays.copyOf(starts, starts.length * 2);
        }
        starts[chunks.size()] = size;
        chunks.add(chunk);
        size += chunk.length;
      }
    }

    synchronized byte[] snapshot() {
      if (size > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("file of " + size + " bytes is too large to export");
      }
      byte[] out = new byte[(int) size];
      read(0, out, 0, out.length);
      return out;
    }

    synchronized int read(long position, byte[] dst, int off, int len) {
      if (position >= size || len == 0) {
        return 0;
      }
      int i = Arrays.binarySearch(starts, 0, chunks.size(), position);
      i = i >= 0 ? i : -i - 2; // the chunk holding position
      int done = 0;
      long at = position;
      while (done < len && i < chunks.size()) {
        byte[] chunk = chunks.get(i);
        int from = (int) (at - starts[i]);
        int n = Math.min(len - done, chunk.length - from);
        System.arraycopy(chunk, from, dst, off + done, n);
        done += n;
        at += n;
        i++;
      }
      return done;
    }

    ByteSource source() {
      return new ByteSource() {
        @Override
        public int read(long position, byte[] dst, int off, int len) {
          return MemoryFile.this.read(position, dst, off, len);
        }

        @Override
        public void close() {}
      };
    }
  }
}
