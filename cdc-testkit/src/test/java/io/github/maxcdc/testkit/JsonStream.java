package io.github.maxcdc.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a table's JSON stream: schema line(s) and rows. */
final class JsonStream {
  private JsonStream() {}

  /** Requests a table and returns the first {@code lines} lines (schema lines included). */
  static List<String> lines(FakeMaxScale server, String request, int lines) throws IOException {
    try (RawClient client = new RawClient(server)) {
      client.handshake(true);
      client.send("REQUEST-DATA " + request);
      List<String> out = new ArrayList<>();
      for (int i = 0; i < lines; i++) {
        out.add(client.readLine());
      }
      client.expectSilence();
      return out;
    }
  }

  /** The value text of a field in a row line, e.g. {@code "\"abc\""} or {@code 12}. */
  static String field(String row, String name) {
    String key = "\"" + name + "\": ";
    int start = row.indexOf(key);
    if (start < 0) {
      throw new AssertionError("no field " + name + " in " + row);
    }
    start += key.length();
    int end = start;
    if (row.charAt(start) == '"') {
      end++;
      while (row.charAt(end) != '"') {
        end += row.charAt(end) == '\\' ? 2 : 1;
      }
      end++;
    } else {
      while (row.charAt(end) != ',' && row.charAt(end) != '}') {
        end++;
      }
    }
    return row.substring(start, end);
  }
}
