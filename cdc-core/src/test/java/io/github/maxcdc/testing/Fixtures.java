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
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(ROOT + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no recording resource " + ROOT + path);
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

  /** The data stream of a recording: what followed the two handshake replies. */
  public static byte[] stream(String name) {
    byte[] all = bytes(name);
    if (all.length < HANDSHAKE.length
        || !Arrays.equals(Arrays.copyOf(all, HANDSHAKE.length), HANDSHAKE)) {
      throw new IllegalArgumentException(name + " does not start with the handshake replies");
    }
    return Arrays.copyOfRange(all, HANDSHAKE.length, all.length);
  }
}
