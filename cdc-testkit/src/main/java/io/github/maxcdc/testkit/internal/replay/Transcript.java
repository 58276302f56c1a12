package io.github.maxcdc.testkit.internal.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A parsed {@code .transcript.jsonl} recording: what each side sent, in order. One JSON object per
 * line with {@code dir} ({@code C>S}, {@code S>C}, {@code EOF}, {@code NOTE}) and {@code hex} (the
 * authoritative bytes); an {@code EOF} whose note says "peer closed" means the server closed.
 * Immutable.
 */
public final class Transcript {
  private static final JsonFactory JSON = new JsonFactory();

  /** One step of a conversation. */
  public sealed interface Step {}

  /**
   * The client sent these bytes in one write.
   *
   * @param bytes the bytes
   */
  public record ClientSends(byte[] bytes) implements Step {
    /**
     * Creates the record; copies the bytes.
     *
     * @param bytes the bytes
     */
    public ClientSends {
      bytes = bytes.clone();
    }

    /**
     * Returns a copy of the bytes.
     *
     * @return the bytes
     */
    @Override
    public byte[] bytes() {
      return bytes.clone();
    }
  }

  /**
   * The server sent these bytes in one write.
   *
   * @param bytes the bytes
   */
  public record ServerSends(byte[] bytes) implements Step {
    /**
     * Creates the record; copies the bytes.
     *
     * @param bytes the bytes
     */
    public ServerSends {
      bytes = bytes.clone();
    }

    /**
     * Returns a copy of the bytes.
     *
     * @return the bytes
     */
    @Override
    public byte[] bytes() {
      return bytes.clone();
    }
  }

  /**
   * The server sent {@code bytes} in several writes, the {@code i}-th ending at {@code ends[i]}: a
   * large stream kept in one array rather than one copy per write.
   *
   * @param bytes the bytes, not copied (the caller hands them over)
   * @param ends strictly increasing end offsets, the last one {@code bytes.length}
   */
  public record ServerStreams(byte[] bytes, int[] ends) implements Step {
    /**
     * Checks the offsets.
     *
     * @param bytes the bytes
     * @param ends the end offsets
     */
    public ServerStreams {
      int previous = 0;
      for (int end : ends) {
        if (end <= previous || end > bytes.length) {
          throw new IllegalArgumentException("write ends must increase within the bytes: " + end);
        }
        previous = end;
      }
      if (previous != bytes.length) {
        throw new IllegalArgumentException("the last write must end at " + bytes.length);
      }
    }
  }

  /** The server closed the connection. */
  public record ServerCloses() implements Step {}

  private final List<Step> steps;

  private Transcript(List<Step> steps) {
    this.steps = List.copyOf(steps);
  }

  /**
   * A transcript of these steps.
   *
   * @param steps the conversation in order
   * @return the transcript
   */
  public static Transcript of(List<Step> steps) {
    return new Transcript(steps);
  }

  /**
   * Parses a transcript.
   *
   * @param reader the JSON lines; not closed
   * @param source name of the source, for error messages
   * @return the transcript
   * @throws IOException if reading fails or a line is not a transcript entry
   */
  public static Transcript parse(Reader reader, String source) throws IOException {
    List<Step> steps = new ArrayList<>();
    BufferedReader lines = new BufferedReader(reader);
    String line;
    int number = 0;
    while ((line = lines.readLine()) != null) {
      number++;
      if (!line.isBlank()) {
        Step step = parseLine(line, source, number);
        if (step != null) {
          steps.add(step);
        }
      }
    }
    return new Transcript(steps);
  }

  private static Step parseLine(String line, String source, int number) throws IOException {
    String dir = null;
    String hex = "";
    String note = "";
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException(source + ":" + number + ": expected a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "dir" -> dir = p.getValueAsString();
          case "hex" -> hex = p.getValueAsString("");
          case "note" -> note = p.getValueAsString("");
          default -> p.skipChildren();
        }
      }
    }
    if (dir == null) {
      throw new IOException(source + ":" + number + ": missing \"dir\"");
    }
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ":" + number + ": bad \"hex\": " + e.getMessage(), e);
    }
    return switch (dir) {
      case "C>S" -> new ClientSends(bytes);
      case "S>C" -> new ServerSends(bytes);
      case "EOF" -> note.startsWith("peer closed") ? new ServerCloses() : null;
      default -> null;
    };
  }

  /**
   * Returns the steps.
   *
   * @return steps in order
   */
  public List<Step> steps() {
    return steps;
  }
}
