package io.github.maxcdc.bench.decode;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs {@link DecodeBenchmark} and prints each path against its format's floor, as a ratio. */
public final class DecodeRun {
  private DecodeRun() {}

  /** Runs the JMH benchmark and prints the table. */
  public static void run() throws RunnerException {
    Options options = new OptionsBuilder().include(DecodeBenchmark.class.getName() + "\\.").build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Double> scores = new HashMap<>();
    for (RunResult r : results) {
      String method = r.getParams().getBenchmark();
      String name = method.substring(method.lastIndexOf('.') + 1);
      scores.put(r.getParams().getParam("shape") + " " + name, r.getPrimaryResult().getScore());
    }
    System.out.println();
    System.out.println("decode, events/s on one thread (client path vs floor over the same bytes)");
    System.out.printf("%-10s %-5s %14s %14s %7s%n", "shape", "fmt", "maxcdc", "floor", "ratio");
    for (String shape : new String[] {"COMMANDES", "ALL_TYPES"}) {
      for (String format : new String[] {"json", "avro"}) {
        Double ours = scores.get(shape + " " + format + "Typed");
        Double floor = scores.get(shape + " " + format + "Floor");
        if (ours != null && floor != null) {
          System.out.printf(
              "%-10s %-5s %,14.0f %,14.0f %6.2fx%n", shape, format, ours, floor, ours / floor);
        }
      }
    }
  }
}
