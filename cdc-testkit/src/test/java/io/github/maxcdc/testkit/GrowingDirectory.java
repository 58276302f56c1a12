package io.github.maxcdc.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Predicate;

/**
 * An avrorouter directory that grows as MaxScale's does: it starts with some files of the final
 * snapshot ({@link BuiltInAvroDirectory#SNAPSHOT}) and the test publishes the others.
 */
final class GrowingDirectory {
  private final Path source;
  private final Path served;

  private GrowingDirectory(Path source, Path served) {
    this.source = source;
    this.served = served;
  }

  /**
   * Copies the snapshot under {@code dir} and serves the files {@code initially} accepts.
   *
   * @param dir an empty directory
   */
  static GrowingDirectory of(Path dir, Predicate<String> initially) throws IOException {
    Path source = Files.createDirectory(dir.resolve("source"));
    BuiltInAvroDirectory.copy(BuiltInAvroDirectory.SNAPSHOT, source);
    Path served = Files.createDirectory(dir.resolve("served"));
    for (String f : BuiltInAvroDirectory.fileNames(BuiltInAvroDirectory.SNAPSHOT)) {
      if (initially.test(f)) {
        Files.copy(source.resolve(f), served.resolve(f));
      }
    }
    return new GrowingDirectory(source, served);
  }

  /** Serves the first version of {@code shop_tx.commandes} only. */
  static GrowingDirectory commandesVersion1(Path dir) throws IOException {
    return of(dir, f -> f.startsWith("shop_tx.commandes.000001."));
  }

  /** The directory to serve. */
  Path served() {
    return served;
  }

  /** Copies a file so that it appears complete at once, as a reader must never see half a block. */
  void publish(String name) throws IOException {
    Path tmp = served.resolve(name + ".tmp");
    Files.copy(source.resolve(name), tmp);
    Files.move(tmp, served.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }
}
