package io.github.maxcdc.testkit.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
    files.computeIfAbsent(name, n -> new MemoryFile()).append(bytes);
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

  /** An append-only byte buffer. Guarded by its own monitor. */
  private static final class MemoryFile {
    private byte[] data = new byte[256];
    private int size;

    synchronized void append(byte[] bytes) {
      if (size + bytes.length > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, size + bytes.length));
      }
      System.arraycopy(bytes, 0, data, size, bytes.length);
      size += bytes.length;
    }

    synchronized byte[] snapshot() {
      return Arrays.copyOf(data, size);
    }

    synchronized int read(long position, byte[] dst, int off, int len) {
      if (position >= size) {
        return 0;
      }
      int n = (int) Math.min(len, size - position);
      System.arraycopy(data, (int) position, dst, off, n);
      return n;
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
