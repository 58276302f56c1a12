package io.github.maxcdc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The recordings of a real MaxScale 24.02.3, read from the testkit's resources ({@code
 * maxcdc-recordings/maxscale-24.02.3/}).
 */
public final class Fixtures {
  /** Classpath folder of the recordings. */
  public static final String ROOT = "maxcdc-recordings/maxscale-24.02.3/";

  private static final byte[] HANDSHAKE = "OK\n\nOK\n".getBytes(StandardCharsets.US_ASCII);

  private Fixtures() {}

  /** Every byte the server sent on the recorded connection. */
  public static byte[] bytes(String name) {
    return resource(name + ".bin");
  }

  /**
   * A file of the recordings folder, e.g. {@code avrodir_snapshot/shop_tx.commandes.000001.avsc}.
   */
  public static byte[] resource(String path) {
    String name = path.startsWith("../") ? "maxcdc-recordings/" + path.substring(3) : ROOT + path;
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no recording resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of a recordings file. */
  public static String text(String path) {
    return new String(resource(path), StandardCharsets.UTF_8);
  }

  /**
   * The data stream of a recording of {@code maxscale-24.02.3-types/} ({@code g_modern_json}...):
   * what followed the two handshake replies.
   */
  public static byte[] typesStream(String name) {
    return afterHandshake(name, resource("../maxscale-24.02.3-types/" + name + ".bin"));
  }

  /** The data stream of a recording: what followed the two handshake replies. */
  public static byte[] stream(String name) {
    return afterHandshake(name, bytes(name));
  }

  private static byte[] afterHandshake(String name, byte[] all) {
    if (all.length < HANDSHAKE.length
        || !Arrays.equals(Arrays.copyOf(all, HANDSHAKE.length), HANDSHAKE)) {
      throw new IllegalArgumentException(name + " does not start with the handshake replies");
    }
    return Arrays.copyOfRange(all, HANDSHAKE.length, all.length);
  }
}
