package io.github.maxcdc.bench.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.maxcdc.CdcException;
import io.github.maxcdc.bench.source.Shapes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Events decoded per second on one thread: the client's path (decoder and assembler, producing
 * typed {@link io.github.maxcdc.event.ChangeEvent}s) against the floor of each format over the same
 * bytes: a Jackson streaming pass that only tokenizes (JSON), Apache Avro's {@code
 * GenericDatumReader} reading a new generic record per row (AVRO). Scores are operations per second
 * where one operation is one event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@OperationsPerInvocation(DecodeBenchmark.ROWS)
public class DecodeBenchmark {
  /** Rows in each measured stream. */
  public static final int ROWS = 5000;

  /** The row shape. */
  @Param({"COMMANDES", "ALL_TYPES"})
  public Shapes shape;

  private DecodeInput input;
  private final JsonFactory jackson = new JsonFactory();

  /** Captures both streams of the shape from a fake MaxScale. */
  @Setup(Level.Trial)
  public void capture() {
    input = DecodeInput.capture(shape, ROWS);
  }

  /** The client's JSON path: typed events. */
  @Benchmark
  public void jsonTyped(Blackhole bh) throws CdcException {
    input.decodeJson(bh::consume);
  }

  /** Floor: Jackson tokenizes the same bytes, nothing more. */
  @Benchmark
  public void jsonFloor(Blackhole bh) throws IOException {
    try (JsonParser parser = jackson.createParser(input.json)) {
      int tokens = 0;
      while (parser.nextToken() != null) {
        tokens++;
      }
      bh.consume(tokens);
    }
  }

  /**
   * Second floor: Jackson tokenizes the same bytes and reads every value (strings as {@code
   * String}, numbers as {@code long} or {@code double}), the least any decoder that hands values on
   * must do.
   */
  @Benchmark
  public void jsonValuesFloor(Blackhole bh) throws IOException {
    try (JsonParser parser = jackson.createParser(input.json)) {
      for (JsonToken t; (t = parser.nextToken()) != null; ) {
        switch (t) {
          case VALUE_STRING -> bh.consume(parser.getText());
          case VALUE_NUMBER_INT -> bh.consume(parser.getLongValue());
          case VALUE_NUMBER_FLOAT -> bh.consume(parser.getDoubleValue());
          default -> bh.consume(t);
        }
      }
    }
  }

  /** The client's AVRO path: typed events. */
  @Benchmark
  public void avroTyped(Blackhole bh) throws CdcException {
    input.decodeAvro(bh::consume);
  }

  /**
   * Floor: Apache Avro reads the same blocks into generic records (the headers MaxScale re-sends,
   * which Avro cannot read, removed).
   */
  @Benchmark
  public void avroFloor(Blackhole bh) throws IOException {
    try (DataFileStream<GenericRecord> records =
        new DataFileStream<>(
            new ByteArrayInputStream(input.avroFile), new GenericDatumReader<GenericRecord>())) {
      while (records.hasNext()) {
        bh.consume(records.next(null));
      }
    }
  }
}
