package io.github.maxcdc.bench;

import io.github.maxcdc.bench.apply.ApplyRun;
import io.github.maxcdc.bench.copy.SourceRun;
import io.github.maxcdc.bench.decode.DecodeRun;
import io.github.maxcdc.bench.e2e.E2eRun;
import io.github.maxcdc.bench.memory.MemoryRun;
import io.github.maxcdc.bench.resume.ResumeRun;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs the benchmarks named on the command line ({@code all} for every one) and prints each figure
 * next to its baseline measured in the same run. See BENCHMARKS.md.
 */
public final class Benchmarks {
  private static final List<String> NAMES =
      List.of(
          "decode", "apply", "e2e", "memory", "resume", "source", "kafka", "publish", "group",
          "stream");

  private Benchmarks() {}

  /** Entry point: {@code java -jar benchmarks.jar all|decode ...}. */
  public static void main(String[] args) throws Exception {
    List<String> chosen = args.length == 0 ? List.of() : Arrays.asList(args);
    if (chosen.isEmpty()
        || !NAMES.containsAll(chosen.stream().filter(a -> !a.equals("all")).toList())) {
      System.err.println("usage: java -jar benchmarks.jar all | " + String.join(" ", NAMES));
      System.exit(2);
    }
    boolean all = chosen.contains("all");
    printMachine();
    if (all || chosen.contains("decode")) {
      DecodeRun.run();
    }
    if (all || chosen.contains("apply")) {
      ApplyRun.run();
    }
    if (all || chosen.contains("e2e")) {
      E2eRun.run();
    }
    if (all || chosen.contains("memory")) {
      MemoryRun.run();
    }
    if (all || chosen.contains("resume")) {
      ResumeRun.run();
    }
    if (all || chosen.contains("source")) {
      SourceRun.run();
    }
    if (all || chosen.contains("kafka")) {
      io.github.maxcdc.bench.e2e.KafkaRun.run();
    }
    if (all || chosen.contains("publish")) {
      io.github.maxcdc.bench.publish.PublishRun.run();
    }
    if (all || chosen.contains("group")) {
      io.github.maxcdc.bench.e2e.GroupRun.run();
    }
    if (all || chosen.contains("stream")) {
      io.github.maxcdc.bench.stream.StreamRun.run();
    }
  }

  private static void printMachine() {
    System.out.printf(
        "machine: %d cores available, Java %s (%s), load average at start: %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        loadAverage());
  }

  // Other work on the machine skews every absolute figure: print how busy it was.
  private static String loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", load);
  }
}
