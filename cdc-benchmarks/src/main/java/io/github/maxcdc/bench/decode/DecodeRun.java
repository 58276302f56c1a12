package io.github.maxcdc.bench.decode;

import io.github.maxcdc.bench.source.Shapes;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link DecodeBenchmark} (JMH), then the same paths paired round by round ({@link
 * PairedRatio}), and prints each path against its format's floor, as a ratio.
 */
public final class DecodeRun {
  private static final int ROUNDS = 21;

  private DecodeRun() {}

  /** Runs both and prints the tables. */
  public static void run() throws Exception {
    Options options = new OptionsBuilder().include(DecodeBenchmark.class.getName() + "\\.").build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Double> scores = new HashMap<>();
    for (RunResult r : results) {
      String method = r.getParams().getBenchmark();
      String name = method.substring(method.lastIndexOf('.') + 1);
      scores.put(r.getParams().getParam("shape") + " " + name, r.getPrimaryResult().getScore());
    }
    System.out.println();
    System.out.println("decode (JMH), events/s on one thread, client path vs floor");
    System.out.printf("%-10s %-16s %14s %14s %7s%n", "shape", "floor", "maxcdc", "floor", "ratio");
    for (Shapes shape : Shapes.values()) {
      for (String[] pair :
          new String[][] {
            {"json", "jsonFloor"}, {"json", "jsonValuesFloor"}, {"avro", "avroFloor"}
          }) {
        Double ours = scores.get(shape + " " + pair[0] + "Typed");
        Double floor = scores.get(shape + " " + pair[1]);
        if (ours != null && floor != null) {
          System.out.printf(
              "%-10s %-16s %,14.0f %,14.0f %6.2fx%n", shape, pair[1], ours, floor, ours / floor);
        }
      }
    }
    System.out.println("load average " + loadAverage());
    paired();
    System.out.println("load average " + loadAverage());
  }

  private static String loadAverage() {
    return String.format(
        java.util.Locale.ROOT,
        "%.2f",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static void paired() throws Exception {
    System.out.println();
    System.out.println("decode (paired rounds, median of " + ROUNDS + "), client path vs floor");
    System.out.printf(
        "%-10s %-16s %14s %14s %7s %9s%n",
        "shape", "floor", "maxcdc", "floor", "ratio", "cpu ratio");
    for (Shapes shape : Shapes.values()) {
      DecodeBenchmark b = new DecodeBenchmark();
      b.shape = shape;
      b.capture();
      Floors f = new Floors(b);
      print(shape, "jsonFloor", f.measure(f::jsonTyped, f::jsonFloor));
      print(shape, "jsonValuesFloor", f.measure(f::jsonTyped, f::jsonValuesFloor));
      print(shape, "avroFloor", f.measure(f::avroTyped, f::avroFloor));
    }
  }

  private static void print(Shapes shape, String floor, PairedRatio.Result r) {
    System.out.printf(
        "%-10s %-16s %,14.0f %,14.0f %6.2fx %8.2fx%n",
        shape, floor, r.events(), r.baseline(), r.ratio(), r.cpuRatio());
  }

  /** The benchmark's methods as passes over the whole stream, 20 passes per round. */
  private static final class Floors {
    private static final int PASSES = 20;
    private final DecodeBenchmark b;
    private final org.openjdk.jmh.infra.Blackhole bh =
        new org.openjdk.jmh.infra.Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is"
                + " dangerous.");

    Floors(DecodeBenchmark b) {
      this.b = b;
    }

    PairedRatio.Result measure(PairedRatio.Pass path, PairedRatio.Pass floor) throws Exception {
      return PairedRatio.measure(DecodeBenchmark.ROWS * PASSES, path, floor, 5, ROUNDS);
    }

    long jsonTyped() throws Exception {
      for (int i = 0; i < PASSES; i++) {
        b.jsonTyped(bh);
      }
      return 1;
    }

    long jsonFloor() throws Exception {
      for (int i = 0; i < PASSES; i++) {
        b.jsonFloor(bh);
      }
      return 1;
    }

    long jsonValuesFloor() throws Exception {
      for (int i = 0; i < PASSES; i++) {
        b.jsonValuesFloor(bh);
      }
      return 1;
    }

    long avroTyped() throws Exception {
      for (int i = 0; i < PASSES; i++) {
        b.avroTyped(bh);
      }
      return 1;
    }

    long avroFloor() throws Exception {
      for (int i = 0; i < PASSES; i++) {
        b.avroFloor(bh);
      }
      return 1;
    }
  }
}
