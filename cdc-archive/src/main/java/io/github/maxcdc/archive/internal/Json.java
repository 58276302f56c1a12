package io.github.maxcdc.archive.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads required keys of a JSON object, failing with the key's name and what it holds. */
final class Json {
  private Json() {}

  static String text(JsonNode object, String key) {
    JsonNode node = object.get(key);
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException(
          "expected a string \"" + key + "\", got " + describe(node));
    }
    return node.asText();
  }

  static int integer(JsonNode object, String key) {
    JsonNode node = object.get(key);
    if (node == null || !node.canConvertToInt() || !node.isIntegralNumber()) {
      throw new IllegalArgumentException(
          "expected a whole number \"" + key + "\", got " + describe(node));
    }
    return node.asInt();
  }

  static long longInteger(JsonNode object, String key) {
    JsonNode node = object.get(key);
    if (node == null || !node.canConvertToLong() || !node.isIntegralNumber()) {
      throw new IllegalArgumentException(
          "expected a whole number \"" + key + "\", got " + describe(node));
    }
    return node.asLong();
  }

  static boolean bool(JsonNode object, String key, boolean otherwise) {
    JsonNode node = object.get(key);
    if (node == null || node.isNull()) {
      return otherwise;
    }
    if (!node.isBoolean()) {
      throw new IllegalArgumentException("expected true or false for \"" + key + "\", got " + node);
    }
    return node.asBoolean();
  }

  static String describe(JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    String text = node.toString();
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
