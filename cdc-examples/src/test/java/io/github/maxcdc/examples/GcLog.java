package io.github.maxcdc.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap figures of a child JVM, from the {@code -Xlog:gc:file=...} log it wrote: each collection
 * logs {@code used-before->used-after(committed)}.
 *
 * <p>After a young collection the heap still holds the old generation's garbage, so the figure that
 * bounds what the program really keeps is the heap after a full collection; a run with none never
 * came near its limit.
 *
 * @param collections collections logged
 * @param fullCollections full collections among them
 * @param peakBeforeGc most heap in use, in bytes, when a collection started
 * @param peakAfterGc most heap in use, in bytes, after any collection (garbage included)
 * @param peakAfterFullGc most heap in use, in bytes, after a full collection: live data only
 * @param peakCommitted most heap committed, in bytes
 */
record GcLog(
    int collections,
    int fullCollections,
    long peakBeforeGc,
    long peakAfterGc,
    long peakAfterFullGc,
    long peakCommitted) {
  private static final Pattern SIZES =
      Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

  /** The options that make a child JVM write the log. */
  static List<String> options(Path log) {
    return List.of("-Xlog:gc:file=" + log);
  }

  /** Reads the log a child wrote. */
  static GcLog read(Path log) throws IOException {
    int collections = 0;
    int full = 0;
    long before = 0;
    long after = 0;
    long afterFull = 0;
    long committed = 0;
    for (String line : Files.readAllLines(log)) {
      Matcher m = SIZES.matcher(line);
      if (line.contains(" Pause ") && m.find()) {
        collections++;
        long left = bytes(m.group(3), m.group(4));
        before = Math.max(before, bytes(m.group(1), m.group(2)));
        after = Math.max(after, left);
        committed = Math.max(committed, bytes(m.group(5), m.group(6)));
        if (line.contains(" Pause Full ")) {
          full++;
          afterFull = Math.max(afterFull, left);
        }
      }
    }
    return new GcLog(collections, full, before, after, afterFull, committed);
  }

  private static long bytes(String number, String unit) {
    long n = Long.parseLong(number);
    return switch (unit) {
      case "K" -> n << 10;
      case "M" -> n << 20;
      default -> n << 30;
    };
  }

  /** The figures in MiB, e.g. for a test's output. */
  @Override
  public String toString() {
    String live =
        fullCollections == 0
            ? "no full GC"
            : String.format(
                Locale.ROOT,
                "%d full, heap after a full GC at most %.1f MiB",
                fullCollections,
                mib(peakAfterFullGc));
    return String.format(
        Locale.ROOT,
        "%d collections, %s; after any GC at most %.1f MiB, before at most %.1f MiB,"
            + " committed %.1f MiB",
        collections,
        live,
        mib(peakAfterGc),
        mib(peakBeforeGc),
        mib(peakCommitted));
  }

  private static double mib(long bytes) {
    return bytes / 1048576.0;
  }
}
