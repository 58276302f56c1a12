package io.github.maxcdc.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads resources shipped in this jar. Stateless. */
final class BuiltInResources {
  private BuiltInResources() {}

  static byte[] bytes(String path) {
    try (InputStream in = BuiltInResources.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no built-in resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in resource " + path, e);
    }
  }

  static String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }
}
