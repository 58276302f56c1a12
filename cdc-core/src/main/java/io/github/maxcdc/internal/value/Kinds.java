package io.github.maxcdc.internal.value;

/** Names the kind of a raw value for messages, without showing the value itself. */
final class Kinds {
  private Kinds() {}

  static String of(Object raw) {
    if (raw == null) {
      return "null";
    }
    if (raw instanceof byte[] bytes) {
      return bytes.length + " bytes";
    }
    if (raw instanceof String s) {
      return "a string of " + s.length() + " characters";
    }
    return "a " + raw.getClass().getSimpleName();
  }
}
