package io.github.maxcdc.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The avrorouter directories a real MaxScale 24.02.3 wrote for the built-in recordings, shipped in
 * this jar. Copy one to a directory of your test and serve it:
 *
 * <pre>{@code
 * Path dir = BuiltInAvroDirectory.copy(BuiltInAvroDirectory.SNAPSHOT, tempDir);
 * try (FakeMaxScale server = FakeMaxScale.builder().avroDirectory(dir).build()) { ... }
 * }</pre>
 *
 * <p>Both snapshots hold the final state of the recording session: {@code shop_tx.commandes}
 * versions 1 and 2, {@code cdc_types.all_types} and {@code shop_tx.retours}. Stateless and
 * thread-safe.
 */
public final class BuiltInAvroDirectory {
  /** The {@code codec=null} service's directory. */
  public static final String SNAPSHOT = "avrodir_snapshot";

  /** The {@code codec=deflate} service's directory. */
  public static final String DEFLATE_SNAPSHOT = "avrodir_deflate_snapshot";

  private static final List<String> FILES =
      List.of(
          "cdc_types.all_types.000001.avro",
          "cdc_types.all_types.000001.avsc",
          "current_gtid.txt",
          "shop_tx.commandes.000001.avro",
          "shop_tx.commandes.000001.avsc",
          "shop_tx.commandes.000002.avro",
          "shop_tx.commandes.000002.avsc",
          "shop_tx.retours.000001.avro",
          "shop_tx.retours.000001.avsc");

  private BuiltInAvroDirectory() {}

  /**
   * Returns the names of the files of a built-in directory.
   *
   * @param name {@link #SNAPSHOT} or {@link #DEFLATE_SNAPSHOT}
   * @return file names
   */
  public static List<String> fileNames(String name) {
    check(name);
    return FILES;
  }

  /**
   * Copies a built-in directory's files into {@code target} (created if missing; existing files
   * with the same names are replaced).
   *
   * @param name {@link #SNAPSHOT} or {@link #DEFLATE_SNAPSHOT}
   * @param target destination directory
   * @return {@code target}
   * @throws IOException if writing fails
   */
  public static Path copy(String name, Path target) throws IOException {
    check(name);
    Objects.requireNonNull(target, "target");
    Files.createDirectories(target);
    for (String file : FILES) {
      Files.write(
          target.resolve(file),
          BuiltInResources.bytes(Recording.BUILT_IN_PATH + name + "/" + file));
    }
    return target;
  }

  private static void check(String name) {
    if (!SNAPSHOT.equals(name) && !DEFLATE_SNAPSHOT.equals(name)) {
      throw new IllegalArgumentException(
          "name must be " + SNAPSHOT + " or " + DEFLATE_SNAPSHOT + ", got " + name);
    }
  }
}
