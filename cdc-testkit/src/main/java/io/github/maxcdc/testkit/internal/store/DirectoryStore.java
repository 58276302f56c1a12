package io.github.maxcdc.testkit.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An avrorouter directory on disk. Only plain file names directly inside the directory are served
 * (MaxScale would also follow {@code ../}; a test server should not). Thread-safe.
 */
public final class DirectoryStore implements AvroStore {
  private final Path directory;

  /**
   * Creates a store.
   *
   * @param directory the avrorouter directory
   */
  public DirectoryStore(Path directory) {
    this.directory = directory;
  }

  /**
   * Returns the directory.
   *
   * @return the directory
   */
  public Path directory() {
    return directory;
  }

  @Override
  public boolean exists(String name) {
    try {
      return isPlainName(name) && Files.isRegularFile(directory.resolve(name));
    } catch (InvalidPathException e) {
      return false;
    }
  }

  @Override
  public Optional<ByteSource> open(String name) throws IOException {
    if (!exists(name)) {
      return Optional.empty();
    }
    FileChannel channel = FileChannel.open(directory.resolve(name), StandardOpenOption.READ);
    return Optional.of(
        new ByteSource() {
          @Override
          public int read(long position, byte[] dst, int off, int len) throws IOException {
            int total = 0;
            while (total < len) {
              int n =
                  channel.read(ByteBuffer.wrap(dst, off + total, len - total), position + total);
              if (n <= 0) {
                break;
              }
              total += n;
            }
            return total;
          }

          @Override
          public void close() throws IOException {
            channel.close();
          }
        });
  }

  private static boolean isPlainName(String name) {
    return !name.isEmpty()
        && !name.equals(".")
        && !name.equals("..")
        && name.indexOf('/') < 0
        && name.indexOf('\\') < 0
        && name.indexOf('\0') < 0;
  }
}
