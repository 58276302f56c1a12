package io.github.maxcdc.testkit;

import io.github.maxcdc.testkit.internal.replay.StreamWrites;
import io.github.maxcdc.testkit.internal.replay.Transcript;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A recorded conversation with a real MaxScale, replayed byte for byte by {@code
 * FakeMaxScale.builder().replay(recording)}: every connection receives exactly the recorded server
 * writes, each sent once the client has sent as many messages as the recording shows before it.
 *
 * <p>Each recorded server write is sent as one write, as soon as the client messages before it have
 * arrived (the recorded timing is not reproduced); a client message that differs from the recording
 * still counts as the next one. When the recording ends with the server closing, the connection is
 * closed; otherwise it stays open and silent until the client closes it.
 *
 * <p>The recordings of MaxScale 24.02.3 shipped in this jar (see {@link #builtInNames()}) cover
 * handshakes, JSON and AVRO streams, GTID seeks, schema changes, all column types and every error
 * reply; their {@code README.md} lies next to them under {@value #BUILT_IN_PATH}.
 *
 * <pre>{@code
 * try (FakeMaxScale server = FakeMaxScale.builder()
 *         .replay(Recording.builtIn("a_commandes_json"))
 *         .build()) {
 *     // connect a client to server.host(), server.port()
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Recording {
  /** Class-path directory of the built-in recordings. */
  public static final String BUILT_IN_PATH = "/maxcdc-recordings/maxscale-24.02.3/";

  /**
   * Class-path directory of the built-in recordings of more column types ({@code g_modern_json},
   * {@code g_nopk_avro}...: UUID, INET4, INET6, DECIMAL(65,30), a VARCHAR holding a NUL, zero
   * dates, a table without a primary key), with their own {@code README.md}.
   */
  public static final String BUILT_IN_TYPES_PATH = "/maxcdc-recordings/maxscale-24.02.3-types/";

  /**
   * Class-path directory of the built-in recordings of schema changes ({@code h_items2_json}...:
   * every kind of ALTER, and the {@code RENAME COLUMN} after which MaxScale sends nothing more),
   * with their own {@code README.md} and the source's final rows.
   */
  public static final String BUILT_IN_DDL_PATH = "/maxcdc-recordings/maxscale-24.02.3-ddl/";

  // The client messages a stream recording expects (any others are accepted and logged): those of
  // the protocol fixtures, user cdcuser, password cdcpass.
  private static final String DEFAULT_STREAM_USER = "cdcuser";
  private static final String DEFAULT_STREAM_PASSWORD_SHA1 =
      "ed2e3972b87099f3df46bb12eae0327bd17795f4";
  private static final String STREAM_UUID = "11ec2300-2e23-11e6-8308-0002a5d5c51b";

  private final String name;
  private final Transcript transcript;

  private Recording(String name, Transcript transcript) {
    this.name = name;
    this.transcript = transcript;
  }

  /**
   * Loads a built-in recording of MaxScale 24.02.3.
   *
   * @param name the fixture name, e.g. {@code "a_commandes_json"}
   * @return the recording
   * @throws IllegalArgumentException if there is no such recording
   */
  public static Recording builtIn(String name) {
    Objects.requireNonNull(name, "name");
    try (InputStream in =
        Recording.class.getResourceAsStream(folder(name) + name + ".transcript.jsonl")) {
      if (in == null || name.contains("/")) {
        throw new IllegalArgumentException(
            "no built-in recording named '" + name + "'; known: " + builtInNames());
      }
      return new Recording(
          name, Transcript.parse(new InputStreamReader(in, StandardCharsets.UTF_8), name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in recording " + name, e);
    }
  }

  /**
   * Loads a recording from a {@code .transcript.jsonl} file: one JSON object per line with {@code
   * "dir"} ({@code "C>S"}, {@code "S>C"}, {@code "EOF"}) and {@code "hex"}; an {@code EOF} entry
   * whose {@code "note"} starts with {@code "peer closed"} makes the server close the connection.
   *
   * @param transcript the file
   * @return the recording
   * @throws IOException if the file cannot be read or is not a transcript
   */
  public static Recording fromTranscript(Path transcript) throws IOException {
    Objects.requireNonNull(transcript, "transcript");
    String file = String.valueOf(transcript.getFileName());
    try (Reader reader = Files.newBufferedReader(transcript, StandardCharsets.UTF_8)) {
      return new Recording(file.replace(".transcript.jsonl", ""), Transcript.parse(reader, file));
    }
  }

  /**
   * A JSON data stream served as a real MaxScale 24.02.3 serves it: after the handshake ({@code
   * OK}, {@code OK}) and the client's {@code REQUEST-DATA}, one write per line (the schema line,
   * then each row), as {@code stream_json} writes them (see the {@code delivery-pattern} traces of
   * the protocol fixtures: the client reads a few rows at a time). The connection then stays open
   * and silent until the client closes it. For large streams measured against a client: the bytes
   * are rendered once (for instance captured from a scripted {@link FakeMaxScale}) and each
   * connection only writes them, much faster than the server renders rows.
   *
   * <pre>{@code
   * byte[] stream = ...; // what a client received after the handshake
   * try (FakeMaxScale server = FakeMaxScale.builder()
   *         .replay(Recording.ofJsonStream("shop_tx.commandes", stream))
   *         .build()) {
   *     // connect a client, REQUEST-DATA shop_tx.commandes, TYPE=JSON
   * }
   * }</pre>
   *
   * @param table the table the client is expected to request, e.g. {@code "shop_tx.commandes"}
   *     (another one is served the same bytes)
   * @param stream the data stream: schema line, then one JSON object per line; not copied, do not
   *     change it afterwards
   * @return the recording
   */
  public static Recording ofJsonStream(String table, byte[] stream) {
    Objects.requireNonNull(stream, "stream");
    return ofStream(table, "JSON", stream, StreamWrites.json(stream));
  }

  /**
   * An AVRO data stream served as a real MaxScale 24.02.3 serves it: after the handshake and the
   * client's {@code REQUEST-DATA}, one write per object container header and one per data block,
   * exactly as stored ({@code stream_binary}; the {@code delivery-pattern} traces show whole blocks
   * per read). See {@link #ofJsonStream(String, byte[])}.
   *
   * @param table the table the client is expected to request
   * @param stream the container bytes: a header, data blocks, possibly re-sent headers between
   *     blocks; not copied, do not change it afterwards
   * @return the recording
   * @throws IllegalArgumentException if the bytes are not container headers and blocks
   */
  public static Recording ofAvroStream(String table, byte[] stream) {
    Objects.requireNonNull(stream, "stream");
    return ofStream(table, "AVRO", stream, StreamWrites.avro(stream));
  }

  private static Recording ofStream(String table, String format, byte[] stream, int[] ends) {
    Objects.requireNonNull(table, "table");
    if (table.isBlank()) {
      throw new IllegalArgumentException("table must not be blank");
    }
    String auth =
        HexFormat.of().formatHex((DEFAULT_STREAM_USER + ":").getBytes(StandardCharsets.UTF_8))
            + DEFAULT_STREAM_PASSWORD_SHA1;
    List<Transcript.Step> steps = new ArrayList<>();
    steps.add(new Transcript.ClientSends(auth.getBytes(StandardCharsets.US_ASCII)));
    steps.add(new Transcript.ServerSends("OK\n\n".getBytes(StandardCharsets.US_ASCII)));
    steps.add(
        new Transcript.ClientSends(ascii("REGISTER UUID=" + STREAM_UUID + ", TYPE=" + format)));
    steps.add(new Transcript.ServerSends("OK\n".getBytes(StandardCharsets.US_ASCII)));
    steps.add(new Transcript.ClientSends(ascii("REQUEST-DATA " + table)));
    if (stream.length > 0) {
      steps.add(new Transcript.ServerStreams(stream, ends));
    }
    return new Recording(table + "-" + format.toLowerCase(Locale.ROOT), Transcript.of(steps));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Returns the names of the built-in recordings, in file order.
   *
   * @return recording names
   */
  public static List<String> builtInNames() {
    List<String> names = new ArrayList<>();
    for (String line : BuiltInResources.text(BUILT_IN_PATH + "MANIFEST.txt").split("\n")) {
      String[] cols = line.trim().split("\\s+");
      if (cols.length == 3 && cols[2].endsWith(".bin")) {
        names.add(cols[2].substring(0, cols[2].length() - 4));
      }
    }
    for (String folder : List.of(BUILT_IN_TYPES_PATH, BUILT_IN_DDL_PATH)) {
      for (String line : BuiltInResources.text(folder + "MANIFEST.txt").split("\n")) {
        String[] cols = line.trim().split("\\s+"); // name size hash
        if (cols.length == 3 && cols[0].endsWith(".bin")) {
          names.add(cols[0].substring(0, cols[0].length() - 4));
        }
      }
    }
    return List.copyOf(names);
  }

  /**
   * Returns the bytes a built-in recording's client received (its {@code .bin} file).
   *
   * @param name the fixture name
   * @return the bytes
   * @throws IllegalArgumentException if there is no such recording
   */
  public static byte[] builtInServerBytes(String name) {
    return BuiltInResources.bytes(folder(name) + name + ".bin");
  }

  // the folder holding the recording: the first of the three that has it
  private static String folder(String name) {
    for (String folder : List.of(BUILT_IN_TYPES_PATH, BUILT_IN_DDL_PATH)) {
      if (Recording.class.getResource(folder + name + ".transcript.jsonl") != null) {
        return folder;
      }
    }
    return BUILT_IN_PATH;
  }

  /**
   * Returns the recording's name.
   *
   * @return name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the messages the client sent, in order (copies).
   *
   * @return client messages
   */
  public List<byte[]> clientMessages() {
    List<byte[]> out = new ArrayList<>();
    for (Transcript.Step s : transcript.steps()) {
      if (s instanceof Transcript.ClientSends c) {
        out.add(c.bytes());
      }
    }
    return out;
  }

  /**
   * Returns everything the server sent, concatenated.
   *
   * @return server bytes
   */
  public byte[] serverBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Transcript.Step s : transcript.steps()) {
      if (s instanceof Transcript.ServerSends w) {
        out.writeBytes(w.bytes());
      } else if (s instanceof Transcript.ServerStreams w) {
        out.writeBytes(w.bytes());
      }
    }
    return out.toByteArray();
  }

  /**
   * Tells whether the server closed the connection at the end of the recording (otherwise the
   * client did, and the fake server keeps the connection open until the client closes it).
   *
   * @return true if the server closes
   */
  public boolean serverCloses() {
    return transcript.steps().stream().anyMatch(s -> s instanceof Transcript.ServerCloses);
  }

  Transcript transcript() {
    return transcript;
  }

  @Override
  public String toString() {
    return "Recording[" + name + "]";
  }
}
