package io.github.maxcdc.kafka.internal;

import java.nio.charset.StandardCharsets;

/** A record key for messages: its text, cut at 64 characters. */
final class RecordKeyText {
  private RecordKeyText() {}

  static String of(byte[] key) {
    String text = new String(key, 0, Math.min(key.length, 64), StandardCharsets.UTF_8);
    return key.length > 64 ? text + "..." : text;
  }
}
