package io.github.maxcdc.bench.stream;

import io.github.maxcdc.archive.ChangeLineWriter;
import io.github.maxcdc.bench.decode.DecodeInput;
import io.github.maxcdc.bench.memory.ReplicateChild;
import io.github.maxcdc.bench.source.Shapes;
import io.github.maxcdc.bench.source.StreamCapture;
import io.github.maxcdc.bench.source.StreamCapture.Format;
import io.github.maxcdc.bench.source.Workload;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Recording;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code maxcdc stream} end to end against a byte pump (what MaxScale's {@code cdc.py} does), both
 * as child JVMs writing into a real pipe that this process drains, over the same 1,000,000-row
 * commandes stream served by the testkit with MaxScale's writes (one per JSON row, one per AVRO
 * block: {@link Recording#ofJsonStream}). Rounds alternate pump and stream; each prints both rates
 * and their ratio, then the medians. The floor of one thread follows: decoding alone, and decoding
 * then printing into nothing, in this JVM.
 *
 * <p>{@code -Dbench.stream.rows=N} and {@code -Dbench.stream.rounds=N} change the size and the
 * number of rounds; {@code -Dbench.stream.jfr=DIR} records each {@code stream} child with JFR.
 */
public final class StreamRun {
  private static final int ROWS = Integer.getInteger("bench.stream.rows", 1_000_000);
  private static final int ROUNDS = Integer.getInteger("bench.stream.rounds", 5);
  private static final String JFR = System.getProperty("bench.stream.jfr");
  private static final int IDLE_MILLIS = 2_000;
  // AVRO blocks of 1,000 rows, as MaxScale's group_rows=1000 makes of large transactions
  private static final int TRANSACTION_ROWS = 1_000;
  private static final Path WORK = Path.of("target", "stream-bench");

  private StreamRun() {}

  /** Runs it; prints the results. */
  public static void run() throws Exception {
    Files.createDirectories(WORK);
    System.out.printf(
        Locale.ROOT,
        "%n== stream: maxcdc stream against a byte pump, %,d rows of %s ==%n",
        ROWS,
        Shapes.COMMANDES.qualifiedName());
    DecodeInput input = capture();
    for (Format format : Format.values()) {
      byte[] stream = format == Format.JSON ? input.json : input.avro;
      Recording recording =
          format == Format.JSON
              ? Recording.ofJsonStream(Shapes.COMMANDES.qualifiedName(), stream)
              : Recording.ofAvroStream(Shapes.COMMANDES.qualifiedName(), stream);
      try (FakeMaxScale server = FakeMaxScale.builder().replay(recording).build()) {
        rounds(server, format, stream.length);
      }
    }
    floor(input);
  }

  // The stream rendered once by a scripted fake MaxScale, at the rate it renders it.
  private static DecodeInput capture() throws IOException {
    long start = System.nanoTime();
    byte[] json;
    byte[] avro;
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      Workload.insertInTransactionsOf(server, Shapes.COMMANDES, ROWS, TRANSACTION_ROWS);
      System.out.printf(Locale.ROOT, "generated in %.1f s%n", (System.nanoTime() - start) / 1e9);
      json = timedCapture(server, Format.JSON);
      avro = timedCapture(server, Format.AVRO);
    }
    DecodeInput input = DecodeInput.of(Shapes.COMMANDES, ROWS, json, avro);
    System.out.printf(
        Locale.ROOT,
        "served with MaxScale's writes: JSON %,d bytes in %,d writes (one per line), AVRO %,d"
            + " bytes%n",
        json.length,
        ROWS + 1,
        avro.length);
    return input;
  }

  private static byte[] timedCapture(FakeMaxScale server, Format format) throws IOException {
    long start = System.nanoTime();
    byte[] bytes =
        StreamCapture.captureUntilIdle(
            server, Shapes.COMMANDES.qualifiedName(), format, IDLE_MILLIS);
    double seconds = (System.nanoTime() - start) / 1e9 - IDLE_MILLIS / 1e3;
    System.out.printf(
        Locale.ROOT,
        "scripted fake MaxScale, rendering the %s stream as it serves it: %.1f s, about %,.0f"
            + " rows/s%n",
        format,
        seconds,
        ROWS / seconds);
    return bytes;
  }

  private static void rounds(FakeMaxScale server, Format format, long bytes) throws Exception {
    System.out.printf(
        Locale.ROOT, "%s, rows/s (first byte to last, read from the pipe):%n", format);
    List<Double> pumps = new ArrayList<>();
    List<Double> streams = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    for (int round = 1; round <= ROUNDS; round++) {
      double pump = pump(server, format, bytes);
      double stream = stream(server, format, round);
      pumps.add(pump);
      streams.add(stream);
      ratios.add(stream / pump);
      System.out.printf(
          Locale.ROOT,
          "round %d: byte pump %,10.0f   maxcdc stream %,10.0f   ratio %.2fx   (load %s)%n",
          round,
          pump,
          stream,
          stream / pump,
          loadAverage());
    }
    System.out.printf(
        Locale.ROOT,
        "median: byte pump %,10.0f   maxcdc stream %,10.0f   median ratio %.2fx (target %s)%n",
        median(pumps),
        median(streams),
        median(ratios),
        format == Format.JSON ? ">= 1.0x" : ">= 0.5x");
  }

  private static double pump(FakeMaxScale server, Format format, long bytes) throws Exception {
    List<String> command = java(List.of());
    command.addAll(
        List.of(
            BytePump.class.getName(),
            server.host(),
            String.valueOf(server.port()),
            Shapes.COMMANDES.qualifiedName(),
            format.name()));
    Process process = start(command, "pump");
    // JSON: the schema line and one line per row; AVRO: every byte of the container stream
    ChildOutput out = ChildOutput.drain(process, format == Format.JSON ? ROWS + 1 : 0, bytes);
    stop(process);
    if (format == Format.JSON && !out.tail.contains("\"id\": " + ROWS + ",")) {
      throw new IllegalStateException("the pump's last line is not row " + ROWS + ": " + out.tail);
    }
    return ROWS / (out.nanos / 1e9);
  }

  private static double stream(FakeMaxScale server, Format format, int round) throws Exception {
    List<String> options = new ArrayList<>();
    if (JFR != null) {
      options.add("-Xlog:jfr+startup=off"); // JFR's start-up message would go to stdout
      options.add(
          "-XX:StartFlightRecording=settings=profile,filename="
              + Path.of(JFR, "stream-" + format + "-" + round + ".jfr"));
    }
    List<String> command = java(options);
    command.addAll(
        List.of(
            "io.github.maxcdc.examples.Main",
            "stream",
            "--host",
            server.host(),
            "--port",
            String.valueOf(server.port()),
            "--user",
            FakeMaxScale.DEFAULT_USER,
            "--password-env",
            "CDC_PASSWORD",
            "--table",
            Shapes.COMMANDES.qualifiedName(),
            "--format",
            format.name().toLowerCase(Locale.ROOT),
            "--idle-exit",
            "2s"));
    Process process = start(command, "stream");
    ChildOutput out = ChildOutput.drain(process, ROWS, 0);
    if (JFR != null) {
      process.waitFor(); // lets the recording be written at exit (after --idle-exit)
    }
    stop(process);
    if (!out.tail.contains("\"id\":" + ROWS + ",")) {
      throw new IllegalStateException("stream's last line is not row " + ROWS + ": " + out.tail);
    }
    return ROWS / (out.nanos / 1e9);
  }

  private static List<String> java(List<String> options) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.addAll(List.of("-cp", ReplicateChild.jar()));
    return command;
  }

  private static Process start(List<String> command, String name) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(WORK.resolve(name + ".err").toFile());
    builder.environment().put("CDC_PASSWORD", FakeMaxScale.DEFAULT_PASSWORD);
    return builder.start();
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  // One thread: decoding alone, then decoding and printing into nothing, alternated.
  private static void floor(DecodeInput input) throws Exception {
    System.out.println(
        "floor in one thread of this JVM, events/s (median of 5 alternated passes):");
    for (Format format : Format.values()) {
      double[] decode = new double[5];
      double[] print = new double[5];
      for (int i = 0; i < 5; i++) {
        decode[i] = pass(input, format, false);
        print[i] = pass(input, format, true);
      }
      Arrays.sort(decode);
      Arrays.sort(print);
      System.out.printf(
          Locale.ROOT,
          "%s: decode only %,10.0f   decode and print %,10.0f   (load %s)%n",
          format,
          decode[2],
          print[2],
          loadAverage());
    }
  }

  private static double pass(DecodeInput input, Format format, boolean print) throws Exception {
    OutputStream sink = new BufferedOutputStream(OutputStream.nullOutputStream(), 1 << 16);
    ChangeLineWriter writer = new ChangeLineWriter(sink);
    long[] count = new long[1];
    long start = System.nanoTime();
    java.util.function.Consumer<io.github.maxcdc.event.ChangeEvent> events =
        e -> {
          count[0]++;
          if (print) {
            try {
              writer.write(e);
            } catch (IOException x) {
              throw new UncheckedIOException(x);
            }
          }
        };
    if (format == Format.JSON) {
      input.decodeJson(events);
    } else {
      input.decodeAvro(events);
    }
    writer.flush();
    return count[0] / ((System.nanoTime() - start) / 1e9);
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[sorted.length / 2];
  }

  private static String loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", load);
  }
}
