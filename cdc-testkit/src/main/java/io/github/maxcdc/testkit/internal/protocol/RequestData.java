package io.github.maxcdc.testkit.internal.protocol;

/**
 * A command sent after registration, parsed like {@code AvroSession::process_command} and {@code
 * get_avrofile_and_gtid}: {@code "REQUEST-DATA"} may occur anywhere in the message; the rest is
 * left-trimmed and split at its first space into a file name and a GTID text; a name with two dots
 * gets {@code ".avro"}, otherwise {@code ".000001.avro"}. A trailing newline stays part of the name
 * (fixture {@code d10_request_data_trailing_newline}). Immutable.
 *
 * @param kind what the message is
 * @param fileName the file name, one char per byte (empty unless {@link Kind#REQUEST})
 * @param gtid the GTID text after the name, possibly empty
 */
public record RequestData(Kind kind, String fileName, String gtid) {
  private static final String COMMAND = "REQUEST-DATA";

  /** Message kinds. */
  public enum Kind {
    /** A REQUEST-DATA with a (possibly empty) file name. */
    REQUEST,
    /** {@code REQUEST-DATA} with nothing (or one byte) after it. */
    NO_DATA,
    /** Anything else. */
    UNKNOWN
  }

  /**
   * Parses a command.
   *
   * @param message raw bytes of one read
   * @return the parsed command
   */
  public static RequestData parse(byte[] message) {
    String data = CStrings.cString(message);
    int at = data.indexOf(COMMAND);
    if (at < 0) {
      return new RequestData(Kind.UNKNOWN, "", "");
    }
    // MaxScale subtracts the command length from the whole buffer length, wherever the command is.
    if (message.length - COMMAND.length() <= 1) {
      return new RequestData(Kind.NO_DATA, "", "");
    }
    String file = ltrim(data.substring(at + COMMAND.length()));
    int space = file.indexOf(' ');
    String name = space >= 0 ? file.substring(0, space) : file;
    String gtid = space >= 0 ? file.substring(space + 1) : "";
    if (!file.isEmpty()) {
      int first = name.indexOf('.');
      int last = name.lastIndexOf('.');
      name += (first >= 0 && first != last) ? ".avro" : ".000001.avro";
    }
    return new RequestData(Kind.REQUEST, name, gtid);
  }

  private static String ltrim(String s) {
    int i = 0;
    while (i < s.length() && CStrings.isSpace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }
}
