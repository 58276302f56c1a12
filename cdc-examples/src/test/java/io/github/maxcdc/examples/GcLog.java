package io.github.maxcdc.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap figures of a child JVM, from the {@code -Xlog:gc:file=...} log it wrote: each collection
 * logs {@code used-before->used-after(committed)}.
 *
 * @param collections collections logged
 * @param peakBeforeGc most heap in use, in bytes, when a collection started
 * @param peakAfterGc most heap still in use, in bytes, after a collection: the live set's peak
 * @param peakCommitted most heap committed, in bytes
 */
record GcLog(int collections, long peakBeforeGc, long peakAfterGc, long peakCommitted) {
  private static final Pattern SIZES =
      Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

  /** The options that make a child JVM write the log. */
  static List<String> options(Path log) {
    return List.of("-Xlog:gc:file=" + log);
  }

  /** Reads the log a child wrote. */
  static GcLog read(Path log) throws IOException {
    int collections = 0;
    long before = 0;
    long after = 0;
    long committed = 0;
    for (String line : Files.readAllLines(log)) {
      Matcher m = SIZES.matcher(line);
      if (line.contains(" Pause ") && m.find()) {
        collections++;
        before = Math.max(before, bytes(m.group(1), m.group(2)));
        after = Math.max(after, bytes(m.group(3), m.group(4)));
        committed = Math.max(committed, bytes(m.group(5), m.group(6)));
      }
    }
    return new GcLog(collections, before, after, committed);
  }

  private static long bytes(String number, String unit) {
    long n = Long.parseLong(number);
    return switch (unit) {
      case "K" -> n << 10;
      case "M" -> n << 20;
      default -> n << 30;
    };
  }

  /** {@code "12 collections, peak 30.0 MiB after GC (90.0 MiB before, 123.0 MiB committed)"}. */
  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "%d collections, peak %.1f MiB after GC (%.1f MiB before, %.1f MiB committed)",
        collections,
        peakAfterGc / 1048576.0,
        peakBeforeGc / 1048576.0,
        peakCommitted / 1048576.0);
  }
}
