package io.github.maxcdc.bench.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a unified GC log ({@code -Xlog:gc}): the largest heap occupancy after a collection (an
 * upper bound of the live heap at that moment) and before one (the peak heap used).
 */
record GcLog(int collections, long peakAfterMb, long peakBeforeMb) {
  private static final Pattern PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  static GcLog read(Path log) throws IOException {
    int collections = 0;
    long after = 0;
    long before = 0;
    for (String line : Files.readAllLines(log)) {
      Matcher m = PAUSE.matcher(line);
      if (line.contains("Pause") && m.find()) {
        collections++;
        before = Math.max(before, Long.parseLong(m.group(1)));
        after = Math.max(after, Long.parseLong(m.group(2)));
      }
    }
    return new GcLog(collections, after, before);
  }
}
